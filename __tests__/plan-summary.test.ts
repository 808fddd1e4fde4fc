import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { HELP } from "../src/cli/main";
import { planSummaryCommand } from "../src/cli/plan-summary-command";
import { readPlanFile } from "../src/review/plan-file";
import { planRisks } from "../src/review/plan-risks";
import { runCli } from "./support/cli";
import { ROOT } from "./support/project";

/**
 * Plans under recorded/ are real: `terraform show -json` of plans Terraform 1.11 made against
 * the Auth0 simulator in the end-to-end tests (RECORD_PLANS=1 npm run test:e2e rewrites them).
 * handwritten/ holds what no tenant file can produce (a grant opened to any organization).
 */
const PLANS = path.join(__dirname, "fixtures", "plans");
const plan = (scenario: string) => {
  const dir = fs.existsSync(path.join(PLANS, "recorded", scenario)) ? path.join(PLANS, "recorded", scenario) : path.join(PLANS, "handwritten", scenario);
  return path.join(dir, fs.readdirSync(dir)[0]);
};
const summarize = (files: string[], ...options: string[]) => runCli(planSummaryCommand, [...files, ...options], {});
const changesOf = (scenario: string) => readPlanFile(plan(scenario)).changes.map((c) => `${c.kind} ${c.address}`);
const risksOf = (scenario: string) => planRisks([readPlanFile(plan(scenario))]).map((r) => `${r.level} ${r.address}: ${r.message}`);

describe("reading a terraform show -json plan", () => {
  test("given a new tenant's plan, when read, then the stack comes from the file name and every managed resource is a create", () => {
    const { stack, changes } = readPlanFile(plan("onboard"));
    expect(stack).toBe("tenant-acme");
    expect(changes).toHaveLength(16);
    expect(changes.every((c) => c.kind === "create")).toBe(true);
  });

  test("given delete-then-create actions, when read, then each is one replace naming the attribute that forced it", () => {
    const replaced = readPlanFile(plan("api-renamed")).changes.filter((c) => c.kind === "replace");
    expect(replaced.map((c) => [c.address, c.replacedBecause])).toEqual([
      ["auth0_resource_server.api", ["identifier"]],
      ["auth0_resource_server_scopes.api-scopes", ["resource_server_identifier"]],
    ]);
  });

  test("given import blocks, when read, then the adopted resources are imports", () => {
    expect(changesOf("adopt")).toEqual(["import auth0_organization.organization", "import auth0_organization_connections.connections"]);
  });

  test("given a stack without changes, when read, then no-op and data source reads are left out", () => {
    expect(changesOf("unchanged")).toEqual([]);
  });

  test("given the platform outputs and user lookups in the prior state, when read, then role, connection and user ids get their names", () => {
    const { names } = readPlanFile(plan("edit"));
    expect([...names.values()].sort()).toEqual(
      [
        "Partners-Database",
        "Username-Password-Authentication",
        "admin",
        "billing",
        "google-oauth2",
        "member",
        "road.runner@acme.example",
        "wile.e.coyote@acme.example",
      ].sort(),
    );
  });
});

describe("risks", () => {
  test("given a new tenant, when assessed, then nothing is flagged: creating is not risky", () => {
    expect(risksOf("onboard")).toEqual([]);
  });

  test("given a role taken from a member and a connection unlinked, when assessed, then both are medium and named, not by id", () => {
    expect(risksOf("edit")).toEqual([
      "medium auth0_organization_connections.connections: connection `Partners-Database` unlinked: its users can no longer log in to this organization",
      "medium auth0_organization_member_roles.member-wile_e_coyote_at_acme_example-roles: roles `billing` taken from member `wile.e.coyote@acme.example`",
    ]);
  });

  test("given a scope added to an agent's grant, when assessed, then the widened grant is medium and names the scope", () => {
    expect(risksOf("widen-grant")).toEqual(["medium auth0_client_grant.agent-billing-sync-grant: grant widened: scopes `read:data` added"]);
  });

  test("given a grant opened to any organization, when assessed, then both loosened settings are high", () => {
    expect(risksOf("open-grant")).toEqual([
      "high auth0_client_grant.agent-billing-sync-grant: grant opened to any organization (`allow_any_organization`)",
      'high auth0_client_grant.agent-billing-sync-grant: grant no longer requires an organization (`organization_usage` "allow")',
    ]);
  });

  test("given a decommissioned tenant, when assessed, then the organization and its links are high and the member and its roles medium", () => {
    expect(risksOf("decommission").map((r) => r.replace(/rol_\w+/, "rol_…"))).toEqual([
      "high auth0_organization.organization: organization will be destroyed",
      "high auth0_organization_connections.connections: connection links will be destroyed",
      "medium auth0_organization_member.member-auth0_6571f0c2a1b2c3d4e5f60001: member `auth0|6571f0c2a1b2c3d4e5f60001` removed from the organization",
      "medium auth0_organization_member_roles.member-auth0_6571f0c2a1b2c3d4e5f60001-roles: roles `rol_…` taken from member `auth0|6571f0c2a1b2c3d4e5f60001`",
    ]);
  });

  test("given the API replaced in the platform, when assessed, then the replacements are high with their cause and the other platform changes one medium line", () => {
    expect(risksOf("api-renamed")).toEqual([
      "high auth0_resource_server.api: API will be replaced (destroyed, then created with a new id) because `identifier` changed",
      "high auth0_resource_server_scopes.api-scopes: shared platform resource will be replaced (destroyed, then created with a new id) because `resource_server_identifier` changed",
      "medium 4 resources: shared platform resources change (4 to update): every tenant depends on them",
    ]);
  });

  test("given one new role in the platform, when assessed, then it is one medium line: every tenant depends on the platform", () => {
    expect(risksOf("platform-role")).toEqual(["medium 2 resources: shared platform resources change (2 to create): every tenant depends on them"]);
  });

  test("given an import, when assessed, then adopting is not flagged", () => {
    expect(risksOf("adopt")).toEqual([]);
  });
});

describe("tenants plan-summary", () => {
  const pullRequest = ["unchanged", "adopt", "decommission", "edit", "platform-role"].map(plan);

  test("given plans of every kind, when summarized, then risks come first, then counts with platform first, then each stack", async () => {
    const { exitCode, out } = await summarize(pullRequest);
    expect(exitCode).toBe(0);
    const markdown = out.join("\n");
    const lines = markdown.split("\n");
    expect(lines.slice(0, 4)).toEqual(["## Auth0 plan summary", "", "### Risks: 2 high, 5 medium", ""]);
    expect(lines).toContain("> High-risk changes block this pull request. If they are intended, a reviewer adds the `allow-risky-plan` label.");
    const start = lines.indexOf("| Stack | Create | Update | Replace | Delete | Import |");
    expect(lines.slice(start, start + 7)).toEqual([
      "| Stack | Create | Update | Replace | Delete | Import |",
      "|---|---:|---:|---:|---:|---:|",
      "| platform | 2 | 0 | 0 | 0 | 0 |",
      "| tenant-acme | 0 | 3 | 0 | 0 | 0 |",
      "| tenant-globex | 0 | 0 | 0 | 4 | 0 |",
      "| tenant-initech | 0 | 0 | 0 | 0 | 0 |",
      "| tenant-umbrella | 0 | 0 | 0 | 0 | 2 |",
    ]);
    expect(lines).toContain("<details open><summary><b>tenant-globex</b>: 4 to delete</summary>");
    expect(lines).toContain("<details><summary><b>tenant-umbrella</b>: 2 to import</summary>");
    expect(lines).toContain("<details><summary><b>tenant-initech</b>: no changes</summary>");
    expect(lines).toContain("- `auth0_organization.organization`: `display_name`");
    expect(markdown).toMatchSnapshot();
  });

  test("given only creates, when summarized, then it says no risky changes were flagged", async () => {
    const { out } = await summarize([plan("onboard")]);
    expect(out.join("\n").split("\n").slice(0, 3)).toEqual(["## Auth0 plan summary", "", "No risky changes flagged."]);
  });

  test("given --output, when summarized, then the Markdown goes to the file and nothing to stdout", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-summary-")), "summary.md");
    const { exitCode, out } = await summarize([plan("edit")], "--output", file);
    expect({ exitCode, out }).toEqual({ exitCode: 0, out: [] });
    expect(fs.readFileSync(file, "utf8")).toMatch(/^## Auth0 plan summary\n/);
  });

  test("given a high risk and --fail-on high, when summarized, then it exits 3 and names each blocking change", async () => {
    const { exitCode, err } = await summarize([plan("decommission")], "--fail-on", "high");
    expect(exitCode).toBe(3);
    expect(err).toEqual([
      "tenants plan-summary: high risk in tenant-globex: auth0_organization.organization: organization will be destroyed",
      "tenants plan-summary: high risk in tenant-globex: auth0_organization_connections.connections: connection links will be destroyed",
      'tenants plan-summary: blocked. If these changes are intended, add the "allow-risky-plan" label to the pull request.',
    ]);
  });

  test("given a high risk allowed by the pull request label, when failing on high, then it exits 0 and says what allowed it", async () => {
    const { exitCode, err } = await runCli(planSummaryCommand, [plan("decommission"), "--fail-on", "high"], { ALLOW_RISKY_PLAN: "true" });
    expect({ exitCode, err }).toEqual({
      exitCode: 0,
      err: ["tenants plan-summary: 2 risky change(s) allowed by the allow-risky-plan label (ALLOW_RISKY_PLAN=true)."],
    });
  });

  test("given only medium risks, when failing on high, then it exits 0; failing on medium, it exits 3", async () => {
    expect((await summarize([plan("edit")], "--fail-on", "high")).exitCode).toBe(0);
    expect((await summarize([plan("edit")], "--fail-on", "medium")).exitCode).toBe(3);
  });

  test("given a file that is not a plan, when summarized, then it exits 1 naming the file and how to make one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-summary-"));
    const state = path.join(dir, "tenant-x.plan.json");
    fs.writeFileSync(state, JSON.stringify({ version: 4, resources: [] }));
    const broken = path.join(dir, "tenant-y.plan.json");
    fs.writeFileSync(broken, "{ not json");
    expect(await summarize([state])).toEqual({
      exitCode: 1,
      out: [],
      err: [`tenants plan-summary: ${state}: this is not a plan from \`terraform show -json <planfile>\` (no format_version and planned_values).`],
    });
    const { exitCode, err } = await summarize([broken]);
    expect(exitCode).toBe(1);
    expect(err[0]).toMatch(new RegExp(`^tenants plan-summary: ${broken}: not JSON \\(.+\\)\\. Write it with \`terraform show -json <planfile>\`\\.$`));
  });

  test("given no files or a wrong --fail-on, when run, then it says what to pass and exits 1 or 2", async () => {
    expect(await summarize([])).toMatchObject({
      exitCode: 1,
      err: ["tenants plan-summary: no plan files given. Pass the files `terraform show -json` wrote, e.g. plans/*.plan.json."],
    });
    expect(await summarize([plan("edit")], "--fail-on", "low")).toMatchObject({
      exitCode: 2,
      err: ['tenants plan-summary: --fail-on must be high, medium or never (received "low").'],
    });
  });
});

describe("the compiled tenants command", () => {
  const cli = path.join(ROOT, "dist", "src", "cli", "main.js");

  test("given --help, when run, then it lists the nine commands", () => {
    expect(execFileSync("node", [cli, "--help"], { encoding: "utf8" })).toBe(`${HELP}\n`);
    expect(HELP.match(/^ {2}\S+/gm)?.map((s) => s.trim())).toEqual(["new", "validate", "list", "affected", "plan-summary", "local", "deploy", "drift", "adopt"]);
  });

  test("given an unknown command or option, when run, then it exits 2 with the usage", () => {
    const unknown = spawnSync("node", [cli, "launch"], { encoding: "utf8" });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^tenants: unknown command "launch"\.\n\nUsage: tenants <command>/);
    const option = spawnSync("node", [cli, "plan-summary", "--bogus"], { encoding: "utf8" });
    expect(option.status).toBe(2);
    expect(option.stderr).toMatch(/^tenants plan-summary: Unknown option '--bogus'/);
  });

  test("given a recorded plan, when run from the compiled CLI, then it prints the same Markdown as in-process", async () => {
    const { out } = await summarize([plan("edit")]);
    expect(execFileSync("node", [cli, "plan-summary", plan("edit")], { encoding: "utf8" })).toBe(`${out.join("\n")}\n`);
  });
});
