import { inDeployOrder, renderPlanSummary } from "../src/review/plan-markdown";
import { PlannedChange, StackPlan } from "../src/review/plan-file";
import { Risk } from "../src/review/plan-risks";
import { say } from "../src/review/phrase";
import { plannedChange } from "./support/planned-change";

/**
 * The Markdown comment, rendered from plans and risks built here: the parts around the risk
 * list (the gate line, the tenants that follow, the table, each stack's details) exactly.
 */
const change = (type: string, action: PlannedChange["action"], after: Record<string, unknown>, more: Partial<PlannedChange> = {}): PlannedChange =>
  plannedChange({
    address: `${type}.${String(after.name ?? "x")}`,
    type,
    action,
    before: action === "create" ? {} : after,
    after: action === "delete" || action === "forget" ? {} : after,
    ...more,
  });
const plan = (stack: string, changes: PlannedChange[], unchanged: PlannedChange[] = [], names: Record<string, string> = {}): StackPlan => ({
  stack,
  file: `${stack}.plan.json`,
  changes,
  unchanged,
  names: new Map(Object.entries(names)),
});
const risk = (level: Risk["level"], stack: string, address: string): Risk => ({ level, stack, address, message: say`role ${"admin"} taken` });

const TABLE = ["| Stack | Create | Update | Replace | Delete | Import |", "|---|---:|---:|---:|---:|---:|"];

describe("the plan summary's Markdown", () => {
  test("given a stack with nothing to do, when rendered, then no risk, one row of zeros and a closed details saying Terraform plans no changes", () => {
    expect(renderPlanSummary([plan("tenant-a", [])], []).split("\n")).toEqual([
      "## Auth0 plan summary",
      "",
      "No risky changes flagged.",
      "",
      ...TABLE,
      "| `tenant-a` | 0 | 0 | 0 | 0 | 0 |",
      "",
      "<details><summary><b><code>tenant-a</code></b>: no changes</summary>",
      "",
      "Terraform plans no changes.",
      "",
      "</details>",
      "",
    ]);
  });

  test("given changes of every kind, when rendered, then each kind is counted in the table and the summary line, forgotten ones only in the summary line, and grouped in order", () => {
    const changes = [
      change("auth0_role", "forget", { name: "f" }),
      change("auth0_role", "delete", { name: "d" }),
      change("auth0_role", "update", { name: "u" }),
      change("auth0_role", "create", { name: "c1" }),
      change("auth0_role", "create", { name: "c2" }),
      change("auth0_role", "replace", { name: "r" }),
      change("auth0_role", "update", { name: "i" }, { importing: true }),
    ];
    const lines = renderPlanSummary([plan("platform", changes)], [risk("high", "platform", "auth0_role.d")]).split("\n");
    expect(lines.slice(lines.indexOf(TABLE[0]))).toEqual([
      ...TABLE,
      "| `platform` | 2 | 1 | 1 | 1 | 1 |",
      "",
      "<details open><summary><b><code>platform</code></b>: 2 to create, 1 to update, 1 to replace, 1 to delete, 1 to import, 1 to forget</summary>",
      "",
      "**Create**",
      "",
      "- role `c1`",
      "- role `c2`",
      "",
      "**Update**",
      "",
      "- role `u`",
      "",
      "**Replace**",
      "",
      "- role `r`",
      "",
      "**Delete**",
      "",
      "- role `d`",
      "",
      "**Import**",
      "",
      "- role `i`",
      "",
      "**No longer managed**",
      "",
      "- role `f`: no longer managed by Terraform, left as it is in Auth0",
      "",
      "</details>",
      "",
    ]);
  });

  test("given high and medium risks, when rendered, then they are counted and listed in the order given, each with its stack and address", () => {
    const risks = [risk("high", "tenant-a", "auth0_organization.organization"), risk("medium", "tenant-a", "x.y"), risk("medium", "tenant-b", "z.w")];
    const lines = renderPlanSummary([plan("tenant-a", []), plan("tenant-b", [])], risks).split("\n");
    expect(lines.slice(0, 8)).toEqual([
      "## Auth0 plan summary",
      "",
      "### Risks: 1 high, 2 medium",
      "",
      "- **HIGH** `tenant-a` `auth0_organization.organization`: role `admin` taken",
      "- **MEDIUM** `tenant-a` `x.y`: role `admin` taken",
      "- **MEDIUM** `tenant-b` `z.w`: role `admin` taken",
      "",
    ]);
    expect(lines[8]).toBe(TABLE[0]);
    expect(lines.filter((l) => l.startsWith("<details"))).toEqual([
      "<details open><summary><b><code>tenant-a</code></b>: no changes</summary>",
      "<details open><summary><b><code>tenant-b</code></b>: no changes</summary>",
    ]);
  });

  test("given a pending discovery domain left as it is, when rendered, then its stack's details say what the customer still has to publish", () => {
    const domain = change("auth0_organization_discovery_domain", "no-op", { domain: "acme.example", status: "pending", verification_host: "_v.acme.example", verification_txt: "abc" });
    const lines = renderPlanSummary([plan("tenant-a", [], [domain])], []).split("\n");
    expect(lines.slice(lines.indexOf("<details><summary><b><code>tenant-a</code></b>: no changes</summary>"))).toEqual([
      "<details><summary><b><code>tenant-a</code></b>: no changes</summary>",
      "",
      "Terraform plans no changes.",
      "",
      "**Waiting for the customer**",
      "",
      "- the customer publishes a TXT record at `_v.acme.example` with the value `abc` to verify `acme.example`",
      "",
      "</details>",
      "",
    ]);
  });

  test("given ids another stack's plan names, when rendered, then every stack's details use the pooled names", () => {
    const links = change("auth0_organization_connections", "delete", { enabled_connections: [{ connection_id: "con_1" }] });
    const markdown = renderPlanSummary([plan("platform", [], [], { con_1: "google-oauth2" }), plan("tenant-a", [links])], []);
    expect(markdown).toContain("\n- connection `google-oauth2` unlinked\n");
  });
});

describe("the risk gate line", () => {
  const gate = (risks: Risk[], failOn: Risk["level"][], allowedBy?: string) =>
    renderPlanSummary([plan("tenant-a", [])], risks, { gate: { failOn, allowedBy } })
      .split("\n")
      .filter((l) => l.startsWith("> "));

  test("given medium risks failing on medium, when rendered, then risky changes block the pull request", () => {
    expect(gate([risk("medium", "tenant-a", "x.y")], ["high", "medium"])).toEqual([
      "> Risky changes block this pull request. If they are intended, a reviewer other than the author adds the `allow-risky-plan` label.",
    ]);
  });

  test("given medium risks allowed, when failing on medium, then risky changes are allowed by what allowed them", () => {
    expect(gate([risk("medium", "tenant-a", "x.y")], ["high", "medium"], "`--allow-risk`")).toEqual(["> Risky changes are allowed by `--allow-risk`: this pull request is not blocked."]);
  });

  test("given only medium risks failing on high, when rendered, then nothing is said to block: the table follows the risk list", () => {
    expect(gate([risk("medium", "tenant-a", "x.y")], ["high"])).toEqual([]);
    const lines = renderPlanSummary([plan("tenant-a", [])], [risk("medium", "tenant-a", "x.y")], { gate: { failOn: ["high"] } }).split("\n");
    expect(lines.slice(4, 7)).toEqual(["- **MEDIUM** `tenant-a` `x.y`: role `admin` taken", "", TABLE[0]]);
  });

  test.each([
    [undefined, "> High-risk changes block this pull request. If they are intended, a reviewer other than the author adds the `allow-risky-plan` label."],
    ["the label", "> High-risk changes are allowed by the label: this pull request is not blocked."],
  ])("given a gate line (allowed by %s), when rendered, then it follows the risk list after one blank line and is followed by one", (allowedBy, line) => {
    const lines = renderPlanSummary([plan("tenant-a", [])], [risk("high", "tenant-a", "x.y")], { gate: { failOn: ["high"], allowedBy } }).split("\n");
    expect(lines.slice(4, 9)).toEqual(["- **HIGH** `tenant-a` `x.y`: role `admin` taken", "", line, "", TABLE[0]]);
  });
});

describe("the tenants that follow the platform", () => {
  const section = (extras: Parameters<typeof renderPlanSummary>[2]) => {
    const lines = renderPlanSummary([plan("platform", [])], [], extras).split("\n");
    return lines.slice(4, lines.indexOf(TABLE[0]));
  };

  test("given tenants following for roles, connections or both, when rendered, then each says why, in the order given", () => {
    expect(
      section({
        ripple: [
          { stack: "tenant-a", roles: ["admin", "billing"], connections: ["google-oauth2"] },
          { stack: "tenant-b", roles: ["admin"], connections: [] },
          { stack: "tenant-c", roles: [], connections: ["db", "google-oauth2"] },
        ],
      }),
    ).toEqual([
      "### Tenants that follow the platform",
      "",
      "- `tenant-a` follows: re-applied after the platform (roles `admin`, `billing` and connections `google-oauth2` get new ids)",
      "- `tenant-b` follows: re-applied after the platform (roles `admin` get new ids)",
      "- `tenant-c` follows: re-applied after the platform (connections `db`, `google-oauth2` get new ids)",
      "",
    ]);
  });

  test("given no tenant follows, when rendered, then there is no such section", () => {
    expect(section({ ripple: [] })).toEqual([]);
    expect(section({})).toEqual([]);
  });

  test("given the tenants could not be named, when rendered, then the section says why instead", () => {
    expect(section({ ripple: [{ stack: "tenant-a", roles: ["admin"], connections: [] }], rippleUnknown: "the tenant files do not validate" })).toEqual([
      "### Tenants that follow the platform",
      "",
      "Could not be named: the tenant files do not validate",
      "",
    ]);
  });
});

describe("the order of stacks", () => {
  test("given plans in any order, when put in deploy order, then the platform first, then tenants by name, the input left as it was", () => {
    const plans = ["tenant-b", "tenant-a", "platform", "tenant-c"].map((s) => plan(s, []));
    expect(inDeployOrder(plans).map((p) => p.stack)).toEqual(["platform", "tenant-a", "tenant-b", "tenant-c"]);
    expect(plans.map((p) => p.stack)).toEqual(["tenant-b", "tenant-a", "platform", "tenant-c"]);
  });
});
