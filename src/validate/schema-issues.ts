import { z } from "zod";
import { ConfigError, errors, JsonPath } from "../errors";
import { splitRule } from "../model/rule";

type JsonSchemaNode = {
  type?: string | string[];
  properties?: Record<string, JsonSchemaNode>;
  additionalProperties?: JsonSchemaNode | boolean;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
};

/**
 * Parses `value` with `schema` and turns every issue into a `ConfigError`, or returns the
 * parsed data. Zod's issues carry the path and the received input; the wording comes from
 * the `rule(...)` messages in the schema, or from the generic cases below.
 */
export function parseWithSchema<S extends z.ZodType>(
  schema: S,
  file: string,
  value: unknown,
): { data: z.output<S>; errors: [] } | { data?: undefined; errors: ConfigError[] } {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return { data: result.data, errors: [] };
  const shape = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchemaNode;
  return { errors: result.error.issues.flatMap((issue) => toConfigErrors(file, issue, shape)) };
}

function toConfigErrors(file: string, issue: z.core.$ZodIssue, shape: JsonSchemaNode): ConfigError[] {
  // Stryker disable next-line ConditionalExpression,StringLiteral: a value read with JSON.parse has no symbol keys, so no path holds one; String() keeps JsonPath's type honest
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  const input = (issue as { input?: unknown }).input;
  const custom = splitRule(issue.message);
  if (custom.fix !== undefined) return [errors.invalidValue(file, path, custom.problem, input, custom.fix)];

  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => errors.unknownKey(file, path, key, knownKeys(shape, path)));
    case "invalid_type":
      return input === undefined
        ? [errors.missingField(file, path, describeExpected(issue.expected))]
        : [errors.wrongType(file, path, describeExpected(issue.expected), input)];
    case "invalid_value":
      return [
        errors.invalidValue(
          file,
          path,
          `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`,
          input,
          "Use one of the listed values.",
        ),
      ];
    case "too_small":
    case "too_big":
      return [errors.invalidValue(file, path, describeBound(issue), input, "Change the value to fit the bound.")];
    case "invalid_key":
      // A record's key that fails its own schema: zod wraps the key's issues, whose wording is the key schema's.
      return issue.issues.flatMap((inner) => toConfigErrors(file, { ...inner, path: [...issue.path, ...inner.path] }, shape));
    case "invalid_union":
      return [errors.invalidValue(file, path, "matches none of the allowed shapes", input, "Compare it with the schema in schemas/ (your editor shows it).")];
    default:
      return [errors.invalidValue(file, path, issue.message, input, "Compare it with the schema in schemas/ (your editor shows it).")];
  }
}

function describeExpected(expected: string): string {
  const names: Record<string, string> = {
    string: "a string",
    number: "a number",
    int: "a whole number",
    boolean: "true or false",
    object: "an object",
    array: "an array",
    record: "an object of string values",
  };
  return names[expected] ?? expected;
}

function describeBound(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === "too_small";
  const bound = Number(small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum);
  const word = small ? "at least" : "at most";
  switch (issue.origin) {
    case "string":
      return small && bound === 1 ? "must not be empty" : `must be ${word} ${bound} characters long`;
    case "array":
    case "set":
      return `must have ${word} ${bound} entr${bound === 1 ? "y" : "ies"}`;
    default:
      return `must be ${word} ${bound}`;
  }
}

/** The keys the schema allows at `path`, for "did you mean" and "allowed keys" hints. */
function knownKeys(root: JsonSchemaNode, path: JsonPath): string[] {
  let nodes = [root];
  for (const segment of path) {
    nodes = nodes
      .flatMap(branches)
      .map((node) => (typeof segment === "number" ? node.items : (node.properties?.[segment] ?? node.additionalProperties)))
      // Not a node: no entry or key here (a null branch, a strict object's `false`).
      .filter((child): child is JsonSchemaNode => typeof child === "object");
  }
  const keys = nodes.flatMap(branches).flatMap((node) => Object.keys(node.properties ?? {}));
  return [...new Set(keys)].filter((k) => k !== "$schema");
}

function branches(node: JsonSchemaNode): JsonSchemaNode[] {
  const alternatives = node.anyOf ?? node.oneOf;
  return alternatives ? alternatives.flatMap(branches) : [node];
}
