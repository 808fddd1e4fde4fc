// The type declarations of every area, by resource type.
import { AREAS } from "../areas";
import type { TypeSpec } from "./spec";

const SPECS: Record<string, TypeSpec> = {};
for (const area of AREAS) {
  for (const [type, spec] of Object.entries(area.types)) {
    if (SPECS[type]) throw new Error(`${type} is declared by two areas`);
    SPECS[type] = spec;
  }
}

/** A type no area declares is still served from the schema alone: stored as planned, no rules. */
const SCHEMA_ONLY: TypeSpec = { source: "provider-schema/auth0-v1.55.0.json only (no area declares this type)" };

export function specOf(type: string): TypeSpec {
  return SPECS[type] ?? SCHEMA_ONLY;
}

export function declaredTypes(): [string, TypeSpec][] {
  return Object.entries(SPECS);
}
