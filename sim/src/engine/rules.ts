// Rule builders the areas share: Auth0's 409 on a duplicate, and the provider's guard
// that refuses to create an exclusive collection over entries Auth0 already holds.
import { attrPath, error, type Diagnostic } from "../diagnostics";
import type { JsonObject, World } from "../store";
import type { Rule } from "./spec";

/** The other stored objects of a type (all but the one being updated). */
export function others(world: World, type: string, self: JsonObject | undefined): JsonObject[] {
  return Object.entries(world.resources[type] ?? {})
    .filter(([id]) => id !== self?.id)
    .map(([, o]) => o);
}

/** Auth0 answers 409 Conflict when another object has the same values of `attrs`. */
export function uniqueRule(attrs: readonly string[], summary: string, detail: (values: string[]) => string): Rule {
  return ({ type, state, world, stored }) =>
    others(world, type, stored).some((o) => attrs.every((a) => o[a] === state[a]))
      ? [error(summary, detail(attrs.map((a) => String(state[a]))), attrPath(attrs[attrs.length - 1]))]
      : [];
}

/** go-cmp's Diff of two id lists, close enough to read: what the configuration wants (-) and what Auth0 has (+). */
function diff(want: readonly unknown[], have: readonly unknown[]): string {
  const show = (v: unknown) => JSON.stringify(v);
  return `  []string{\n${want.map((v) => `- \t${show(v)},`).join("\n")}\n${have.map((v) => `+ \t${show(v)},`).join("\n")}\n  }\n`;
}

/**
 * The provider's guardAgainstErasingUnwanted*: creating an exclusive collection over a
 * non-empty one fails unless the configuration lists exactly the same entries in the
 * same order (cmp.Equal on slices), so nothing is taken over silently.
 */
export function exclusiveGuard(
  existing: readonly unknown[],
  wanted: readonly unknown[],
  what: { summary: string; holder: string; entries: string; type: string; id: string },
): Diagnostic[] {
  if (existing.length === 0 || JSON.stringify(existing) === JSON.stringify(wanted)) return [];
  return [
    error(
      what.summary,
      `${diff(wanted, existing)}\nThe ${what.holder} already has ${what.entries} attached to it. Import the resource instead in order to proceed with the changes. Run: 'terraform import ${what.type}.<given-name> ${what.id}'.`,
    ),
  ];
}
