// The managed-resource calls, generic over every type in the schema: plan from the
// proposed state, apply by filling in the unknowns, read and import from the store.
// What differs between types is declared by the areas (areas/*.ts, see engine/spec.ts).
import { error, type AttributePath, type Diagnostic, type Result } from "../diagnostics";
import { log } from "../log";
import { resourceSchema, type BlockSchema } from "../schema";
import { getResource, loadWorld, resourcesOf, storePath, updateWorld, type JsonObject, type World } from "../store";
import { isObject, normalizeBlock, rewriteComputed, sameValue, UNKNOWN, type ObjectValue, type Value } from "../values";
import { ApiRefusal, callApi, collectionPath } from "./api";
import { completePlanned, completeStored } from "./complete";
import { deleteCascading, parentsExist, referenceRules, withoutDeletedIds } from "./references";
import { specOf } from "./registry";
import type { ApplyContext, Outcome } from "./spec";

export function blockOf(type: string): BlockSchema {
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

/** Write-only arguments are never in a plan or a state (Terraform 1.11 requires them null there). */
function dropWriteOnly(obj: ObjectValue, block: BlockSchema): void {
  for (const [name, attr] of Object.entries(block.attributes ?? {})) if (attr.write_only) obj[name] = null;
  for (const [name, bt] of Object.entries(block.block_types ?? {})) {
    const v = obj[name];
    for (const item of Array.isArray(v) ? v : isObject(v) ? [v] : []) if (isObject(item)) dropWriteOnly(item, bt.block);
  }
}

/** The schema's `Default:` values (set by the provider at plan time, not by Terraform). */
function applyPlanDefaults(type: string, planned: ObjectValue): void {
  for (const [path, value] of Object.entries(specOf(type).planDefaults ?? {})) {
    const [first, second] = path.split(".");
    if (second === undefined) {
      if (planned[first] === null) planned[first] = value;
      continue;
    }
    const items = planned[first];
    for (const item of Array.isArray(items) ? items : []) if (isObject(item) && item[second] === null) item[second] = value;
  }
}

/** Optional+Computed blocks: left out, they keep Auth0's value (update) or are Auth0's to fill (create). */
function planComputedBlocks(type: string, planned: ObjectValue, prior: ObjectValue | null): void {
  for (const name of specOf(type).computedBlocks ?? []) {
    const v = planned[name];
    if (Array.isArray(v) && v.length > 0) continue;
    planned[name] = prior ? prior[name] : UNKNOWN;
  }
}

/**
 * A set element whose arguments did not change keeps its computed values: the SDK's set
 * hash covers the arguments only (e.g. organizationConnectionSetHash leaves out
 * organization_access_level), so the provider plans no change for it.
 */
function carryComputedInSets(planned: ObjectValue, prior: ObjectValue | null, block: BlockSchema): void {
  if (!prior) return;
  for (const [name, bt] of Object.entries(block.block_types ?? {})) {
    const now = planned[name];
    const before = prior[name];
    if (bt.nesting_mode !== "set" || !Array.isArray(now) || !Array.isArray(before)) continue;
    const attrs = Object.entries(bt.block.attributes ?? {});
    const args = attrs.filter(([, a]) => !a.computed || a.optional);
    const computed = attrs.filter(([, a]) => a.computed);
    for (const element of now) {
      if (!isObject(element)) continue;
      const match = before.find(
        (p) => isObject(p) && args.every(([n, a]) => (a.computed && element[n] === null) || sameValue(element[n], p[n], a.type)),
      );
      if (!isObject(match)) continue;
      for (const [n] of computed) if (element[n] === null) element[n] = match[n];
    }
  }
}

const emptyOrNull = (v: Value): boolean => v === null || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);

/**
 * terraform-plugin-sdk v2 keeps state as a flat map, where an empty map or list and null
 * are the same: the provider plans no change between them (an organization whose
 * `metadata` is {} in Auth0 and unset in the configuration shows no diff).
 */
function sameEmptyCollections(planned: ObjectValue, prior: ObjectValue | null, block: BlockSchema): void {
  if (!prior) return;
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (typeof attr.type !== "string" && emptyOrNull(planned[name]) && emptyOrNull(prior[name])) planned[name] = prior[name];
  }
}

function requiresReplace(type: string, block: BlockSchema, prior: ObjectValue, planned: ObjectValue): AttributePath[] {
  const attrs = block.attributes ?? {};
  return (specOf(type).forceNew ?? [])
    .filter((name) => attrs[name] && !sameValue(prior[name], planned[name], attrs[name].type))
    .map((name) => ({ steps: [{ attribute_name: name }] }));
}

export function plan(type: string, prior: Value, proposed: Value): Result & { requiresReplace: AttributePath[] } {
  const block = blockOf(type);
  const planned = normalizeBlock(proposed, block);
  if (!planned) return { value: null, diagnostics: [], requiresReplace: [] };
  const priorObj = normalizeBlock(prior, block);
  applyPlanDefaults(type, planned);
  carryComputedInSets(planned, priorObj, block);
  sameEmptyCollections(planned, priorObj, block);
  planComputedBlocks(type, planned, priorObj);
  dropWriteOnly(planned, block);
  // Computed values Terraform has no prior value for are decided by Auth0 at apply.
  rewriteComputed(
    planned,
    block,
    (v) => v === null,
    (slot) => (slot.attr.write_only ? null : UNKNOWN),
  );
  return { value: planned, diagnostics: [], requiresReplace: priorObj ? requiresReplace(type, block, priorObj, planned) : [] };
}

/**
 * The provider's update sends what the configuration sets (value.String(cfg.GetAttr(...))
 * and friends return nil for null): an Optional argument left out is not sent, so Auth0
 * keeps its value, and so does the state read back (TestAccOrganization.yaml: the PATCH
 * without "metadata" leaves it; `metadata = {}` clears it).
 */
function patch(block: BlockSchema, planned: ObjectValue, stored: JsonObject): ObjectValue {
  const out: ObjectValue = { ...planned };
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (attr.optional && !attr.computed && planned[name] === null && stored[name] !== undefined && stored[name] !== null) out[name] = stored[name] as Value;
  }
  for (const [name, bt] of Object.entries(block.block_types ?? {})) {
    const v = planned[name];
    const kept = stored[name];
    if (bt.min_items === undefined && Array.isArray(v) && v.length === 0 && Array.isArray(kept) && kept.length > 0) out[name] = kept as Value;
  }
  return out;
}

/** Create and update as the provider makes them: the area's own, else a POST or a PATCH of the object. */
function write(ctx: ApplyContext, block: BlockSchema): Outcome {
  const spec = specOf(ctx.type);
  const path = collectionPath(ctx.type);
  if (!ctx.stored) {
    if (spec.create) return spec.create(ctx);
    callApi("POST", path, ctx.type);
    return { state: ctx.state };
  }
  if (spec.update) return spec.update(ctx);
  callApi("PATCH", `${path}/${String(ctx.state.id)}`, ctx.type);
  return { state: patch(block, ctx.state, ctx.stored) };
}

export function apply(type: string, prior: Value, planned: Value, config: Value = null): Result {
  const block = blockOf(type);
  const priorId = idOf(prior);
  let result: Result = { value: null, diagnostics: [] };
  const refuse = (diagnostics: Diagnostic[]): false => {
    result = { value: prior === null ? null : normalizeBlock(prior, block), diagnostics };
    return false;
  };
  try {
    updateWorld((world) => {
      if (planned === null) {
        const stored = priorId ? lookup(world, type, priorId) : undefined;
        if (!priorId || !stored) return false;
        callApi("DELETE", `${collectionPath(type)}/${priorId}`, type);
        deleteCascading(world, type, priorId);
        log(`delete ${type} ${priorId}`);
        return true;
      }
      const state = completePlanned(type, block, normalizeBlock(planned, block) as ObjectValue, world);
      const stored = priorId ? lookup(world, type, priorId) : undefined;
      const ctx: ApplyContext = { type, state, world, stored, prior: normalizeBlock(prior, block), config: normalizeBlock(config, block) };
      const diagnostics = [...referenceRules(type, state, world), ...(specOf(type).rules ?? []).flatMap((rule) => rule(ctx))];
      if (hasErrors(diagnostics)) return refuse(diagnostics);
      const outcome = write(ctx, block);
      if ("diagnostics" in outcome) return refuse(outcome.diagnostics);
      const id = outcome.state.id as string;
      if (priorId && priorId !== id) delete world.resources[type]?.[priorId];
      const kept = { ...outcome.state };
      dropWriteOnly(kept, block);
      resourcesOf(world, type)[id] = kept as JsonObject;
      log(`${prior === null ? "create" : "update"} ${type} ${id}`);
      // The provider ends every create and update with a read, and that is the new state.
      result = { value: view(world, type, id) ?? kept, diagnostics };
      return true;
    });
  } catch (e) {
    if (e instanceof ApiRefusal) return { value: prior === null ? null : normalizeBlock(prior, block), diagnostics: [e.diagnostic] };
    throw e;
  }
  return result;
}

/** What Auth0 holds for an object (the area's view of it, else the stored object). */
function lookup(world: World, type: string, id: string): JsonObject | undefined {
  const spec = specOf(type);
  const found = getResource(world, type, id) ?? (type === "auth0_user" && world.users[id] ? { ...world.users[id], id } : undefined);
  return spec.read ? spec.read(world, id, found) : found;
}

/** A collection resource (e.g. auth0_organization_connections) exists, empty, as long as its parent does. */
function emptyCollection(world: World, type: string, id: string): JsonObject | undefined {
  const spec = specOf(type);
  const attr = spec.collectionOf;
  const ref = attr ? spec.references?.[attr] : undefined;
  return attr && ref && getResource(world, ref.type, id) ? { id, [attr]: id } : undefined;
}

/** The object as a read returns it, shaped to the schema; null when it is gone (Terraform re-creates it). */
function view(world: World, type: string, id: string): ObjectValue | null {
  const block = blockOf(type);
  const found = lookup(world, type, id);
  if (found && !parentsExist(world, type, found)) return null;
  const obj = found ? withoutDeletedIds(world, type, found) : emptyCollection(world, type, id);
  if (!obj) return null;
  const state = normalizeBlock(obj, block) as ObjectValue;
  dropWriteOnly(state, block);
  return completeStored(type, block, state, world);
}

export function read(type: string, current: Value): Result {
  const id = idOf(current);
  if (!id) return { value: current, diagnostics: [] };
  const state = view(loadWorld(), type, id);
  if (!state) log(`read ${type} ${id}: gone`);
  return { value: state, diagnostics: [] };
}

export function importState(type: string, id: string): Result {
  const state = view(loadWorld(), type, id);
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

