import * as fs from "fs";
import * as path from "path";
import { contoso, hooli, initrode, northwind, publicKeyPem, vandelay, writeTenants } from "./support/enterprise-fleet";
import { changeLines, Workspace } from "./support/workspace";
import { describeWithTerraform, terraformBinary } from "./support/terraform-suite";

/**
 * Enterprise customers under real Terraform against the simulated Auth0, as one story:
 * every strategy validates and applies; a SAML customer with a discovery domain is
 * onboarded; an agent key rotates with both keys live in between; a write-only agent
 * secret rotates without ever being in a plan or in state; a tenant switches to additive
 * links while a self-service link exists, which survives every apply.
 */

const LEDGER_SECRET = "ledger-secret-one-5f1c0e";
const LEDGER_SECRET_ROTATED = "ledger-secret-two-a93b7d";

describeWithTerraform("enterprise customers under real Terraform against the simulated Auth0", () => {
  let ws: Workspace;
  const firstKey = publicKeyPem();
  const organization = (name: string) => Object.entries(ws.auth0.resources("auth0_organization")).find(([, o]) => o.name === name)?.[0] as string;
  const edit = async (name: string, change: (t: Record<string, any>) => void) => {
    ws.editTenant(name, change);
    await ws.synth();
  };
  const planAndApply = (stack: string) => {
    const lines = changeLines(ws.plan(stack));
    ws.apply(stack);
    return lines;
  };

  beforeAll(async () => {
    ws = new Workspace(terraformBinary!);
    writeTenants(ws.tenantsDir, [northwind(firstKey), hooli(), contoso(), initrode(), vandelay()]);
    process.env.TF_VAR_agent_client_secret_northwind_ledger = LEDGER_SECRET;
    await ws.synth();
  });
  afterAll(() => ws.remove());

  test("given a stack per strategy (SAML, OIDC, Okta, Entra ID), additive links and write-only secrets, when terraform validate runs, then every stack is valid", () => {
    expect(ws.stacks()).toEqual(["platform", "tenant-contoso", "tenant-hooli", "tenant-initrode", "tenant-northwind", "tenant-vandelay"]);
    for (const stack of ws.stacks()) expect(ws.must(stack, "validate")).toMatch(/Success! The configuration is valid/);
  });

  test("given a SAML customer with a discovery domain, when onboarded, then Auth0 has the connection for the login app, the link and the domain with its TXT record as outputs", () => {
    planAndApply("platform");
    expect(planAndApply("tenant-northwind")).toEqual([
      "create auth0_client.agent-ledger",
      "create auth0_client.agent-sync",
      "create auth0_client_credentials.agent-ledger-credentials",
      "create auth0_client_credentials.agent-sync-credentials",
      "create auth0_client_grant.agent-ledger-grant",
      "create auth0_client_grant.agent-sync-grant",
      "create auth0_connection.enterprise-connection",
      "create auth0_connection_client.enterprise-connection-login-app",
      "create auth0_organization.organization",
      "create auth0_organization_client_grant.agent-ledger-grant-organization",
      "create auth0_organization_client_grant.agent-sync-grant-organization",
      "create auth0_organization_connections.connections",
      "create auth0_organization_discovery_domain.discovery-domain-northwind_example",
    ]);
    const org = organization("northwind");
    const [connectionId, connection] = Object.entries(ws.auth0.resources("auth0_connection")).find(([, c]) => c.name === "northwind-saml")!;
    expect(connection).toMatchObject({ strategy: "samlp" });
    expect((connection.options as any[])[0]).toMatchObject({ sign_in_endpoint: "https://sso.northwind.example/saml/sso", signing_cert: expect.stringContaining("BEGIN CERTIFICATE") });
    const loginClientId = JSON.parse(ws.must("platform", "output", "-json", "login_client_id"));
    expect(Object.values(ws.auth0.resources("auth0_connection_client"))).toEqual([expect.objectContaining({ connection_id: connectionId, client_id: loginClientId })]);
    const links = Object.values(ws.auth0.resources("auth0_organization_connections"))[0].enabled_connections as any[];
    expect(links).toContainEqual(expect.objectContaining({ connection_id: connectionId, assign_membership_on_login: true, show_as_button: true }));
    const verification = JSON.parse(ws.must("tenant-northwind", "output", "-json", "discovery_domain_verification"));
    expect(verification).toEqual({
      "northwind.example": { status: "pending", txt_record_host: `_ss-verification.${org}.northwind.example`, txt_record_value: expect.stringMatching(/^[0-9a-f]{32}$/) },
    });
    expect(ws.planExitCode("tenant-northwind")).toBe(0);
  });

  test("given the customer published the TXT record, when the domain is set verified, then it is updated in place and used for discovery", async () => {
    await edit("northwind", (t) => (t.discoveryDomains[0].status = "verified"));
    expect(planAndApply("tenant-northwind")).toEqual(["update auth0_organization_discovery_domain.discovery-domain-northwind_example"]);
    expect(Object.values(ws.auth0.resources("auth0_organization_discovery_domain"))[0]).toMatchObject({ status: "verified", use_for_organization_discovery: true });
  });

  test("given an agent key, when a second key is added and later the first removed, then each step updates the credentials in place and both keys are live in between", async () => {
    const credentials = () => (Object.values(ws.auth0.resources("auth0_client_credentials")).find((c) => c.authentication_method === "private_key_jwt")!.private_key_jwt as any[])[0].credentials as any[];
    const nextKey = publicKeyPem();
    await edit("northwind", (t) => t.agents[0].authentication.publicKeys.push({ name: "sync-2", pem: nextKey, expiresAt: "2099-12-31T00:00:00Z" }));
    expect(planAndApply("tenant-northwind")).toEqual(["update auth0_client_credentials.agent-sync-credentials"]);
    expect(credentials().map((c) => c.name).sort()).toEqual(["sync-1", "sync-2"]);
    await edit("northwind", (t) => t.agents[0].authentication.publicKeys.shift());
    expect(planAndApply("tenant-northwind")).toEqual(["update auth0_client_credentials.agent-sync-credentials"]);
    expect(credentials()).toEqual([expect.objectContaining({ name: "sync-2", pem: nextKey, expires_at: "2099-12-31T00:00:00Z" })]);
    expect(ws.planExitCode("tenant-northwind")).toBe(0);
  });

  test("given an agent secret set write-only, when its version is bumped with a new secret, then Auth0 gets the new one and neither secret is in a plan, the state or cdktf.out", async () => {
    const ledger = () => Object.values(ws.auth0.resources("auth0_client")).find((c) => c.name === "northwind ledger")!;
    expect(ledger().client_secret).toBe(LEDGER_SECRET);
    process.env.TF_VAR_agent_client_secret_northwind_ledger = LEDGER_SECRET_ROTATED;
    await edit("northwind", (t) => (t.agents[1].authentication.secretVersion = 2));
    const plan = ws.plan("tenant-northwind");
    expect(changeLines(plan)).toEqual(["update auth0_client_credentials.agent-ledger-credentials"]);
    expect(JSON.stringify(plan)).not.toContain("ledger-secret");
    ws.apply("tenant-northwind");
    expect(ledger().client_secret).toBe(LEDGER_SECRET_ROTATED);
    // Everything Terraform and synth wrote, but the simulated Auth0 itself.
    const written = filesUnder(ws.root).filter((f) => f !== ws.auth0.storeFile);
    expect(written.filter((f) => /\.tfstate$/.test(f)).length).toBeGreaterThan(0);
    expect(written.filter((f) => fs.readFileSync(f).includes("ledger-secret"))).toEqual([]);
  });

  test("given a tenant with exclusive links and a self-service link made in Auth0, when it switches to additive links, then no listed link is unlinked and the self-service link survives every apply", async () => {
    planAndApply("tenant-hooli");
    const org = organization("hooli");
    // What Auth0's self-service SSO does: a connection of the customer's, linked to the organization.
    const store = ws.auth0.read();
    const resources = (store.resources ??= {});
    (resources.auth0_connection ??= {}).con_SelfServiceHooli1 = { id: "con_SelfServiceHooli1", name: "hooli-self-service", strategy: "okta", options: [] };
    (resources.auth0_organization_connection ??= {})[`${org}::con_SelfServiceHooli1`] = {
      id: `${org}::con_SelfServiceHooli1`,
      organization_id: org,
      connection_id: "con_SelfServiceHooli1",
      assign_membership_on_login: true,
      show_as_button: true,
      is_signup_enabled: false,
      is_enabled: true,
    };
    ws.auth0.write(store);
    const before = allLinks(org);
    expect(before).toHaveLength(3);
    // Exclusive, the next apply would remove it: the reason for additive links.
    expect(changeLines(ws.plan("tenant-hooli"))).toEqual(["update auth0_organization_connections.connections"]);

    await edit("hooli", (t) => Object.assign(t, { connectionLinks: "additive", connectionLinksSwitchedFrom: "exclusive" }));
    const plan = ws.plan("tenant-hooli");
    expect(changeLines(plan)).toEqual([
      "forget auth0_organization_connections.connections",
      "import auth0_organization_connection.link-Username-Password-Authentication",
      "import auth0_organization_connection.link-google-oauth2",
    ]);
    expect(plan.resource_changes?.filter((rc) => rc.change.actions.includes("delete"))).toEqual([]);
    expect(forgotten(plan)).toEqual(["auth0_organization_connections.connections"]);
    ws.apply("tenant-hooli");
    expect(allLinks(org)).toEqual(before);

    await edit("hooli", (t) => delete t.connectionLinksSwitchedFrom);
    expect(ws.planExitCode("tenant-hooli")).toBe(0);
    await edit("hooli", (t) => (t.connections[1].showAsButton = false));
    expect(planAndApply("tenant-hooli")).toEqual(["update auth0_organization_connection.link-google-oauth2"]);
    expect(allLinks(org)).toContainEqual(expect.objectContaining({ connection_id: "con_SelfServiceHooli1" }));
    expect(allLinks(org)).toHaveLength(3);
    expect(ws.planExitCode("tenant-hooli")).toBe(0);
  });

  test("given the other strategies and additive links, when every remaining stack is applied, then a second plan of each shows no changes", () => {
    for (const stack of ["tenant-contoso", "tenant-initrode", "tenant-vandelay"]) planAndApply(stack);
    for (const stack of ws.stacks()) expect({ stack, exitCode: ws.planExitCode(stack) }).toEqual({ stack, exitCode: 0 });
    const strategies = Object.values(ws.auth0.resources("auth0_connection")).map((c) => `${c.name} ${c.strategy}`);
    expect(strategies).toEqual(expect.arrayContaining(["contoso-entra waad", "initrode-oidc oidc", "vandelay-okta okta", "northwind-saml samlp"]));
  });

  /** The organization's links as Auth0 lists them (GET /organizations/{id}/connections), sorted by connection. */
  function allLinks(org: string): Array<Record<string, unknown>> {
    const plural = (ws.auth0.resources("auth0_organization_connections")[org]?.enabled_connections as Array<Record<string, unknown>>) ?? [];
    const singular = Object.values(ws.auth0.resources("auth0_organization_connection")).filter((l) => l.organization_id === org);
    const byConnection = new Map([...plural, ...singular].map((l) => [String(l.connection_id), { connection_id: l.connection_id, assign_membership_on_login: l.assign_membership_on_login, show_as_button: l.show_as_button }]));
    return [...byConnection.values()].sort((a, b) => String(a.connection_id).localeCompare(String(b.connection_id)));
  }
});

/** Addresses a plan forgets without destroying (`removed` blocks with destroy = false). */
function forgotten(plan: { resource_changes?: Array<{ address: string; change: { actions: string[] } }> }): string[] {
  return (plan.resource_changes ?? []).filter((rc) => rc.change.actions.join(",") === "forget").map((rc) => rc.address);
}

function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());
}
