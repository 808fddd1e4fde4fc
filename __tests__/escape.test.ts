import { htmlCode, markdownCode, shorten, terminalText, visible } from "../src/review/escape";

/**
 * A CommonMark renderer (the reference implementation, as GitHub's cmark-gfm follows the same
 * spec) turns the Markdown into the HTML a reviewer's browser gets. GitHub then makes
 * mentions and issue links only in text outside `<code>`, `<pre>` and `<a>`.
 */
const commonmark: { Parser: new () => { parse(text: string): unknown }; HtmlRenderer: new () => { render(tree: unknown): string } } = require("commonmark");
const toHtml = (markdown: string) => new commonmark.HtmlRenderer().render(new commonmark.Parser().parse(markdown));

/** The text a browser shows for escaped HTML text. */
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", quot: '"', amp: "&" };
const decode = (html: string) => html.replace(/&(#\d+|lt|gt|quot|amp);/g, (_, e: string) => (e.startsWith("#") ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e]));

/** Every character Markdown, HTML or GitHub reads as markup, alone and in company. */
const MARKUP = ["`", "``", "```", "<", ">", "@", "#", "|", "[", "]", "!", "*", "_", "~", "\\", "&", "(", ")", ":", "-", "+", "=", "{", "}", '"', "'"];
const HOSTILE = [
  ...MARKUP,
  ...MARKUP.map((c) => `a${c}b`),
  "auth0|y`</details><h2>No risky changes flagged</h2>![b](https://evil.example/beacon.png)@org/admins",
  "</details>",
  "<img src=x onerror=alert(1)>",
  "![b](https://evil.example/beacon.png)",
  "[click](javascript:alert(1))",
  "<https://evil.example>",
  "https://evil.example",
  "@org/admins",
  "#123",
  "## heading",
  "&lt;b&gt; &amp; &#96; &#x60;",
  "line one\nline two",
  "\n\n# heading after a blank line",
  "`a`",
  " `a` ",
  "a``b```c",
  "*bold* _it_ ~~gone~~",
  "| a | b |",
  "  leading and trailing  ",
];

describe("visible", () => {
  test.each([
    ["a\nb", "a\\nb"],
    ["a\rb\tc", "a\\rb\\tc"],
    ["\u0000\u0007\u001b[2J", "\\u0000\\u0007\\u001b[2J"],
    ["del\u007f c1\u0085\u009b", "del\\u007f c1\\u0085\\u009b"],
    ["zero\u200bwidth\u200d joiner\u2060 bom\ufeff soft\u00ad", "zero\\u200bwidth\\u200d joiner\\u2060 bom\\ufeff soft\\u00ad"],
    ["bidi\u202eevil\u202c \u2066iso\u2069 \u061c", "bidi\\u202eevil\\u202c \\u2066iso\\u2069 \\u061c"],
    ["line\u2028para\u2029", "line\\u2028para\\u2029"],
    ["tag\u{e0041}", "tag\\u{e0041}"],
  ])("given %j, when made visible, then every invisible or control character is escaped: %s", (value, expected) => {
    expect(visible(value)).toBe(expected);
  });

  test("given the first and last character of every invisible range, when made visible, then each is escaped", () => {
    const edges = [0x0, 0x1f, 0x7f, 0x9f, 0xad, 0x61c, 0x180e, 0x200b, 0x200f, 0x2028, 0x202e, 0x2060, 0x206f, 0xfeff, 0xfff9, 0xfffb, 0xe0000, 0xe007f];
    expect(edges.map((code) => visible(String.fromCodePoint(code)))).toEqual([
      ...["\\u0000", "\\u001f", "\\u007f", "\\u009f", "\\u00ad", "\\u061c", "\\u180e", "\\u200b", "\\u200f", "\\u2028", "\\u202e", "\\u2060", "\\u206f", "\\ufeff", "\\ufff9", "\\ufffb"],
      "\\u{e0000}",
      "\\u{e007f}",
    ]);
  });

  test("given the characters next to the invisible ranges, when made visible, then they are left as they are", () => {
    const neighbours = [0x20, 0x7e, 0xa0, 0xac, 0xae, 0x61b, 0x61d, 0x180d, 0x180f, 0x200a, 0x2010, 0x2027, 0x202f, 0x205f, 0x2070, 0xfefe, 0xff00, 0xfff8, 0xfffc, 0xdffff, 0xe0080];
    const text = String.fromCodePoint(...neighbours);
    expect(visible(text)).toBe(text);
  });

  test("given text with accents, emoji and CJK, when made visible, then it is unchanged", () => {
    expect(visible("Zürich Café 日本 👍🏽 naïve")).toBe("Zürich Café 日本 👍🏽 naïve");
  });

  test("given a terminal line, when escaped, then no control character is left to move the cursor or start a workflow command line", () => {
    const out = terminalText("ok\n::warning title=All checks passed::x\u001b[2J\u0085");
    expect(out).toBe("ok\\n::warning title=All checks passed::x\\u001b[2J\\u0085");
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe("markdownCode", () => {
  test.each(HOSTILE.map((v) => [v]))("given %j inside a list item, when rendered, then it is one code element showing the value and nothing else", (value) => {
    const html = toHtml(`- before ${markdownCode(value)} after\n`);
    const match = /^<ul>\n<li>before <code>([^<]*)<\/code> after<\/li>\n<\/ul>\n$/.exec(html);
    expect(match).not.toBeNull();
    expect(decode(match![1])).toBe(visible(value));
  });

  test("given a value with runs of one and two backticks, when fenced, then the fence is three backticks", () => {
    expect(markdownCode("a`b``c")).toBe("```a`b``c```");
  });

  test("given a value starting with a backtick, when fenced, then it is padded with a space CommonMark strips again", () => {
    expect(markdownCode("`a")).toBe("`` `a ``");
    expect(toHtml(markdownCode("`a"))).toBe("<p><code>`a</code></p>\n");
  });

  test("given values with a space or backtick inside, at an end, or none, when fenced, then only those at an end are padded", () => {
    expect(["a b", "a`b", "a ", " a", "a`", "ab", "a\tb"].map(markdownCode)).toEqual(["`a b`", "``a`b``", "` a  `", "`  a `", "`` a` ``", "`ab`", "`a\\tb`"]);
  });

  test("given an empty value, when shown, then it says so instead of an empty code span", () => {
    expect(markdownCode("")).toBe("*(empty)*");
  });
});

describe("htmlCode", () => {
  test.each(HOSTILE.map((v) => [v]))("given %j inside an HTML block, when rendered, then the block is unchanged and its code shows the value", (value) => {
    const block = `<details><summary><b>${htmlCode(value)}</b>: 1 to update</summary>\n\n- a\n\n</details>\n`;
    const html = toHtml(block);
    expect(html).toBe(`<details><summary><b>${htmlCode(value)}</b>: 1 to update</summary>\n<ul>\n<li>a</li>\n</ul>\n</details>\n`);
    const code = /<code>([^<]*)<\/code>/.exec(html)![1];
    expect(decode(code)).toBe(visible(value));
  });

  test.each(HOSTILE.map((v) => [v]))("given %j in a table cell, when rendered, then the cell is one code element showing the value", (value) => {
    const html = toHtml(`- ${htmlCode(value)}\n`);
    const match = /^<ul>\n<li><code>([^<]*)<\/code><\/li>\n<\/ul>\n$/.exec(html);
    expect(match).not.toBeNull();
    expect(decode(match![1])).toBe(visible(value));
    expect(htmlCode(value)).toMatch(/^<code>(?:[A-Za-z0-9 .-]|&#\d+;)*<\/code>$/);
  });

  test("given letters, digits, spaces, dots and hyphens, when encoded, then they stay readable", () => {
    expect(htmlCode("tenant-acme 1.2")).toBe("<code>tenant-acme 1.2</code>");
    expect(htmlCode("AZaz09 .-")).toBe("<code>AZaz09 .-</code>");
  });

  test("given every other character, when encoded, then each is a numeric reference, invisible ones made visible first", () => {
    expect(htmlCode("_<é\u200b👍")).toBe("<code>&#95;&#60;&#233;&#92;u200b&#128077;</code>");
  });
});

describe("shorten", () => {
  test("given a value longer than the limit, when shortened, then it is cut and says its length", () => {
    expect(shorten("x".repeat(130))).toBe(`${"x".repeat(120)}… (130 characters)`);
    expect(shorten("x".repeat(120))).toBe("x".repeat(120));
  });

  test("given emoji at the cut, when shortened, then no character is split", () => {
    expect(shorten("👍".repeat(5), 3)).toBe("👍👍👍… (5 characters)");
  });
});
