import { describeCharacter, escapeCharacter, escapeHidden, hiddenCharacters, printableLine } from "../src/load/visible-text";

/**
 * Which characters count as hidden (a reviewer cannot see them, or a terminal or CI runner
 * acts on them), how each is named in an error, and how a line is made safe to print.
 */
describe("hidden characters", () => {
  test.each([
    ["NUL", "\u0000"],
    ["ESC", "\u001b"],
    ["DEL", "\u007f"],
    ["a C1 control (CSI)", "\u009b"],
    ["a soft hyphen", "\u00ad"],
    ["a zero-width space", "\u200b"],
    ["a right-to-left override", "\u202e"],
    ["a byte order mark", "\ufeff"],
    ["a line separator", "\u2028"],
    ["a paragraph separator", "\u2029"],
    ["a lone high surrogate", "\ud800"],
    ["a lone low surrogate", "\udfff"],
  ])("given %s, then it is hidden", (_name, char) => {
    expect(hiddenCharacters(`a${char}b`)).toEqual([{ char, index: 1 }]);
  });

  test.each([
    ["a letter", "e"],
    ["a space", " "],
    ["an accented letter", "\u00e9"],
    ["an emoji (a surrogate pair, one character)", "\u{1f600}"],
    ["a CJK ideograph", "\u4e2d"],
  ])("given %s, then it is not hidden", (_name, char) => {
    expect(hiddenCharacters(`a${char}b`)).toEqual([]);
  });

  test("given several, then each is listed in order with its index counted in characters (an emoji counts one)", () => {
    expect(hiddenCharacters("\u{1f600}\u200bx\u202e\u0000")).toEqual([
      { char: "\u200b", index: 1 },
      { char: "\u202e", index: 3 },
      { char: "\u0000", index: 4 },
    ]);
  });
});

describe("naming a hidden character in an error", () => {
  test.each([
    ["001b", "the escape character (it starts terminal control sequences)"],
    ["0000", "a control character"],
    ["001a", "a control character"],
    ["001c", "a control character"],
    ["001f", "a control character"],
    ["007f", "a control character"],
    ["0080", "a control character"],
    ["009f", "a control character"],
    ["200b", "a zero-width character"],
    ["200c", "a zero-width character"],
    ["200d", "a zero-width character"],
    ["2060", "a zero-width character"],
    ["feff", "a zero-width character"],
    ["202a", "a bidirectional-text control (it reorders what a reviewer sees)"],
    ["202b", "a bidirectional-text control (it reorders what a reviewer sees)"],
    ["202e", "a bidirectional-text control (it reorders what a reviewer sees)"],
    ["2066", "a bidirectional-text control (it reorders what a reviewer sees)"],
    ["2067", "a bidirectional-text control (it reorders what a reviewer sees)"],
    ["2069", "a bidirectional-text control (it reorders what a reviewer sees)"],
    ["200e", "a bidirectional-text control (it reorders what a reviewer sees)"],
    ["200f", "a bidirectional-text control (it reorders what a reviewer sees)"],
    ["061c", "a bidirectional-text control (it reorders what a reviewer sees)"],
    ["2028", "a line separator"],
    ["2029", "a line separator"],
    ["d800", "half of a surrogate pair (not a character)"],
    ["dbff", "half of a surrogate pair (not a character)"],
    ["dfff", "half of a surrogate pair (not a character)"],
    // Format characters next to the ranges above, and others: the generic name.
    ["00ad", "an invisible formatting character"],
    ["0600", "an invisible formatting character"],
    ["2061", "an invisible formatting character"],
    ["2064", "an invisible formatting character"],
    ["206a", "an invisible formatting character"],
    ["fff9", "an invisible formatting character"],
    ["e0001", "an invisible formatting character"],
  ])("given U+%s, then it is named %s", (code, name) => {
    expect(describeCharacter(String.fromCodePoint(parseInt(code, 16)))).toBe(name);
  });

  test("given an empty text (no character at all), then it is named as the control character NUL would be", () => {
    expect(describeCharacter("")).toBe("a control character");
    expect(escapeCharacter("")).toBe("\\u0000");
  });

  test("given characters inside and above the basic plane, then each is written as JSON's escape, four hex digits or braces", () => {
    expect(escapeCharacter("\u0007")).toBe("\\u0007");
    expect(escapeCharacter("\u200b")).toBe("\\u200b");
    expect(escapeCharacter("\uffff")).toBe("\\uffff");
    expect(escapeCharacter("\u{10000}")).toBe("\\u{10000}");
    expect(escapeCharacter("\u{e0001}")).toBe("\\u{e0001}");
  });

  test("given a text with hidden characters among visible ones, then only the hidden ones are escaped", () => {
    expect(escapeHidden("a\u200bb\u202ec\u{1f600}\u001b")).toBe("a\\u200bb\\u202ec\u{1f600}\\u001b");
    expect(escapeHidden("plain")).toBe("plain");
  });
});

describe("a line safe to print to a terminal or a CI log", () => {
  test("given a line starting with '::' (after blanks), then its first colon is escaped, and no other", () => {
    expect(printableLine("::error::x")).toBe("\\u003a:error::x");
    expect(printableLine("  ::add-mask::x")).toBe("  \\u003a:add-mask::x");
    expect(printableLine("a.json: ::x")).toBe("a.json: ::x");
  });

  test("given '##[' anywhere, then each is escaped, since the runner reads its older command form there", () => {
    expect(printableLine("a ##[error]b ##[group]c")).toBe("a #\\u0023[error]b #\\u0023[group]c");
    expect(printableLine("## [x] #[y]")).toBe("## [x] #[y]");
  });

  test("given line breaks and escapes, then they are written as escapes and the result is one line", () => {
    expect(printableLine("a\nb\r\u001b[2J")).toBe("a\\u000ab\\u000d\\u001b[2J");
  });
});
