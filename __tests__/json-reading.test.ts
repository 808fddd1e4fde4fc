import { ConfigError, errors } from "../src/errors";
import { JsonDocument, locateErrors, MAX_DEPTH, parseJsonDocument } from "../src/load/json-document";

/**
 * How a configuration file's text becomes a value: strict JSON only, each syntax error named
 * in words at its line and column, keys given twice and hidden characters found with their
 * place, and every later problem pointed at the line of its key.
 */
const FILE = "tenants/acme.json";
const parse = (text: string) => parseJsonDocument(FILE, text);
/** `line:column problem` of each error, or the document. */
const problemsOf = (text: string) => {
  const result = parse(text);
  return Array.isArray(result) ? result.map((e) => `${e.line}:${e.column} ${e.problem}`) : result;
};
const documentOf = (text: string): JsonDocument => {
  const result = parse(text);
  if (Array.isArray(result)) throw new Error(`not parsed: ${result.map((e) => e.format()).join("; ")}`);
  return result;
};

describe("given text that is not strict JSON", () => {
  test.each([
    ["only blanks and line breaks", " \n\t\r\n", "1:1 the file is empty"],
    ["a missing comma", '{"a": 1 "b": 2}', "1:9 invalid JSON: expected ',' between entries"],
    ["a key without quotes", "{a: 1}", '1:2 invalid JSON: unexpected character "a"'],
    ["a missing value", '{"a": }', "1:7 invalid JSON: expected a value"],
    ["a missing colon", '{"a" 1}', "1:6 invalid JSON: expected ':' after the property name"],
    ["an unclosed object", '{"a": 1', "1:8 invalid JSON: expected '}' to close the object"],
    ["an unclosed array", "[1, 2", "1:6 invalid JSON: expected ']' to close the array"],
    ["a trailing comma", '{"a":1,}', "1:8 invalid JSON: expected a property name in double quotes"],
    ["a line comment", "{} // note", "1:4 invalid JSON: comments are not allowed in JSON"],
    ["an unclosed block comment", "{} /* note", "1:4 invalid JSON: comments are not allowed in JSON"],
    ["an unterminated string", '{"a": "b', "1:7 invalid JSON: unterminated string"],
    ["a number without its exponent", '{"a": 1e}', "1:7 invalid JSON: unterminated number"],
    ["a bad unicode escape", '{"a": "\\u12"}', "1:7 invalid JSON: invalid unicode escape"],
    ["an unknown escape", '{"a": "\\x"}', "1:7 invalid JSON: invalid escape character"],
    ["a raw tab inside a string", '{"a":"\t"}', "1:6 invalid JSON: invalid character in string"],
    ["content after the value", '{"a": 1}}', "1:9 invalid JSON: unexpected content after the end of the JSON value"],
    ["an unexpected character on a later line", '{"a": 1}\n\n  x', '3:3 invalid JSON: unexpected character "x"'],
    ["an unexpected character first on its line", '{}\nx', '2:1 invalid JSON: unexpected character "x"'],
    ["a zero-width space where a value should be", '{"a": \u200b1}', "1:7 invalid JSON: unexpected character \\u200b"],
    ["a raw escape byte inside a string, on line 2", '{\n "a": "x\u001b[2J"\n}', "2:9 invalid JSON: a raw control character \\u001b"],
    ["a raw form feed", '{"a":\f1}', "1:6 invalid JSON: a raw control character \\u000c"],
  ])("when parsing %s, then one error names it in words at its line and column", (_situation, text, expected) => {
    expect(problemsOf(text)).toEqual([expected]);
  });
});

describe("nesting", () => {
  const nested = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;

  test(`given arrays nested exactly ${MAX_DEPTH} deep, then the file is read`, () => {
    expect(documentOf(nested(MAX_DEPTH)).problems).toEqual([]);
  });

  test(`given one level more, then the error points at the bracket that opens level ${MAX_DEPTH + 1}, before any parsing`, () => {
    expect(problemsOf(`{"a":\n ${nested(MAX_DEPTH + 1)} x}`)).toEqual([`2:${MAX_DEPTH + 1} objects and arrays are nested more than ${MAX_DEPTH} levels deep`]);
  });

  test("given objects and arrays mixed, then both count", () => {
    const mixed = `${'{"a":['.repeat(16)}1${"]}".repeat(16)}`;
    expect(documentOf(mixed).problems).toEqual([]);
    expect(problemsOf(`[${mixed}]`)).toEqual([`1:${1 + 6 * 16} objects and arrays are nested more than 32 levels deep`]);
  });

  test("given many arrays side by side, then only nesting counts, not their number", () => {
    expect(documentOf(`[${Array(40).fill("[[]]").join(",")}]`).problems).toEqual([]);
    expect(documentOf(`[${Array(40).fill('{"a": {}}').join(",")}]`).problems).toEqual([]);
  });

  test("given brackets inside strings, escaped quotes among them, then they do not count", () => {
    const brackets = '\\"' + "[{".repeat(40);
    expect(documentOf(`{"a": "${brackets}", "b": ${nested(MAX_DEPTH - 1)}}`).value).toEqual({ a: `"${"[{".repeat(40)}`, b: expect.any(Array) });
  });
});

describe("keys given twice", () => {
  test("given a key twice in one object, then the second is the problem, naming both lines", () => {
    const doc = documentOf('{\n  "a": 1,\n  "b": {"x": [{"k": 1,\n "k": 2}]},\n  "a": 3\n}');
    expect(doc.problems.map((e) => e.format())).toEqual([
      `${FILE}:4:2: $.b.x[0].k: key "k" appears twice (lines 3 and 4). Keep one of them: tools disagree on which one counts, so a reviewer may read the one that is ignored.`,
      `${FILE}:5:3: $.a: key "a" appears twice (lines 2 and 5). Keep one of them: tools disagree on which one counts, so a reviewer may read the one that is ignored.`,
    ]);
  });

  test("given the same key in two different objects, then that is no problem", () => {
    expect(documentOf('[{"a": 1}, {"a": 2}, {"b": {"a": 3}}]').problems).toEqual([]);
  });
});

describe("hidden characters in a parsed file", () => {
  test("given one in a value inside an array, then its path, line and column are those of the string", () => {
    const [problem] = documentOf('{\n  "members": [\n    "x",\n    "a\\u200bb"\n  ]\n}').problems;
    expect([problem.jsonPath, problem.line, problem.column, problem.problem]).toEqual(["$.members[1]", 4, 5, "the value contains a zero-width character, \\u200b, at character 2"]);
  });

  test("given several in one value, then the first is named, once", () => {
    expect(documentOf('{"a": "x\\u202ey\\u200b"}').problems.map((e) => e.problem)).toEqual([
      "the value contains a bidirectional-text control (it reorders what a reviewer sees), \\u202e, at character 2",
    ]);
  });

  test("given line breaks in a PEM key or a signing certificate, then they are allowed there, and only in values", () => {
    expect(documentOf('{"pem": "a\\nb\\r\\n", "signingCert": "c\\nd"}').problems).toEqual([]);
    expect(documentOf('{"pem": "a\\u200bb"}').problems.map((e) => e.problem)).toEqual(["the value contains a zero-width character, \\u200b, at character 2"]);
    expect(documentOf('{"note": "a\\nb"}').problems.map((e) => e.problem)).toEqual(["the value contains a control character, \\u000a, at character 2"]);
    expect(documentOf('{"x": {"pem\\n": 1}}').problems.map((e) => [e.jsonPath, e.problem])).toEqual([['$.x["pem\\n"]', "the key contains a control character, \\u000a, at character 4"]]);
  });

  test("given a key with a hidden character given twice, then both problems are reported", () => {
    expect(documentOf('{"a\\u200b": 1, "a\\u200b": 2}').problems.map((e) => e.problem)).toEqual([
      "the key contains a zero-width character, \\u200b, at character 2",
      "the key contains a zero-width character, \\u200b, at character 2",
      'key "a\u200b" appears twice (lines 1 and 1)',
    ]);
  });

  test("given numbers, true, false and null, then they hold no text to check", () => {
    const doc = documentOf('{"a": [1, true, false, null, {}]}');
    expect([doc.value, doc.problems]).toEqual([{ a: [1, true, false, null, {}] }, []]);
  });
});

describe("locating a later problem", () => {
  const text = ['{', '  "name": "acme",', '  "members": [', '    { "email": "x" },', '    {', '      "email": "y"', "    }", "  ]", "}"].join("\n");

  test("given the path of a key, then the line and column of that key (not of its value)", () => {
    expect(documentOf(text).locate(["members", 1, "email"])).toEqual({ line: 6, column: 7 });
    expect(documentOf(text).locate(["name"])).toEqual({ line: 2, column: 3 });
  });

  test("given the path of an array entry, then the line and column of the entry", () => {
    expect(documentOf(text).locate(["members", 1])).toEqual({ line: 5, column: 5 });
  });

  test("given a path that does not exist, then its nearest existing ancestor; the root at 1:1", () => {
    expect(documentOf(text).locate(["members", 0, "roles", 0])).toEqual({ line: 4, column: 5 });
    expect(documentOf(text).locate(["agents"])).toEqual({ line: 1, column: 1 });
    expect(documentOf(`\n\n  ${text}`).locate([])).toEqual({ line: 3, column: 3 });
  });

  test("given errors with and without a place, then those without get the place of their path, the others keep theirs", () => {
    const doc = documentOf(text);
    const located = locateErrors(doc, [errors.missingField(FILE, ["members", 1, "email"], "a string"), errors.invalidJson(FILE, "x", 8, 9)]);
    expect(located.map((e) => [e.line, e.column])).toEqual([
      [6, 7],
      [8, 9],
    ]);
    expect(located[0]).toBeInstanceOf(ConfigError);
  });
});
