// Values for computed attributes: what Auth0 would have filled in on create, derived
// from the object itself or from related objects in the store, else an empty value.
import { idFor, newClientId, randomHex, randomString } from "./ids";
import type { BlockSchema } from "./schema";
import type { JsonObject, World } from "./store";
import { emptyOf, isUnknown, resolveAllUnknowns, rewriteComputed, type ComputedSlot, type ObjectValue, type Value } from "./values";

function resourceServerByIdentifier(world: World, identifier: unknown): JsonObject | undefined {
  return Object.values(world.resources.auth0_resource_server ?? {}).find((rs) => rs.identifier === identifier);
}

function scopeDescription(world: World, identifier: unknown, scope: unknown): string {
  const fromSet = Object.values(world.resources.auth0_resource_server_scopes ?? {})
    .filter((s) => s.resource_server_identifier === identifier)
    .flatMap((s) => (Array.isArray(s.scopes) ? s.scopes : []))
    .find((s) => typeof s === "object" && s !== null && !Array.isArray(s) && s.name === scope) as JsonObject | undefined;
  if (fromSet && typeof fromSet.description === "string") return fromSet.description;
  const single = Object.values(world.resources.auth0_resource_server_scope ?? {}).find((s) => s.resource_server_identifier === identifier && s.scope === scope);
  return single && typeof single.description === "string" ? single.description : "";
}

/** Type-specific values, keyed by "<type> <block path>.<attribute>". */
const DERIVED: Record<string, (slot: ComputedSlot, world: World, root: ObjectValue) => Value> = {
  "auth0_client .client_id": () => newClientId(),
  "auth0_resource_server .client_id": () => newClientId(),
  "auth0_connection_clients .name": (_s, world, root) => world.resources.auth0_connection?.[root.connection_id as string]?.name ?? "",
  "auth0_connection_clients .strategy": (_s, world, root) => world.resources.auth0_connection?.[root.connection_id as string]?.strategy ?? "",
  "auth0_role_permissions permissions.description": (s, world) => scopeDescription(world, s.holder.resource_server_identifier, s.holder.name),
  "auth0_role_permissions permissions.resource_server_name": (s, world) => resourceServerByIdentifier(world, s.holder.resource_server_identifier)?.name ?? "",
  "auth0_role_permission .description": (_s, world, root) => scopeDescription(world, root.resource_server_identifier, root.permission),
  "auth0_role_permission .resource_server_name": (_s, world, root) => resourceServerByIdentifier(world, root.resource_server_identifier)?.name ?? "",
};

/** Fallbacks by attribute name for any type. */
function generic(slot: ComputedSlot): Value {
  if (slot.attr.type !== "string") return emptyOf(slot.attr.type);
  const { name, blockPath } = slot;
  if (name.endsWith("_at")) return new Date().toISOString();
  if (name === "id" && blockPath.length > 0) return `cred_${randomString(22)}`;
  if (name === "key_id") return randomString(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
  if (name === "thumbprint_sha256") return randomHex(64);
  return "";
}

/** Rules that invent values: used on create only, so that reads stay deterministic. */
const INVENTED = new Set(["auth0_client .client_id", "auth0_resource_server .client_id"]);

function derive(type: string, world: World, root: ObjectValue, creating: boolean): (slot: ComputedSlot) => Value {
  return (slot) => {
    const key = `${type} ${slot.blockPath.join(".")}.${slot.name}`;
    if (!creating) {
      if (key === "auth0_client .client_id") return root.id;
      if (INVENTED.has(key)) return emptyOf(slot.attr.type);
    }
    const rule = DERIVED[key];
    const v = rule ? rule(slot, world, root) : creating ? generic(slot) : emptyOf(slot.attr.type);
    return v === undefined ? emptyOf(slot.attr.type) : (v as Value);
  };
}

/**
 * Apply: replaces every unknown in the planned state (id last, since composite ids are
 * built from the other attributes) and leaves every known planned value untouched.
 */
export function completePlanned(type: string, block: BlockSchema, planned: ObjectValue, world: World): ObjectValue {
  const state = planned;
  const idUnknown = isUnknown(state.id);
  const fill = derive(type, world, state, true);
  rewriteComputed(
    state,
    block,
    (v) => isUnknown(v),
    (slot) => (slot.blockPath.length === 0 && slot.name === "id" ? slot.holder.id : fill(slot)),
  );
  if (idUnknown) state.id = idFor(type, state);
  resolveAllUnknowns(state, block);
  return state;
}

/** Read/import: a stored object that lacks computed values (hand-written) gets them. */
export function completeStored(type: string, block: BlockSchema, stored: ObjectValue, world: World): ObjectValue {
  rewriteComputed(stored, block, (v) => v === null, derive(type, world, stored, false));
  return stored;
}
