import * as fs from "fs";
import * as path from "path";
import { findTerraform } from "../src/local/terraform-cli";
import { recordedPlan } from "./support/recorded-plans";
import { changeLines, Workspace } from "./support/workspace";

/**
 * The synthesized stacks, run by the real Terraform CLI against the Auth0 simulator (sim/).
 * The tests form one story and run in order: deploy, edit, guard, decommission, adopt, drift.
 */
const terraformBinary = findTerraform();
if (!terraformBinary) {
  console.warn("\n*** SKIPPED: no Terraform CLI on PATH and TERRAFORM_BINARY_NAME not set: the end-to-end tests did not run. ***\n");
}
const story = terraformBinary ? describe : describe.skip;

story("the stacks under real Terraform against the simulated Auth0", () => {
  let ws: Workspace;
  const organizations = () => Object.values(ws.auth0.resources("auth0_organization"));
  const organizationNamed = (name: string) => organizations().find((o) => o.name === name);

  beforeAll(async () => {
    ws = new Workspace(terraformBinary!);
    await ws.synth();
  });
  afterAll(() => ws.remove());

  test("given every stack synthesized from tenants/, when terraform validate runs in each, then all are valid", () => {
    expect(ws.stacks()).toEqual(["platform", "tenant-acme", "tenant-globex", "tenant-initech"]);
    for (const stack of ws.stacks()) {
      expect(ws.must(stack, "validate")).toMatch(/Success! The configuration is valid/);
    }
  });

  test("given an empty Auth0, when platform then every tenant is applied, then a second plan of every stack shows no changes", () => {
    for (const stack of ws.stacks()) {
      const plan = ws.plan(stack);
      expect(changeLines(plan).every((line) => line.startsWith("create "))).toBe(true);
      if (stack === "tenant-acme") expect(changeLines(recordedPlan("onboard", stack, plan))).toEqual(changeLines(plan));
      ws.apply(stack);
    }
    expect(organizations().map((o) => o.name).sort()).toEqual(["acme", "globex", "initech"]);
    for (const stack of ws.stacks()) expect({ stack, exitCode: ws.planExitCode(stack) }).toEqual({ stack, exitCode: 0 });
  });

  test("given acme's display name, a member's roles and a connection link changed, when planned, then exactly those update, nothing is replaced, and after apply nothing is left", async () => {
    ws.editTenant("acme", (t) => {
      t.displayName = "Acme Corp";
      t.members.find((m: { email?: string }) => m.email === "wile.e.coyote@acme.example").roles = ["member"];
      t.connections = t.connections.filter((c: { name: string }) => c.name !== "Partners-Database");
    });
    await ws.synth();
    const plan = ws.plan("tenant-acme");
    expect(changeLines(plan)).toEqual([
      "update auth0_organization.organization",
      "update auth0_organization_connections.connections",
      "update auth0_organization_member_roles.member-wile_e_coyote_at_acme_example-roles",
    ]);
    expect(changeLines(recordedPlan("edit", "tenant-acme", plan))).toEqual(changeLines(plan));
    ws.apply("tenant-acme");
    expect(organizationNamed("acme")?.display_name).toBe("Acme Corp");
    expect(ws.planExitCode("tenant-acme")).toBe(0);
  });

  test("given an organization under prevent_destroy, when a plan would destroy or replace it, then Terraform refuses with its own error", () => {
    ws.must("tenant-globex", "init", "-input=false");
    for (const args of [["-destroy"], ["-replace=auth0_organization.organization"]]) {
      const { status, stderr } = ws.tf("tenant-globex", "plan", "-input=false", ...args);
      expect(status).toBe(1);
      expect(stderr).toMatch(/Instance cannot be destroyed/);
      expect(stderr).toMatch(/auth0_organization\.organization has lifecycle\.prevent_destroy set/);
    }
    expect(organizationNamed("globex")).toBeDefined();
  });

  test("given globex decommissioned, when planned and applied, then its organization and links are deleted and its users stay", async () => {
    ws.editTenant("globex", (t) => (t.status = "decommissioned"));
    await ws.synth();
    const plan = ws.plan("tenant-globex");
    expect(changeLines(plan)).toEqual([
      "delete auth0_organization.organization",
      "delete auth0_organization_connections.connections",
      "delete auth0_organization_member.member-auth0_6571f0c2a1b2c3d4e5f60001",
      "delete auth0_organization_member_roles.member-auth0_6571f0c2a1b2c3d4e5f60001-roles",
    ]);
    expect(changeLines(recordedPlan("decommission", "tenant-globex", plan))).toEqual(changeLines(plan));
    const users = Object.keys(ws.auth0.read().users ?? {}).length;
    ws.apply("tenant-globex");
    expect(organizationNamed("globex")).toBeUndefined();
    expect(Object.keys(ws.auth0.read().users ?? {})).toHaveLength(users);
  });

  test("given an organization created by hand in Auth0, when a new tenant file imports it, then the stack adopts it and no duplicate appears", async () => {
    const store = ws.auth0.read();
    const id = "org_HandMade12345678";
    store.resources!.auth0_organization[id] = { id, name: "umbrella", display_name: "Umbrella (made by hand)", metadata: {}, branding: [], token_quota: [] };
    ws.auth0.write(store);
    fs.writeFileSync(
      path.join(ws.tenantsDir, "umbrella.json"),
      JSON.stringify({
        $schema: "../schemas/tenant.schema.json",
        name: "umbrella",
        displayName: "Umbrella",
        import: { organizationId: id },
        connections: [{ name: "Username-Password-Authentication", assignMembershipOnLogin: false, showAsButton: true }],
        members: [],
        agents: [],
      }),
    );
    await ws.synth();
    const plan = ws.plan("tenant-umbrella");
    expect(changeLines(plan)).toEqual(["import auth0_organization.organization", "import auth0_organization_connections.connections"]);
    expect(changeLines(recordedPlan("adopt", "tenant-umbrella", plan))).toEqual(changeLines(plan));
    ws.apply("tenant-umbrella");
    expect(organizations().filter((o) => o.name === "umbrella")).toEqual([expect.objectContaining({ id, display_name: "Umbrella" })]);
    expect(ws.planExitCode("tenant-umbrella")).toBe(0);
  });

  test("given an organization changed by hand in Auth0, when the drift check runs over every stack, then it reports exactly that stack", () => {
    const store = ws.auth0.read();
    const acme = Object.values(store.resources!.auth0_organization).find((o) => o.name === "acme")!;
    acme.display_name = "ACME (edited in the dashboard)";
    ws.auth0.write(store);
    const summary = path.join(ws.root, "drift-summary.md");
    const run = ws.script("drift-check.sh", ws.stacks(), { ...ws.terraformEnv("platform"), TERRAFORM_BINARY_NAME: terraformBinary, GITHUB_STEP_SUMMARY: summary });
    expect(run.status).toBe(1);
    expect(fs.readFileSync(summary, "utf8")).toBe(`### Drift check: ${ws.stacks().length} stacks\n\n- **drifted**: tenant-acme (see drift-tenant-acme.log)\n`);
  });
});
