// The simulator's Auth0 rules, in process and without Terraform: each test names the
// provider file or recording the rule follows.
import { DEFAULT_APP_CLIENT_ID, DEFAULT_CONNECTION_ID } from "../src/areas/new-tenant";
import { readData } from "../src/datasources";
import { applyConfig, created, destroy, readBack, summaries, unknownPaths, useTenant } from "./support";

describe("a new tenant (areas/new-tenant.ts)", () => {
  test("given no store file, when the tenant is read, then it holds Username-Password-Authentication enabled for the Default App", () => {
    const { world } = useTenant();
    const w = world();
    expect(w.resources.auth0_connection[DEFAULT_CONNECTION_ID]).toMatchObject({ name: "Username-Password-Authentication", strategy: "auth0" });
    expect(w.resources.auth0_client[DEFAULT_APP_CLIENT_ID]).toMatchObject({ name: "Default App" });
    expect(w.resources.auth0_connection_clients[DEFAULT_CONNECTION_ID].enabled_clients).toEqual([DEFAULT_APP_CLIENT_ID]);
  });

  test("given a new tenant, when the default connection is created again, then Auth0's conflict fails the apply", () => {
    useTenant();
    const step = applyConfig("auth0_connection", { name: "Username-Password-Authentication", strategy: "auth0" });
    expect(summaries(step.diagnostics)).toEqual(["Connection already exists"]);
  });

  test("given AUTH0_SIM_TENANT=empty, when the tenant is read, then it has no resources", () => {
    const { world } = useTenant();
    process.env.AUTH0_SIM_TENANT = "empty";
    expect(world().resources).toEqual({});
  });
});

describe("exclusive collections refuse to take over (guardAgainstErasingUnwanted*)", () => {
  test("given the default connection enabled for the Default App, when auth0_connection_clients is created with another client, then it fails with the provider's text (resource_clients.go)", () => {
    useTenant();
    const app = created("auth0_client", { name: "Login" });
    const step = applyConfig("auth0_connection_clients", { connection_id: DEFAULT_CONNECTION_ID, enabled_clients: [app.id] });
    expect(summaries(step.diagnostics)).toEqual(["Connection with non empty enabled clients"]);
    expect(step.diagnostics[0].detail).toContain(`Run: 'terraform import auth0_connection_clients.<given-name> ${DEFAULT_CONNECTION_ID}'.`);
  });

  test("given the same enabled clients in the same order, when auth0_connection_clients is created, then it adopts them", () => {
    useTenant();
    const state = created("auth0_connection_clients", { connection_id: DEFAULT_CONNECTION_ID, enabled_clients: [DEFAULT_APP_CLIENT_ID] });
    expect(state).toMatchObject({ id: DEFAULT_CONNECTION_ID, enabled_clients: [DEFAULT_APP_CLIENT_ID], name: "Username-Password-Authentication", strategy: "auth0" });
  });

  test("given a link made by the singular resource, when auth0_organization_connections is created with another, then it fails (resource_connections.go)", () => {
    useTenant({ resources: {} });
    const org = created("auth0_organization", { name: "acme" });
    const a = created("auth0_connection", { name: "a", strategy: "auth0" });
    const b = created("auth0_connection", { name: "b", strategy: "auth0" });
    created("auth0_organization_connection", { organization_id: org.id, connection_id: a.id });
    const step = applyConfig("auth0_organization_connections", { organization_id: org.id, enabled_connections: [{ connection_id: b.id }] });
    expect(summaries(step.diagnostics)).toEqual(["Organization with non empty enabled connections"]);
  });

  test("given members already in the organization, when auth0_organization_members is created with others, then it fails (resource_members.go)", () => {
    useTenant({ resources: {}, users: { "auth0|1": { user_id: "auth0|1" }, "auth0|2": { user_id: "auth0|2" } } });
    const org = created("auth0_organization", { name: "acme" });
    created("auth0_organization_member", { organization_id: org.id, user_id: "auth0|1" });
    const step = applyConfig("auth0_organization_members", { organization_id: org.id, members: ["auth0|2"] });
    expect(summaries(step.diagnostics)).toEqual(["Organization with non empty members"]);
  });

  test("given an API with a scope, when auth0_resource_server_scopes is created with other scopes, then it fails; once made, deleting it removes every scope (resource_scopes.go)", () => {
    const { world } = useTenant({ resources: {} });
    created("auth0_resource_server", { identifier: "https://api" });
    created("auth0_resource_server_scope", { resource_server_identifier: "https://api", scope: "read:a" });
    const refused = applyConfig("auth0_resource_server_scopes", { resource_server_identifier: "https://api", scopes: [{ name: "write:a" }] });
    expect(summaries(refused.diagnostics)).toEqual(["Resource Server with non empty scopes"]);
    const adopted = created("auth0_resource_server_scopes", { resource_server_identifier: "https://api", scopes: [{ name: "read:a", description: "" }] });
    expect(destroy("auth0_resource_server_scopes", adopted)).toEqual([]);
    expect(world().resources.auth0_resource_server_scope).toEqual({});
  });
});

describe("adopting resources", () => {
  test("given a role with a permission, when auth0_role_permissions is created with another, then both are in state, and the next apply drops the extra (resource_permissions.go)", () => {
    useTenant({ resources: {} });
    created("auth0_resource_server", { identifier: "https://api" });
    created("auth0_resource_server_scopes", { resource_server_identifier: "https://api", scopes: [{ name: "read" }, { name: "write" }] });
    const role = created("auth0_role", { name: "Admin" });
    created("auth0_role_permission", { role_id: role.id, resource_server_identifier: "https://api", permission: "read" });
    const config = { role_id: role.id, permissions: [{ name: "write", resource_server_identifier: "https://api" }] };
    const first = created("auth0_role_permissions", config);
    expect((first.permissions as { name: string }[]).map((p) => p.name).sort()).toEqual(["read", "write"]);
    const second = applyConfig("auth0_role_permissions", config, first);
    expect((second.state!.permissions as { name: string }[]).map((p) => p.name)).toEqual(["write"]);
  });

  test("given a member with a role, when auth0_organization_member_roles is created with another role, then the state holds both (resource_member_roles.go)", () => {
    useTenant({ resources: {}, users: { "auth0|1": { user_id: "auth0|1" } } });
    const org = created("auth0_organization", { name: "acme" });
    const [r1, r2] = [created("auth0_role", { name: "r1" }), created("auth0_role", { name: "r2" })];
    created("auth0_organization_member", { organization_id: org.id, user_id: "auth0|1" });
    created("auth0_organization_member_role", { organization_id: org.id, user_id: "auth0|1", role_id: r1.id });
    const state = created("auth0_organization_member_roles", { organization_id: org.id, user_id: "auth0|1", roles: [r2.id] });
    expect([...(state.roles as string[])].sort()).toEqual([r1.id, r2.id].sort());
  });

  test("given a grant of the same client and audience, when auth0_client_grant is created, then it adopts that grant as it is (resource_grant.go)", () => {
    const { world } = useTenant({ resources: {} });
    created("auth0_resource_server", { identifier: "https://api" });
    const app = created("auth0_client", { name: "agent" });
    const first = created("auth0_client_grant", { client_id: app.id, audience: "https://api", scopes: ["read"] });
    const second = created("auth0_client_grant", { client_id: app.id, audience: "https://api", scopes: ["write"] });
    expect(second).toMatchObject({ id: first.id, scopes: ["read"] });
    expect(Object.keys(world().resources.auth0_client_grant)).toEqual([first.id]);
  });

  test("given a member already in the organization, when auth0_organization_member is created, then it succeeds (AddMembers adds nothing twice)", () => {
    useTenant({ resources: {}, users: { "auth0|1": { user_id: "auth0|1" } } });
    const org = created("auth0_organization", { name: "acme" });
    created("auth0_organization_members", { organization_id: org.id, members: ["auth0|1"] });
    expect(created("auth0_organization_member", { organization_id: org.id, user_id: "auth0|1" }).id).toBe(`${org.id}::auth0|1`);
  });
});

describe("links (auth0_organization_connections)", () => {
  test("given a link, when its show_as_button flips, then the provider deletes it and creates it again (TestAccOrganizationConnections.yaml)", () => {
    const { calls } = useTenant({ resources: {} });
    const org = created("auth0_organization", { name: "acme" });
    const con = created("auth0_connection", { name: "db", strategy: "auth0" });
    const first = created("auth0_organization_connections", { organization_id: org.id, enabled_connections: [{ connection_id: con.id }] });
    expect(first.enabled_connections).toEqual([
      { connection_id: con.id, assign_membership_on_login: false, is_signup_enabled: false, show_as_button: true, is_enabled: true, organization_connection_name: null, organization_access_level: "none" },
    ]);
    calls.length = 0;
    const second = applyConfig("auth0_organization_connections", { organization_id: org.id, enabled_connections: [{ connection_id: con.id, show_as_button: false }] }, first);
    expect(second.diagnostics).toEqual([]);
    expect(calls.filter((c) => c.method !== "GET").map((c) => `${c.method} ${c.path}`)).toEqual([
      `DELETE /api/v2/organizations/${org.id}/connections/${con.id}`,
      `POST /api/v2/organizations/${org.id}/connections`,
    ]);
  });

  test("given a link whose flags are unchanged, when planned again, then its access level is kept, not unknown", () => {
    useTenant({ resources: {} });
    const org = created("auth0_organization", { name: "acme" });
    const con = created("auth0_connection", { name: "db", strategy: "auth0" });
    const config = { organization_id: org.id, enabled_connections: [{ connection_id: con.id }] };
    const state = created("auth0_organization_connections", config);
    expect(unknownPaths(applyConfig("auth0_organization_connections", config, state).planned)).toEqual([]);
  });
});

describe("ForceNew as in the provider", () => {
  test("given a singular link, when its connection changes, then it is updated in place (resource_connection.go has no ForceNew)", () => {
    useTenant({ resources: {} });
    const org = created("auth0_organization", { name: "acme" });
    const [a, b] = [created("auth0_connection", { name: "a", strategy: "auth0" }), created("auth0_connection", { name: "b", strategy: "auth0" })];
    const link = created("auth0_organization_connection", { organization_id: org.id, connection_id: a.id });
    expect(applyConfig("auth0_organization_connection", { organization_id: org.id, connection_id: b.id }, link).requiresReplace).toEqual([]);
  });

  test("given a client grant, when subject_type changes, then it is replaced (resource_grant.go)", () => {
    useTenant({ resources: {} });
    const app = created("auth0_client", { name: "agent" });
    const grant = created("auth0_client_grant", { client_id: app.id, audience: "https://t.example/api/v2/" });
    expect(applyConfig("auth0_client_grant", { client_id: app.id, audience: "https://t.example/api/v2/", subject_type: "user" }, grant).requiresReplace).toEqual(["subject_type"]);
  });

  test("given an organization, when renamed, then it is updated in place", () => {
    useTenant({ resources: {} });
    const org = created("auth0_organization", { name: "acme" });
    const step = applyConfig("auth0_organization", { name: "acme-corp" }, org);
    expect(step.requiresReplace).toEqual([]);
    expect(step.state).toMatchObject({ id: org.id, name: "acme-corp" });
  });
});

describe("Optional and Optional+Computed values", () => {
  test("given a client created with only a name, when planned, then the server defaults are unknown; after apply they are Auth0's (TestAccClientConfig.yaml)", () => {
    useTenant({ resources: {} });
    const step = applyConfig("auth0_client", { name: "app" });
    expect(unknownPaths(step.planned)).toEqual(expect.arrayContaining(["is_first_party", "oidc_conformant", "grant_types", "jwt_configuration", "refresh_token"]));
    expect(step.state).toMatchObject({
      is_first_party: true,
      oidc_conformant: false,
      grant_types: ["authorization_code", "implicit", "refresh_token", "client_credentials"],
      jwt_configuration: [expect.objectContaining({ lifetime_in_seconds: 36000, secret_encoded: false })],
      refresh_token: [expect.objectContaining({ rotation_type: "non-rotating", token_lifetime: 2592000 })],
    });
  });

  test("given an organization created without third_party_client_access, then Auth0 says block (TestAccOrganizationThirdPartyClientAccess.yaml), and an unset value keeps it", () => {
    useTenant({ resources: {} });
    const org = created("auth0_organization", { name: "acme" });
    expect(org.third_party_client_access).toBe("block");
    const allowed = applyConfig("auth0_organization", { name: "acme", third_party_client_access: "allow" }, org).state!;
    expect(applyConfig("auth0_organization", { name: "acme" }, allowed).state!.third_party_client_access).toBe("allow");
  });

  test("given metadata, when it is left out, then Auth0 keeps the old keys; when set to {}, they are cleared (TestAccOrganization.yaml)", () => {
    useTenant({ resources: {} });
    const org = created("auth0_organization", { name: "acme", metadata: { tier: "gold" } });
    const omitted = applyConfig("auth0_organization", { name: "acme" }, org);
    expect(omitted.planned.metadata).toBeNull();
    expect(omitted.state!.metadata).toEqual({ tier: "gold" });
    expect(applyConfig("auth0_organization", { name: "acme", metadata: {} }, omitted.state).state!.metadata).toEqual({});
  });

  test("given branding, when it is removed from the configuration, then the plan keeps it and Auth0 still has it (Optional+Computed block)", () => {
    useTenant({ resources: {} });
    const org = created("auth0_organization", { name: "acme", branding: [{ logo_url: "https://l.example/a.png" }] });
    const step = applyConfig("auth0_organization", { name: "acme" }, org);
    expect(step.planned.branding).toEqual(org.branding);
    expect(readBack("auth0_organization", step.state!)!.branding).toEqual([{ logo_url: "https://l.example/a.png", colors: null }]);
  });

  test("given client_secret_wo, when applied, then the secret reaches the client in Auth0 and is in neither plan nor state (Terraform 1.11 write-only)", () => {
    const { world } = useTenant({ resources: {} });
    const app = created("auth0_client", { name: "agent" });
    const step = applyConfig("auth0_client_credentials", { client_id: app.id, authentication_method: "client_secret_post", client_secret_wo: "s3cret-v1", client_secret_wo_version: 1 });
    expect(step.planned.client_secret_wo).toBeNull();
    expect(step.state!.client_secret_wo).toBeNull();
    expect(JSON.stringify(world().resources.auth0_client_credentials)).not.toContain("s3cret-v1");
    expect(world().resources.auth0_client[app.id as string].client_secret).toBe("s3cret-v1");
  });
});

describe("refusals", () => {
  test.each([
    ["acme-", []],
    ["acme_", []],
    ["0acme", []],
    ["Acme", ["Invalid organization name"]],
    ["a".repeat(51), ["Invalid organization name"]],
    ["acme corp", ["Invalid organization name"]],
  ])("given the organization name %j, when created, then Auth0 answers %j", (name, expected) => {
    useTenant({ resources: {} });
    expect(summaries(applyConfig("auth0_organization", { name }).diagnostics)).toEqual(expected);
  });

  test("given an organization named acme, when another acme is created, then Auth0's conflict fails it", () => {
    useTenant({ resources: {} });
    created("auth0_organization", { name: "acme" });
    expect(summaries(applyConfig("auth0_organization", { name: "acme" }).diagnostics)).toEqual(["Organization name already in use"]);
  });

  test("given 11 metadata keys, a 256-character value and a 256-character display name, when created, then each is refused", () => {
    useTenant({ resources: {} });
    const metadata = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i === 0 ? "x".repeat(256) : "v"]));
    expect(summaries(applyConfig("auth0_organization", { name: "acme", display_name: "d".repeat(256), metadata }).diagnostics)).toEqual([
      "Display name too long",
      "Too many organization metadata properties",
      "Organization metadata value too long",
    ]);
  });

  test("given a scope the API does not define, when a role is given it, then Auth0 refuses", () => {
    useTenant({ resources: {} });
    created("auth0_resource_server", { identifier: "https://api" });
    const role = created("auth0_role", { name: "r" });
    const step = applyConfig("auth0_role_permissions", { role_id: role.id, permissions: [{ name: "nope", resource_server_identifier: "https://api" }] });
    expect(summaries(step.diagnostics)).toEqual(["Permission not defined on the API"]);
  });

  test("given a user who is not a member, when given organization roles, then Auth0 refuses", () => {
    useTenant({ resources: {}, users: { "auth0|1": { user_id: "auth0|1" } } });
    const org = created("auth0_organization", { name: "acme" });
    const role = created("auth0_role", { name: "r" });
    const step = applyConfig("auth0_organization_member_roles", { organization_id: org.id, user_id: "auth0|1", roles: [role.id] });
    expect(summaries(step.diagnostics)).toEqual(["User is not a member of the organization"]);
  });

  test("given a missing connection, when linked, then Auth0 answers 404", () => {
    useTenant({ resources: {} });
    const org = created("auth0_organization", { name: "acme" });
    const step = applyConfig("auth0_organization_connection", { organization_id: org.id, connection_id: "con_missing000000000" });
    expect(summaries(step.diagnostics)).toEqual(["Referenced object not found"]);
  });
});

describe("deletions cascade as in Auth0", () => {
  test("given an organization with a member and roles, when it is deleted, then the membership and roles go and the user stays", () => {
    const { world } = useTenant({ resources: {}, users: { "auth0|1": { user_id: "auth0|1" } } });
    const org = created("auth0_organization", { name: "acme" });
    const role = created("auth0_role", { name: "r" });
    created("auth0_organization_member", { organization_id: org.id, user_id: "auth0|1" });
    created("auth0_organization_member_roles", { organization_id: org.id, user_id: "auth0|1", roles: [role.id] });
    expect(destroy("auth0_organization", org)).toEqual([]);
    expect(world().resources.auth0_organization_member).toEqual({});
    expect(world().resources.auth0_organization_member_roles).toEqual({});
    expect(Object.keys(world().users)).toEqual(["auth0|1"]);
  });

  test("given a linked connection, when it is deleted, then the organization's links no longer list it", () => {
    useTenant({ resources: {} });
    const org = created("auth0_organization", { name: "acme" });
    const [a, b] = [created("auth0_connection", { name: "a", strategy: "auth0" }), created("auth0_connection", { name: "b", strategy: "auth0" })];
    const links = created("auth0_organization_connections", { organization_id: org.id, enabled_connections: [{ connection_id: a.id }, { connection_id: b.id }] });
    destroy("auth0_connection", a);
    expect((readBack("auth0_organization_connections", links)!.enabled_connections as { connection_id: string }[]).map((l) => l.connection_id)).toEqual([b.id]);
  });
});

describe("auth0_user lookups (internal/auth0/user/data_source.go)", () => {
  const users = {
    "auth0|1": { user_id: "auth0|1", email: "ann@acme.example" },
    "google-oauth2|2": { user_id: "google-oauth2|2", email: "ann@acme.example" },
  };

  test("given the same email in two connections, when looked up by email alone, then the provider's error asks for a better query", () => {
    useTenant({ resources: {}, users });
    const r = readData("auth0_user", { query: 'email:"ann@acme.example"' });
    expect(summaries(r.diagnostics)).toEqual(["Further improve the query to retrieve a single user from the query"]);
  });

  test("given the same email in two connections, when the query also names the connection, then exactly that user is found", () => {
    useTenant({ resources: {}, users });
    const r = readData("auth0_user", { query: 'email:"ann@acme.example" AND identities.connection:"google-oauth2"' });
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toMatchObject({ id: "google-oauth2|2", connection_name: "google-oauth2" });
  });
});
