import { PlannedChange, StackPlan } from "../src/review/plan-file";
import { planRisks } from "../src/review/plan-risks";
import { phraseToMarkdown } from "../src/review/phrase";
import { plannedChange } from "./support/planned-change";

/**
 * The risk rules (`src/review/plan-risks.ts`) on plans built in the test, one change at a
 * time, for the edges the recorded and handwritten plan files do not reach: each expected
 * line is written out here, never read back from the code under test.
 */
type Change = Partial<PlannedChange> & Pick<PlannedChange, "type" | "action">;

const change = (c: Change): PlannedChange =>
  plannedChange({
    address: `${c.type}.this`,
    ...c,
  });

const plan = (stack: string, changes: Change[], names: Record<string, string> = {}): StackPlan => ({
  stack,
  file: `${stack}.json`,
  changes: changes.map(change),
  unchanged: [],
  names: new Map(Object.entries(names)),
});

/** Each risk as "<level> <stack> <address>: <message as Markdown>". */
const risksOf = (...plans: StackPlan[]) => planRisks(plans).map((r) => `${r.level} ${r.stack} ${r.address}: ${phraseToMarkdown(r.message)}`);

describe("given an object destroyed in a tenant's stack", () => {
  test.each([
    ["auth0_organization", { name: "acme" }, "high tenant-acme auth0_organization.this: organization `acme` will be destroyed"],
    ["auth0_connection", { name: "acme-saml" }, "high tenant-acme auth0_connection.this: connection `acme-saml` will be destroyed"],
    ["auth0_client", { name: "acme billing" }, "high tenant-acme auth0_client.this: client `acme billing` will be destroyed"],
    ["auth0_organization_connection", { connection_id: "con_1" }, "high tenant-acme auth0_organization_connection.this: connection link `google-oauth2` will be destroyed"],
    ["auth0_resource_server", { identifier: "https://api.example" }, "high tenant-acme auth0_resource_server.this: API `https://api.example` will be destroyed"],
    ["auth0_role", { name: "admin" }, "high tenant-acme auth0_role.this: role `admin` will be destroyed"],
  ])("when it is an %s, then it is high and named by its name attribute (ids read through the plan's names)", (type, before, expected) => {
    expect(risksOf(plan("tenant-acme", [{ type, action: "delete", before }], { con_1: "google-oauth2" }))).toEqual([expected]);
  });

  test("when its name attribute is null or absent, then the object is named by its kind alone", () => {
    expect(risksOf(plan("tenant-acme", [{ type: "auth0_role", action: "delete", before: { name: null } }]))).toEqual(["high tenant-acme auth0_role.this: role will be destroyed"]);
    expect(risksOf(plan("tenant-acme", [{ type: "auth0_role", action: "delete", before: {} }]))).toEqual(["high tenant-acme auth0_role.this: role will be destroyed"]);
  });

  test("when it is the organization's connection links, then every linked connection is named, and the links are not also reported as unlinked one by one", () => {
    const before = { enabled_connections: [{ connection_id: "con_1" }, { connection_id: "con_2" }] };
    expect(risksOf(plan("tenant-acme", [{ type: "auth0_organization_connections", action: "delete", before }], { con_1: "google-oauth2" }))).toEqual([
      "high tenant-acme auth0_organization_connections.this: connection links `google-oauth2`, `con_2` will be destroyed",
    ]);
  });

  test("when it is replaced, then the wording says destroyed then created, and names the attributes that force it", () => {
    expect(
      risksOf(
        plan("tenant-acme", [
          { type: "auth0_organization", action: "replace", before: { name: "acme" } },
          { type: "auth0_connection", address: "auth0_connection.sso", action: "replace", before: { name: "acme-saml" }, replacedBecause: ["strategy", "name"] },
        ]),
      ),
    ).toEqual([
      "high tenant-acme auth0_organization.this: organization `acme` will be replaced (destroyed, then created with a new id)",
      "high tenant-acme auth0_connection.sso: connection `acme-saml` will be replaced (destroyed, then created with a new id) because `strategy`, `name` changed",
    ]);
  });

  test("when it is not one customers log in or call APIs with (a branding theme), then it is not flagged in a tenant's stack but is in the platform's", () => {
    const theme = { type: "auth0_branding_theme", action: "delete" as const, before: { display_name: "x" } };
    expect(risksOf(plan("tenant-acme", [theme]))).toEqual([]);
    expect(risksOf(plan("platform", [theme]))).toEqual(["high platform auth0_branding_theme.this: shared platform resource will be destroyed"]);
  });

  test("when it is only updated or created, then no destroy rule fires", () => {
    expect(risksOf(plan("tenant-acme", [{ type: "auth0_organization", action: "update", before: { name: "acme" }, after: { name: "acme" } }, { type: "auth0_role", action: "create" }]))).toEqual([]);
  });
});

describe("given changes to the platform's stack", () => {
  test("when one resource is created, then one medium line names its address", () => {
    expect(risksOf(plan("platform", [{ type: "auth0_role", action: "create", after: { name: "auditor" } }]))).toEqual([
      "medium platform auth0_role.this: shared platform resources change (1 to create): every tenant depends on them",
    ]);
  });

  test("when several are created and updated, then one line counts each kind, in the order first seen, and destroyed ones are left to their own high line", () => {
    expect(
      risksOf(
        plan("platform", [
          { type: "auth0_role", address: "auth0_role.a", action: "update" },
          { type: "auth0_role", address: "auth0_role.b", action: "create" },
          { type: "auth0_role", address: "auth0_role.c", action: "update" },
          { type: "auth0_branding_theme", address: "auth0_branding_theme.t", action: "delete" },
        ]),
      ),
    ).toEqual([
      "high platform auth0_branding_theme.t: shared platform resource will be destroyed",
      "medium platform 3 resources: shared platform resources change (2 to update, 1 to create): every tenant depends on them",
    ]);
  });

  test("when a tenant's stack changes the same way, then no platform line is written for it", () => {
    expect(risksOf(plan("tenant-acme", [{ type: "auth0_organization_member", action: "create", after: { user_id: "auth0|1" } }]))).toEqual([]);
  });
});

describe("given risks of several stacks", () => {
  test("when listed, then every high comes before every medium, each level in stack order", () => {
    expect(
      risksOf(
        plan("platform", [{ type: "auth0_role", action: "create" }]),
        plan("tenant-a", [{ type: "auth0_organization", action: "delete", before: { name: "a" } }]),
        plan("tenant-b", [{ type: "auth0_organization_member", action: "create", after: { user_id: "auth0|1" } }, { type: "auth0_organization", action: "delete", before: { name: "b" } }]),
      ),
    ).toEqual([
      "high tenant-a auth0_organization.this: organization `a` will be destroyed",
      "high tenant-b auth0_organization.this: organization `b` will be destroyed",
      "medium platform auth0_role.this: shared platform resources change (1 to create): every tenant depends on them",
    ]);
  });
});

const NAMES = { "auth0|1": "jane@acme.example", rol_admin: "admin", rol_viewer: "viewer", con_db: "Username-Password-Authentication", con_g: "google-oauth2" };
const tenant = (...changes: Change[]) => plan("tenant-acme", changes, NAMES);

describe("given members and their roles", () => {
  test("when a member is deleted or replaced, then it is medium and says which", () => {
    expect(
      risksOf(
        tenant(
          { type: "auth0_organization_member", address: "m.gone", action: "delete", before: { user_id: "auth0|1" } },
          { type: "auth0_organization_member", address: "m.again", action: "replace", before: { user_id: "auth0|2" }, after: { user_id: "auth0|2" } },
        ),
      ),
    ).toEqual([
      "medium tenant-acme m.gone: member `jane@acme.example` removed from the organization",
      "medium tenant-acme m.again: member `auth0|2` removed and added again",
    ]);
  });

  test("when some roles are taken and some kept, then the taken ones are named", () => {
    const roles = { type: "auth0_organization_member_roles", action: "update" as const, before: { user_id: "auth0|1", roles: ["rol_admin", "rol_viewer"] }, after: { user_id: "auth0|1", roles: ["rol_viewer"] } };
    expect(risksOf(tenant(roles))).toEqual(["medium tenant-acme auth0_organization_member_roles.this: roles `admin` taken from member `jane@acme.example`"]);
  });

  test("when the last role is taken by an update, then it says the member stays without any role", () => {
    const roles = { type: "auth0_organization_member_roles", action: "update" as const, before: { user_id: "auth0|1", roles: ["rol_admin"] }, after: { user_id: "auth0|1", roles: [] } };
    expect(risksOf(tenant(roles))).toEqual([
      "medium tenant-acme auth0_organization_member_roles.this: member `jane@acme.example` loses their last role (`admin`): they stay a member of the organization without any role",
    ]);
  });

  test("when the roles after apply are not known yet, then no role counts as taken", () => {
    const roles = { type: "auth0_organization_member_roles", action: "update" as const, before: { user_id: "auth0|1", roles: ["rol_admin"] }, afterUnknown: { roles: true } };
    expect(risksOf(tenant(roles))).toEqual([]);
  });

  test("when the roles resource is deleted with the membership, then the roles are named as taken, not as a member left without roles", () => {
    expect(
      risksOf(
        tenant(
          { type: "auth0_organization_member", address: "m", action: "delete", before: { user_id: "auth0|1" } },
          { type: "auth0_organization_member_roles", address: "r", action: "delete", before: { user_id: "auth0|1", roles: ["rol_admin"] } },
        ),
      ),
    ).toEqual(["medium tenant-acme m: member `jane@acme.example` removed from the organization", "medium tenant-acme r: roles `admin` taken from member `jane@acme.example`"]);
  });

  test("when the roles resource alone is deleted, then the member keeps their membership without any role", () => {
    expect(risksOf(tenant({ type: "auth0_organization_member_roles", action: "delete", before: { user_id: "auth0|1", roles: ["rol_admin"] } }))).toEqual([
      "medium tenant-acme auth0_organization_member_roles.this: member `jane@acme.example` loses their last role (`admin`): they stay a member of the organization without any role",
    ]);
  });

  test("when another resource of the same user goes (not the membership), then the member still loses their last role", () => {
    expect(
      risksOf(
        tenant(
          { type: "auth0_user", address: "u", action: "delete", before: { user_id: "auth0|1" } },
          { type: "auth0_organization_member_roles", address: "r", action: "delete", before: { user_id: "auth0|1", roles: ["rol_admin"] } },
        ),
      ),
    ).toEqual(["medium tenant-acme r: member `jane@acme.example` loses their last role (`admin`): they stay a member of the organization without any role"]);
  });

  test("when another user's membership goes, then a member whose roles resource alone is deleted still loses their last role", () => {
    expect(
      risksOf(
        tenant(
          { type: "auth0_organization_member", address: "m", action: "delete", before: { user_id: "auth0|2" } },
          { type: "auth0_organization_member_roles", address: "r", action: "delete", before: { user_id: "auth0|1", roles: ["rol_admin"] } },
        ),
      ),
    ).toEqual([
      "medium tenant-acme m: member `auth0|2` removed from the organization",
      "medium tenant-acme r: member `jane@acme.example` loses their last role (`admin`): they stay a member of the organization without any role",
    ]);
  });

  test("when roles are taken by a resource that is not an organization member's (a user's roles), then no member rule fires", () => {
    expect(risksOf(tenant({ type: "auth0_user_roles", action: "update", before: { user_id: "auth0|1", roles: ["rol_admin"] }, after: { user_id: "auth0|1", roles: [] } }))).toEqual([]);
  });

  test("when roles are only given, or the roles resource is created, then nothing is flagged", () => {
    expect(
      risksOf(
        tenant(
          { type: "auth0_organization_member_roles", address: "a", action: "create", after: { user_id: "auth0|1", roles: ["rol_admin"] } },
          { type: "auth0_organization_member_roles", address: "b", action: "update", before: { user_id: "auth0|1", roles: [] }, after: { user_id: "auth0|1", roles: ["rol_admin"] } },
        ),
      ),
    ).toEqual([]);
  });
});

describe("given the organization's connection links", () => {
  const links = (before: unknown[], after: unknown[], extra: Partial<Change> = {}) =>
    tenant({ type: "auth0_organization_connections", action: "update", before: { enabled_connections: before }, after: { enabled_connections: after }, ...extra });

  test("when a link is removed, then its connection is named as unlinked", () => {
    expect(risksOf(links([{ connection_id: "con_db" }, { connection_id: "con_g" }], [{ connection_id: "con_db" }]))).toEqual([
      "medium tenant-acme auth0_organization_connections.this: connection `google-oauth2` unlinked: its users can no longer log in to this organization",
    ]);
  });

  test("when a link's flag changes, then the re-link is named with each flag that changes", () => {
    expect(risksOf(links([{ connection_id: "con_db", show_as_button: true }], [{ connection_id: "con_db", show_as_button: false, is_signup_enabled: true }]))).toEqual([
      "medium tenant-acme auth0_organization_connections.this: connection `Username-Password-Authentication` is unlinked and linked again to change `show_as_button` `true` → `false`, `is_signup_enabled` `false` → `true`: login via `Username-Password-Authentication` is briefly unlinked; if re-linking fails the customer cannot log in",
    ]);
  });

  test("when links are only added, or the links after apply are not known, then nothing is flagged", () => {
    expect(risksOf(links([{ connection_id: "con_db" }], [{ connection_id: "con_db" }, { connection_id: "con_g" }]))).toEqual([]);
    expect(risksOf(links([{ connection_id: "con_db" }], [], { afterUnknown: { enabled_connections: true } }))).toEqual([]);
  });
});

describe("given a client grant", () => {
  const grant = (c: Partial<Change>) => tenant({ type: "auth0_client_grant", action: "update", ...c });

  test("when an update adds scopes, then the grant is widened by those scopes", () => {
    expect(risksOf(grant({ before: { scopes: ["read"], organization_usage: "require" }, after: { scopes: ["read", "write"], organization_usage: "require" } }))).toEqual([
      "medium tenant-acme auth0_client_grant.this: grant widened: scopes `write` added",
    ]);
  });

  test("when it is opened to any organization, then that is high", () => {
    expect(risksOf(grant({ before: { allow_any_organization: false, organization_usage: "require" }, after: { allow_any_organization: true, organization_usage: "require" } }))).toEqual([
      "high tenant-acme auth0_client_grant.this: grant opened to any organization (`allow_any_organization`)",
    ]);
  });

  test("when an update stops requiring an organization, then that is high and names the new usage", () => {
    expect(risksOf(grant({ before: { organization_usage: "require" }, after: { organization_usage: "allow" } }))).toEqual([
      "high tenant-acme auth0_client_grant.this: grant no longer requires an organization (`organization_usage` `allow`)",
    ]);
  });

  test("when a grant is created without requiring an organization, then that is high; created requiring one, nothing", () => {
    expect(risksOf(grant({ action: "create", after: { scopes: ["read"] } }))).toEqual(["high tenant-acme auth0_client_grant.this: grant does not require an organization (`organization_usage` `null`)"]);
    expect(risksOf(grant({ action: "create", after: { scopes: ["read"], organization_usage: "require" } }))).toEqual([]);
  });

  test("when the usage after apply is not known, or it did not require one before, then no usage risk is flagged", () => {
    expect(risksOf(grant({ before: { organization_usage: "require" }, after: {}, afterUnknown: { organization_usage: true } }))).toEqual([]);
    expect(risksOf(grant({ before: { organization_usage: "allow" }, after: { organization_usage: "deny" } }))).toEqual([]);
  });

  test("when a grant is deleted, or stays open to any organization, then no grant rule fires (a deleted grant takes access away)", () => {
    expect(risksOf(grant({ action: "delete", before: { scopes: ["read"], organization_usage: "require", allow_any_organization: false } }))).toEqual([]);
    expect(risksOf(grant({ before: { allow_any_organization: true, organization_usage: "require" }, after: { allow_any_organization: true, organization_usage: "require" } }))).toEqual([]);
  });

  test("when the grant belongs to an agent's client in the same plan, then the agent is named", () => {
    expect(
      risksOf(
        tenant(
          { type: "auth0_client", address: "auth0_client.agent-sync", action: "update", before: { client_id: "c1", name: "acme sync" }, after: { client_id: "c1", name: "acme sync" } },
          { type: "auth0_client_grant", address: "auth0_client_grant.agent-sync-grant", action: "update", before: { client_id: "c1", scopes: [] }, after: { client_id: "c1", scopes: ["read"] } },
        ),
      ),
    ).toEqual(["medium tenant-acme auth0_client_grant.agent-sync-grant: grant of agent `acme sync` widened: scopes `read` added"]);
  });
});

describe("given an agent's credentials", () => {
  const credentials = (c: Partial<Change>) => tenant({ type: "auth0_client_credentials", action: "update", ...c });
  const keys = (...names: string[]) => ({ private_key_jwt: [{ credentials: names.map((name) => ({ name })) }] });

  test("when credentials are created for an existing client, then someone should check who holds them", () => {
    expect(risksOf(credentials({ action: "create", after: { authentication_method: "private_key_jwt" } }))).toEqual([
      "medium tenant-acme auth0_client_credentials.this: agent `auth0_client_credentials.this` gets new credentials (`private_key_jwt`): check who holds them",
    ]);
  });

  test("when credentials are created with their new client, then nothing is flagged", () => {
    expect(
      risksOf(
        tenant(
          { type: "auth0_client", address: "auth0_client.agent-sync", action: "create", after: { name: "acme sync" } },
          { type: "auth0_client_credentials", address: "auth0_client_credentials.agent-sync-credentials", action: "create", after: { authentication_method: "private_key_jwt" } },
        ),
      ),
    ).toEqual([]);
  });

  test("when credentials are created while their client is only updated, or beside another new resource, then they are still flagged", () => {
    const created = (address: string) => `medium tenant-acme ${address}: agent \`acme sync\` gets new credentials (\`private_key_jwt\`): check who holds them`;
    expect(
      risksOf(
        tenant(
          { type: "auth0_client", address: "auth0_client.agent-sync", action: "update", before: { name: "acme sync" }, after: { name: "acme sync" } },
          { type: "auth0_client_credentials", address: "auth0_client_credentials.agent-sync-credentials", action: "create", after: { authentication_method: "private_key_jwt" } },
        ),
      ),
    ).toEqual([created("auth0_client_credentials.agent-sync-credentials")]);
    expect(
      risksOf(
        tenant(
          { type: "auth0_client", address: "auth0_client.agent-sync", action: "update", before: { name: "acme sync" }, after: { name: "acme sync" } },
          { type: "auth0_organization_member", address: "m", action: "create", after: { name: "acme sync" } },
          { type: "auth0_client_credentials", address: "auth0_client_credentials.agent-sync-credentials", action: "create", after: { authentication_method: "private_key_jwt" } },
        ),
      ),
    ).toEqual([created("auth0_client_credentials.agent-sync-credentials")]);
  });

  test("when credentials are created for an existing agent while another agent's client is created, then they are still flagged", () => {
    expect(
      risksOf(
        tenant(
          { type: "auth0_client", address: "auth0_client.agent-sync", action: "update", before: { name: "acme sync" }, after: { name: "acme sync" } },
          { type: "auth0_client", address: "auth0_client.agent-audit", action: "create", after: { name: "acme audit" } },
          { type: "auth0_client_credentials", address: "auth0_client_credentials.agent-sync-credentials", action: "create", after: { authentication_method: "private_key_jwt" } },
        ),
      ),
    ).toEqual(["medium tenant-acme auth0_client_credentials.agent-sync-credentials: agent `acme sync` gets new credentials (`private_key_jwt`): check who holds them"]);
  });

  test("when credentials are deleted or replaced while the client stays, then that is high", () => {
    expect(risksOf(credentials({ action: "delete" }), credentials({ action: "replace" }))).toEqual([
      "high tenant-acme auth0_client_credentials.this: credentials of agent `auth0_client_credentials.this` removed: its keys are detached and it falls back to a client secret, so an agent signing with a key can no longer get tokens",
      "high tenant-acme auth0_client_credentials.this: credentials of agent `auth0_client_credentials.this` replaced: its keys are detached and it falls back to a client secret, so an agent signing with a key can no longer get tokens",
    ]);
  });

  test("when they go with their client, then only the client's destruction is flagged", () => {
    expect(
      risksOf(
        tenant(
          { type: "auth0_client", address: "auth0_client.agent-sync", action: "delete", before: { name: "acme sync" } },
          { type: "auth0_client_credentials", address: "auth0_client_credentials.agent-sync-credentials", action: "delete", before: { authentication_method: "private_key_jwt", ...keys("k1") } },
        ),
      ),
    ).toEqual(["high tenant-acme auth0_client.agent-sync: client `acme sync` will be destroyed"]);
  });

  test("when an agent's credentials are removed while another agent's client is destroyed, then both are high", () => {
    expect(
      risksOf(
        tenant(
          { type: "auth0_client", address: "auth0_client.agent-sync", action: "update", before: { name: "acme sync" }, after: { name: "acme sync" } },
          { type: "auth0_client", address: "auth0_client.agent-audit", action: "delete", before: { name: "acme audit" } },
          { type: "auth0_client_credentials", address: "auth0_client_credentials.agent-sync-credentials", action: "delete", before: { authentication_method: "private_key_jwt", ...keys("k1") } },
        ),
      ),
    ).toEqual([
      "high tenant-acme auth0_client.agent-audit: client `acme audit` will be destroyed",
      "high tenant-acme auth0_client_credentials.agent-sync-credentials: credentials of agent `acme sync` removed: its keys are detached and it falls back to a client secret, so an agent signing with a key can no longer get tokens",
    ]);
  });

  test("when the method switches, then that is high; when the new method is not known yet, nothing", () => {
    expect(risksOf(credentials({ before: { authentication_method: "client_secret_post" }, after: { authentication_method: "private_key_jwt" } }))).toEqual([
      "high tenant-acme auth0_client_credentials.this: agent `auth0_client_credentials.this` switches authentication from `client_secret_post` to `private_key_jwt`: the way it gets tokens today stops working at apply",
    ]);
    expect(risksOf(credentials({ before: { authentication_method: "client_secret_post" }, after: {}, afterUnknown: { authentication_method: true } }))).toEqual([]);
  });

  test("when keys are added and removed, then each is named", () => {
    expect(risksOf(credentials({ before: { authentication_method: "private_key_jwt", ...keys("k1", "k2") }, after: { authentication_method: "private_key_jwt", ...keys("k2", "k3") } }))).toEqual([
      "medium tenant-acme auth0_client_credentials.this: key `k3` added to agent `auth0_client_credentials.this`: whoever holds its private key can get tokens as this agent",
      "medium tenant-acme auth0_client_credentials.this: key `k1` removed from agent `auth0_client_credentials.this`: anything still signing with it can no longer get tokens",
    ]);
  });

  test("when the secret's version changes, or the secret is known only after apply, then the secret is rotated", () => {
    const rotated = "medium tenant-acme auth0_client_credentials.this: client secret of agent `auth0_client_credentials.this` rotated: the old secret stops working at apply; give the agent the new one first";
    expect(risksOf(credentials({ before: { client_secret_wo_version: 1 }, after: { client_secret_wo_version: 2 } }))).toEqual([rotated]);
    expect(risksOf(credentials({ before: {}, after: {}, afterUnknown: { client_secret: true } }))).toEqual([rotated]);
    expect(risksOf(credentials({ before: { client_secret_wo_version: 1 }, after: { client_secret_wo_version: 1 } }))).toEqual([]);
  });
});

describe("given a discovery domain", () => {
  test("when it is deleted or replaced, then it is medium and says which", () => {
    expect(
      risksOf(
        tenant(
          { type: "auth0_organization_discovery_domain", address: "d.gone", action: "delete", before: { domain: "acme.example" } },
          { type: "auth0_organization_discovery_domain", address: "d.new", action: "replace", before: { domain: "acme.test" } },
        ),
      ),
    ).toEqual([
      "medium tenant-acme d.gone: discovery domain `acme.example` removed: users with emails at that domain are no longer sent to this organization at login",
      "medium tenant-acme d.new: discovery domain `acme.test` replaced: users with emails at that domain are no longer sent to this organization at login",
    ]);
  });
});
