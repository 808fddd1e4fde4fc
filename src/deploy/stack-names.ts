import { PLATFORM_STACK } from "../model/types";

/** The only stack names a deploy accepts: anything else (a path, a flag, shell text) is refused. */
export const STACK_NAME = /^(platform|tenant-[a-z0-9_-]+)$/;

/** The names that do not match {@link STACK_NAME}, each escaped for a one-line message. */
export function invalidStackNames(names: readonly string[]): string[] {
  return names.filter((n) => !STACK_NAME.test(n)).map((n) => JSON.stringify(n));
}

/** Platform first (every tenant reads its outputs), then tenants by name, without repeats. */
export function inStackOrder(names: readonly string[]): string[] {
  const unique = [...new Set(names)];
  return [...unique.filter((n) => n === PLATFORM_STACK), ...unique.filter((n) => n !== PLATFORM_STACK).sort()];
}
