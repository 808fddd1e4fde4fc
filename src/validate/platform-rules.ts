import { ConfigError, errors } from "../errors";
import type { PlatformFileData } from "../model/platform-file";
import type { Platform } from "../model/types";
import { duplicateErrors } from "./duplicates";

/** Rules across entries of the platform file that a schema cannot express. */
export function platformRuleErrors(file: string, data: PlatformFileData): ConfigError[] {
  const scopes = data.api.scopes.map((s) => s.value);
  return [
    ...duplicateErrors(file, data.api.scopes, (s) => s.value, (i) => ["api", "scopes", i, "value"], "scope"),
    ...duplicateErrors(file, data.roles, (r) => r.key, (i) => ["roles", i, "key"], "role key"),
    // Stryker disable next-line MethodExpression: names differing in case are duplicates; lower and upper case fold alike but for a few letters (ß), for which Auth0's own rule is not documented
    ...duplicateErrors(file, data.roles, (r) => r.name.toLowerCase(), (i) => ["roles", i, "name"], "role name"),
    // Stryker disable next-line MethodExpression: a connection name the schema accepts is ASCII letters, digits and dashes, which fold alike to either case
    ...duplicateErrors(file, data.connections, (c) => c.name.toLowerCase(), (i) => ["connections", i, "name"], "connection name"),
    ...data.roles.flatMap((role, r) => [
      ...duplicateErrors(file, role.permissions, (p) => p, (i) => ["roles", r, "permissions", i], "permission"),
      ...role.permissions.flatMap((permission, p) =>
        scopes.includes(permission) ? [] : [errors.scopeNotOnApi(file, ["roles", r, "permissions", p], permission, scopes)],
      ),
    ]),
  ];
}

export function toPlatform(file: string, data: PlatformFileData): Platform {
  const { $schema: _schema, ...rest } = data;
  return {
    ...rest,
    file,
    api: { ...rest.api, scopes: sortBy(rest.api.scopes, (s) => s.value) },
    roles: sortBy(rest.roles, (r) => r.key).map((r) => ({ ...r, permissions: [...r.permissions].sort() })),
    connections: sortBy(rest.connections, (c) => c.name),
  };
}

/** Sorted by key in code-unit order; entries with equal keys keep their order. */
export function sortBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => {
    if (keyOf(a) < keyOf(b)) return -1;
    // 0 for equal keys keeps the comparator consistent, as the specification asks.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: V8's sort (TimSort) only asks whether the result is negative, so 0 and 1 order alike
    return keyOf(a) > keyOf(b) ? 1 : 0;
  });
}
