import * as fs from "fs";
import * as path from "path";
import { planSummaryCommand } from "../src/cli/plan-summary-command";
import { readPlanFile } from "../src/review/plan-file";
import { platformRipple, RippleFleet } from "../src/review/platform-ripple";
import { runCli } from "./support/cli";
import { examplePlatform, minimalTenant, TempProject } from "./support/project";

const commonmark: { Parser: new () => { parse(text: string): unknown }; HtmlRenderer: new () => { render(tree: unknown): string } } = require("commonmark");
const toHtml = (markdown: string) => new commonmark.HtmlRenderer().render(new commonmark.Parser().parse(markdown));

const HANDWRITTEN = path.join(__dirname, "fixtures", "plans", "handwritten");
const plan = (scenario: string) => {
  const dir = path.join(HANDWRITTEN, scenario);
  return path.join(dir, fs.readdirSync(dir)[0]);
};
const summarize = (files: string[], options: string[] = [], env: NodeJS.ProcessEnv = {}) => runCli(planSummaryCommand, [...files, ...options], env);

describe("the summary of a plan with only medium risks", () => {
  test("given a display name edited, a role taken, a link re-created and a secret rotated, when summarized failing on high, then it is exactly this Markdown", async () => {
    const { exitCode, out } = await summarize([plan("edit-newco")], ["--fail-on", "high"]);
    expect(exitCode).toBe(0);
    expect(out.join("\n")).toBe(
      [
        "## Auth0 plan summary",
        "",
        "### Risks: 0 high, 3 medium",
        "",
        "- **MEDIUM** `tenant-newco` `auth0_organization_connections.connections`: connection `google-oauth2` is unlinked and linked again to change `assign_membership_on_login` `true` → `false`: login via `google-oauth2` is briefly unlinked; if re-linking fails the customer cannot log in",
        "- **MEDIUM** `tenant-newco` `auth0_organization_member_roles.member-jane_at_newco_example-roles`: roles `billing` taken from member `jane@newco.example`",
        "- **MEDIUM** `tenant-newco` `auth0_client_credentials.agent-reporting-credentials`: client secret of agent `newco reporting` rotated: the old secret stops working at apply; give the agent the new one first",
        "",
        "| Stack | Create | Update | Replace | Delete | Import |",
        "|---|---:|---:|---:|---:|---:|",
        "| `tenant-newco` | 0 | 4 | 0 | 0 | 0 |",
        "",
        "<details open><summary><b><code>tenant-newco</code></b>: 4 to update</summary>",
        "",
        "**Update**",
        "",
        "- organization `newco`: `display_name` `NewCo` → `NewCo Ltd`",
        "- connection `google-oauth2` unlinked and linked again: `assign_membership_on_login` `true` → `false`",
        "- roles of member `jane@newco.example`: `roles` `admin`, `billing` → `admin`",
        "- credentials of agent `newco reporting`: `client_secret_wo_version` `1` → `2`",
        "",
        "</details>",
        "",
      ].join("\n"),
    );
  });
});

describe("what a reviewer decides on", () => {
  test("given a decommission with the platform's outputs in another plan, when summarized, then role and connection ids are shown by name", async () => {
    const recorded = path.join(__dirname, "fixtures", "plans", "recorded");
    const { out } = await summarize([path.join(recorded, "decommission", "tenant-globex.plan.json"), path.join(recorded, "edit", "tenant-acme.plan.json")]);
    const markdown = out.join("\n");
    expect(markdown).toContain("- connection `Username-Password-Authentication` unlinked");
    expect(markdown).not.toMatch(/con_\w+|rol_\w+/);
  });
});

describe("the risk gate line", () => {
  const decommission = path.join(__dirname, "fixtures", "plans", "recorded", "decommission", "tenant-globex.plan.json");
  const gateLine = async (options: string[], env: NodeJS.ProcessEnv = {}) => (await summarize([decommission], options, env)).out.join("\n").split("\n").filter((l) => l.startsWith("> "));

  test("given high risks failing on high, when not allowed, then the summary says they block the pull request", async () => {
    expect(await gateLine(["--fail-on", "high"])).toEqual([
      "> High-risk changes block this pull request. If they are intended, a reviewer other than the author adds the `allow-risky-plan` label.",
    ]);
  });

  test("given high risks allowed by the label, when summarized, then it says what allowed them and that nothing is blocked", async () => {
    expect(await gateLine(["--fail-on", "high"], { ALLOW_RISKY_PLAN: "true" })).toEqual([
      "> High-risk changes are allowed by the `allow-risky-plan` label (`ALLOW_RISKY_PLAN=true`): this pull request is not blocked.",
    ]);
    expect(await gateLine(["--fail-on", "high", "--allow-risk"])).toEqual(["> High-risk changes are allowed by `--allow-risk`: this pull request is not blocked."]);
  });

  test("given no gate, when summarized, then no line claims anything is blocked", async () => {
    expect(await gateLine([])).toEqual([]);
  });
});

describe("values from the plan are inert", () => {
  test("given a member id and a display name written to break out, when the summary is rendered as HTML, then no details closes early, no heading, image, link or mention appears", async () => {
    const { out } = await summarize([plan("hostile-values"), plan("edit-newco")]);
    const html = toHtml(out.join("\n"));
    expect(html.match(/<details/g)).toHaveLength(2);
    expect(html.match(/<\/details>/g)).toHaveLength(2);
    expect(html.match(/<h2>/g)).toEqual(["<h2>"]);
    expect(html).toContain("<h2>Auth0 plan summary</h2>");
    expect(html).not.toMatch(/<img|<a |<em>|<h[1-6]>No risky/);
    // GitHub makes mentions and issue links only outside code.
    const outsideCode = html.replace(/<code>[^<]*<\/code>/g, "");
    expect(outsideCode).not.toMatch(/[@#]/);
    expect(html).toContain("<code>auth0|y`&lt;/details&gt;&lt;h2&gt;No risky changes flagged&lt;/h2&gt;![b](https://evil.example/beacon.png)@org/admins</code>");
  });

  test("given control characters in values, when risks block, then every terminal line is one line with them escaped", async () => {
    const { err } = await summarize([plan("hostile-values")], ["--fail-on", "medium"]);
    expect(err).toHaveLength(3);
    for (const line of err) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe("the tenants that follow the platform", () => {
  const fleet: RippleFleet = {
    platform: { roles: examplePlatform().roles },
    tenants: [
      { stackName: "tenant-a", status: "active", connections: [{ name: "google-oauth2" }], members: [{ key: "x", addressKey: "x", roles: ["admin", "member"] }] },
      { stackName: "tenant-b", status: "active", connections: [{ name: "google-oauth2" }], members: [{ key: "y", addressKey: "y", roles: ["member"] }] },
      { stackName: "tenant-c", status: "decommissioned", connections: [{ name: "google-oauth2" }], members: [{ key: "z", addressKey: "z", roles: ["admin"] }] },
    ] as unknown as RippleFleet["tenants"],
  };

  test("given a role replaced by the platform, when the ripple is computed, then exactly the active tenants that give it are named", () => {
    expect(platformRipple(readPlanFile(plan("platform-role-replaced")), fleet)).toEqual([{ stack: "tenant-a", roles: ["admin"], connections: [] }]);
  });

  test("given a role deleted by hand and created again by the platform, when the ripple is computed, then its tenants follow too", () => {
    expect(platformRipple(readPlanFile(plan("platform-role-recreated")), fleet).map((r) => r.stack)).toEqual(["tenant-a"]);
  });

  test("given a role only updated in place, when the ripple is computed, then no tenant follows: its id stays", () => {
    expect(platformRipple(readPlanFile(plan("platform-role-described")), fleet)).toEqual([]);
  });

  test("given the platform plan and tenant files, when summarized, then the summary names the tenants that follow", async () => {
    const project = new TempProject();
    try {
      project.tenant("alpha", { ...minimalTenant("alpha"), members: [{ userId: "auth0|1", roles: ["admin"] }] });
      project.tenant("beta", minimalTenant("beta"));
      const { out } = await summarize([plan("platform-role-replaced")], [], project.env);
      const lines = out.join("\n").split("\n");
      const start = lines.indexOf("### Tenants that follow the platform");
      expect(lines.slice(start, start + 4)).toEqual([
        "### Tenants that follow the platform",
        "",
        "- `tenant-alpha` follows: re-applied after the platform (roles `admin` get new ids)",
        "",
      ]);
    } finally {
      project.remove();
    }
  });

  test("given tenant files that do not validate, when the platform re-creates a role, then the summary says the tenants that follow could not be named", async () => {
    const project = new TempProject();
    try {
      project.tenant("alpha", { ...minimalTenant("alpha"), members: [{ userId: "auth0|1", roles: ["admn"] }] });
      const { exitCode, out } = await summarize([plan("platform-role-replaced")], [], project.env);
      expect(exitCode).toBe(0);
      expect(out.join("\n")).toContain("### Tenants that follow the platform\n\nCould not be named: the tenant files do not validate (1 problem(s); run `tenants validate`).\n");
    } finally {
      project.remove();
    }
  });
});
