import * as jsonc from "jsonc-parser";
import { ConfigError, errors, JsonPath } from "../errors";

/** A parsed JSON file that still knows where each value stands in the text. */
export interface JsonDocument {
  readonly file: string;
  readonly value: unknown;
  /** 1-based line and column of the value at `path`, or of its nearest ancestor that exists. */
  locate(path: JsonPath): { readonly line: number; readonly column: number };
}

// Strict JSON: editors treat *.json as JSON, and Terraform users expect nothing else.
const STRICT: jsonc.ParseOptions = { disallowComments: true, allowTrailingComma: false };

export function parseJsonDocument(file: string, text: string): JsonDocument | ConfigError {
  if (text.trim() === "") return errors.emptyFile(file);
  const lineStarts = computeLineStarts(text);
  const position = (offset: number) => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
    return { line: line + 1, column: offset - lineStarts[line] + 1 };
  };

  const parseErrors: jsonc.ParseError[] = [];
  const tree = jsonc.parseTree(text, parseErrors, STRICT);
  if (parseErrors.length > 0 || tree === undefined) {
    const first = parseErrors[0];
    const at = position(first?.offset ?? 0);
    return errors.invalidJson(file, describeParseError(first?.error), at.line, at.column);
  }

  return {
    file,
    value: jsonc.getNodeValue(tree),
    locate(path) {
      for (let depth = path.length; depth >= 0; depth--) {
        const node = jsonc.findNodeAtLocation(tree, [...path.slice(0, depth)]);
        if (!node) continue;
        // Point at the key of a property (`"email": ...`) rather than at its value.
        const anchor = node.parent?.type === "property" ? node.parent : node;
        return position(anchor.offset);
      }
      return { line: 1, column: 1 };
    },
  };
}

/** Attach line and column to errors about this document. */
export function locateErrors(doc: JsonDocument, found: readonly ConfigError[]): ConfigError[] {
  return found.map((e) => {
    const { line, column } = doc.locate(e.path);
    return e.withLocation(line, column);
  });
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

const PARSE_ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "malformed number",
  PropertyNameExpected: "expected a property name in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: "expected ':' after the property name",
  CommaExpected: "expected ',' between entries",
  CloseBraceExpected: "expected '}' to close the object",
  CloseBracketExpected: "expected ']' to close the array",
  EndOfFileExpected: "unexpected content after the end of the JSON value",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfComment: "comments are not allowed in JSON",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "unterminated number",
  InvalidUnicode: "invalid unicode escape",
  InvalidEscapeCharacter: "invalid escape character",
  InvalidCharacter: "invalid character in string",
};

function describeParseError(code: jsonc.ParseErrorCode | undefined): string {
  if (code === undefined) return "not a JSON value";
  const name = jsonc.printParseErrorCode(code);
  return PARSE_ERROR_TEXT[name] ?? name;
}
