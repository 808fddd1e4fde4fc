import { findTerraform } from "../src/local/terraform-cli";
import { Auth0Management } from "./auth0-management";
import { Auth0Workspace } from "./auth0-workspace";
import { platformFile, StoryNames, tenantFile } from "./convergence-fixtures";

/**
 * `npm run test:auth0`: the project proven on a real Auth0 development tenant with the real
 * auth0 provider from the Terraform registry. Run when AUTH0_DOMAIN, AUTH0_CLIENT_ID and
 * AUTH0_CLIENT_SECRET are set (see README, "Proving it on your own Auth0 tenant").
 *
 * The story: a database connection that already has an enabled client is adopted by name;
 * the platform and a tenant are deployed with every optional field set; a second plan is
 * empty; every optional field is removed and applied, and a plan is empty again while
 * Auth0 holds what the file says (branding excepted, which the provider cannot remove: the
 * plan warns); the tenant is decommissioned. Every name starts with a prefix unique to the
 * run, and everything is destroyed at the end, also when a step failed.
 */
const REQUIRED = ["AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET"] as const;
const missing = REQUIRED.filter((name) => !process.env[name]);
const terraformBinary = findTerraform();
const why = missing.length > 0 ? `${missing.join(", ")} not set` : !terraformBinary ? "no terraform on PATH" : undefined;
if (why) {
  const line = `*** SKIPPED: npm run test:auth0 did not run (${why}): nothing was proven against Auth0. Set AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET of a development tenant (README, "Proving it on your own Auth0 tenant"). ***`;
  console.warn(`\n${line}\n`);
  // A skip is not a pass: in CI, missing credentials fail the job.
  if (process.env.CI) test("the real-Auth0 story has credentials in CI", () => expect(line).toBe("credentials present"));
}
const story = why ? describe.skip : describe;

// Lowercase letters and digits only: the prefix goes into organization and connection names.
const RUN = `e2e${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
const NAMES: StoryNames = {
  prefix: `${RUN}-`,
  tenant: `${RUN}-convergence`,
  database: `${RUN}-adopted`,
  adoptDatabase: true,
  partners: `${RUN}-partners`,
  memberEmail: `${RUN}-jane@convergence.example`,
  memberUserId: "", // filled in once the user exists
  withoutTokenQuota: process.env.AUTH0_E2E_NO_TOKEN_QUOTA === "1",
};
const PLATFORM = "platform";
const TENANT = `tenant-${NAMES.tenant}`;
/** The tenant-settings fields the platform stack sets, put back as they were at the end. */
const SETTINGS = ["friendly_name", "support_email", "support_url", "error_page", "session_lifetime", "idle_session_lifetime", "enabled_locales", "allow_organization_name_in_authentication_api"];

story("the stacks on a real Auth0 development tenant, with the real auth0 provider", () => {
  jest.setTimeout(900_000);
  const auth0 = new Auth0Management({ domain: process.env.AUTH0_DOMAIN!, clientId: process.env.AUTH0_CLIENT_ID!, clientSecret: process.env.AUTH0_CLIENT_SECRET! });
  let ws: Auth0Workspace;
  let names: StoryNames = NAMES;
  let settingsBefore: Record<string, unknown> = {};

  async function deployStep(step: "full" | "emptied" | "minimal", status: "active" | "decommissioned" = "active"): Promise<void> {
    ws.write(platformFile(names, step), [{ ...tenantFile(names, step), status }]);
    await ws.synth();
    ws.deploy(PLATFORM);
    ws.deploy(TENANT);
  }

  beforeAll(async () => {
    ws = new Auth0Workspace(terraformBinary!);
    const settings = (await auth0.tenantSettings()) ?? {};
    settingsBefore = Object.fromEntries(SETTINGS.filter((key) => key in settings).map((key) => [key, settings[key]]));
    // What exists before the run: a database connection another application already uses,
    // the case where the provider refuses to create auth0_connection_clients.
    const connection = await auth0.createDatabaseConnection(names.database);
    await auth0.enableClients(connection.id, [process.env.AUTH0_CLIENT_ID!]);
    await auth0.createUser(names.database, names.memberEmail);
    const byId = await auth0.createUser(names.database, `${RUN}-sam@convergence.example`);
    names = { ...names, memberUserId: byId.user_id };
    await auth0.waitForSearch(`email:"${names.memberEmail}" AND identities.connection:"${names.database}"`);
    await deployStep("full");
  });

  afterAll(async () => {
    const problems: string[] = [];
    for (const stack of [TENANT, PLATFORM]) {
      try {
        if (ws.hasState(stack)) ws.destroy(stack);
      } catch (error) {
        problems.push(`${stack}: ${(error as Error).message}`);
      }
    }
    problems.push(...(await auth0.sweep(NAMES.prefix, platformFile(names, "minimal").api.identifier)));
    if (Object.keys(settingsBefore).length > 0) await auth0.request("PATCH", "/tenants/settings", settingsBefore).catch((e: Error) => problems.push(`tenant settings: ${e.message}`));
    ws.remove();
    if (problems.length > 0) throw new Error(`clean-up left things behind in ${process.env.AUTH0_DOMAIN} (names start with ${NAMES.prefix}):\n${problems.join("\n")}`);
  });

  test("given a connection with an enabled client, when the platform adopts it by name, then it is imported and only the login application is left enabled", async () => {
    const connection = await auth0.connectionByName(names.database);
    const enabled = await auth0.request<{ clients: Array<{ client_id: string }> }>("GET", `/connections/${connection!.id}/clients`);
    expect(enabled?.clients.map((c) => c.client_id)).toEqual([ws.outputs(PLATFORM).login_client_id.value]);
  });

  test("given every optional field set and applied, then a second plan of each stack shows no changes and Auth0 holds the values", async () => {
    for (const stack of [PLATFORM, TENANT]) expect({ stack, exitCode: ws.replan(stack).exitCode }).toEqual({ stack, exitCode: 0 });
    const organization = await auth0.organizationByName(names.tenant);
    expect(organization).toMatchObject({ metadata: { plan: "enterprise", region: "eu" }, branding: { logo_url: "https://cdn.convergence.example/logo.png" } });
  });

  describe("when every optional field is removed and applied", () => {
    beforeAll(() => deployStep("emptied"));

    test("then a plan of each stack shows no changes", () => {
      for (const stack of [PLATFORM, TENANT]) expect({ stack, exitCode: ws.replan(stack).exitCode }).toEqual({ stack, exitCode: 0 });
    });

    test("then Auth0 dropped the metadata, the token quota and the agent's description, kept the branding, and the plan warns about it", async () => {
      const organization = await auth0.organizationByName(names.tenant);
      expect(organization?.metadata ?? {}).toEqual({});
      expect(organization?.token_quota).toBeUndefined();
      expect(organization?.branding?.logo_url).toBe("https://cdn.convergence.example/logo.png");
      expect(ws.replan(TENANT).output).toContain(`has branding in Auth0, which the auth0 provider cannot remove`);
      const agent = await auth0.client(ws.outputs(TENANT).agent_client_ids.value.sync);
      expect(agent?.description ?? "").toBe("");
    });
  });

  test("when the optional entries are removed too and applied, then a plan of each stack shows no changes", async () => {
    await deployStep("minimal");
    for (const stack of [PLATFORM, TENANT]) expect({ stack, exitCode: ws.replan(stack).exitCode }).toEqual({ stack, exitCode: 0 });
  });

  test("when the tenant is decommissioned and applied, then its organization is gone from Auth0", async () => {
    await deployStep("minimal", "decommissioned");
    expect(await auth0.organizationByName(names.tenant)).toBeUndefined();
  });
});
