import { markdownCode, shorten, terminalText } from "./escape";

/** A value taken from a plan (a name, an email, a scope): shown escaped, never as markup. */
interface Value {
  readonly value: string;
}

/**
 * A sentence of the summary: our own words (trusted) with the values from the plan
 * (untrusted) kept apart, so that each output (Markdown, terminal) escapes the values its way.
 */
export interface Phrase {
  readonly parts: ReadonlyArray<string | Value>;
}

type Scalar = string | number | boolean | null | undefined;
/** A value, a list of values (shown `a`, `b`), or a phrase kept as it is. */
type Interpolated = Scalar | readonly Scalar[] | Phrase;

/**
 * say`roles ${roles} taken from member ${email}`: the literal text is prose, every
 * interpolation is a value, a list of values is joined with commas, a phrase is spliced in.
 */
export function say(prose: TemplateStringsArray, ...values: Interpolated[]): Phrase {
  const parts: Array<string | Value> = [];
  prose.forEach((text, i) => {
    if (text) parts.push(text);
    if (i >= values.length) return;
    const v = values[i];
    if (Array.isArray(v)) v.forEach((item, j) => parts.push(...(j > 0 ? [", "] : []), { value: String(item) }));
    else if (typeof v === "object" && v !== null) parts.push(...(v as Phrase).parts);
    else parts.push({ value: String(v) });
  });
  return { parts };
}

/** Our own words where a template would take a value: say`(${prose("2 to create")})`. */
export const prose = (text: string): Phrase => ({ parts: [text] });

/** Phrases joined by a separator of prose. */
export const joinPhrases = (phrases: readonly Phrase[], separator: string): Phrase => ({
  parts: phrases.flatMap((p, i) => (i > 0 ? [separator, ...p.parts] : [...p.parts])),
});

export const phraseToMarkdown = (p: Phrase): string =>
  p.parts.map((part) => (typeof part === "string" ? part : markdownCode(shorten(part.value)))).join("");

export const phraseToTerminal = (p: Phrase): string =>
  p.parts.map((part) => (typeof part === "string" ? part : `\`${terminalText(shorten(part.value))}\``)).join("");
