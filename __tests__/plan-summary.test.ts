import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { HELP, main } from "../src/cli/main";
import { planSummaryCommand } from "../src/cli/plan-summary-command";
import { kindOf, readPlanFile } from "../src/review/plan-file";
import { planRisks } from "../src/review/plan-risks";
import { phraseToMarkdown } from "../src/review/phrase";
import { runCli } from "./support/cli";

/**
 * Plans under recorded/ are real: `terraform show -json` of plans Terraform 1.11 made against
 * the Auth0 simulator in the end-to-end tests (RECORD_PLANS=1 npm run test:e2e rewrites them).
 * handwritten/ holds minimal plans written by hand: one that triggers each risk rule and one
 * that does not, and what no tenant file can produce yet (a grant opened to any organization).
 */
const PLANS = path.join(__dirname, "fixtures", "plans");
const plan = (scenario: string) => {
  const dir = fs.existsSync(path.join(PLANS, "recorded", scenario)) ? path.join(PLANS, "recorded", scenario) : path.join(PLANS, "handwritten", scenario);
  return path.join(dir, fs.readdirSync(dir)[0]);
};
const summarize = (files: string[], ...options: string[]) => runCli(planSummaryCommand, [...files, ...options], {});
const changesOf = (scenario: string) => readPlanFile(plan(scenario)).changes.map((c) => `${kindOf(c)} ${c.address}`);
const risksOf = (...scenarios: string[]) => planRisks(scenarios.map((s) => readPlanFile(plan(s)))).map((r) => `${r.level} ${r.address}: ${phraseToMarkdown(r.message)}`);

describe("reading a terraform show -json plan", () => {
  test("given a new tenant's plan, when read, then the stack comes from the file name and every managed resource is a create", () => {
    const { stack, changes } = readPlanFile(plan("onboard"));
    expect(stack).toBe("tenant-acme");
    expect(changes).toHaveLength(16);
    expect(changes.every((c) => c.action === "create" && !c.importing)).toBe(true);
  });

  test("given delete-then-create actions, when read, then each is one replace naming the attribute that forced it", () => {
    const replaced = readPlanFile(plan("api-renamed")).changes.filter((c) => c.action === "replace");
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
      "medium auth0_organization_member_roles.member-wile_e_coyote_at_acme_example-c70f6afc-roles: roles `billing` taken from member `wile.e.coyote@acme.example`",
    ]);
  });

  test("given a scope added to an agent's grant, when assessed, then the widened grant is medium and names the scope", () => {
    expect(risksOf("widen-grant")).toEqual(["medium auth0_client_grant.agent-billing-sync-grant: grant of agent `acme billing-sync` widened: scopes `read:data` added"]);
  });

  test("given a grant opened to any organization, when assessed, then both loosened settings are high", () => {
    expect(risksOf("open-grant")).toEqual([
      "high auth0_client_grant.agent-billing-sync-grant: grant opened to any organization (`allow_any_organization`)",
      'high auth0_client_grant.agent-billing-sync-grant: grant no longer requires an organization (`organization_usage` `allow`)',
    ]);
  });

  test("given a decommissioned tenant with another tenant's plan that reads the platform outputs, when assessed, then the organization and its links are high and the member and its roles medium, all by name", () => {
    expect(risksOf("decommission", "edit").filter((r) => !r.includes("wile.e.coyote") && !r.includes("Partners-Database"))).toEqual([
      "high auth0_organization.organization: organization `globex` will be destroyed",
      "high auth0_organization_connections.connections: connection links `Username-Password-Authentication` will be destroyed",
      "medium auth0_organization_member.member-auth0_6571f0c2a1b2c3d4e5f60001-14cc2e54: member `auth0|6571f0c2a1b2c3d4e5f60001` removed from the organization",
      "medium auth0_organization_member_roles.member-auth0_6571f0c2a1b2c3d4e5f60001-14cc2e54-roles: roles `admin` taken from member `auth0|6571f0c2a1b2c3d4e5f60001`",
    ]);
  });

  test("given the API replaced in the platform, when assessed, then the replacements are high with their cause and the other platform changes one medium line", () => {
    expect(risksOf("api-renamed")).toEqual([
      "high auth0_resource_server.api: API `https://api.example.com` will be replaced (destroyed, then created with a new id) because `identifier` changed",
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
    const start = lines.indexOf("| Stack | Create | Update | Replace | Delete | Import |");
    expect(lines.slice(start, start + 7)).toEqual([
      "| Stack | Create | Update | Replace | Delete | Import |",
      "|---|---:|---:|---:|---:|---:|",
      "| `platform` | 2 | 0 | 0 | 0 | 0 |",
      "| `tenant-acme` | 0 | 3 | 0 | 0 | 0 |",
      "| `tenant-globex` | 0 | 0 | 0 | 4 | 0 |",
      "| `tenant-initech` | 0 | 0 | 0 | 0 | 0 |",
      "| `tenant-umbrella` | 0 | 0 | 0 | 0 | 2 |",
    ]);
    expect(lines).toContain("<details open><summary><b><code>tenant-globex</code></b>: 4 to delete</summary>");
    expect(lines).toContain("<details><summary><b><code>tenant-umbrella</code></b>: 2 to import</summary>");
    expect(lines).toContain("<details><summary><b><code>tenant-initech</code></b>: no changes</summary>");
    expect(lines).toContain("- organization `acme`: `display_name` `Acme Corporation` → `Acme Corp`");
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
      "tenants plan-summary: high risk in tenant-globex: auth0_organization.organization: organization `globex` will be destroyed",
      // Named by id or by name, depending on whether the recorded plan read the platform outputs.
      expect.stringMatching(/^tenants plan-summary: high risk in tenant-globex: auth0_organization_connections\.connections: connection links `[\w-]+` will be destroyed$/),
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

  test("given a file that is not a plan, when summarized, then it exits 1 with one line naming the file and how to make one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-summary-"));
    const state = path.join(dir, "tenant-x.plan.json");
    fs.writeFileSync(state, JSON.stringify({ version: 4, resources: [] }));
    const broken = path.join(dir, "tenant-y.plan.json");
    fs.writeFileSync(broken, "{ not json");
    const MAKE_ONE = "Write it with `terraform show -json <planfile> > <stack>.plan.json` (Terraform 1.x); a plan the summary cannot read never passes.";
    expect(await summarize([state])).toEqual({
      exitCode: 1,
      out: [],
      err: [`tenants plan-summary: ${state}: $: this is not a plan from \`terraform show -json <planfile>\` (no format_version and planned_values). ${MAKE_ONE}`],
    });
    expect(await summarize([broken])).toEqual({
      exitCode: 1,
      out: [],
      err: [`tenants plan-summary: ${broken}:1:3: $: invalid JSON: unexpected character "n". Fix the JSON syntax at this line and column (no comments or trailing commas are allowed).`],
    });
  });

  test("given no files or a wrong --fail-on, when run, then it says what to pass and exits 2 (usage)", async () => {
    expect(await summarize([])).toMatchObject({
      exitCode: 2,
      err: ["tenants plan-summary: no plan files given. Pass the files `terraform show -json` wrote, e.g. plans/*.plan.json."],
    });
    expect(await summarize([plan("edit")], "--fail-on", "low")).toMatchObject({
      exitCode: 2,
      err: ['tenants plan-summary: --fail-on must be high, medium or never (received "low").'],
    });
  });
});

describe("the tenants command, in-process", () => {
  test("given --help, when run, then it lists the nine commands", async () => {
    expect(await runCli(main, ["--help"], {})).toMatchObject({ exitCode: 0, out: [HELP] });
    expect(HELP.match(/^ {2}\S+/gm)?.map((s) => s.trim())).toEqual(["new", "validate", "list", "affected", "plan-summary", "local", "deploy", "drift", "adopt"]);
  });

  test("given an unknown option to plan-summary, when run, then it exits 2 naming it", async () => {
    const { exitCode, err } = await runCli(main, ["plan-summary", "--bogus"], {});
    expect(exitCode).toBe(2);
    expect(err.join("\n")).toMatch(/^tenants plan-summary: Unknown option '--bogus'/);
  });
});

describe("plans of a shape the summary does not know fail closed", () => {
  const MAKE_ONE = "Write it with `terraform show -json <planfile> > <stack>.plan.json` (Terraform 1.x); a plan the summary cannot read never passes.";
  const writePlan = (resourceChanges: unknown) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-summary-")), "tenant-acme.plan.json");
    const change = { address: "auth0_organization.organization", mode: "managed", type: "auth0_organization", change: resourceChanges };
    fs.writeFileSync(file, JSON.stringify({ format_version: "1.2", planned_values: {}, resource_changes: [change] }, null, 2));
    return file;
  };

  test.each([
    ["actions as a string", { actions: "delete", before: {}, after: null }, "$.resource_changes[0].change.actions", "10:9", 'expected a list (received "delete")'],
    [
      "an action Terraform does not have",
      { actions: ["destroy"], before: {}, after: null },
      "$.resource_changes[0].change.actions",
      "10:9",
      'must be one of Terraform\'s action lists ["no-op"], ["create"], ["read"], ["update"], ["delete"], ["forget"], ["delete","create"], ["create","delete"] (received ["destroy"])',
    ],
    ["before as a string", { actions: ["update"], before: "x", after: {} }, "$.resource_changes[0].change.before", "13:9", 'expected an object (received "x")'],
  ])("given %s, when summarized with --fail-on high, then it exits 1 with one line naming the file, JSON path and value, never passing", async (_, change, at, lineColumn, problem) => {
    const file = writePlan(change);
    expect(await summarize([file], "--fail-on", "high")).toEqual({ exitCode: 1, out: [], err: [`tenants plan-summary: ${file}:${lineColumn}: ${at}: ${problem}. ${MAKE_ONE}`] });
  });

  test("given a plan file not named after a stack, when summarized, then it exits 1 saying how to name it", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-summary-")), "Acme<b>.plan.json");
    fs.copyFileSync(plan("edit"), file);
    expect(await summarize([file])).toMatchObject({
      exitCode: 1,
      err: [`tenants plan-summary: ${file}: the file name must be <stack>.plan.json, the stack platform or tenant-<name> (received "Acme<b>").`],
    });
  });

  test("given two plans of one stack, when summarized, then it exits 1: one plan per stack", async () => {
    expect(await summarize([plan("edit"), plan("onboard")])).toMatchObject({ exitCode: 1, err: [expect.stringMatching(/a second plan for stack tenant-acme\. Pass one plan per stack\.$/)] });
  });
});

/**
 * One handwritten plan that triggers each rule and one that comes close without triggering it
 * (fixtures/plans/handwritten/<scenario>/<stack>.plan.json). Ids in them are named through the
 * platform outputs in their prior state, as in a real tenant plan.
 */
describe("each risk rule, on handwritten plans", () => {
  const JANE = "`auth0|5f1e2d3c4b5a69780001`";
  const AGENT = "`acme billing-sync`";
  test.each<[string, string[]]>([
    ["organization-destroyed", ["high auth0_organization.organization: organization `acme` will be destroyed"]],
    ["organization-renamed", []],
    ["platform-permissions-destroyed", ["high auth0_role_permissions.role-auditor-permissions: shared platform resource will be destroyed"]],
    ["tenant-permissions-destroyed", []],
    ["platform-role-replaced", ["high auth0_role.role-admin: role `Organization Admin` will be replaced (destroyed, then created with a new id)"]],
    ["platform-role-described", ["medium auth0_role.role-admin: shared platform resources change (1 to update): every tenant depends on them"]],
    ["member-removed", [`medium auth0_organization_member.member-jane: member ${JANE} removed from the organization`]],
    ["member-added", []],
    ["role-taken", [`medium auth0_organization_member_roles.member-jane-roles: roles \`billing\` taken from member ${JANE}`]],
    ["role-given", []],
    [
      "last-role-taken",
      [`medium auth0_organization_member_roles.member-jane-roles: member ${JANE} loses their last role (\`billing\`): they stay a member of the organization without any role`],
    ],
    [
      "member-and-roles-removed",
      [
        `medium auth0_organization_member.member-jane: member ${JANE} removed from the organization`,
        `medium auth0_organization_member_roles.member-jane-roles: roles \`billing\` taken from member ${JANE}`,
      ],
    ],
    ["connection-unlinked", ["medium auth0_organization_connections.connections: connection `google-oauth2` unlinked: its users can no longer log in to this organization"]],
    ["connection-linked", []],
    [
      "link-flag-changed",
      [
        "medium auth0_organization_connections.connections: connection `google-oauth2` is unlinked and linked again to change `show_as_button` `true` → `false`: login via `google-oauth2` is briefly unlinked; if re-linking fails the customer cannot log in",
      ],
    ],
    ["link-access-level-changed", []],
    ["adopt-unlinks", ["medium auth0_organization_connections.connections: connection `google-oauth2` unlinked: its users can no longer log in to this organization"]],
    ["adopt-as-is", []],
    ["grant-widened", [`medium auth0_client_grant.agent-billing-sync-grant: grant of agent ${AGENT} widened: scopes \`read:data\` added`]],
    ["grant-narrowed", []],
    [
      "grant-created-open",
      [
        "high auth0_client_grant.agent-billing-sync-grant: grant opened to any organization (`allow_any_organization`)",
        "high auth0_client_grant.agent-billing-sync-grant: grant does not require an organization (`organization_usage` `allow`)",
      ],
    ],
    ["grant-created-restricted", []],
    [
      "credentials-for-existing-agent",
      [`medium auth0_client_credentials.agent-billing-sync-credentials: agent ${AGENT} gets new credentials (\`private_key_jwt\`): check who holds them`],
    ],
    ["credentials-for-new-agent", []],
    [
      "key-added",
      [`medium auth0_client_credentials.agent-billing-sync-credentials: key \`importer-2027\` added to agent ${AGENT}: whoever holds its private key can get tokens as this agent`],
    ],
    [
      "key-removed",
      [`medium auth0_client_credentials.agent-billing-sync-credentials: key \`importer-2026\` removed from agent ${AGENT}: anything still signing with it can no longer get tokens`],
    ],
    ["credentials-unchanged-keys-reordered", []],
    [
      "authentication-method-switched",
      [
        `high auth0_client_credentials.agent-billing-sync-credentials: agent ${AGENT} switches authentication from \`client_secret_post\` to \`private_key_jwt\`: the way it gets tokens today stops working at apply`,
        `medium auth0_client_credentials.agent-billing-sync-credentials: key \`importer-2026\` added to agent ${AGENT}: whoever holds its private key can get tokens as this agent`,
      ],
    ],
    [
      "secret-rotated",
      [`medium auth0_client_credentials.agent-billing-sync-credentials: client secret of agent ${AGENT} rotated: the old secret stops working at apply; give the agent the new one first`],
    ],
    [
      "credentials-removed",
      [
        `high auth0_client_credentials.agent-billing-sync-credentials: credentials of agent ${AGENT} removed: its keys are detached and it falls back to a client secret, so an agent signing with a key can no longer get tokens`,
      ],
    ],
    ["agent-removed", [`high auth0_client.agent-billing-sync: client ${AGENT} will be destroyed`]],
    ["client-description-changed", []],
    [
      "discovery-domain-removed",
      ["medium auth0_organization_discovery_domain.domain-acme_example: discovery domain `acme.example` removed: users with emails at that domain are no longer sent to this organization at login"],
    ],
    ["discovery-domain-added", []],
  ])("given the handwritten plan %s, when assessed, then exactly these risks are flagged", (scenario, expected) => {
    expect(risksOf(scenario)).toEqual(expected);
  });

  test("given an adoption whose links differ from the file, when summarized with --fail-on medium, then the import's update blocks like any update", async () => {
    expect(readPlanFile(plan("adopt-unlinks")).changes.map(kindOf)).toEqual(["import", "import"]);
    expect((await summarize([plan("adopt-unlinks")], "--fail-on", "medium")).exitCode).toBe(3);
    expect((await summarize([plan("adopt-as-is")], "--fail-on", "medium")).exitCode).toBe(0);
  });
});
