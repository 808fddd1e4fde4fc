import * as fs from "fs";
import * as path from "path";
import { localCommand } from "../src/cli/local-command";
import { runCli } from "../__tests__/support/cli";
import { checkRecordedPlan } from "./support/recorded-plans";
import { changeLines, ROOT, Workspace } from "./support/workspace";
import { describeWithTerraform, terraformBinary } from "./support/terraform-suite";

/**
 * The synthesized stacks, run by the real Terraform CLI against the Auth0 simulator (sim/).
 * The tests form one story and run in order, each on the Auth0 the previous ones left:
 * deploy, edit, platform changes, guard, decommission, adopt, drift, what Auth0 refuses.
 */
describeWithTerraform("the stacks under real Terraform against the simulated Auth0", () => {
  let ws: Workspace;
  const organizations = () => Object.values(ws.auth0.resources("auth0_organization"));
  const organizationNamed = (name: string) => organizations().find((o) => o.name === name);
  /** Plans a stack and checks that the recorded copy of that plan (for the review tests) has the same changes (RECORD_PLANS=1: records it). */
  const planScenario = (scenario: string, stack: string) => {
    const plan = ws.plan(stack);
    checkRecordedPlan(scenario, stack, plan);
    return changeLines(plan);
  };

  beforeAll(async () => {
    ws = new Workspace(terraformBinary!);
    await ws.synth();
  });
  afterAll(() => ws.remove());

  test("given every stack synthesized from tenants/ and platform.json, whatever they hold, when terraform validate runs in each, then all are valid", async () => {
    const examples = new Workspace(terraformBinary!, { tenantsDir: path.join(ROOT, "tenants"), platformFile: path.join(ROOT, "platform.json") });
    try {
      await examples.synth();
      const invalid = examples.stacks().filter((stack) => !/Success! The configuration is valid/.test(examples.must(stack, "validate")));
      expect({ stacks: examples.stacks().length, invalid }).toEqual({ stacks: fs.readdirSync(path.join(ROOT, "tenants")).filter((f) => f.endsWith(".json")).length + 1, invalid: [] });
    } finally {
      examples.remove();
    }
  });

  test("given every stack synthesized from the story's files, when terraform validate runs in each, then all are valid", () => {
    expect(ws.stacks()).toEqual(["platform", "tenant-acme", "tenant-globex", "tenant-initech", "tenant-leaving"]);
    for (const stack of ws.stacks()) {
      expect(ws.must(stack, "validate")).toMatch(/Success! The configuration is valid/);
    }
  });

  test("given an empty Auth0, when platform then every tenant is applied, then a second plan of every stack shows no changes", () => {
    for (const stack of ws.stacks()) {
      const lines = stack === "tenant-acme" ? planScenario("onboard", stack) : changeLines(ws.plan(stack));
      // Besides creates, only the adoption of the connection every new Auth0 tenant has.
      expect(lines.filter((line) => !line.startsWith("create ") && !line.startsWith("import auth0_connection"))).toEqual([]);
      ws.apply(stack);
    }
    expect(
      organizations()
        .map((o) => o.name)
        .sort(),
    ).toEqual(["acme", "globex", "initech"]);
    for (const stack of ws.stacks()) expect({ stack, exitCode: ws.planExitCode(stack) }).toEqual({ stack, exitCode: 0 });
    expect(planScenario("unchanged", "tenant-initech")).toEqual([]);
  });

  test("given acme's display name, a member's roles and a connection link changed, when planned, then exactly those update, nothing is replaced, and after apply nothing is left", async () => {
    ws.editTenant("acme", (t) => {
      t.displayName = "Acme Corp";
      t.members.find((m: { email?: string }) => m.email === "wile.e.coyote@acme.example").roles = ["member"];
      t.connections = t.connections.filter((c: { name: string }) => c.name !== "Partners-Database");
    });
    await ws.synth();
    expect(planScenario("edit", "tenant-acme")).toEqual([
      "update auth0_organization.organization",
      "update auth0_organization_connections.connections",
      "update auth0_organization_member_roles.member-wile_e_coyote_at_acme_example-c70f6afc-roles",
    ]);
    ws.apply("tenant-acme");
    expect(organizationNamed("acme")?.display_name).toBe("Acme Corp");
    expect(ws.planExitCode("tenant-acme")).toBe(0);
  });

  test("given an agent granted one more scope, when planned, then only its grant updates and the change is recorded for the review tests", async () => {
    ws.editTenant("acme", (t) => (t.agents.find((a: { name: string }) => a.name === "billing-sync").scopes = ["read:reports", "read:data"]));
    await ws.synth();
    expect(planScenario("widen-grant", "tenant-acme")).toEqual(["update auth0_client_grant.agent-billing-sync-grant"]);
    ws.apply("tenant-acme");
  });

  test("given a new role in the platform file, when planned, then the platform creates it and no tenant stack changes", async () => {
    const platform = JSON.parse(fs.readFileSync(ws.platformFile, "utf8"));
    platform.roles.push({ key: "auditor", name: "Auditor", description: "Reads reports", permissions: ["read:reports"] });
    fs.writeFileSync(ws.platformFile, JSON.stringify(platform, null, 2));
    await ws.synth();
    expect(planScenario("platform-role", "platform")).toEqual(["create auth0_role.role-auditor", "create auth0_role_permissions.role-auditor-permissions"]);
    ws.apply("platform");
    for (const stack of ws.stacks()) expect({ stack, exitCode: ws.planExitCode(stack) }).toEqual({ stack, exitCode: 0 });
  });

  test("given the API identifier changed in the platform file, when planned, then the API and everything keyed by it would be replaced", async () => {
    const original = fs.readFileSync(ws.platformFile, "utf8");
    fs.writeFileSync(ws.platformFile, original.replace('"https://api.example.com"', '"https://api.example.net"'));
    await ws.synth();
    expect(planScenario("api-renamed", "platform")).toEqual([
      "delete,create auth0_resource_server.api",
      "delete,create auth0_resource_server_scopes.api-scopes",
      "update auth0_role_permissions.role-admin-permissions",
      "update auth0_role_permissions.role-auditor-permissions",
      "update auth0_role_permissions.role-billing-permissions",
      "update auth0_role_permissions.role-member-permissions",
    ]);
    fs.writeFileSync(ws.platformFile, original);
    await ws.synth();
  });

  test("given an organization under prevent_destroy, when a plan would destroy or replace it, then Terraform refuses with its own error", () => {
    ws.must("tenant-globex", "init", "-input=false");
    for (const args of [["-destroy"], ["-replace=auth0_organization.organization"]]) {
      const { status, stderr } = ws.tf("tenant-globex", "plan", "-input=false", ...args);
      expect(status).toBe(1);
      expect(stderr).toMatch(/Instance cannot be destroyed/);
      expect(stderr).toMatch(/Resource auth0_organization(_connections)?\.\w+ has\s+lifecycle\.prevent_destroy set/);
    }
    expect(organizationNamed("globex")).toBeDefined();
  });

  test("given globex decommissioned, when planned and applied, then its organization and links are deleted and its users stay", async () => {
    ws.editTenant("globex", (t) => (t.status = "decommissioned"));
    await ws.synth();
    expect(planScenario("decommission", "tenant-globex")).toEqual([
      "delete auth0_organization.organization",
      "delete auth0_organization_connections.connections",
      "delete auth0_organization_member.member-auth0_6571f0c2a1b2c3d4e5f60001-14cc2e54",
      "delete auth0_organization_member_roles.member-auth0_6571f0c2a1b2c3d4e5f60001-14cc2e54-roles",
    ]);
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
    expect(planScenario("adopt", "tenant-umbrella")).toEqual(["import auth0_organization.organization", "import auth0_organization_connections.connections"]);
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
    const run = ws.script("drift-check.sh", ws.stacks(), {
      ...ws.terraformEnv("platform"),
      TERRAFORM_BINARY_NAME: terraformBinary,
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(run.status).toBe(1);
    const rows = fs.readFileSync(summary, "utf8").split("\n").filter((l) => /^\| (platform|tenant-)/.test(l));
    // The table lists stacks as they finish (tenants run in parallel), so compare it as a set.
    expect(rows.map((r) => r.split(" | ").slice(0, 2).join(" | ")).sort()).toEqual(ws.stacks().map((s) => `| ${s} | ${s === "tenant-acme" ? "drifted" : "clean"}`).sort());
    expect(changeLines(ws.plan("tenant-acme"))).toEqual(["update auth0_organization.organization"]);
    ws.apply("tenant-acme"); // as a deploy would, putting Auth0 back as the file says
  });

  test("given a role deleted by hand in Auth0, when planned, then the platform re-creates it and, once applied, tenants give it back to their members", () => {
    const store = ws.auth0.read();
    const [roleId] = Object.entries(store.resources!.auth0_role).find(([, role]) => role.name === "Organization Member")!;
    delete store.resources!.auth0_role[roleId];
    ws.auth0.write(store);
    ws.must("platform", "apply", "-input=false", "-auto-approve", "-refresh-only");
    expect(changeLines(ws.plan("platform"))).toEqual(["create auth0_role.role-member", "create auth0_role_permissions.role-member-permissions"]);
    ws.apply("platform");
    expect(changeLines(ws.plan("tenant-acme"))).toEqual([
      "update auth0_organization_member_roles.member-road_runner_at_acme_example-17bebe7b-roles",
      "update auth0_organization_member_roles.member-wile_e_coyote_at_acme_example-c70f6afc-roles",
    ]);
    expect(changeLines(ws.plan("tenant-initech"))).toEqual(["update auth0_organization_member_roles.member-peter_gibbons_at_initech_example-05423acf-roles"]);
  });

  describe("what real Auth0 would refuse", () => {
    const writeTenant = (name: string, tenant: Record<string, unknown>) =>
      fs.writeFileSync(
        path.join(ws.tenantsDir, `${name}.json`),
        JSON.stringify({ $schema: "../schemas/tenant.schema.json", name, connections: [{ name: "Username-Password-Authentication" }], agents: [], ...tenant }),
      );
    afterEach(() => {
      for (const name of ["hooli", "pied-piper"]) fs.rmSync(path.join(ws.tenantsDir, `${name}.json`), { force: true });
    });

    test("given an organization already in Auth0 and a tenant file without import, when applied, then Auth0's conflict fails the apply", async () => {
      const store = ws.auth0.read();
      store.resources!.auth0_organization.org_HandMadeHooli0001 = { id: "org_HandMadeHooli0001", name: "hooli", display_name: "Hooli" };
      ws.auth0.write(store);
      writeTenant("hooli", { displayName: "Hooli", members: [] });
      await ws.synth();
      ws.plan("tenant-hooli");
      const { status, stderr } = ws.tf("tenant-hooli", "apply", "-input=false", "stack.tfplan");
      expect(status).toBe(1);
      expect(stderr).toMatch(/Organization name already in use/);
      expect(organizations().filter((o) => o.name === "hooli")).toHaveLength(1);
    });

    test("given a member whose email no Auth0 user has, when planned, then the user lookup fails as the real provider's does", async () => {
      writeTenant("pied-piper", { displayName: "Pied Piper", members: [{ email: "richard@piedpiper.example", roles: ["admin"] }] });
      await ws.synth();
      const store = ws.auth0.read();
      const seeded = Object.values(store.users!).find((u) => u.email === "richard@piedpiper.example")!;
      delete store.users![seeded.user_id];
      ws.auth0.write(store);
      ws.must("tenant-pied-piper", "init", "-input=false");
      const { status, stderr } = ws.tf("tenant-pied-piper", "plan", "-input=false");
      expect(status).toBe(1);
      expect(stderr).toMatch(/no users found/i);
    });
  });
});

describeWithTerraform("tenants local (npm run plan:local)", () => {
  test("given a fresh folder, when one tenant is run locally, then platform and that tenant are applied, and a second run finds nothing to change", async () => {
    const ws = new Workspace(terraformBinary!);
    const dir = path.join(ws.root, "local");
    const env = { ...process.env, TENANTS_DIR: ws.tenantsDir, PLATFORM_FILE: ws.platformFile };
    try {
      const first = await runCli(localCommand, ["tenant-globex", "--dir", dir], env, ws.root);
      expect(first.exitCode).toBe(0);
      expect(first.out.filter((l) => l.startsWith("── "))).toEqual([
        "── platform: terraform init -input=false",
        "── platform: terraform plan -input=false -out=local.tfplan -detailed-exitcode",
        "── platform: terraform apply -input=false local.tfplan",
        "── tenant-globex: terraform init -input=false",
        "── tenant-globex: terraform plan -input=false -out=local.tfplan -detailed-exitcode",
        "── tenant-globex: terraform apply -input=false local.tfplan",
      ]);
      expect(first.out.join("\n")).not.toMatch(/Provider development overrides/);
      const second = await runCli(localCommand, ["tenant-globex", "--dir", dir], env, ws.root);
      expect(second.out.filter((l) => l.startsWith("── ") && l.includes("apply"))).toEqual([]);
      expect(second.out.join("\n").match(/No changes\./g)).toHaveLength(2);
    } finally {
      ws.remove();
    }
  });
});
