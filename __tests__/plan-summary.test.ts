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

const PLANS = path.join(__dirname, "fixtures", "plans");
const plan = (stack: string) => path.join(PLANS, `${stack}.plan.json`);
const summarize = (files: string[], ...options: string[]) => runCli(planSummaryCommand, [...files, ...options], {});
const risksOf = (stack: string) => planRisks([readPlanFile(plan(stack))]).map((r) => `${r.level} ${r.address}: ${r.message}`);

describe("reading a terraform show -json plan", () => {
  test("given a new tenant, when read, then every managed resource is a create and data sources are left out", () => {
    const { stack, changes } = readPlanFile(plan("tenant-newco"));
    expect(stack).toBe("tenant-newco");
    expect(changes.map((c) => `${c.kind} ${c.address}`)).toEqual([
      "create auth0_organization.organization",
      "create auth0_organization_connections.connections",
      "create auth0_organization_member.member-jane_at_newco_example",
      "create auth0_organization_member_roles.member-jane_at_newco_example-roles",
      "create auth0_client.agent-reporting",
      "create auth0_client_grant.agent-reporting-grant",
    ]);
  });

  test("given delete then create, when read, then it is one replace with the attribute that forced it", () => {
    const [org] = readPlanFile(plan("tenant-globex")).changes;
    expect(org).toMatchObject({ kind: "replace", address: "auth0_organization.organization", replacedBecause: ["name"] });
  });

  test("given no-op changes, when read, then they are not counted", () => {
    expect(readPlanFile(plan("tenant-acme")).changes.map((c) => c.kind)).toEqual(["update", "update", "update"]);
  });
});

describe("risks", () => {
  test("given a new tenant, when assessed, then nothing is flagged: creating is not risky", () => {
    expect(risksOf("tenant-newco")).toEqual([]);
  });

  test("given an organization replaced because its name changed, when assessed, then it is high risk and says why", () => {
    expect(risksOf("tenant-globex")).toEqual([
      "high auth0_organization.organization: organization will be replaced (destroyed, then created with a new id) because `name` changed",
      "high auth0_organization_connections.connections: connection links will be replaced (destroyed, then created with a new id) because `organization_id` changed",
    ]);
  });

  test("given a decommissioned tenant, when assessed, then the organization and links are high and the member and its roles medium", () => {
    expect(risksOf("tenant-initech")).toEqual([
      "high auth0_organization.organization: organization will be destroyed",
      "high auth0_organization_connections.connections: connection links will be destroyed",
      "medium auth0_organization_member.member-auth0_peter: member `auth0|peter` removed from the organization",
      "medium auth0_organization_member_roles.member-auth0_peter-roles: roles `rol_Member00000000001` taken from member `auth0|peter`",
    ]);
  });

  test("given a role taken from a member and a scope added to a grant, when assessed, then both are medium and named", () => {
    expect(risksOf("tenant-acme")).toEqual([
      "medium auth0_organization_member_roles.member-road_runner_at_acme_example-roles: roles `rol_Admin000000000001` taken from member `auth0|rr`",
      "medium auth0_client_grant.agent-data-importer-grant: grant widened: scopes `write:data` added",
    ]);
  });

  test("given any platform change, when assessed, then it is flagged because every tenant depends on it", () => {
    expect(risksOf("platform")).toEqual([
      "medium auth0_role_permissions.role-auditor-permissions: shared platform resource will be created: every tenant depends on it",
      "medium auth0_role.role-auditor: shared platform resource will be created: every tenant depends on it",
    ]);
  });
});

describe("tenants plan-summary", () => {
  const all = ["tenant-unchanged", "tenant-newco", "tenant-initech", "tenant-globex", "tenant-acme", "platform"].map(plan);

  test("given plans of every kind, when summarized, then risks come first, then counts with platform first, then each stack", async () => {
    const { exitCode, out } = await summarize(all);
    expect(exitCode).toBe(0);
    const markdown = out.join("\n");
    const lines = markdown.split("\n");
    expect(lines.slice(0, 4)).toEqual(["## Auth0 plan summary", "", "### Risks: 4 high, 6 medium", ""]);
    expect(lines).toContain("> High-risk changes block this pull request. If they are intended, a reviewer adds the `allow-risky-plan` label.");
    const table = lines.slice(lines.indexOf("| Stack | Create | Update | Replace | Delete | Import |"), lines.indexOf("| tenant-unchanged | 0 | 0 | 0 | 0 | 0 |") + 1);
    expect(table).toEqual([
      "| Stack | Create | Update | Replace | Delete | Import |",
      "|---|---:|---:|---:|---:|---:|",
      "| platform | 2 | 0 | 0 | 0 | 0 |",
      "| tenant-acme | 0 | 3 | 0 | 0 | 0 |",
      "| tenant-globex | 0 | 0 | 2 | 0 | 0 |",
      "| tenant-initech | 0 | 0 | 0 | 4 | 0 |",
      "| tenant-newco | 6 | 0 | 0 | 0 | 0 |",
      "| tenant-unchanged | 0 | 0 | 0 | 0 | 0 |",
    ]);
    expect(lines).toContain("<details open><summary><b>tenant-globex</b>: 2 to replace</summary>");
    expect(lines).toContain("<details><summary><b>tenant-newco</b>: 6 to create</summary>");
    expect(lines).toContain("<details><summary><b>tenant-unchanged</b>: no changes</summary>");
    expect(lines).toContain("- `auth0_organization.organization`: `display_name`");
    expect(markdown).toMatchSnapshot();
  });

  test("given only creates, when summarized, then it says no risky changes were flagged", async () => {
    const { out } = await summarize([plan("tenant-newco")]);
    expect(out.join("\n").split("\n").slice(0, 3)).toEqual(["## Auth0 plan summary", "", "No risky changes flagged."]);
  });

  test("given --output, when summarized, then the Markdown goes to the file and nothing to stdout", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-summary-")), "summary.md");
    const { exitCode, out } = await summarize([plan("tenant-acme")], "--output", file);
    expect({ exitCode, out }).toEqual({ exitCode: 0, out: [] });
    expect(fs.readFileSync(file, "utf8")).toMatch(/^## Auth0 plan summary\n/);
  });

  test("given a high risk and --fail-on high, when summarized, then it exits 3 and names each blocking change", async () => {
    const { exitCode, err } = await summarize([plan("tenant-globex")], "--fail-on", "high");
    expect(exitCode).toBe(3);
    expect(err).toEqual([
      "tenants plan-summary: high risk in tenant-globex: auth0_organization.organization: organization will be replaced (destroyed, then created with a new id) because `name` changed",
      "tenants plan-summary: high risk in tenant-globex: auth0_organization_connections.connections: connection links will be replaced (destroyed, then created with a new id) because `organization_id` changed",
      'tenants plan-summary: blocked. If these changes are intended, add the "allow-risky-plan" label to the pull request.',
    ]);
  });

  test("given a high risk allowed by the pull request label, when failing on high, then it exits 0 and says what allowed it", async () => {
    const { exitCode, err } = await runCli(planSummaryCommand, [plan("tenant-initech"), "--fail-on", "high"], { ALLOW_RISKY_PLAN: "true" });
    expect({ exitCode, err }).toEqual({ exitCode: 0, err: ["tenants plan-summary: 2 risky change(s) allowed by the allow-risky-plan label (ALLOW_RISKY_PLAN=true)."] });
  });

  test("given only medium risks, when failing on high, then it exits 0; failing on medium, it exits 3", async () => {
    expect((await summarize([plan("tenant-acme")], "--fail-on", "high")).exitCode).toBe(0);
    expect((await summarize([plan("tenant-acme")], "--fail-on", "medium")).exitCode).toBe(3);
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
    expect(await summarize([])).toMatchObject({ exitCode: 1, err: ["tenants plan-summary: no plan files given. Pass the files `terraform show -json` wrote, e.g. plans/*.plan.json."] });
    expect(await summarize([plan("tenant-acme")], "--fail-on", "low")).toMatchObject({ exitCode: 2, err: ['tenants plan-summary: --fail-on must be high, medium or never (received "low").'] });
  });
});

describe("the compiled tenants command", () => {
  const cli = path.join(ROOT, "dist", "src", "cli", "main.js");

  test("given --help, when run, then it lists the six commands", () => {
    expect(execFileSync("node", [cli, "--help"], { encoding: "utf8" })).toBe(`${HELP}\n`);
    expect(HELP.match(/^ {2}\S+/gm)?.map((s) => s.trim())).toEqual(["new", "validate", "list", "affected", "plan-summary", "local"]);
  });

  test("given an unknown command or option, when run, then it exits 2 with the usage", () => {
    const unknown = spawnSync("node", [cli, "deploy"], { encoding: "utf8" });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^tenants: unknown command "deploy"\.\n\nUsage: tenants <command>/);
    const option = spawnSync("node", [cli, "plan-summary", "--bogus"], { encoding: "utf8" });
    expect(option.status).toBe(2);
    expect(option.stderr).toMatch(/^tenants plan-summary: Unknown option '--bogus'/);
  });

  test("given a plan fixture, when run from the compiled CLI, then it prints the same Markdown as in-process", async () => {
    const { out } = await summarize([plan("tenant-acme")]);
    expect(execFileSync("node", [cli, "plan-summary", plan("tenant-acme")], { encoding: "utf8" })).toBe(`${out.join("\n")}\n`);
  });
});
