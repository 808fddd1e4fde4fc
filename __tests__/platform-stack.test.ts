import * as fs from "fs";
import * as path from "path";
import { minimalTenant, synthStack, TempProject } from "./support/project";

/** This test's own platform file (not the example platform.json), so editing that changes nothing here. */
const fixturePlatform = (): Record<string, any> => JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "stacks", "platform.json"), "utf8"));

function synthPlatform(platform: Record<string, unknown> = fixturePlatform()): Record<string, any> {
  const project = new TempProject(platform);
  // A tenants folder without a tenant file is refused; the platform stack does not depend on it.
  project.tenant("minimal", minimalTenant());
  try {
    return synthStack(project.fleet(), "platform");
  } finally {
    project.remove();
  }
}

const UPA = "Username-Password-Authentication";
const UPA_LOOKUP = `\${data.auth0_connection.connection-${UPA}-existing.id}`;

/** The fixture with one connection or the login application changed. */
function withConnection(name: string, change: Record<string, unknown>): Record<string, any> {
  const platform = fixturePlatform();
  platform.connections = platform.connections.map((c: Record<string, unknown>) => (c.name === name ? { ...c, ...change } : c));
  return platform;
}

describe("given a platform file (the test's own fixture)", () => {
  let stack: Record<string, any>;
  beforeAll(() => (stack = synthPlatform()));

  test("then the API signs with RS256, enforces RBAC and puts permissions in the access token", () => {
    expect(stack.resource.auth0_resource_server.api).toEqual({
      identifier: "https://api.fixture.example",
      name: "Fixture API",
      signing_alg: "RS256",
      token_lifetime: 86400,
      enforce_policies: true,
      token_dialect: "access_token_authz",
      allow_offline_access: false,
      skip_consent_for_verifiable_first_party_clients: true,
    });
  });

  test("then the API's scopes are managed exclusively, in scope order, with descriptions", () => {
    expect(stack.resource.auth0_resource_server_scopes["api-scopes"]).toEqual({
      resource_server_identifier: "${auth0_resource_server.api.identifier}",
      scopes: [
        { name: "read:data", description: "Read data" },
        { name: "read:reports", description: "Read reports" },
        { name: "write:data", description: "Write data" },
      ],
    });
  });

  test("then each role has exactly its permissions on the API, created after the scopes exist, and a role without description clears it with an empty one", () => {
    expect(stack.resource.auth0_role["role-member"]).toEqual({ name: "Fixture Member", description: "" });
    expect(stack.resource.auth0_role_permissions["role-member-permissions"]).toEqual({
      role_id: "${auth0_role.role-member.id}",
      permissions: [{ name: "read:data", resource_server_identifier: "${auth0_resource_server.api.identifier}" }],
      depends_on: ["auth0_resource_server_scopes.api-scopes"],
    });
    expect(stack.resource.auth0_role_permissions["role-admin-permissions"].permissions.map((p: { name: string }) => p.name)).toEqual(["read:data", "read:reports", "write:data"]);
  });

  test("then every connection is guarded against deletion and has its options, and only the login app is enabled on each", () => {
    expect(stack.resource.auth0_connection).toEqual({
      [`connection-${UPA}`]: {
        lifecycle: { prevent_destroy: true },
        name: UPA,
        strategy: "auth0",
        options: { password_policy: "good", brute_force_protection: true, disable_signup: true },
      },
      "connection-Partners-Database": {
        lifecycle: { prevent_destroy: true },
        name: "Partners-Database",
        strategy: "auth0",
        options: { password_policy: "excellent", brute_force_protection: true, disable_signup: false },
      },
      "connection-google-oauth2": {
        lifecycle: { prevent_destroy: true },
        name: "google-oauth2",
        strategy: "google-oauth2",
        options: { client_id: "fixture-client.apps.googleusercontent.com", client_secret: "${var.google_oauth2_client_secret}", scopes: ["email", "profile"] },
      },
    });
    for (const name of [UPA, "Partners-Database", "google-oauth2"]) {
      expect(stack.resource.auth0_connection_clients[`connection-${name}-clients`]).toEqual({
        connection_id: `\${auth0_connection.connection-${name}.id}`,
        enabled_clients: ["${auth0_client.login-app.client_id}"],
      });
    }
  });

  test("then the default database connection, which every Auth0 tenant has, is adopted: looked up by name and imported with its enabled clients; the others are created", () => {
    expect(stack.data.auth0_connection).toEqual({ [`connection-${UPA}-existing`]: { name: UPA, skip_enabled_clients: true } });
    expect(stack.import).toEqual([
      { to: `auth0_connection.connection-${UPA}`, id: UPA_LOOKUP },
      { to: `auth0_connection_clients.connection-${UPA}-clients`, id: UPA_LOOKUP },
    ]);
  });

  test("then the Google connection's secret comes from a sensitive variable, never from the file", () => {
    expect(stack.variable.google_oauth2_client_secret).toEqual({
      type: "string",
      sensitive: true,
      nullable: false,
      description: "Set TF_VAR_google_oauth2_client_secret in the environment.",
    });
  });

  test("then the login application is used with organizations, with the callbacks from the file and empty logout URLs and origins written out so that removed ones leave Auth0", () => {
    expect(stack.resource.auth0_client["login-app"]).toEqual({
      name: "Fixture App",
      app_type: "regular_web",
      callbacks: ["https://app.fixture.example/callback"],
      allowed_logout_urls: [],
      web_origins: [],
      grant_types: ["authorization_code", "refresh_token"],
      oidc_conformant: true,
      organization_usage: "require",
      organization_require_behavior: "post_login_prompt",
      jwt_configuration: { alg: "RS256" },
    });
  });

  test("then the tenant settings hold the support contacts, error page, session lifetimes and B2B flags", () => {
    expect(stack.resource.auth0_tenant["tenant-settings"]).toEqual({
      friendly_name: "Fixture Cloud",
      support_email: "support@fixture.example",
      support_url: "https://support.fixture.example",
      error_page: { url: "https://app.fixture.example/auth-error", show_log_link: false },
      session_lifetime: 168,
      idle_session_lifetime: 72,
      enabled_locales: ["en"],
      allow_organization_name_in_authentication_api: true,
      flags: { enable_client_connections: false, no_disclose_enterprise_connections: true, disable_clickjack_protection_headers: false },
    });
  });

  test("then every role and connection id is an output, so tenants read them without a lookup per object", () => {
    expect(stack.output).toEqual({
      role_ids: {
        description: "Role id by role key.",
        value: { admin: "${auth0_role.role-admin.id}", billing: "${auth0_role.role-billing.id}", member: "${auth0_role.role-member.id}" },
      },
      connection_ids: {
        description: "Connection id by connection name.",
        value: {
          "Partners-Database": "${auth0_connection.connection-Partners-Database.id}",
          [UPA]: `\${auth0_connection.connection-${UPA}.id}`,
          "google-oauth2": "${auth0_connection.connection-google-oauth2.id}",
        },
      },
      api_identifier: { description: "Audience of the API.", value: "${auth0_resource_server.api.identifier}" },
      login_client_id: { description: "Client id of the login application.", value: "${auth0_client.login-app.client_id}" },
    });
  });
});

describe("given a platform file that adopts connections and the login application by id", () => {
  test("then each is imported by the id written in the file, with no lookup", () => {
    const platform = withConnection(UPA, { import: { connectionId: "con_upa0000000000001" } });
    platform.connections = platform.connections.map((c: Record<string, unknown>) => (c.name === "google-oauth2" ? { ...c, import: { connectionId: "con_google00000000001" } } : c));
    platform.loginApplication.import = { clientId: "AaiyAPdpYdesoKnqjj8HJqRn4T5titww" };
    const stack = synthPlatform(platform);
    expect(stack.data).toBeUndefined();
    expect(stack.import).toEqual([
      { to: "auth0_client.login-app", id: "AaiyAPdpYdesoKnqjj8HJqRn4T5titww" },
      { to: `auth0_connection.connection-${UPA}`, id: "con_upa0000000000001" },
      { to: `auth0_connection_clients.connection-${UPA}-clients`, id: "con_upa0000000000001" },
      { to: "auth0_connection.connection-google-oauth2", id: "con_google00000000001" },
      { to: "auth0_connection_clients.connection-google-oauth2-clients", id: "con_google00000000001" },
    ]);
  });
});

describe('given a platform file whose default database connection says "import": false', () => {
  test("then it is created like any other connection: no lookup and no import", () => {
    const stack = synthPlatform(withConnection(UPA, { import: false }));
    expect(stack.data).toBeUndefined();
    expect(stack.import).toBeUndefined();
  });
});

describe("given a platform file whose Google connection has no client id", () => {
  test("then no secret variable is declared and the options hold only the scopes, so a client id removed from the file leaves Auth0 (options are replaced whole)", () => {
    const platform = fixturePlatform();
    platform.connections = platform.connections.map((c: Record<string, unknown>) => (c.strategy === "google-oauth2" ? { name: c.name, strategy: c.strategy } : c));
    const stack = synthPlatform(platform);
    expect(stack.variable).toBeUndefined();
    expect(stack.resource.auth0_connection["connection-google-oauth2"].options).toEqual({ scopes: ["email", "profile"] });
  });
});
