// Terraform values in JS form and their wire encoding (object-wire-format.md): msgpack
// with unknown values as extension values, null as nil. Every value sent back to
// Terraform is first normalized to the schema's implied type, because Terraform rejects
// objects that lack an attribute or carry an extra one.
import { decode, encode, ExtData, ExtensionCodec } from "@msgpack/msgpack";
import type { AttributeSchema, BlockSchema, TypeExpr } from "./schema";

/** A value known only after apply. One instance is enough: unknowns carry no data here. */
export class Unknown {
  toJSON(): string {
    return "(known after apply)";
  }
}
export const UNKNOWN = new Unknown();

export type Value = null | string | number | boolean | Unknown | Value[] | { [key: string]: Value };
export type ObjectValue = { [key: string]: Value };

export function isUnknown(v: unknown): v is Unknown {
  // Any extension code is an unknown; code 12 carries refinements we may ignore.
  return v instanceof Unknown || v instanceof ExtData;
}

export function isObject(v: unknown): v is ObjectValue {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isUnknown(v);
}

const codec = new ExtensionCodec();
codec.register({
  type: 0,
  encode: (input: unknown) => (input instanceof Unknown ? new Uint8Array(0) : null),
  decode: () => UNKNOWN,
});
codec.register({ type: 12, encode: () => null, decode: () => UNKNOWN });

export interface DynamicValue {
  msgpack?: Buffer | Uint8Array | null;
  json?: Buffer | Uint8Array | null;
}

export function decodeDynamic(dv: DynamicValue | null | undefined): Value {
  if (dv?.msgpack && dv.msgpack.length > 0) {
    return decode(dv.msgpack, { extensionCodec: codec }) as Value;
  }
  if (dv?.json && dv.json.length > 0) {
    return JSON.parse(Buffer.from(dv.json).toString("utf8")) as Value;
  }
  return null;
}

export function encodeDynamic(v: Value): { msgpack: Buffer } {
  return { msgpack: Buffer.from(encode(v, { extensionCodec: codec })) };
}

// ---- shaping values to a type ----

export function normalizeType(v: unknown, t: TypeExpr): Value {
  if (v === null || v === undefined) return null;
  if (isUnknown(v)) return UNKNOWN;
  if (typeof t === "string") {
    switch (t) {
      case "string":
        if (typeof v === "string") return v;
        return typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);
      case "number": {
        if (typeof v === "number") return v;
        const n = Number(v);
        return Number.isFinite(n) ? n : null;
      }
      case "bool":
        return typeof v === "boolean" ? v : v === "true";
      default:
        return v as Value; // "dynamic": not used by this schema
    }
  }
  const [kind, arg] = t;
  switch (kind) {
    case "list":
    case "set":
      return Array.isArray(v) ? v.map((e) => normalizeType(e, arg as TypeExpr)) : null;
    case "map":
      return isObject(v) ? Object.fromEntries(Object.entries(v).map(([k, e]) => [k, normalizeType(e, arg as TypeExpr)])) : null;
    case "object": {
      if (!isObject(v)) return null;
      const attrs = arg as Record<string, TypeExpr>;
      return Object.fromEntries(Object.keys(attrs).map((k) => [k, normalizeType(v[k], attrs[k])]));
    }
    case "tuple": {
      const types = arg as TypeExpr[];
      return Array.isArray(v) ? types.map((et, i) => normalizeType(v[i], et)) : null;
    }
    default:
      return null;
  }
}

/** Shapes v to the object type a block implies; nested list/set blocks are never null. */
export function normalizeBlock(v: unknown, block: BlockSchema): ObjectValue | null {
  if (!isObject(v)) return null;
  const out: ObjectValue = {};
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    out[name] = normalizeType(v[name], attr.type);
  }
  for (const [name, bt] of Object.entries(block.block_types ?? {})) {
    const raw = v[name];
    if (isUnknown(raw)) {
      out[name] = UNKNOWN;
      continue;
    }
    switch (bt.nesting_mode) {
      case "list":
      case "set": {
        // A hand-edited store may hold a single block as a bare object.
        const items = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : [];
        out[name] = items.map((e) => (isUnknown(e) ? UNKNOWN : normalizeBlock(e, bt.block))).filter((e) => e !== null);
        break;
      }
      case "single":
        out[name] = normalizeBlock(Array.isArray(raw) ? raw[0] : raw, bt.block);
        break;
      case "group":
        out[name] = normalizeBlock(isObject(raw) ? raw : {}, bt.block);
        break;
      case "map":
        out[name] = isObject(raw)
          ? Object.fromEntries(
              Object.entries(raw)
                .map(([k, e]) => [k, normalizeBlock(e, bt.block)] as const)
                .filter(([, e]) => e !== null),
            )
          : {};
        break;
    }
  }
  return out;
}

// ---- defaults and walks over computed attributes ----

/** The value Auth0 would report when it has nothing to say: empty, false or zero. */
export function emptyOf(t: TypeExpr): Value {
  if (typeof t === "string") {
    return t === "string" ? "" : t === "number" ? 0 : t === "bool" ? false : null;
  }
  const [kind, arg] = t;
  switch (kind) {
    case "list":
    case "set":
      return [];
    case "map":
      return {};
    case "object": {
      const attrs = arg as Record<string, TypeExpr>;
      return Object.fromEntries(Object.keys(attrs).map((k) => [k, emptyOf(attrs[k])]));
    }
    case "tuple":
      return (arg as TypeExpr[]).map(emptyOf);
    default:
      return null;
  }
}

/** Replaces unknowns nested inside an attribute value (e.g. one list element) with empties. */
function resolveNested(v: Value, t: TypeExpr): Value {
  if (isUnknown(v)) return emptyOf(t);
  if (v === null || typeof t === "string") return v;
  const [kind, arg] = t;
  if ((kind === "list" || kind === "set") && Array.isArray(v)) return v.map((e) => resolveNested(e, arg as TypeExpr));
  if (kind === "map" && isObject(v)) {
    return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, resolveNested(e, arg as TypeExpr)]));
  }
  if (kind === "object" && isObject(v)) {
    const attrs = arg as Record<string, TypeExpr>;
    return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, resolveNested(e, attrs[k] ?? "dynamic")]));
  }
  if (kind === "tuple" && Array.isArray(v)) return v.map((e, i) => resolveNested(e, (arg as TypeExpr[])[i]));
  return v;
}

export interface ComputedSlot {
  /** Block names from the resource root down to the object holding the attribute. */
  blockPath: string[];
  name: string;
  attr: AttributeSchema;
  /** The object holding the attribute (siblings help derive a value). */
  holder: ObjectValue;
}

/**
 * Visits every computed attribute whose value satisfies `select` and replaces it with
 * what `fill` returns. Objects are changed in place.
 */
export function rewriteComputed(
  obj: ObjectValue,
  block: BlockSchema,
  select: (v: Value) => boolean,
  fill: (slot: ComputedSlot) => Value,
  blockPath: string[] = [],
): void {
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (attr.computed && select(obj[name])) obj[name] = fill({ blockPath, name, attr, holder: obj });
  }
  for (const [name, bt] of Object.entries(block.block_types ?? {})) {
    const raw = obj[name];
    const items = Array.isArray(raw) ? raw : isObject(raw) ? (bt.nesting_mode === "map" ? Object.values(raw) : [raw]) : [];
    for (const item of items) {
      if (isObject(item)) rewriteComputed(item, bt.block, select, fill, [...blockPath, name]);
    }
  }
}

/** Replaces every unknown left anywhere in a value (attributes or whole blocks). */
export function resolveAllUnknowns(obj: ObjectValue, block: BlockSchema): void {
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    obj[name] = resolveNested(obj[name], attr.type);
  }
  for (const [name, bt] of Object.entries(block.block_types ?? {})) {
    const raw = obj[name];
    if (isUnknown(raw)) {
      obj[name] = bt.nesting_mode === "map" ? {} : bt.nesting_mode === "list" || bt.nesting_mode === "set" ? [] : null;
      continue;
    }
    const items = Array.isArray(raw) ? raw : isObject(raw) ? (bt.nesting_mode === "map" ? Object.values(raw) : [raw]) : [];
    for (const item of items) if (isObject(item)) resolveAllUnknowns(item, bt.block);
  }
}

/** Structural equality where set-typed collections compare regardless of order. */
export function sameValue(a: Value, b: Value, t: TypeExpr): boolean {
  if (isUnknown(a) || isUnknown(b)) return false;
  return canonical(a, t) === canonical(b, t);
}

function canonical(v: Value, t: TypeExpr): string {
  if (v === null || typeof t === "string") return JSON.stringify(v);
  const [kind, arg] = t;
  if (kind === "set" && Array.isArray(v)) {
    return `[${v
      .map((e) => canonical(e, arg as TypeExpr))
      .sort()
      .join(",")}]`;
  }
  if (kind === "list" && Array.isArray(v)) return `[${v.map((e) => canonical(e, arg as TypeExpr)).join(",")}]`;
  return JSON.stringify(v);
}

/** The strings of a list (ids in a set or list attribute); anything else is no list. */
export function stringsOf(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}
