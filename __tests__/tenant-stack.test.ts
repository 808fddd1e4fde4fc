import * as fs from "fs";
import * as path from "path";
import { PUBLIC_KEY } from "./support/keys";
import { minimalTenant, synthStack, TempProject } from "./support/project";

const PLATFORM_CONNECTION = (name: string) => `\${data.terraform_remote_state.platform.outputs.connection_ids["${name}"]}`;
const PLATFORM_ROLE = (key: string) => `\${data.terraform_remote_state.platform.outputs.role_ids.${key}}`;
const ORGANIZATION_ID = "${auth0_organization.organization.id}";

/** The platform file of the stack tests (not the example platform.json). */
const FIXTURE_PLATFORM = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "stacks", "platform.json"), "utf8"));

/** The check every tenant without branding carries: branding cannot be removed through the provider. */
const brandingCheck = (name: string) => ({
  organization_branding: {
    assert: [
      {
        condition: "${length(auth0_organization.organization.branding) == 0}",
        error_message:
          `${name}.json sets no branding, but organization "${name}" has branding in Auth0, which the auth0 provider cannot remove. ` +
          `Remove the logo and colours in the Auth0 dashboard (Organizations > ${name} > Branding), or write them into the file to manage them.`,
      },
    ],
  },
});

let project: TempProject;
beforeEach(() => (project = new TempProject(FIXTURE_PLATFORM)));
afterEach(() => project.remove());

function synthTenant(name: string, file: Record<string, unknown>): Record<string, any> {
  project.tenant(name, file);
  return synthStack(project.fleet(), `tenant-${name}`);
}

describe("given a minimal tenant file (name, display name, one connection)", () => {
  test("then its stack is exactly an organization with empty metadata, its connection link, the branding check, the platform state it reads and the provider pin", () => {
    const stack = synthTenant("minimal", minimalTenant("minimal"));

    expect(stack).toEqual({
      terraform: {
        backend: { local: { path: "../../../terraform-state/tenant-minimal.tfstate" } },
        required_providers: { auth0: { source: "auth0/auth0", version: "~> 1.55" } },
      },
      provider: { auth0: [{}] },
      data: {
        terraform_remote_state: {
          platform: { backend: "local", config: { path: "../../../terraform-state/platform.tfstate" } },
        },
      },
      resource: {
        // metadata {} is written: without it, keys removed from the file would stay in Auth0.
        auth0_organization: { organization: { name: "minimal", display_name: "Minimal Ltd", metadata: {}, lifecycle: { prevent_destroy: true } } },
        auth0_organization_connections: {
          connections: {
            lifecycle: { prevent_destroy: true },
            organization_id: ORGANIZATION_ID,
            enabled_connections: [
              {
                connection_id: PLATFORM_CONNECTION("Username-Password-Authentication"),
                assign_membership_on_login: false,
                is_signup_enabled: false,
                show_as_button: true,
              },
            ],
          },
        },
      },
      output: { organization_id: { value: ORGANIZATION_ID } },
      check: brandingCheck("minimal"),
    });
  });
});

describe("given a full tenant file (branding, metadata, token quota, connections, members, agents)", () => {
  const full: Record<string, any> = {
    ...minimalTenant("full"),
    displayName: "Full Corp",
    branding: { logoUrl: "https://cdn.full.example/logo.png", colors: { primary: "#112233", pageBackground: "#ffffff" } },
    metadata: { region: "eu", plan: "enterprise" },
    tokenQuota: { clientCredentials: { perDay: 1000, perHour: 100 } },
    connections: [
      { name: "Username-Password-Authentication" },
      { name: "Partners-Database", assignMembershipOnLogin: true, signupEnabled: true, showAsButton: false },
    ],
    members: [
      { userId: "auth0|abc123", roles: ["member", "admin"] },
      { email: "Jane.Doe@Full.example", connection: "Partners-Database", roles: ["billing"] },
      { userId: "auth0|norole" },
    ],
    agents: [
      { name: "reporter", description: "Exports reports", scopes: ["read:reports", "read:data"] },
      {
        name: "signer",
        scopes: ["write:data"],
        authentication: { method: "private_key_jwt", publicKeys: [{ name: "k1", pem: PUBLIC_KEY }] },
      },
    ],
  };

  let stack: Record<string, any>;
  beforeEach(() => (stack = synthTenant("full", full)));

  test("then the organization carries the display name, branding, metadata and token quota, and no branding check", () => {
    expect(stack.check).toBeUndefined();
    expect(stack.resource.auth0_organization.organization).toEqual({
      name: "full",
      display_name: "Full Corp",
      lifecycle: { prevent_destroy: true },
      branding: { logo_url: "https://cdn.full.example/logo.png", colors: { primary: "#112233", page_background: "#ffffff" } },
      metadata: { plan: "enterprise", region: "eu" },
      token_quota: { client_credentials: { per_day: 1000, per_hour: 100, enforce: true } },
    });
  });

  test("then every connection is linked through one exclusive resource, in name order, with its flags", () => {
    expect(stack.resource.auth0_organization_connection).toBeUndefined();
    expect(stack.resource.auth0_organization_connections.connections.enabled_connections).toEqual([
      { connection_id: PLATFORM_CONNECTION("Partners-Database"), assign_membership_on_login: true, is_signup_enabled: true, show_as_button: false },
      { connection_id: PLATFORM_CONNECTION("Username-Password-Authentication"), assign_membership_on_login: false, is_signup_enabled: false, show_as_button: true },
    ]);
  });

  test("then members are appended one by one, keyed by user id or lowercased email plus 8 hex characters of its SHA-256", () => {
    expect(stack.resource.auth0_organization_members).toBeUndefined();
    expect(stack.resource.auth0_organization_member).toEqual({
      "member-auth0_abc123-ef0e3f35": { organization_id: ORGANIZATION_ID, user_id: "auth0|abc123" },
      "member-auth0_norole-6c3af396": { organization_id: ORGANIZATION_ID, user_id: "auth0|norole" },
      "member-jane_doe_at_full_example-d054506d": { organization_id: ORGANIZATION_ID, user_id: "${data.auth0_user.user-jane_doe_at_full_example-d054506d.id}" },
    });
  });

  test("then state kept under each member's former address (no hash) moves to the new one instead of the membership being re-created", () => {
    expect(stack.moved).toEqual([
      { from: "auth0_organization_member.member-auth0_abc123", to: "auth0_organization_member.member-auth0_abc123-ef0e3f35" },
      { from: "auth0_organization_member_roles.member-auth0_abc123-roles", to: "auth0_organization_member_roles.member-auth0_abc123-ef0e3f35-roles" },
      { from: "auth0_organization_member.member-auth0_norole", to: "auth0_organization_member.member-auth0_norole-6c3af396" },
      { from: "auth0_organization_member.member-jane_doe_at_full_example", to: "auth0_organization_member.member-jane_doe_at_full_example-d054506d" },
      {
        from: "auth0_organization_member_roles.member-jane_doe_at_full_example-roles",
        to: "auth0_organization_member_roles.member-jane_doe_at_full_example-d054506d-roles",
      },
    ]);
  });

  test("then a member given by email is looked up by that email in its connection, without the paginated role and permission calls", () => {
    expect(stack.data.auth0_user).toEqual({
      "user-jane_doe_at_full_example-d054506d": {
        query: 'email:"jane.doe@full.example" AND identities.connection:"Partners-Database"',
        skip_roles: true,
        skip_permissions: true,
      },
    });
  });

  test("then each member with roles gets exactly those platform roles, sorted, and a member without roles gets none", () => {
    expect(stack.resource.auth0_organization_member_roles).toEqual({
      "member-auth0_abc123-ef0e3f35-roles": {
        organization_id: ORGANIZATION_ID,
        user_id: "${auth0_organization_member.member-auth0_abc123-ef0e3f35.user_id}",
        roles: [PLATFORM_ROLE("admin"), PLATFORM_ROLE("member")],
      },
      "member-jane_doe_at_full_example-d054506d-roles": {
        organization_id: ORGANIZATION_ID,
        user_id: "${auth0_organization_member.member-jane_doe_at_full_example-d054506d.user_id}",
        roles: [PLATFORM_ROLE("billing")],
      },
    });
  });

  test("then each agent is a client-credentials-only client whose grant holds only its scopes and only for this organization", () => {
    expect(stack.resource.auth0_client["agent-reporter"]).toEqual({
      name: "full reporter",
      description: "Exports reports",
      app_type: "non_interactive",
      grant_types: ["client_credentials"],
      default_organization: { organization_id: ORGANIZATION_ID, flows: ["client_credentials"] },
    });
    expect(stack.resource.auth0_client_grant["agent-reporter-grant"]).toEqual({
      client_id: "${auth0_client.agent-reporter.client_id}",
      audience: "https://api.fixture.example",
      scopes: ["read:data", "read:reports"],
      subject_type: "client",
      organization_usage: "require",
      allow_any_organization: false,
    });
    expect(stack.resource.auth0_organization_client_grant["agent-reporter-grant-organization"]).toEqual({
      organization_id: ORGANIZATION_ID,
      grant_id: "${auth0_client_grant.agent-reporter-grant.id}",
    });
  });

  test("then an agent without a description gets an empty one, so a description removed from the file leaves Auth0", () => {
    expect(stack.resource.auth0_client["agent-signer"].description).toBe("");
  });

  test("then only a private_key_jwt agent gets client credentials, holding its public key and no secret", () => {
    expect(Object.keys(stack.resource.auth0_client_credentials)).toEqual(["agent-signer-credentials"]);
    expect(stack.resource.auth0_client_credentials["agent-signer-credentials"]).toEqual({
      client_id: "${auth0_client.agent-signer.client_id}",
      authentication_method: "private_key_jwt",
      private_key_jwt: {
        credentials: [{ name: "k1", credential_type: "public_key", algorithm: "RS256", pem: PUBLIC_KEY }],
      },
    });
  });

  test("then the agents' client ids are outputs, for handing to the agent's operators", () => {
    expect(stack.output.agent_client_ids).toEqual({
      value: { reporter: "${auth0_client.agent-reporter.client_id}", signer: "${auth0_client.agent-signer.client_id}" },
      description: "Client id of each agent, by agent name (not secret).",
    });
  });

  test("when the lists in the file are reordered, then the synthesized stack is identical", () => {
    const reordered = {
      agents: [...full.agents].reverse(),
      members: [...full.members].reverse().map((m) => ({ ...m, roles: [...(m.roles ?? [])].reverse() })),
      connections: [...full.connections].reverse(),
      metadata: { plan: "enterprise", region: "eu" },
      tokenQuota: full.tokenQuota,
      branding: full.branding,
      displayName: full.displayName,
      name: full.name,
    };
    const again = synthTenant("full", reordered);
    expect(JSON.stringify(again)).toEqual(JSON.stringify(stack));
  });
});

describe("given a tenant that links one connection and a member given by email only", () => {
  test("then the lookup is restricted to that connection", () => {
    const stack = synthTenant("single", { ...minimalTenant("single"), members: [{ email: "sam@single.example" }] });
    expect(Object.values<{ query: string }>(stack.data.auth0_user).map((user) => user.query)).toEqual(['email:"sam@single.example" AND identities.connection:"Username-Password-Authentication"']);
  });
});

describe("given a tenant file that adopts an existing organization", () => {
  test("then the organization and its connection links are imported by the organization id instead of created", () => {
    const stack = synthTenant("adopted", { ...minimalTenant("adopted"), import: { organizationId: "org_AbC123" } });
    expect(stack.import).toEqual([
      { to: "auth0_organization.organization", id: "org_AbC123" },
      { to: "auth0_organization_connections.connections", id: "org_AbC123" },
    ]);
    expect(stack.resource.auth0_organization.organization.name).toBe("adopted");
  });
});

describe("given a tenant file marked decommissioned", () => {
  test("then its stack keeps only the provider, its state and the platform's outputs (to name the ids it removes), so the next deploy destroys the tenant's resources", () => {
    const stack = synthTenant("leaving", { ...minimalTenant("leaving"), status: "decommissioned", members: [{ userId: "auth0|x", roles: ["admin"] }] });
    expect(stack).toEqual({
      data: { terraform_remote_state: { platform: { backend: "local", config: { path: "../../../terraform-state/platform.tfstate" } } } },
      terraform: {
        backend: { local: { path: "../../../terraform-state/tenant-leaving.tfstate" } },
        required_providers: { auth0: { source: "auth0/auth0", version: "~> 1.55" } },
      },
      provider: { auth0: [{}] },
    });
  });
});

describe("given members whose emails differ only in '.', '_' and '+' (a.b@, a_b@, a+b@x.example)", () => {
  test("then they are three members with three addresses, each stable: the readable part plus the hash of the email", () => {
    const emails = ["a.b@x.example", "a_b@x.example", "a+b@x.example"];
    const stack = synthTenant("plus", { ...minimalTenant("plus"), members: emails.map((email) => ({ email })) });
    expect(Object.keys(stack.resource.auth0_organization_member).sort()).toEqual([
      "member-a_b_at_x_example-06972c57",
      "member-a_b_at_x_example-d03bd558",
      "member-a_b_at_x_example-fedb6759",
    ]);
    expect(Object.entries(stack.data.auth0_user).map(([id, user]: [string, any]) => `${id} ${user.query}`).sort()).toEqual([
      'user-a_b_at_x_example-06972c57 email:"a_b@x.example" AND identities.connection:"Username-Password-Authentication"',
      'user-a_b_at_x_example-d03bd558 email:"a.b@x.example" AND identities.connection:"Username-Password-Authentication"',
      'user-a_b_at_x_example-fedb6759 email:"a+b@x.example" AND identities.connection:"Username-Password-Authentication"',
    ]);
  });
});

describe("given a member whose email is longer than 40 characters", () => {
  test("then the readable part of its address is cut at 40 characters and the hash keeps it unique", () => {
    const email = `${"x".repeat(60)}@long.example`;
    const stack = synthTenant("long", { ...minimalTenant("long"), members: [{ email }] });
    const [id] = Object.keys(stack.resource.auth0_organization_member);
    expect(id).toMatch(new RegExp(`^member-${"x".repeat(40)}-[0-9a-f]{8}$`));
  });
});
