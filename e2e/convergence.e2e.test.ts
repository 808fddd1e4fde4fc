import * as fs from "fs";
import * as path from "path";
import { platformFile, StoryNames, tenantFile } from "./convergence-fixtures";
import { Workspace } from "./support/workspace";
import { describeWithTerraform, terraformBinary } from "./support/terraform-suite";

/**
 * Convergence: every optional field of both file formats set, applied, removed, applied;
 * then a plan of each stack shows no changes, and the simulated Auth0 holds what real Auth0
 * would: what the provider can clear is cleared, what it cannot (an organization's branding)
 * stays and the plan says so. Meaningful only against the faithful simulator (sim/): unset
 * Optional attributes are not sent, unset Optional+Computed ones keep the server's value.
 */

const NAMES: StoryNames = {
  prefix: "",
  tenant: "convergence",
  database: "Username-Password-Authentication",
  partners: "Partners-Database",
  google: "google-oauth2",
  memberEmail: "jane@convergence.example",
  memberUserId: "auth0|convergence0000000001",
};

type Step = "full" | "emptied" | "minimal";
const STACKS = ["platform", `tenant-${NAMES.tenant}`];

describeWithTerraform("given every optional field set, then removed, under real Terraform against the simulated Auth0", () => {
  let ws: Workspace;
  const all = (type: string) => Object.values(ws.auth0.resources(type));
  const organization = () => all("auth0_organization").find((o) => o.name === NAMES.tenant)!;
  const client = (name: string) => all("auth0_client").find((c) => c.name === name);

  /** Writes both files for a step, synthesizes, then plans and applies platform first. */
  async function applyStep(step: Step): Promise<void> {
    fs.rmSync(ws.tenantsDir, { recursive: true, force: true });
    fs.mkdirSync(ws.tenantsDir);
    fs.writeFileSync(ws.platformFile, JSON.stringify(platformFile(NAMES, step), null, 2));
    fs.writeFileSync(path.join(ws.tenantsDir, `${NAMES.tenant}.json`), JSON.stringify(tenantFile(NAMES, step), null, 2));
    await ws.synth();
    for (const stack of STACKS) {
      ws.plan(stack);
      ws.apply(stack);
    }
  }

  /** `terraform plan -detailed-exitcode` of a stack: its exit code and everything it printed. */
  function replan(stack: string): { exitCode: number; output: string } {
    ws.must(stack, "init", "-input=false");
    const result = ws.tf(stack, "plan", "-input=false", "-detailed-exitcode", "-no-color");
    // Terraform wraps long messages: one space for every run of white space.
    return { exitCode: result.status, output: `${result.stdout}\n${result.stderr}`.replace(/\s+/g, " ") };
  }

  beforeAll(async () => {
    ws = new Workspace(terraformBinary!);
    await applyStep("full");
  });
  afterAll(() => ws.remove());

  test("when every optional field is set and applied, then a second plan of each stack is empty and Auth0 holds every value", () => {
    for (const stack of STACKS) expect({ stack, exitCode: replan(stack).exitCode }).toEqual({ stack, exitCode: 0 });
    expect(organization()).toMatchObject({
      metadata: { plan: "enterprise", region: "eu" },
      branding: [{ logo_url: "https://cdn.convergence.example/logo.png", colors: { primary: "#0059d6", page_background: "#ffffff" } }],
      token_quota: [{ client_credentials: [{ per_day: 1000, per_hour: 100, enforce: false }] }],
    });
    expect(client("convergence sync")?.description).toBe("Nightly sync");
  });

  describe("when every optional field is removed again (entries kept) and applied", () => {
    beforeAll(() => applyStep("emptied"));

    test("then a plan of each stack shows no changes", () => {
      for (const stack of STACKS) expect({ stack, exitCode: replan(stack).exitCode }).toEqual({ stack, exitCode: 0 });
    });

    test("then the organization's metadata and token quota are gone, as the explicit {} and the provider's null make Auth0 do", () => {
      expect(organization().metadata ?? {}).toEqual({});
      expect(organization().token_quota ?? []).toEqual([]);
    });

    test("then the organization's branding is still in Auth0, which the provider cannot remove, and every plan warns about it by name", () => {
      expect(organization().branding).toEqual([{ logo_url: "https://cdn.convergence.example/logo.png", colors: { primary: "#0059d6", page_background: "#ffffff" } }]);
      const { output } = replan(`tenant-${NAMES.tenant}`);
      expect(output).toContain(`${NAMES.tenant}.json sets no branding, but organization "${NAMES.tenant}" has branding in Auth0, which the auth0 provider cannot remove.`);
    });

    test("then the agent's description is empty, its keys are gone, and the link and member are back to the defaults", () => {
      expect(client("convergence sync")?.description).toBe("");
      expect(all("auth0_client_credentials").filter((c) => c.client_id === client("convergence sync")?.client_id)).toEqual([]);
      expect(all("auth0_organization_member_roles")).toEqual([]);
      const links = all("auth0_organization_connections").find((l) => l.organization_id === organization().id)!;
      expect(links.enabled_connections).toEqual([expect.objectContaining({ assign_membership_on_login: false, show_as_button: true, is_signup_enabled: false })]);
    });

    test("then the platform is back to the file's defaults: settings, token lifetime, role descriptions, connection options, login URLs and organization use", () => {
      expect(all("auth0_tenant")[0]).toMatchObject({
        session_lifetime: 168,
        idle_session_lifetime: 72,
        enabled_locales: ["en"],
        error_page: [expect.objectContaining({ show_log_link: false })],
      });
      expect(all("auth0_resource_server").find((r) => r.identifier === "https://api.convergence.example")?.token_lifetime).toBe(86400);
      expect(all("auth0_role").map((r) => r.description)).toEqual(["", ""]);
      const database = all("auth0_connection").find((c) => c.name === NAMES.database)!;
      expect(database.options).toEqual([expect.objectContaining({ password_policy: "good", brute_force_protection: true, disable_signup: true })]);
      const google = all("auth0_connection").find((c) => c.name === NAMES.google)!;
      expect((google.options as Array<Record<string, unknown>>)[0].client_id ?? "").toBe("");
      expect(client("Convergence App")).toMatchObject({
        allowed_logout_urls: [],
        web_origins: [],
        organization_usage: "require",
        organization_require_behavior: "post_login_prompt",
      });
    });
  });

  describe("when the optional entries are removed too (members, agents, a link) and applied", () => {
    beforeAll(() => applyStep("minimal"));

    test("then a plan of each stack shows no changes, and the memberships and the agent are gone while the users stay", () => {
      for (const stack of STACKS) expect({ stack, exitCode: replan(stack).exitCode }).toEqual({ stack, exitCode: 0 });
      expect(all("auth0_organization_member")).toEqual([]);
      expect(client("convergence sync")).toBeUndefined();
      expect(Object.keys(ws.auth0.read().users ?? {})).toContain(NAMES.memberUserId);
    });
  });
});
