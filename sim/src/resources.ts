// The managed-resource calls, generic over every type in the schema: plan from the
// proposed state, apply by filling in the unknowns, read and import from the store.
import { completePlanned, completeStored } from "./derive";
import { error, type AttributePath, type Diagnostic, type Result } from "./diagnostics";
import { log } from "./log";
import { requiresReplace } from "./replace";
import { checkRules } from "./rules";
import { resourceSchema, type BlockSchema } from "./schema";
import { COMPOSITE_ID } from "./ids";
import { getResource, loadWorld, resourcesOf, storePath, updateWorld, type JsonObject, type World } from "./store";
import { isObject, normalizeBlock, rewriteComputed, UNKNOWN, type ObjectValue, type Value } from "./values";

function blockOf(type: string): BlockSchema {
  const s = resourceSchema(type);
  if (!s) throw new Error(`the auth0 provider has no resource type ${type}`);
  return s.block;
}

const hasErrors = (d: Diagnostic[]): boolean => d.some((x) => x.severity === "ERROR");

function idOf(v: Value): string | undefined {
  return isObject(v) && typeof v.id === "string" ? v.id : undefined;
}

export function upgradeState(type: string, rawJson: string): Value {
  return normalizeBlock(JSON.parse(rawJson), blockOf(type));
}

export function plan(type: string, prior: Value, proposed: Value): Result & { requiresReplace: AttributePath[] } {
  const block = blockOf(type);
  const planned = normalizeBlock(proposed, block);
  if (!planned) return { value: null, diagnostics: [], requiresReplace: [] };
  // Computed values Terraform has no prior value for are decided by Auth0 at apply.
  rewriteComputed(
    planned,
    block,
    (v) => v === null,
    () => UNKNOWN,
  );
  const priorObj = normalizeBlock(prior, block);
  return { value: planned, diagnostics: [], requiresReplace: priorObj ? requiresReplace(type, block, priorObj, planned) : [] };
}

/** Attributes that name the object an association belongs to, with that object's type. */
const PARENT_TYPE: Record<string, string> = {
  organization_id: "auth0_organization",
  connection_id: "auth0_connection",
  client_id: "auth0_client",
  role_id: "auth0_role",
  grant_id: "auth0_client_grant",
};

/** Lists that hold an object's id ([type, list attribute, field of each element]): Auth0 drops the id when the object goes. */
const LISTED_IN: Record<string, Array<[string, string, string?]>> = {
  auth0_connection: [["auth0_organization_connections", "enabled_connections", "connection_id"]],
  auth0_client: [["auth0_connection_clients", "enabled_clients"]],
  auth0_role: [
    ["auth0_organization_member_roles", "roles"],
    ["auth0_user_roles", "roles"],
  ],
};

function dropFromLists(world: World, type: string, id: string): void {
  for (const [listType, attribute, field] of LISTED_IN[type] ?? []) {
    for (const obj of Object.values(world.resources[listType] ?? {})) {
      const list = obj[attribute];
      if (Array.isArray(list)) obj[attribute] = list.filter((e) => (field && isObject(e) ? e[field] : e) !== id);
    }
  }
}

/** An API's scopes, grants and the permissions on it go with it; it is referred to by identifier, not id. */
function dropApi(world: World, identifier: unknown): void {
  for (const t of ["auth0_resource_server_scopes", "auth0_resource_server_scope"]) {
    for (const [key, obj] of Object.entries(world.resources[t] ?? {})) if (obj.resource_server_identifier === identifier) delete world.resources[t][key];
  }
  for (const [key, grant] of Object.entries(world.resources.auth0_client_grant ?? {})) {
    if (grant.audience === identifier) deleteWithAssociations(world, "auth0_client_grant", key);
  }
  for (const obj of Object.values(world.resources.auth0_role_permissions ?? {})) {
    if (Array.isArray(obj.permissions)) obj.permissions = obj.permissions.filter((p) => !isObject(p) || p.resource_server_identifier !== identifier);
  }
}

function deleteWithAssociations(world: World, type: string, id: string): void {
  const gone = world.resources[type]?.[id];
  delete world.resources[type]?.[id];
  if (type === "auth0_user") delete world.users[id];
  // A member's roles in the organization end with the membership (same composite id).
  if (type === "auth0_organization_member") delete world.resources.auth0_organization_member_roles?.[id];
  if (type === "auth0_resource_server" && gone) dropApi(world, gone.identifier);
  dropFromLists(world, type, id);
  // Auth0 removes an object's associations with it (memberships, grants, ...).
  const attr = Object.keys(PARENT_TYPE).find((a) => PARENT_TYPE[a] === type);
  if (!attr) return;
  const dependents = [...Object.keys(COMPOSITE_ID), ...(type === "auth0_client" ? ["auth0_client_grant"] : [])];
  for (const t of dependents) {
    for (const [key, obj] of Object.entries(world.resources[t] ?? {})) {
      if (obj[attr] === id) deleteWithAssociations(world, t, key);
    }
  }
}

export function apply(type: string, prior: Value, planned: Value): Result {
  const block = blockOf(type);
  const priorId = idOf(prior);
  let result: Result = { value: null, diagnostics: [] };
  updateWorld((world) => {
    if (planned === null) {
      log(`delete ${type} ${priorId ?? "?"}`);
      if (!priorId || !(world.resources[type]?.[priorId] || (type === "auth0_user" && world.users[priorId]))) return false;
      deleteWithAssociations(world, type, priorId);
      return true;
    }
    const state = completePlanned(type, block, normalizeBlock(planned, block) as ObjectValue, world);
    const diagnostics = checkRules(type, state, world, priorId);
    if (hasErrors(diagnostics)) {
      result = { value: prior === null ? null : normalizeBlock(prior, block), diagnostics };
      return false;
    }
    const id = state.id as string;
    if (priorId && priorId !== id) delete world.resources[type]?.[priorId];
    resourcesOf(world, type)[id] = state as JsonObject;
    log(`${prior === null ? "create" : "update"} ${type} ${id}`);
    result = { value: state, diagnostics };
    return true;
  });
  return result;
}

/** A collection resource (e.g. auth0_organization_connections) exists, empty, as long as its parent does. */
function emptyCollection(world: World, type: string, id: string): JsonObject | undefined {
  const parts = COMPOSITE_ID[type];
  const parent = parts?.length === 1 ? PARENT_TYPE[parts[0]] : undefined;
  return parent && getResource(world, parent, id) ? { id, [parts[0]]: id } : undefined;
}

/** An association whose parent was deleted (also by hand, in the store file) is gone too, as in Auth0. */
function parentsExist(world: World, type: string, obj: JsonObject): boolean {
  return (COMPOSITE_ID[type] ?? []).every((attr) => !PARENT_TYPE[attr] || getResource(world, PARENT_TYPE[attr], String(obj[attr])) !== undefined);
}

/** Auth0 lists only objects that exist: ids of deleted ones (also deleted by hand) drop out of lists. */
function withoutDeletedIds(world: World, type: string, obj: JsonObject): JsonObject {
  const copy = { ...obj };
  for (const [referenced, holders] of Object.entries(LISTED_IN)) {
    for (const [, attribute, field] of holders.filter(([holder]) => holder === type)) {
      const list = copy[attribute];
      if (Array.isArray(list)) copy[attribute] = list.filter((e) => getResource(world, referenced, String(field && isObject(e) ? e[field] : e)) !== undefined);
    }
  }
  return copy;
}

/** The stored object, shaped to the schema; null when it is gone (Terraform re-creates it). */
function stored(type: string, id: string): ObjectValue | null {
  const block = blockOf(type);
  const world = loadWorld();
  // Seeded users are Auth0 users too, so an auth0_user can be imported from them.
  const seededUser = type === "auth0_user" ? world.users[id] : undefined;
  const found = getResource(world, type, id);
  if (found && !parentsExist(world, type, found)) return null;
  const obj = found ? withoutDeletedIds(world, type, found) : ((seededUser ? { ...seededUser, id } : undefined) ?? emptyCollection(world, type, id));
  if (!obj) return null;
  const state = normalizeBlock(obj, block) as ObjectValue;
  return completeStored(type, block, state, world);
}

export function read(type: string, current: Value): Result {
  const id = idOf(current);
  if (!id) return { value: current, diagnostics: [] };
  const state = stored(type, id);
  if (!state) log(`read ${type} ${id}: gone`);
  return { value: state, diagnostics: [] };
}

export function importState(type: string, id: string): Result {
  const state = stored(type, id);
  if (!state) {
    return {
      value: null,
      diagnostics: [
        error(
          "Cannot import non-existent remote object",
          `There is no ${type} with id "${id}" in the simulated Auth0 tenant (${storePath()}). Check the id: ${type} is imported by the id its documentation gives.`,
        ),
      ],
    };
  }
  return { value: state, diagnostics: [] };
}
