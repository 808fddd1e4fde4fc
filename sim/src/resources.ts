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

/** Auth0 removes an object's associations with it (memberships, grants, ...). */
const CASCADE: Record<string, string> = {
  auth0_organization: "organization_id",
  auth0_connection: "connection_id",
  auth0_client: "client_id",
  auth0_role: "role_id",
  auth0_client_grant: "grant_id",
};

function deleteWithAssociations(world: World, type: string, id: string): void {
  delete world.resources[type]?.[id];
  if (type === "auth0_user") delete world.users[id];
  const attr = CASCADE[type];
  if (!attr) return;
  const dependents = [...Object.keys(COMPOSITE_ID), ...(type === "auth0_client" ? ["auth0_client_grant"] : [])];
  for (const t of dependents) {
    for (const [key, obj] of Object.entries(world.resources[t] ?? {})) {
      if (obj[attr] === id) delete world.resources[t][key];
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

/** Parent types of the collections Auth0 keeps on an object (its connections, its permissions, ...). */
const COLLECTION_PARENT: Record<string, string> = {
  organization_id: "auth0_organization",
  connection_id: "auth0_connection",
  role_id: "auth0_role",
};

/** A collection resource (e.g. auth0_organization_connections) exists, empty, as long as its parent does. */
function emptyCollection(world: World, type: string, id: string): JsonObject | undefined {
  const parts = COMPOSITE_ID[type];
  const parent = parts?.length === 1 ? COLLECTION_PARENT[parts[0]] : undefined;
  return parent && getResource(world, parent, id) ? { id, [parts[0]]: id } : undefined;
}

/** The stored object, shaped to the schema; null when it is gone (Terraform re-creates it). */
function stored(type: string, id: string): ObjectValue | null {
  const block = blockOf(type);
  const world = loadWorld();
  // Seeded users are Auth0 users too, so an auth0_user can be imported from them.
  const seededUser = type === "auth0_user" ? world.users[id] : undefined;
  const obj = getResource(world, type, id) ?? (seededUser ? { ...seededUser, id } : undefined) ?? emptyCollection(world, type, id);
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
