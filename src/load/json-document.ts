import * as jsonc from "jsonc-parser";
import { ConfigError, errors, JsonPath } from "../errors";
import { escapeCharacter, hiddenCharacters } from "./visible-text";

/** A parsed JSON file that still knows where each value stands in the text. */
export interface JsonDocument {
  readonly file: string;
  readonly value: unknown;
  /**
   * Problems of the text itself that still leave a value to check: keys given twice and
   * hidden characters. Each has its exact line and column.
   */
  readonly problems: readonly ConfigError[];
  /** 1-based line and column of the value at `path`, or of its nearest ancestor that exists. */
  locate(path: JsonPath): { readonly line: number; readonly column: number };
}

/**
 * Deepest nesting of objects and arrays accepted. A tenant file needs 5 levels; the limit
 * keeps every recursive step after parsing (and the parser itself) far from the stack's end.
 */
export const MAX_DEPTH = 32;

// Strict JSON: editors treat *.json as JSON, and Terraform users expect nothing else.
const STRICT: jsonc.ParseOptions = { disallowComments: true, allowTrailingComma: false };

/** Keys whose values may span lines: PEM keys and certificates are written with "\n". */
const MULTILINE_KEYS = new Set(["pem", "signingCert"]);
const LINE_BREAKS = new Set(["\n", "\r"]);

export function parseJsonDocument(file: string, text: string): JsonDocument | ConfigError[] {
  if (text.trim() === "") return [errors.emptyFile(file)];
  const position = positionsOf(text);

  const tooDeep = firstOffsetDeeperThan(text, MAX_DEPTH);
  if (tooDeep !== undefined) {
    const at = position(tooDeep);
    return [errors.nestedTooDeep(file, MAX_DEPTH, at.line, at.column)];
  }

  const parseErrors: jsonc.ParseError[] = [];
  const parsed = jsonc.parseTree(text, parseErrors, STRICT);
  const [first] = parseErrors;
  if (first) {
    // JSON allows no raw control character at all (inside a string it must be escaped);
    // name the first one where it is, since the parser reports it only at the string's end.
    const control = RAW_CONTROL.exec(text);
    if (control) {
      const at = position(control.index);
      return [errors.invalidJson(file, `a raw control character ${escapeCharacter(control[0])}`, at.line, at.column)];
    }
    const at = position(first.offset);
    // Name an unexpected character (escaped, since it may be invisible).
    const char = first.error === jsonc.ParseErrorCode.InvalidSymbol ? String.fromCodePoint(text.codePointAt(first.offset) ?? 0) : "";
    const shown = char === "" ? "" : hiddenCharacters(char).length ? ` ${escapeCharacter(char)}` : ` "${char}"`;
    return [errors.invalidJson(file, `${describeParseError(first.error)}${shown}`, at.line, at.column)];
  }
  // Text that is not blank either holds a value or makes the parser report an error.
  const tree = parsed as jsonc.Node;

  return {
    file,
    value: jsonc.getNodeValue(tree),
    problems: textProblems(file, tree, position),
    locate(path) {
      // The deepest node on `path` that exists: the root always does.
      let depth = path.length;
      let node = jsonc.findNodeAtLocation(tree, [...path]);
      while (!node) node = jsonc.findNodeAtLocation(tree, path.slice(0, --depth));
      // Point at the key of a property (`"email": ...`) rather than at its value.
      const anchor = node.parent?.type === "property" ? node.parent : node;
      return position(anchor.offset);
    },
  };
}

/** Attach line and column to errors about this document, unless they already have one. */
export function locateErrors(doc: JsonDocument, found: readonly ConfigError[]): ConfigError[] {
  return found.map((e) => {
    if (e.line !== undefined) return e;
    const { line, column } = doc.locate(e.path);
    return e.withLocation(line, column);
  });
}

type Position = (offset: number) => { line: number; column: number };

/** Keys given twice in one object, and hidden characters in any key or string value. */
function textProblems(file: string, root: jsonc.Node, position: Position): ConfigError[] {
  const found: ConfigError[] = [];
  const hidden = (node: jsonc.Node, path: JsonPath, text: string, isKey: boolean) => {
    const allowed = !isKey && MULTILINE_KEYS.has(String(path[path.length - 1])) ? LINE_BREAKS : undefined;
    const first = hiddenCharacters(text).find(({ char }) => !allowed?.has(char));
    if (!first) return;
    const at = position(node.offset);
    found.push(errors.hiddenCharacter(file, path, isKey ? "key" : "value", text, first.char, first.index, at.line, at.column));
  };
  // Depth is bounded by MAX_DEPTH, so recursion is safe here.
  const visit = (node: jsonc.Node, path: JsonPath) => {
    // Stryker disable next-line ConditionalExpression: only a string holds text; the value of any other node writes none with a hidden character
    if (node.type === "string") hidden(node, path, node.value as string, false);
    // Parsed without errors: every array and object has its children, every property its key and value.
    if (node.type === "array") (node.children as jsonc.Node[]).forEach((child, index) => visit(child, [...path, index]));
    if (node.type !== "object") return;
    const firstLine = new Map<string, number>();
    for (const property of node.children as jsonc.Node[]) {
      const [keyNode, valueNode] = property.children as [jsonc.Node, jsonc.Node];
      const key = keyNode.value as string;
      const keyAt = position(keyNode.offset);
      hidden(keyNode, [...path, key], key, true);
      const earlier = firstLine.get(key);
      if (earlier === undefined) firstLine.set(key, keyAt.line);
      else found.push(errors.duplicateKey(file, [...path, key], key, earlier, keyAt.line, keyAt.column));
      visit(valueNode, [...path, key]);
    }
  };
  visit(root, []);
  return found;
}

/** Offset of the first `{` or `[` that opens level `max + 1`, found without parsing (no recursion). */
function firstOffsetDeeperThan(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  // Stryker disable next-line EqualityOperator: one step past the end reads NaN, which is no bracket or quote
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return i;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return undefined;
}

/** 1-based line and column of an offset (binary search over line starts). */
function positionsOf(text: string): Position {
  const starts = [0];
  // Stryker disable next-line EqualityOperator: one step past the end reads NaN, which is no line break
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    // Stryker disable next-line ArithmeticOperator: starting one or two past the last line start converges alike (undefined <= offset is false)
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1 };
  };
}

/** Control characters other than the whitespace JSON allows between tokens. */
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/**
 * The parser's first error, in words. Not listed: InvalidNumberFormat and
 * UnexpectedEndOfComment, which jsonc-parser never reports first with comments disallowed
 * (an unfinished number is UnexpectedEndOfNumber, any comment InvalidCommentToken); an error
 * not listed is shown by its name.
 */
const PARSE_ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: "unexpected character",
  PropertyNameExpected: "expected a property name in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: "expected ':' after the property name",
  CommaExpected: "expected ',' between entries",
  CloseBraceExpected: "expected '}' to close the object",
  CloseBracketExpected: "expected ']' to close the array",
  EndOfFileExpected: "unexpected content after the end of the JSON value",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "unterminated number",
  InvalidUnicode: "invalid unicode escape",
  InvalidEscapeCharacter: "invalid escape character",
  InvalidCharacter: "invalid character in string",
};

function describeParseError(code: jsonc.ParseErrorCode): string {
  const name = jsonc.printParseErrorCode(code);
  return PARSE_ERROR_TEXT[name] ?? name;
}
