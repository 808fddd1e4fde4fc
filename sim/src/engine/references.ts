// References between objects, declared per type (TypeSpec.references): Auth0 refuses a
// write that names a missing object (404), and when an object is deleted it deletes the
// associations that belong to it and drops its id from every list.
import { attrPath, error, type Diagnostic } from "../diagnostics";
import { findUser, getResource, type Json, type JsonObject, type World } from "../store";
import { isObject, type ObjectValue, type Value } from "../values";
import { declaredTypes, specOf } from "./registry";
import type { Reference } from "./spec";

/** The object `value` names, if Auth0 has it. */
export function referenced(world: World, ref: Reference, value: string): JsonObject | undefined {
  if (ref.type === "auth0_user" && !ref.by) return findUser(world, value);
  if (!ref.by) return getResource(world, ref.type, value);
  return Object.entries(world.resources[ref.type] ?? {}).find(([, o]) => o[ref.by!] === value)?.[1];
}

function exists(world: World, ref: Reference, value: string): boolean {
  return ref.builtIn?.(value) === true || referenced(world, ref, value) !== undefined;
}

function label(ref: Reference): string {
  return `${ref.type.replace(/^auth0_/, "").replace(/_/g, " ")}${ref.by ? ` with ${ref.by}` : ""}`;
}

/** Visits every value at `path` ("attr" or "block.attr") with its attribute path. */
function each(state: ObjectValue | JsonObject, path: string, visit: (value: Value | Json, steps: (string | number)[]) => void): void {
  const [first, second] = path.split(".");
  const top = state[first];
  if (second === undefined) {
    if (Array.isArray(top)) top.forEach((v, i) => visit(v, [first, i]));
    else visit(top, [first]);
    return;
  }
  if (!Array.isArray(top)) return;
  top.forEach((item, i) => {
    if (isObject(item)) visit(item[second], [first, i, second]);
  });
}

/** Auth0's 404 for every declared reference the state makes to a missing object. */
export function referenceRules(type: string, state: ObjectValue, world: World): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [path, ref] of Object.entries(specOf(type).references ?? {})) {
    each(state, path, (v, steps) => {
      if (typeof v === "string" && v !== "" && !exists(world, ref, v)) {
        out.push(error("Referenced object not found", `The ${label(ref)} "${v}" does not exist in the Auth0 tenant (404 Not Found).`, attrPath(...steps)));
      }
    });
  }
  return out;
}

/** The value of `key` on the deleted object that references of this shape match. */
const keyOf = (ref: Reference, id: string, gone: JsonObject): unknown => (ref.by ? gone[ref.by] : id);

/** Removes from `obj` every list entry that references the deleted object; true when `obj` itself must go. */
function detach(obj: JsonObject, path: string, ref: Reference, key: unknown): boolean {
  const [first, second] = path.split(".");
  const top = obj[first];
  if (second === undefined) {
    if (Array.isArray(top)) obj[first] = top.filter((v) => v !== key);
    return !Array.isArray(top) && top === key && ref.onDelete === "delete";
  }
  if (Array.isArray(top)) obj[first] = top.filter((item) => !(isObject(item) && item[second] === key));
  return false;
}

/** Deletes an object and what Auth0 deletes with it, following the declared references. */
export function deleteCascading(world: World, type: string, id: string): void {
  const gone = world.resources[type]?.[id] ?? (type === "auth0_user" ? world.users[id] : undefined);
  if (!gone) return;
  delete world.resources[type]?.[id];
  if (type === "auth0_user") delete world.users[id];
  specOf(type).remove?.(world, id, gone);
  for (const [holderType, spec] of declaredTypes()) {
    for (const [path, ref] of Object.entries(spec.references ?? {})) {
      if (ref.type !== type) continue;
      const key = keyOf(ref, id, { ...gone, id });
      for (const [holderId, holder] of Object.entries(world.resources[holderType] ?? {})) {
        if (detach(holder, path, ref, key)) deleteCascading(world, holderType, holderId);
      }
    }
  }
}

/** False when an object that goes with its parent has lost it (also by an edit made by hand in the store). */
export function parentsExist(world: World, type: string, obj: JsonObject): boolean {
  return Object.entries(specOf(type).references ?? {}).every(
    ([path, ref]) => ref.onDelete !== "delete" || path.includes(".") || typeof obj[path] !== "string" || exists(world, ref, obj[path] as string),
  );
}

/** A copy whose lists name only objects that exist: Auth0 lists nothing deleted (also by hand). */
export function withoutDeletedIds(world: World, type: string, obj: JsonObject): JsonObject {
  const copy: JsonObject = { ...obj };
  for (const [path, ref] of Object.entries(specOf(type).references ?? {})) {
    const [first, second] = path.split(".");
    const top = copy[first];
    if (!Array.isArray(top)) continue;
    copy[first] = top.filter((v) => {
      const value = second === undefined ? v : isObject(v) ? v[second] : undefined;
      return typeof value !== "string" || exists(world, ref, value);
    });
  }
  return copy;
}
