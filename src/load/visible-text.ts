/**
 * Characters a reviewer cannot see, or that a terminal or a CI runner acts on: C0 and C1
 * controls (ESC starts terminal escape sequences), format characters (zero-width spaces
 * and joiners U+200B-U+200D, word joiner U+2060, byte order mark U+FEFF, the bidi
 * embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069, soft hyphen, ...),
 * line and paragraph separators, and lone surrogates.
 */
const HIDDEN_CLASS = "[\\p{Cc}\\p{Cf}\\p{Cs}\\u2028\\u2029]";
const HIDDEN = new RegExp(HIDDEN_CLASS, "gu");
const IS_HIDDEN = new RegExp(`^${HIDDEN_CLASS}$`, "u");
const HAS_HIDDEN = new RegExp(HIDDEN_CLASS, "u");

/** The hidden characters of `text`, in order, with their position (0-based, in code points). */
export function hiddenCharacters(text: string): Array<{ readonly char: string; readonly index: number }> {
  // Stryker disable next-line ConditionalExpression: a fast path (most text holds no hidden character); the scan below finds none in such text either
  if (!HAS_HIDDEN.test(text)) return [];
  return [...text].flatMap((char, index) => (IS_HIDDEN.test(char) ? [{ char, index }] : []));
}

/** `\u200b`: how a hidden character is shown (JSON's escape, so it can be pasted back). */
export function escapeCharacter(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** `text` with every hidden character written as its escape; all else unchanged. */
export function escapeHidden(text: string): string {
  return text.replace(HIDDEN, escapeCharacter);
}

/** What kind of hidden character (one `hiddenCharacters` found) this is, for an error message. */
export function describeCharacter(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code === 0x1b) return "the escape character (it starts terminal control sequences)";
  // Up to U+009F the hidden characters are the controls: C0, DEL and C1.
  if (code <= 0x9f) return "a control character";
  if ((code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff) return "a zero-width character";
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x200e || code === 0x200f || code === 0x061c) {
    return "a bidirectional-text control (it reorders what a reviewer sees)";
  }
  if (code === 0x2028 || code === 0x2029) return "a line separator";
  if (code >= 0xd800 && code <= 0xdfff) return "half of a surrogate pair (not a character)";
  return "an invisible formatting character";
}

/**
 * One line that is safe to print to a terminal or a CI log: hidden characters and line
 * breaks escaped, and never read as a GitHub workflow command. The runner treats a line
 * whose first non-blank characters are `::` as a command, and `##[` anywhere as its older
 * form, so those are escaped too.
 */
export function printableLine(text: string): string {
  return escapeHidden(text)
    .replace(/^(\s*):/, "$1\\u003a")
    .replace(/##\[/g, "#\\u0023[");
}
