// Values for computed attributes: what Auth0 fills in on create (the area's server
// defaults, values derived from related objects, invented ids), and on read for stored
// objects written by hand that lack them.
import type { BlockSchema } from "../schema";
import type { World } from "../store";
import { emptyOf, isUnknown, resolveAllUnknowns, rewriteComputed, UNKNOWN, type ComputedSlot, type ObjectValue, type Value } from "../values";
import { idFor, randomHex, randomString } from "./ids";
import { specOf } from "./registry";

const keyOf = (slot: ComputedSlot): string => [...slot.blockPath, slot.name].join(".");

/** Fallbacks by attribute name for any type, when no area says what Auth0 fills in. */
function generic(slot: ComputedSlot): Value {
  if (slot.attr.type !== "string") return emptyOf(slot.attr.type);
  const { name, blockPath } = slot;
  if (name.endsWith("_at")) return new Date().toISOString();
  if (name === "id" && blockPath.length > 0) return `cred_${randomString(22)}`;
  if (name === "key_id") return randomString(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
  if (name === "thumbprint_sha256") return randomHex(64);
  return "";
}

function fillOnCreate(type: string, world: World, root: ObjectValue): (slot: ComputedSlot) => Value {
  const spec = specOf(type);
  return (slot) => {
    const key = keyOf(slot);
    const derived = spec.derived?.[key];
    if (derived) return derived(slot, world, root) ?? emptyOf(slot.attr.type);
    const d = spec.serverDefaults?.[key];
    if (d !== undefined) return typeof d === "function" ? d(slot, world, root) : structuredClone(d);
    return generic(slot);
  };
}

/** Optional+Computed blocks left out on create: Auth0's default block, or none. */
function fillComputedBlocks(type: string, state: ObjectValue, world: World): void {
  const spec = specOf(type);
  for (const name of spec.computedBlocks ?? []) {
    if (!isUnknown(state[name])) continue;
    const d = spec.serverDefaults?.[name];
    state[name] = d === undefined ? [] : typeof d === "function" ? d({ blockPath: [], name, attr: { type: "dynamic" }, holder: state }, world, state) : structuredClone(d);
  }
}

/**
 * Apply (create or update): replaces every unknown in the planned state (id last, since
 * composite ids are built from the other attributes) and leaves known values untouched.
 */
export function completePlanned(type: string, block: BlockSchema, planned: ObjectValue, world: World): ObjectValue {
  const state = planned;
  const idUnknown = isUnknown(state.id);
  fillComputedBlocks(type, state, world);
  const fill = fillOnCreate(type, world, state);
  rewriteComputed(
    state,
    block,
    (v) => isUnknown(v),
    (slot) => (slot.blockPath.length === 0 && slot.name === "id" ? UNKNOWN : fill(slot)),
  );
  if (idUnknown) state.id = idFor(type, state);
  resolveAllUnknowns(state, block);
  return state;
}

/** Read/import: derived values are recomputed; computed values a hand-written object lacks are empty. */
export function completeStored(type: string, block: BlockSchema, stored: ObjectValue, world: World): ObjectValue {
  const spec = specOf(type);
  rewriteComputed(
    stored,
    block,
    () => true,
    (slot) => {
      const derived = spec.derived?.[keyOf(slot)];
      if (derived) return derived(slot, world, stored) ?? emptyOf(slot.attr.type);
      const v = slot.holder[slot.name];
      return v === null || v === undefined ? emptyOf(slot.attr.type) : v;
    },
  );
  return stored;
}
