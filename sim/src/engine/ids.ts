// Identifiers in the shapes Auth0 uses, and the id a new object gets in state: each
// area declares its types' id shape (TypeSpec.id); association types use the
// composite ids their import documentation gives.
import * as crypto from "crypto";
import type { ObjectValue } from "../values";
import { specOf } from "./registry";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function randomString(length: number, alphabet = ALNUM): string {
  const bytes = crypto.randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

export function randomHex(length: number): string {
  return crypto
    .randomBytes(Math.ceil(length / 2))
    .toString("hex")
    .slice(0, length);
}

/** A client id as Auth0 issues them: 32 alphanumerics. */
export const newClientId = (): string => randomString(32);

/** An id in Auth0's prefixed shape: the prefix and 16 alphanumerics (org_, con_, rol_, cgr_, ...). */
export const prefixedId = (prefix: string): string => prefix + randomString(16);

/** The id of a new object of this type; `state` holds its (already completed) attributes. */
export function idFor(type: string, state: ObjectValue): string {
  const id = specOf(type).id;
  if (id?.parts && id.parts.every((p) => typeof state[p] === "string" && state[p] !== "")) {
    return id.parts.map((p) => state[p] as string).join("::");
  }
  if (id?.make) return id.make(state);
  if (id?.prefix) return prefixedId(id.prefix);
  return crypto.randomUUID();
}
