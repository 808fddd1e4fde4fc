import * as fs from "fs";
import * as path from "path";
import { ownersOf, parseCodeowners } from "../src/ci/codeowners";
import { decideOverride, OverrideFacts } from "../src/ci/risk-override";
import { ROOT } from "./support/project";

const HEAD = "a".repeat(40);
const OLD = "b".repeat(40);

const CODEOWNERS = parseCodeowners(`# comment
*                  @acme/platform-team
/tenants/          @acme/customer-success @carol   # tenant files
/tenants/globex.json @dave
platform.json      @erin
`);

/** A decommission of globex by @alice; each test says who did what. */
const facts = (over: Partial<OverrideFacts> = {}): OverrideFacts => ({
  author: "alice",
  headSha: HEAD,
  label: "allow-risky-plan",
  reviews: [],
  riskyFiles: ["tenants/globex.json"],
  codeowners: CODEOWNERS,
  teams: new Map(),
  ...over,
});

describe("CODEOWNERS", () => {
  test.each([
    ["tenants/acme.json", ["@acme/customer-success", "@carol"]],
    ["tenants/globex.json", ["@dave"]],
    ["platform.json", ["@erin"]],
    ["src/app.ts", ["@acme/platform-team"]],
    [".github/workflows/pull-request.yml", ["@acme/platform-team"]],
  ])("given the rules, when %s is looked up, then the last matching rule's owners are returned", (file, owners) => {
    expect(ownersOf(CODEOWNERS, file)).toEqual(owners);
  });

  test.each([
    ["docs/*.md", "docs/a.md", true],
    ["docs/*.md", "docs/sub/a.md", false],
    ["docs/**/*.md", "docs/sub/deep/a.md", true],
    ["*.json", "deep/in/x.json", true],
    ["/x.json", "deep/x.json", false],
    ["build/", "a/build/out.js", true],
    ["apps/web", "apps/web/index.ts", true],
  ])("given the pattern %s, when %s is looked up, then it matches: %s", (pattern, file, matches) => {
    expect(ownersOf(parseCodeowners(`${pattern} @owner`), file)).toEqual(matches ? ["@owner"] : []);
  });
});

describe("the risky-plan override", () => {
  test("given the author added the label to their own pull request, when decided, then the plan stays blocked and says why", () => {
    const decision = decideOverride(facts({ labelledBy: "alice" }));
    expect(decision).toEqual({
      allowed: false,
      reasons: [
        'The "allow-risky-plan" label was added by @alice, the author of this pull request, so it does not count.',
        'tenants/globex.json: has a risky change. To allow it, one of @dave other than @alice adds the "allow-risky-plan" label or approves aaaaaaa.',
      ],
    });
  });

  test("given a code owner of the risky file added the label, when decided, then it is allowed, naming who", () => {
    expect(decideOverride(facts({ labelledBy: "Dave" }))).toEqual({
      allowed: true,
      reasons: ['tenants/globex.json: allowed by @Dave (a code owner), who added the "allow-risky-plan" label.'],
    });
  });

  test("given someone who owns other files added the label, when decided, then it stays blocked", () => {
    expect(decideOverride(facts({ labelledBy: "erin" })).allowed).toBe(false);
  });

  test("given a code owner approved the planned commit, when decided, then it is allowed", () => {
    const decision = decideOverride(facts({ reviews: [{ user: "dave", state: "APPROVED", commitId: HEAD }] }));
    expect(decision.reasons).toEqual(["tenants/globex.json: allowed by @dave (a code owner), who approved aaaaaaa."]);
    expect(decision.allowed).toBe(true);
  });

  test("given the approval is of an earlier commit, when decided, then it does not count (a push after approval needs a new one)", () => {
    const decision = decideOverride(facts({ reviews: [{ user: "dave", state: "APPROVED", commitId: OLD }] }));
    expect(decision.allowed).toBe(false);
    expect(decision.reasons[0]).toBe("@dave's approval is of bbbbbbb, not of the planned commit aaaaaaa, so it does not count.");
  });

  test("given the code owner approved and then requested changes, when decided, then it stays blocked; a later comment does not withdraw an approval", () => {
    const approved = { user: "dave", state: "APPROVED", commitId: HEAD };
    expect(decideOverride(facts({ reviews: [approved, { user: "dave", state: "CHANGES_REQUESTED", commitId: HEAD }] })).allowed).toBe(false);
    expect(decideOverride(facts({ reviews: [approved, { user: "dave", state: "COMMENTED", commitId: HEAD }] })).allowed).toBe(true);
  });

  test("given the author is a code owner and approves their own change, when decided, then it does not count", () => {
    expect(decideOverride(facts({ author: "dave", reviews: [{ user: "dave", state: "APPROVED", commitId: HEAD }] })).allowed).toBe(false);
  });

  test("given a team owns the file, when a member of the team labels, then it is allowed; when the team could not be read, then it is not", () => {
    const acme = facts({ riskyFiles: ["tenants/acme.json"], labelledBy: "bob" });
    expect(decideOverride({ ...acme, teams: new Map([["acme/customer-success", new Set(["bob"])]]) }).allowed).toBe(true);
    expect(decideOverride(acme).allowed).toBe(false);
  });

  test("given risks in two files, when only one file's owner allowed, then it stays blocked for the other", () => {
    const decision = decideOverride(facts({ riskyFiles: ["platform.json", "tenants/globex.json"], labelledBy: "erin" }));
    expect(decision.allowed).toBe(false);
    expect(decision.reasons).toEqual([
      'platform.json: allowed by @erin (a code owner), who added the "allow-risky-plan" label.',
      'tenants/globex.json: has a risky change. To allow it, one of @dave other than @alice adds the "allow-risky-plan" label or approves aaaaaaa.',
    ]);
  });

  test("given a risky file nobody owns, when decided, then nobody can allow it and the reason says to add an owner", () => {
    const decision = decideOverride(facts({ codeowners: parseCodeowners("/src/ @x"), labelledBy: "bob" }));
    expect(decision).toEqual({
      allowed: false,
      reasons: ["tenants/globex.json: has a risky change and no code owner in .github/CODEOWNERS, so nobody can allow it. Add an owner for it on the default branch first."],
    });
  });

  test("given no risky file, when decided, then it is allowed without a reason", () => {
    expect(decideOverride(facts({ riskyFiles: [] }))).toEqual({ allowed: true, reasons: [] });
  });
});

test("given the repository's CODEOWNERS, then tenant files, the platform file and the pipeline itself each have owners", () => {
  const rules = parseCodeowners(fs.readFileSync(path.join(ROOT, ".github", "CODEOWNERS"), "utf8"));
  expect(ownersOf(rules, "tenants/acme.json")).toEqual(["@acme/customer-onboarding", "@acme/auth0-platform"]);
  expect(ownersOf(rules, "platform.json")).toEqual(["@acme/auth0-platform"]);
  for (const file of [".github/workflows/pull-request-plan.yml", "scripts/ci/plan-stacks.sh", "src/ci/risk-override.ts", "package.json"]) {
    expect(ownersOf(rules, file)).toContain("@acme/security");
  }
});
