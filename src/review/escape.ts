/**
 * Every value the plan summary shows comes from a plan, and plans come from tenant files:
 * attacker input. These functions are the only way a value reaches the Markdown comment or
 * the terminal, so a value can never close a `<details>`, start a heading, load an image,
 * mention a team or link an issue, and a reviewer sees every invisible character.
 */

/**
 * Characters a reviewer cannot see or that move the cursor: C0 and C1 controls, DEL,
 * zero-width and bidi characters, line and paragraph separators, the byte-order mark.
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `\u200b`; a character beyond U+FFFF (two UTF-16 units: a tag character) as `\u{e0041}`. */
function unicodeEscape(c: string): string {
  const hex = (c.codePointAt(0) ?? 0).toString(16);
  return c.length > 1 ? `\\u{${hex}}` : `\\u${hex.padStart(4, "0")}`;
}

/** `a\u200bb` for a zero-width space, `\n` for a newline: the value stays on one line and nothing hides. */
export function visible(value: string): string {
  return value.replace(INVISIBLE, (c) => NAMED[c] ?? unicodeEscape(c));
}

/** A value for a terminal or a CI log: nothing can move the cursor or start a workflow command. */
export const terminalText = visible;

/**
 * A value as a Markdown code span. Inside a code span nothing is Markdown or HTML (no link,
 * image, heading, emphasis, tag or entity), and GitHub makes no mention or issue link in
 * code. The fence is one backtick longer than the longest run of backticks in the value, so
 * the value cannot end the span; a value starting or ending with a backtick or a space is
 * padded with one space, which CommonMark strips again.
 */
export function markdownCode(value: string): string {
  const text = visible(value);
  if (text === "") return "*(empty)*";
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = /^[` ]|[` ]$/.test(text) ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * A value as an HTML `<code>` element, for where Markdown is not parsed (inside an HTML block
 * such as `<summary>`) or where a code span would break (a `|` ends a table cell even inside
 * one). Every character that is not a letter, a digit, a space, `-` or `.` is a numeric
 * character reference, which both Markdown and HTML show as the character itself and never
 * read as markup.
 */
export function htmlCode(value: string): string {
  const text = visible(value).replace(/[^A-Za-z0-9 .-]/gu, (c) => `&#${c.codePointAt(0)};`);
  return `<code>${text}</code>`;
}

const MAX_SHOWN = 120;

/** Long values (certificates, descriptions) are cut, with their length, so a summary stays readable. */
export function shorten(value: string, max = MAX_SHOWN): string {
  const chars = [...value];
  return chars.length > max ? `${chars.slice(0, max).join("")}… (${chars.length} characters)` : value;
}
