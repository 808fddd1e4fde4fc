import { joinPhrases, phraseToMarkdown, phraseToTerminal, prose, say } from "../src/review/phrase";

describe("phrases: our words apart from the plan's values", () => {
  test("given values, a list and a nested phrase, when said, then prose stays prose and every value is one part", () => {
    const nested = say`(${prose("2 to create")})`;
    expect(say`roles ${["a", "b"]} of ${"x"} ${nested}`.parts).toEqual(["roles ", { value: "a" }, ", ", { value: "b" }, " of ", { value: "x" }, " ", "(", "2 to create", ")"]);
  });

  test("given null, undefined, a number and a boolean, when said, then each is a value as text", () => {
    expect(say`${null} ${undefined} ${3} ${true}`.parts).toEqual([{ value: "null" }, " ", { value: "undefined" }, " ", { value: "3" }, " ", { value: "true" }]);
  });

  test("given an empty list and a phrase with no parts, when said, then they add nothing", () => {
    expect(say`a ${[]}b${say``}`.parts).toEqual(["a ", "b"]);
  });

  test("given a value with markup and a newline, when written as Markdown, then only the value is a code span", () => {
    expect(phraseToMarkdown(say`member ${"a`b\n<h2>"} removed`)).toBe("member ``a`b\\n<h2>`` removed");
  });

  test("given a value with control characters, when written for a terminal, then it is quoted on one line", () => {
    expect(phraseToTerminal(say`member ${"a\u001b[2J\nb"} removed`)).toBe("member `a\\u001b[2J\\nb` removed");
  });

  test("given a value longer than 120 characters, when written, then it is shortened in both outputs", () => {
    const long = "x".repeat(200);
    expect(phraseToMarkdown(say`${long}`)).toBe(`\`${"x".repeat(120)}… (200 characters)\``);
    expect(phraseToTerminal(say`${long}`)).toBe(`\`${"x".repeat(120)}… (200 characters)\``);
  });

  test("given phrases, when joined, then the separator is prose between them", () => {
    expect(joinPhrases([say`${"a"}`, say`${"b"}`], "; ").parts).toEqual([{ value: "a" }, "; ", { value: "b" }]);
  });
});
