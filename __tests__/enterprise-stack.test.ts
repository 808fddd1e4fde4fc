import * as fs from "fs";
import * as path from "path";
import { PUBLIC_KEY, publicKeyPem, SIGNING_CERT } from "./support/keys";
import { examplePlatform, minimalTenant, synthStack, TempProject } from "./support/project";
import { secretArgumentsSet, secretsInClear } from "./support/sensitive";

/** Exact synthesized JSON of enterprise tenants: their own connection, links, discovery domains, rotating credentials. */
const PLATFORM_CONNECTION = (name: string) => `\${data.terraform_remote_state.platform.outputs.connection_ids["${name}"]}`;
const ORGANIZATION_ID = "${auth0_organization.organization.id}";
const ENTERPRISE_CONNECTION_ID = "${auth0_connection.enterprise-connection.id}";
const LOGIN_CLIENT_ID = "${data.terraform_remote_state.platform.outputs.login_client_id}";
const DATABASE = "Username-Password-Authentication";

let project: TempProject;
beforeEach(() => (project = new TempProject()));
afterEach(() => project.remove());

function synthTenant(name: string, extra: Record<string, unknown>): Record<string, any> {
  project.tenant(name, { ...minimalTenant(name), ...extra });
  return synthStack(project.fleet(), `tenant-${name}`);
}

const saml = { name: "ent-saml", strategy: "samlp", signInUrl: "https://idp.ent.example/sso", signingCert: SIGNING_CERT };

describe("given a tenant with its own SAML identity provider (sign-in URL and signing certificate)", () => {
  let stack: Record<string, any>;
  beforeEach(() => (stack = synthTenant("ent", { enterpriseConnection: saml })));

  test("then the stack creates the SAML connection, guarded against destroy, with the URL and certificate", () => {
    expect(stack.resource.auth0_connection).toEqual({
      "enterprise-connection": {
        lifecycle: { prevent_destroy: true },
        name: "ent-saml",
        display_name: "ent-saml",
        strategy: "samlp",
        show_as_button: true,
        options: { sign_in_endpoint: "https://idp.ent.example/sso", signing_cert: SIGNING_CERT, signature_algorithm: "rsa-sha256", digest_algorithm: "sha256" },
      },
    });
    expect(stack.variable).toBeUndefined();
  });

  test("then the platform's login application is enabled on it with the appending resource, never the exclusive one", () => {
    expect(stack.resource.auth0_connection_clients).toBeUndefined();
    expect(stack.resource.auth0_connection_client).toEqual({
      "enterprise-connection-login-app": { connection_id: ENTERPRISE_CONNECTION_ID, client_id: LOGIN_CLIENT_ID },
    });
  });

  test("then the organization links it next to its platform connections, assigning membership and showing a button", () => {
    expect(stack.resource.auth0_organization_connections.connections.enabled_connections).toEqual([
      { connection_id: PLATFORM_CONNECTION(DATABASE), assign_membership_on_login: false, is_signup_enabled: false, show_as_button: true },
      { connection_id: ENTERPRISE_CONNECTION_ID, assign_membership_on_login: true, is_signup_enabled: false, show_as_button: true },
    ]);
  });
});

describe("given the other enterprise strategies", () => {
  test("when SAML is given by metadata URL, then only the metadata URL is sent", () => {
    const stack = synthTenant("ent", { enterpriseConnection: { name: "ent-saml", strategy: "samlp", metadataUrl: "https://idp.ent.example/metadata.xml" } });
    expect(stack.resource.auth0_connection["enterprise-connection"].options).toEqual({ metadata_url: "https://idp.ent.example/metadata.xml" });
  });

  test("when OIDC, then the client secret is a sensitive variable named after the tenant, never a literal", () => {
    const stack = synthTenant("ent-co", {
      enterpriseConnection: { name: "ent-oidc", displayName: "Ent SSO", strategy: "oidc", discoveryUrl: "https://idp.ent.example/.well-known/openid-configuration", clientId: "abc" },
    });
    expect(stack.resource.auth0_connection["enterprise-connection"]).toMatchObject({
      display_name: "Ent SSO",
      strategy: "oidc",
      options: {
        type: "back_channel",
        discovery_url: "https://idp.ent.example/.well-known/openid-configuration",
        client_id: "abc",
        client_secret: "${var.sso_client_secret_ent_co}",
        scopes: ["openid", "profile", "email"],
      },
    });
    expect(stack.variable).toEqual({
      sso_client_secret_ent_co: {
        type: "string",
        sensitive: true,
        nullable: false,
        description: "Client secret of the tenant's identity provider. Set TF_VAR_sso_client_secret_ent_co in the environment (CI: a secret of that name).",
      },
    });
  });

  test("when Okta, then the domain, client id, secret variable and the scopes Okta needs are sent", () => {
    const stack = synthTenant("ent", { enterpriseConnection: { name: "ent-okta", strategy: "okta", domain: "ent.okta.com", clientId: "0oa1" } });
    expect(stack.resource.auth0_connection["enterprise-connection"].options).toEqual({
      domain: "ent.okta.com",
      client_id: "0oa1",
      client_secret: "${var.sso_client_secret_ent}",
      scopes: ["openid", "profile", "email"],
    });
  });

  test("when Microsoft Entra ID, then the waad connection uses the tenant domain and the v2 identity platform over OpenID Connect", () => {
    const stack = synthTenant("ent", { enterpriseConnection: { name: "ent-entra", strategy: "waad", domain: "ent.onmicrosoft.com", clientId: "11111111-2222" } });
    expect(stack.resource.auth0_connection["enterprise-connection"]).toMatchObject({
      strategy: "waad",
      options: {
        tenant_domain: "ent.onmicrosoft.com",
        domain: "ent.onmicrosoft.com",
        client_id: "11111111-2222",
        client_secret: "${var.sso_client_secret_ent}",
        identity_api: "microsoft-identity-platform-v2.0",
        waad_protocol: "openid-connect",
        use_wsfed: false,
        user_id_attribute: "oid",
      },
    });
  });
});

describe("given discovery domains", () => {
  test("then each domain is a discovery domain of the organization, used for discovery only once verified, and its TXT record is an output", () => {
    const stack = synthTenant("ent", { discoveryDomains: [{ domain: "ent.example", status: "verified" }, { domain: "ent-labs.example" }] });
    expect(stack.resource.auth0_organization_discovery_domain).toEqual({
      "discovery-domain-ent-labs_example": { organization_id: ORGANIZATION_ID, domain: "ent-labs.example", status: "pending", use_for_organization_discovery: false },
      "discovery-domain-ent_example": { organization_id: ORGANIZATION_ID, domain: "ent.example", status: "verified", use_for_organization_discovery: true },
    });
    const record = (id: string) => ({
      txt_record_host: `\${auth0_organization_discovery_domain.${id}.verification_host}`,
      txt_record_value: `\${auth0_organization_discovery_domain.${id}.verification_txt}`,
    });
    expect(stack.output.discovery_domain_verification).toEqual({
      value: {
        "ent-labs.example": { ...record("discovery-domain-ent-labs_example"), status: "pending" },
        "ent.example": { ...record("discovery-domain-ent_example"), status: "verified" },
      },
      description: "Per discovery domain: the DNS TXT record (host and value) the customer publishes, and the status in the file.",
    });
  });
});

describe("given additive connection links", () => {
  test("then each listed link, the enterprise one too, is its own guarded link resource and no exclusive resource exists", () => {
    const stack = synthTenant("ent", { connectionLinks: "additive", enterpriseConnection: saml });
    expect(stack.resource.auth0_organization_connections).toBeUndefined();
    expect(stack.resource.auth0_organization_connection).toEqual({
      [`link-${DATABASE}`]: {
        lifecycle: { prevent_destroy: true },
        organization_id: ORGANIZATION_ID,
        connection_id: PLATFORM_CONNECTION(DATABASE),
        assign_membership_on_login: false,
        show_as_button: true,
        is_signup_enabled: false,
      },
      "link-ent-saml": {
        lifecycle: { prevent_destroy: true },
        organization_id: ORGANIZATION_ID,
        connection_id: ENTERPRISE_CONNECTION_ID,
        assign_membership_on_login: true,
        show_as_button: true,
        is_signup_enabled: false,
      },
    });
    expect(stack.import).toBeUndefined();
    expect(stack.removed).toBeUndefined();
  });

  test("when switched from exclusive, then the exclusive resource is forgotten without destroying and each link is imported", () => {
    const stack = synthTenant("ent", { connectionLinks: "additive", connectionLinksSwitchedFrom: "exclusive" });
    expect(stack.removed).toEqual([{ from: "auth0_organization_connections.connections", lifecycle: { destroy: false } }]);
    expect(stack.import).toEqual([{ to: `auth0_organization_connection.link-${DATABASE}`, id: `${ORGANIZATION_ID}::${PLATFORM_CONNECTION(DATABASE)}` }]);
  });

  test("when switched back to exclusive, then each link is forgotten without destroying and the exclusive resource is imported", () => {
    const stack = synthTenant("ent", { connectionLinks: "exclusive", connectionLinksSwitchedFrom: "additive" });
    expect(stack.removed).toEqual([{ from: `auth0_organization_connection.link-${DATABASE}`, lifecycle: { destroy: false } }]);
    expect(stack.import).toEqual([{ to: "auth0_organization_connections.connections", id: ORGANIZATION_ID }]);
  });

  test("when the organization is adopted, then each listed link is imported by organization id and connection id", () => {
    const stack = synthTenant("ent", { connectionLinks: "additive", import: { organizationId: "org_AbC123" } });
    expect(stack.import).toEqual([
      { to: "auth0_organization.organization", id: "org_AbC123" },
      { to: `auth0_organization_connection.link-${DATABASE}`, id: `org_AbC123::${PLATFORM_CONNECTION(DATABASE)}` },
    ]);
  });
});

describe("given agents with rotating credentials", () => {
  test("when a private_key_jwt agent lists two keys with expiries, then both are live credentials with their expiry", () => {
    const next = publicKeyPem();
    const stack = synthTenant("ent", {
      agents: [
        {
          name: "sync",
          scopes: ["read:data"],
          authentication: {
            method: "private_key_jwt",
            publicKeys: [
              { name: "sync-2026", pem: PUBLIC_KEY, expiresAt: "2099-01-01T00:00:00Z" },
              { name: "sync-2027", pem: next },
            ],
          },
        },
      ],
    });
    expect(stack.resource.auth0_client_credentials["agent-sync-credentials"].private_key_jwt.credentials).toEqual([
      { name: "sync-2026", credential_type: "public_key", algorithm: "RS256", pem: PUBLIC_KEY, expires_at: "2099-01-01T00:00:00Z" },
      { name: "sync-2027", credential_type: "public_key", algorithm: "RS256", pem: next },
    ]);
  });

  test("when an agent's secret has a version, then it is set write-only from an ephemeral sensitive variable with that version", () => {
    const stack = synthTenant("ent", { agents: [{ name: "billing-sync", scopes: ["read:data"], authentication: { method: "client_secret", secretVersion: 3 } }] });
    expect(stack.resource.auth0_client_credentials).toEqual({
      "agent-billing-sync-credentials": {
        client_id: "${auth0_client.agent-billing-sync.client_id}",
        authentication_method: "client_secret_post",
        client_secret_wo: "${var.agent_client_secret_ent_billing_sync}",
        client_secret_wo_version: 3,
      },
    });
    expect(stack.variable).toEqual({
      agent_client_secret_ent_billing_sync: {
        type: "string",
        sensitive: true,
        ephemeral: true,
        nullable: false,
        description:
          "Client secret of agent billing-sync. Set TF_VAR_agent_client_secret_ent_billing_sync in the environment (CI: a secret of that name); bump secretVersion in the tenant file to send a new one.",
      },
    });
  });
});

describe("given a platform with a self-service SSO profile", () => {
  test("then the platform stack creates the profile with its strategies and attributes, and outputs its id", () => {
    project.remove();
    project = new TempProject({
      ...examplePlatform(),
      selfServiceProfile: { name: "Customer SSO", userAttributes: [{ name: "email", description: "Work email" }] },
    });
    project.tenant("ent", minimalTenant("ent"));
    const platform = synthStack(project.fleet(), "platform");
    expect(platform.resource.auth0_self_service_profile).toEqual({
      "self-service-profile": {
        name: "Customer SSO",
        allowed_strategies: ["oidc", "okta", "samlp", "waad"],
        user_attributes: [{ name: "email", description: "Work email", is_optional: false }],
      },
    });
    expect(platform.output.self_service_profile_id).toEqual({ value: "${auth0_self_service_profile.self-service-profile.id}", description: "Id of the self-service SSO profile." });
  });
});

describe("given a fleet using every enterprise feature, with its secrets set in the environment", () => {
  test("when synthesized to cdktf.out, then every secret argument is a sensitive variable (write-only: ephemeral) and no secret value is written", async () => {
    const idp = (strategy: string, extra: Record<string, unknown>) => ({ name: `${strategy}-sso`, strategy, clientId: "id", ...extra });
    project.tenant("o", { ...minimalTenant("o"), enterpriseConnection: idp("oidc", { discoveryUrl: "https://idp.o.example/.well-known/openid-configuration" }) });
    project.tenant("k", { ...minimalTenant("k"), enterpriseConnection: idp("okta", { domain: "k.okta.com" }) });
    project.tenant("w", {
      ...minimalTenant("w"),
      connectionLinks: "additive",
      enterpriseConnection: idp("waad", { domain: "w.onmicrosoft.com" }),
      agents: [{ name: "bot", scopes: ["read:data"], authentication: { method: "client_secret", secretVersion: 1 } }],
    });
    project.tenant("s", { ...minimalTenant("s"), enterpriseConnection: saml, discoveryDomains: [{ domain: "s.example" }] });
    const secrets = { TF_VAR_sso_client_secret_o: "oidc-secret-9d1", TF_VAR_agent_client_secret_w_bot: "agent-secret-7c2" };
    Object.assign(process.env, secrets);
    try {
      expect((await project.synth()).exitCode).toBe(0);
    } finally {
      for (const name of Object.keys(secrets)) delete process.env[name];
    }
    const stacks = project.outputFiles().filter((f) => f.endsWith("cdk.tf.json"));
    expect(stacks).toHaveLength(5);
    let checked = 0;
    for (const file of stacks) {
      const text = fs.readFileSync(path.join(project.outdir, file), "utf8");
      for (const value of Object.values(secrets)) expect(text).not.toContain(value);
      const stack = JSON.parse(text);
      expect({ file, clear: secretsInClear(stack) }).toEqual({ file, clear: [] });
      checked += secretArgumentsSet(stack);
    }
    // Google's secret in the platform, three identity providers' and one agent's.
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});
