import { examplePlatform, minimalTenant, synthFleet, TempProject } from "./support/project";

function synthPlatform(platform: Record<string, unknown> = examplePlatform()): Record<string, any> {
  const project = new TempProject(platform);
  // A tenants folder without a tenant file is refused; the platform stack does not depend on it.
  project.tenant("minimal", minimalTenant());
  try {
    return synthFleet(project.fleet()).platform;
  } finally {
    project.remove();
  }
}

describe("given the example platform file", () => {
  let stack: Record<string, any>;
  beforeAll(() => (stack = synthPlatform()));

  test("then the API signs with RS256, enforces RBAC and puts permissions in the access token", () => {
    expect(stack.resource.auth0_resource_server.api).toEqual({
      identifier: "https://api.example.com",
      name: "Example Cloud API",
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
        { name: "manage:members", description: "Invite and remove members of the organization" },
        { name: "read:data", description: "Read the organization's data" },
        { name: "read:reports", description: "Read usage and billing reports" },
        { name: "write:data", description: "Create and change the organization's data" },
      ],
    });
  });

  test("then each role has exactly its permissions on the API, created after the scopes exist", () => {
    expect(stack.resource.auth0_role["role-member"]).toEqual({ name: "Organization Member", description: "Read-only access to the organization's data" });
    expect(stack.resource.auth0_role_permissions["role-member-permissions"]).toEqual({
      role_id: "${auth0_role.role-member.id}",
      permissions: [{ name: "read:data", resource_server_identifier: "${auth0_resource_server.api.identifier}" }],
      depends_on: ["auth0_resource_server_scopes.api-scopes"],
    });
    expect(stack.resource.auth0_role_permissions["role-admin-permissions"].permissions.map((p: { name: string }) => p.name)).toEqual([
      "manage:members",
      "read:data",
      "read:reports",
      "write:data",
    ]);
  });

  test("then the database connection is guarded against deletion, has the password policy and brute-force protection, and only the login app is enabled on it", () => {
    expect(stack.resource.auth0_connection["connection-Username-Password-Authentication"]).toEqual({
      lifecycle: { prevent_destroy: true },
      name: "Username-Password-Authentication",
      strategy: "auth0",
      options: { password_policy: "good", brute_force_protection: true, disable_signup: true },
    });
    expect(stack.resource.auth0_connection_clients["connection-Username-Password-Authentication-clients"]).toEqual({
      connection_id: "${auth0_connection.connection-Username-Password-Authentication.id}",
      enabled_clients: ["${auth0_client.login-app.client_id}"],
    });
  });

  test("then the Google connection's secret comes from a sensitive variable, never from the file", () => {
    expect(stack.resource.auth0_connection["connection-google-oauth2"].options.client_secret).toBe("${var.google_oauth2_client_secret}");
    expect(stack.variable.google_oauth2_client_secret).toEqual({
      type: "string",
      sensitive: true,
      nullable: false,
      description: "Set TF_VAR_google_oauth2_client_secret in the environment.",
    });
  });

  test("then the login application is used with organizations, with the callbacks from the file", () => {
    expect(stack.resource.auth0_client["login-app"]).toEqual({
      name: "Example Cloud",
      app_type: "regular_web",
      callbacks: ["https://app.example.com/callback"],
      allowed_logout_urls: ["https://app.example.com"],
      web_origins: ["https://app.example.com"],
      grant_types: ["authorization_code", "refresh_token"],
      oidc_conformant: true,
      organization_usage: "require",
      organization_require_behavior: "post_login_prompt",
      jwt_configuration: { alg: "RS256" },
    });
  });

  test("then the tenant settings hold the support contacts, error page, session lifetimes and B2B flags", () => {
    expect(stack.resource.auth0_tenant["tenant-settings"]).toEqual({
      friendly_name: "Example Cloud",
      support_email: "support@example.com",
      support_url: "https://support.example.com",
      error_page: { url: "https://app.example.com/auth-error", show_log_link: false },
      session_lifetime: 168,
      idle_session_lifetime: 72,
      enabled_locales: ["en", "de", "fr"],
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
          "Username-Password-Authentication": "${auth0_connection.connection-Username-Password-Authentication.id}",
          "google-oauth2": "${auth0_connection.connection-google-oauth2.id}",
        },
      },
      api_identifier: { description: "Audience of the API.", value: "${auth0_resource_server.api.identifier}" },
      login_client_id: { description: "Client id of the login application.", value: "${auth0_client.login-app.client_id}" },
    });
  });
});

describe("given a platform file whose Google connection has no client id", () => {
  test("then no secret variable is declared (Auth0's development keys are used)", () => {
    const platform = examplePlatform();
    platform.connections = platform.connections.map((c: Record<string, unknown>) => (c.strategy === "google-oauth2" ? { name: c.name, strategy: c.strategy } : c));
    const stack = synthPlatform(platform);
    expect(stack.variable).toBeUndefined();
    expect(stack.resource.auth0_connection["connection-google-oauth2"].options).toEqual({ scopes: ["email", "profile"] });
  });
});
