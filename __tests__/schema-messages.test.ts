import { z } from "zod";
import { rule } from "../src/model/rule";
import { parseWithSchema } from "../src/validate/schema-issues";

/**
 * How a schema's findings become errors (`src/validate/schema-issues.ts`), on small schemas
 * of the test's own: each kind of zod issue, each bound, each expected type, and the keys
 * offered for an unknown key, as the exact line a person reads.
 */
const FILE = "tenants/acme.json";

/** Each error as `describe()` writes it (path, problem, received value, fix). */
function problems(schema: z.ZodType, value: unknown): string[] {
  const result = parseWithSchema(schema, FILE, value);
  expect(result.data).toBeUndefined();
  expect(result.errors.map((e) => e.file)).toEqual(result.errors.map(() => FILE));
  return result.errors.map((e) => e.describe());
}

describe("given a value the schema accepts", () => {
  test("when it is parsed, then the parsed data comes back with no error", () => {
    const schema = z.object({ name: z.string(), on: z.boolean().default(true) });
    expect(parseWithSchema(schema, FILE, { name: "a" })).toEqual({ data: { name: "a", on: true }, errors: [] });
  });
});

describe("given a value of the wrong type", () => {
  test.each([
    ["1 for a string", z.string(), 1, "a string"],
    ['"1" for a number', z.number(), "1", "a number"],
    ["1.5 for a whole number", z.int(), 1.5, "a whole number"],
    ['"yes" for a flag', z.boolean(), "yes", "true or false"],
    ["a list for an object", z.object({}), [], "an object"],
    ["an object for a list", z.array(z.string()), {}, "an array"],
    ["1 for a record", z.record(z.string(), z.string()), 1, "an object of string values"],
    ["1 for null (a type without a wording of its own)", z.null(), 1, "null"],
  ])("when the value is %s, then the error names the type expected", (_what, schema, value, expected) => {
    expect(problems(z.object({ v: schema }), { v: value })).toEqual([`$.v: expected ${expected} (received ${JSON.stringify(value)}). Change the value to ${expected}.`]);
  });

  test("when a required field is missing, then it says so with the type expected and no received value", () => {
    expect(problems(z.object({ list: z.array(z.string()) }), {})).toEqual(["$.list: required field is missing (expected an array). Add it."]);
  });
});

describe("given a value outside a bound", () => {
  test.each([
    ["an empty string", z.string().min(1), "", "must not be empty"],
    ["a string under 3 characters", z.string().min(3), "ab", "must be at least 3 characters long"],
    ["a string over 2 characters", z.string().max(2), "abc", "must be at most 2 characters long"],
    ["a string over 1 character", z.string().max(1), "ab", "must be at most 1 characters long"],
    ["an empty list", z.array(z.string()).min(1), [], "must have at least 1 entry"],
    ["a list over 2 entries", z.array(z.string()).max(2), ["a", "b", "c"], "must have at most 2 entries"],
    ["a set under 2 entries", z.set(z.string()).min(2), new Set(["a"]), "must have at least 2 entries"],
    ["a number under 1", z.number().min(1), 0, "must be at least 1"],
    ["a number over 9", z.number().max(9), 10, "must be at most 9"],
  ])("when it is %s, then the problem names the bound", (_what, schema, value, problem) => {
    expect(problems(z.object({ v: schema }), { v: value })).toEqual([
      expect.stringMatching(new RegExp(`^\\$\\.v: ${problem} \\(received .*\\)\\. Change the value to fit the bound\\.$`)),
    ]);
  });
});

describe("given a value the schema lists choices for", () => {
  test("when it is none of an enum's values, then the values are listed", () => {
    expect(problems(z.object({ mode: z.enum(["exclusive", "shared"]) }), { mode: "open" })).toEqual([
      '$.mode: must be one of "exclusive", "shared" (received "open"). Use one of the listed values.',
    ]);
  });

  test("when it matches no shape of a union, then it says so and points at the schema", () => {
    expect(problems(z.object({ v: z.union([z.string(), z.number()]) }), { v: true })).toEqual([
      "$.v: matches none of the allowed shapes (received true). Compare it with the schema in schemas/ (your editor shows it).",
    ]);
  });

  test("when another check fails (a format), then zod's own message is kept with the same hint", () => {
    expect(problems(z.object({ mail: z.email() }), { mail: "nope" })).toEqual([
      '$.mail: Invalid email address (received "nope"). Compare it with the schema in schemas/ (your editor shows it).',
    ]);
  });

  test("when the schema's rule carries its own wording, then its problem and fix are used whatever the issue kind", () => {
    const schema = z.object({ n: z.string().max(2, rule("a code is at most 2 letters", "Use the ISO code.")) });
    expect(problems(schema, { n: "abc" })).toEqual(['$.n: a code is at most 2 letters (received "abc"). Use the ISO code.']);
  });
});

describe("given a record whose key breaks the key's own schema", () => {
  test("when the key's rule carries its own wording, then that wording is used, at the key's path", () => {
    const schema = z.object({ v: z.record(z.string().max(2, rule("a code is at most 2 letters", "Use the ISO code.")), z.string()) });
    expect(problems(schema, { v: { de: "x", abc: "y" } })).toEqual(['$.v.abc: a code is at most 2 letters (received "abc"). Use the ISO code.']);
  });

  test("when it breaks a bound without wording of its own, then the bound is named, as for any value", () => {
    const schema = z.object({ v: z.record(z.string().min(3), z.string()) });
    expect(problems(schema, { v: { ab: "x" } })).toEqual(['$.v.ab: must be at least 3 characters long (received "ab"). Change the value to fit the bound.']);
  });
});

describe("given a key the schema does not know", () => {
  const Tenant = z.strictObject({
    $schema: z.string().optional(),
    name: z.string(),
    members: z.array(z.strictObject({ email: z.string(), roles: z.array(z.string()) })),
    metadata: z.record(z.string(), z.strictObject({ value: z.string() })),
    link: z.union([z.strictObject({ url: z.string() }), z.strictObject({ file: z.string() })]),
  });
  const valid = { name: "a", members: [{ email: "e", roles: [] }], metadata: { k: { value: "v" } }, link: { url: "u" } };

  test("when it is close to a known key at the top, then the closest is suggested", () => {
    expect(problems(Tenant, { ...valid, nme: "x" })).toEqual(['$.nme: unknown key "nme" (received "nme"). Did you mean "name"?']);
  });

  test("when it is unlike every key, then the allowed keys are listed, without $schema", () => {
    expect(problems(Tenant, { ...valid, zzzzzz: 1 })).toEqual(['$.zzzzzz: unknown key "zzzzzz" (received "zzzzzz"). Remove it; the keys allowed here are: name, members, metadata, link.']);
  });

  test("when it is inside a list's entry, then the entry's keys are the ones allowed", () => {
    expect(problems(Tenant, { ...valid, members: [{ email: "e", roles: [], qqqqqqqq: 1 }] })).toEqual([
      '$.members[0].qqqqqqqq: unknown key "qqqqqqqq" (received "qqqqqqqq"). Remove it; the keys allowed here are: email, roles.',
    ]);
  });

  test("when it is inside a record's value, then the value's keys are the ones allowed", () => {
    expect(problems(Tenant, { ...valid, metadata: { k: { value: "v", wwwwwwww: 1 } } })).toEqual([
      '$.metadata.k.wwwwwwww: unknown key "wwwwwwww" (received "wwwwwwww"). Remove it; the keys allowed here are: value.',
    ]);
  });

  test("when it is inside an entry of a list that may be null, then the entry's keys are the ones allowed", () => {
    const schema = z.strictObject({ members: z.array(z.strictObject({ email: z.string() })).nullable() });
    expect(problems(schema, { members: [{ email: "e", qqqqqqqq: 1 }] })).toEqual([
      '$.members[0].qqqqqqqq: unknown key "qqqqqqqq" (received "qqqqqqqq"). Remove it; the keys allowed here are: email.',
    ]);
  });

  test("when it is inside one shape of a union chosen by a field, then the keys of every shape are the ones allowed", () => {
    const schema = z.strictObject({
      auth: z.discriminatedUnion("method", [z.strictObject({ method: z.literal("secret"), version: z.number() }), z.strictObject({ method: z.literal("key"), keys: z.array(z.string()) })]),
    });
    expect(problems(schema, { auth: { method: "key", keys: [], wwwwwwww: 1 } })).toEqual([
      '$.auth.wwwwwwww: unknown key "wwwwwwww" (received "wwwwwwww"). Remove it; the keys allowed here are: method, version, keys.',
    ]);
  });

  test("when two unknown keys sit in one object, then each is its own error", () => {
    expect(problems(Tenant, { ...valid, qqqqqqqq: 1, wwwwwwww: 2 })).toHaveLength(2);
  });
});
