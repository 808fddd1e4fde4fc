import * as fs from "fs";
import * as path from "path";
import { describeStack } from "../src/review/plan-details";
import { PlannedChange, readPlanFile, StackPlan } from "../src/review/plan-file";
import { phraseToMarkdown } from "../src/review/phrase";
import { plannedChange } from "./support/planned-change";

/**
 * What a reviewer reads of each stack: the exact lines `describeStack` writes, as `<group>: <line>`,
 * for the handwritten plans (fixtures/plans/handwritten/) and for changes built here with
 * only the attributes a rule reads.
 */
const HANDWRITTEN = path.join(__dirname, "fixtures", "plans", "handwritten");
const described = (plan: StackPlan) => {
  const { groups, waiting } = describeStack(plan, plan.names);
  return [...groups.flatMap((g) => g.lines.map((l) => `${g.kind}: ${phraseToMarkdown(l)}`)), ...waiting.map((l) => `waiting: ${phraseToMarkdown(l)}`)];
};
const scenario = (name: string) => readPlanFile(path.join(HANDWRITTEN, name, fs.readdirSync(path.join(HANDWRITTEN, name))[0]));

describe("each handwritten plan, described", () => {
  test.each<[string, string[]]>([
    ["adopt-as-is", ["import: organization `acme`: adopted as it is", "import: connection links: adopted as it is"]],
    ["adopt-unlinks", ["import: organization `acme`: adopted as it is", "import: connection `google-oauth2` unlinked"]],
    ["agent-removed", ["delete: client `acme billing-sync`", "delete: credentials of agent `acme billing-sync`"]],
    ["authentication-method-switched", ["update: credentials of agent `acme billing-sync`: `authentication_method` `client_secret_post` → `private_key_jwt`; `keys` (none) → `importer-2026`"]],
    ["client-description-changed", ["update: client `acme billing-sync`: `description` `Nightly export` → `Nightly export of usage reports`"]],
    ["connection-linked", ["update: connection `google-oauth2` (`assign_membership_on_login` `true`, `show_as_button` `true`, `is_signup_enabled` `false`) linked"]],
    ["connection-unlinked", ["update: connection `google-oauth2` unlinked"]],
    ["credentials-for-existing-agent", ["create: credentials of agent `acme billing-sync`: authenticates with `private_key_jwt`, keys `importer-2026`"]],
    ["credentials-removed", ["delete: credentials of agent `acme billing-sync`"]],
    ["credentials-unchanged-keys-reordered", ["update: credentials of agent `acme billing-sync`: `keys` `importer-2026`, `importer-2027` → `importer-2027`, `importer-2026`"]],
    [
      "credentials-for-new-agent",
      [
        "create: agent `acme billing-sync` (`Nightly export`), authenticates with `private_key_jwt` (keys `importer-2026`)",
      ],
    ],
    [
      "discovery-domain-added",
      [
        "create: discovery domain `acme.example` (`status` `pending`): the customer must publish a TXT record; Auth0 makes its host and value when this is applied, and the summary of this stack's next plan lists them",
      ],
    ],
    [
      "discovery-domain-pending",
      [
        "waiting: the customer publishes a TXT record at `_ss-verification.org_Fx7Kq2Lm9Np3Rs5T.acme.example` with the value `c2a88a6a2b660240f313e91cae16bd06` to verify `acme.example`",
      ],
    ],
    [
      "discovery-domain-pending-updated",
      [
        "update: discovery domain `acme.example`: `use_for_organization_discovery` `false` → `true`",
        "waiting: the customer publishes a TXT record at `_ss-verification.org_Fx7Kq2Lm9Np3Rs5T.acme.example` with the value `c2a88a6a2b660240f313e91cae16bd06` to verify `acme.example`",
      ],
    ],
    [
      "edit-newco",
      [
        "update: organization `newco`: `display_name` `NewCo` → `NewCo Ltd`",
        "update: connection `google-oauth2` unlinked and linked again: `assign_membership_on_login` `true` → `false`",
        "update: roles of member `jane@newco.example`: `roles` `admin`, `billing` → `admin`",
        "update: credentials of agent `newco reporting`: `client_secret_wo_version` `1` → `2`",
      ],
    ],
    [
      "key-added",
      [
        "update: credentials of agent `acme billing-sync`: `keys` `importer-2026` → `importer-2026`, `importer-2027`",
      ],
    ],
    [
      "onboard-newco",
      [
        "create: organization `newco`, display name `NewCo`; `metadata` `{\"plan\":\"enterprise\"}`",
        "create: connection `Username-Password-Authentication` (`assign_membership_on_login` `false`, `show_as_button` `true`, `is_signup_enabled` `false`) linked",
        "create: connection `google-oauth2` (`assign_membership_on_login` `true`, `show_as_button` `true`, `is_signup_enabled` `false`) linked",
        "create: member `jane@newco.example` with roles `admin`, `billing`",
        "create: member `auth0|64f1c0ffee0000000002` with roles `member`",
        "create: agent `newco reporting` (`Weekly usage report`), scopes `read:reports` on `https://api.example.com` (organization_usage `require`), for this organization only, authenticates with a client secret Auth0 generates",
      ],
    ],
    ["discovery-domain-removed", ["delete: discovery domain `acme.example`"]],
    ["grant-created-open", ["create: grant `auth0_client_grant.agent-billing-sync-grant`: scopes `read:reports` on `https://api.example.com`, organization_usage `allow`, allow_any_organization `true`"]],
    ["grant-created-restricted", ["create: grant `auth0_client_grant.agent-billing-sync-grant`: scopes `read:reports` on `https://api.example.com`, organization_usage `require`, allow_any_organization `false`"]],
    ["grant-narrowed", ["update: grant of agent `acme billing-sync`: `scopes` `read:reports`, `read:data` → `read:reports`"]],
    ["grant-widened", ["update: grant of agent `acme billing-sync`: `scopes` `read:reports` → `read:reports`, `read:data`"]],
    ["key-removed", ["update: credentials of agent `acme billing-sync`: `keys` `importer-2026`, `importer-2027` → `importer-2027`"]],
    ["last-role-taken", ["delete: roles `billing` of member `auth0|5f1e2d3c4b5a69780001`"]],
    ["link-access-level-changed", ["update: connection `google-oauth2`: `organization_access_level` `none` → `readonly`"]],
    ["link-flag-changed", ["update: connection `google-oauth2` unlinked and linked again: `show_as_button` `true` → `false`"]],
    ["member-added", ["create: member `auth0|5f1e2d3c4b5a69780001` (no roles)"]],
    ["member-and-roles-removed", ["delete: member `auth0|5f1e2d3c4b5a69780001`", "delete: roles `billing` of member `auth0|5f1e2d3c4b5a69780001`"]],
    ["member-removed", ["delete: member `auth0|5f1e2d3c4b5a69780001`"]],
    ["open-grant", ["update: grant `auth0_client_grant.agent-billing-sync-grant`: `allow_any_organization` `false` → `true`; `organization_usage` `require` → `allow`"]],
    ["organization-destroyed", ["delete: organization `acme`"]],
    ["organization-renamed", ["update: organization `acme`: `display_name` `Acme Corporation` → `Acme Corp`"]],
    ["platform-permissions-destroyed", ["delete: `auth0_role_permissions.role-auditor-permissions`"]],
    ["platform-role-described", ["update: role `Organization Admin`: `description` `Manages the organization` → `Manages everything`"]],
    ["platform-role-recreated", ["create: role `Organization Admin`: `description` `Manages the organization`"]],
    ["platform-role-replaced", ["replace: role `Organization Admin`"]],
    ["role-given", ["update: roles of member `auth0|5f1e2d3c4b5a69780001`: `roles` `admin` → `admin`, `billing`"]],
    ["role-taken", ["update: roles of member `auth0|5f1e2d3c4b5a69780001`: `roles` `admin`, `billing` → `admin`"]],
    ["secret-rotated", ["update: credentials of agent `acme billing-sync`: `client_secret_wo_version` `1` → `2`"]],
    ["tenant-permissions-destroyed", ["delete: `auth0_role_permissions.role-auditor-permissions`"]],
  ])("given the handwritten plan %s, when described, then exactly these lines", (name, expected) => {
    expect(described(scenario(name))).toEqual(expected);
  });
});

const change = (type: string, action: PlannedChange["action"], before: Record<string, unknown>, after: Record<string, unknown>, more: Partial<PlannedChange> = {}): PlannedChange =>
  plannedChange({
    address: `${type}.${String(after.name ?? before.name ?? "x")}`,
    type,
    action,
    before,
    after,
    ...more,
  });
const stack = (changes: PlannedChange[], names: Record<string, string> = {}, unchanged: PlannedChange[] = []): StackPlan => ({
  stack: "tenant-acme",
  file: "tenant-acme.plan.json",
  changes,
  unchanged,
  names: new Map(Object.entries(names)),
});
const ROLE_NAMES = { rol_1: "admin", rol_2: "billing", "auth0|1": "jane@acme.example" };

describe("an attribute's old and new value", () => {
  test("given values of every shape, when an update is described, then each changed attribute is shown sorted, ids by name, lists as values, objects as JSON, masked when sensitive, said when unknown", () => {
    const before = {
      id: "old-id",
      roles: ["rol_1"],
      list: ["a", "b"],
      nested: { role: "rol_1", deep: [{ user: "auth0|1" }] },
      permissions: [{ name: "read:data", resource_server_identifier: "https://api" }],
      objects: [{ a: 1 }],
      token_lifetime: 3600,
      enabled: false,
      secret: "s1",
      same: "kept",
      absent: null,
    };
    const after = {
      id: "new-id",
      roles: ["rol_1", "rol_2"],
      list: [],
      nested: { role: "rol_2", deep: [{ user: "auth0|1" }] },
      permissions: [{ name: "write:data", resource_server_identifier: "https://api" }],
      objects: [{ a: 2 }],
      token_lifetime: 7200,
      enabled: null,
      secret: "s2",
      same: "kept",
    };
    const update = change("auth0_role", "update", { name: "r", ...before }, { name: "r", ...after }, {
      afterUnknown: { computed: true },
      beforeSensitive: { secret: true },
      afterSensitive: { secret: true },
    });
    expect(described(stack([update], ROLE_NAMES))).toEqual([
      "update: role `r`: " +
        [
          "`computed` (none) → (known after apply)",
          "`enabled` `false` → (none)",
          "`list` `a`, `b` → (none)",
          '`nested` `{"role":"admin","deep":[{"user":"jane@acme.example"}]}` → `{"role":"billing","deep":[{"user":"jane@acme.example"}]}`',
          '`objects` `[{"a":1}]` → `[{"a":2}]`',
          "`permissions` `read:data` → `write:data`",
          "`roles` `admin` → `admin`, `billing`",
          "`secret` (sensitive) → (sensitive)",
          "`token_lifetime` `3600` → `7200`",
        ].join("; "),
    ]);
  });

  test("given a sensitive value inside a list of blocks, when shown, then the whole attribute is masked on the side that marks it", () => {
    const update = change("auth0_connection", "update", { name: "c", options: [{ secret: "a" }] }, { name: "c", options: [{ secret: "b" }] }, { afterSensitive: { options: [{ secret: true }] } });
    expect(described(stack([update]))).toEqual(['update: connection `c`: `options` `[{"secret":"a"}]` → (sensitive)']);
  });

  test("given a secret inside a block marked sensitive on both sides, when an update is described, then both sides are masked", () => {
    const update = change("auth0_connection", "update", { name: "google-oauth2", options: [{ client_id: "a", client_secret: "old" }] }, { name: "google-oauth2", options: [{ client_id: "a", client_secret: "new" }] }, {
      beforeSensitive: { options: [{ client_id: false, client_secret: true }] },
      afterSensitive: { options: [{ client_id: false, client_secret: true }] },
    });
    expect(described(stack([update]))).toEqual(["update: connection `google-oauth2`: `options` (sensitive) → (sensitive)"]);
  });

  test("given a sensitivity mark of null or false (a plan written by hand), when shown, then the value is shown and nothing fails", () => {
    const update = change("auth0_role", "update", { name: "r", description: "a" }, { name: "r", description: "b" }, { beforeSensitive: { description: null }, afterSensitive: { description: false } });
    expect(described(stack([update]))).toEqual(["update: role `r`: `description` `a` → `b`"]);
  });

  test("given lists mixing values, named objects, other objects and nulls, when shown, then only a list of names alone reads as names, any other as JSON", () => {
    const update = change(
      "auth0_role",
      "update",
      { name: "r", mixed: ["a", { b: 1 }], partly: [{ name: "x" }, { y: 1 }], holes: [null, { name: "x" }], nested: { role: "rol_1", gone: null } },
      { name: "r", mixed: ["a"], partly: [{ name: "x" }], holes: [{ name: "x" }], nested: { role: "rol_1" } },
    );
    expect(described(stack([update], ROLE_NAMES))).toEqual([
      "update: role `r`: " +
        [
          '`holes` `[null,{"name":"x"}]` → `x`',
          '`mixed` `["a",{"b":1}]` → `a`',
          '`nested` `{"role":"admin","gone":null}` → `{"role":"admin"}`',
          '`partly` `[{"name":"x"},{"y":1}]` → `x`',
        ].join("; "),
    ]);
  });

  test("given ids Auth0 makes changed along with a value, when an update is described, then only the value is shown", () => {
    const ids = (n: number) => ({ id: `i${n}`, organization_id: `o${n}`, client_id: `c${n}`, user_id: `u${n}`, resource_server_identifier: `r${n}` });
    const update = change("auth0_role", "update", { name: "r", description: "a", ...ids(1) }, { name: "r", description: "b", ...ids(2) });
    expect(described(stack([update]))).toEqual(["update: role `r`: `description` `a` → `b`"]);
  });

  test("given an update that changes no attribute a reviewer reads, when described, then the object is named alone", () => {
    expect(described(stack([change("auth0_organization", "update", { name: "acme", id: "org_1" }, { name: "acme", id: "org_2" })]))).toEqual(["update: organization `acme`"]);
  });
});

describe("what a create sets", () => {
  test("given a create with more than eight attributes, when described, then the first eight by name are shown and the rest counted, empty and unknown ones left out", () => {
    const after = { name: "r", a: "1", b: "2", c: "3", d: "4", e: "5", f: "6", g: "7", h: "8", i: "9", j: "10", empty: [], blank: {}, none: null, id: "x", later: "?" };
    const create = change("auth0_role", "create", {}, after, { afterUnknown: { later: true } });
    expect(described(stack([create]))).toEqual(["create: role `r`: `a` `1`; `b` `2`; `c` `3`; `d` `4`; `e` `5`; `f` `6`; `g` `7`; `h` `8`; and 2 more"]);
  });

  test("given a create setting values out of order, objects, lists, zero, false and Auth0's ids, when described, then the values that say something, sorted by name", () => {
    const after = { name: "r", zeta: 0, metadata: { plan: "x" }, alpha: false, list: ["x"], client_id: "c", organization_id: "o", user_id: "u", resource_server_identifier: "i" };
    expect(described(stack([change("auth0_role", "create", {}, after)]))).toEqual(['create: role `r`: `alpha` `false`; `list` `x`; `metadata` `{"plan":"x"}`; `zeta` `0`']);
  });

  test("given a create with exactly eight attributes, when described, then all are shown and nothing counted", () => {
    const create = change("auth0_role", "create", {}, { name: "r", a: "1", b: "2", c: "3", d: "4", e: "5", f: "6", g: "7", h: "8" });
    expect(described(stack([create]))).toEqual(["create: role `r`: `a` `1`; `b` `2`; `c` `3`; `d` `4`; `e` `5`; `f` `6`; `g` `7`; `h` `8`"]);
  });

  test("given a create that sets nothing else, when described, then the object is named alone", () => {
    expect(described(stack([change("auth0_connection", "create", {}, { name: "google-oauth2", options: [] })]))).toEqual(["create: connection `google-oauth2`"]);
  });

  test("given a sensitive value set by a create, when described, then it is masked", () => {
    const create = change("auth0_resource_server", "create", {}, { identifier: "https://api", signing_secret: "s" }, { afterSensitive: { signing_secret: true } });
    expect(described(stack([create]))).toEqual(["create: API `https://api`: `signing_secret` (sensitive)"]);
  });

  test("given an organization with a display name only, when created, then name and display name are its line", () => {
    expect(described(stack([change("auth0_organization", "create", {}, { name: "acme", display_name: "Acme" })]))).toEqual(["create: organization `acme`, display name `Acme`"]);
  });

  test("given an organization with more settings, when created, then each follows its name and display name", () => {
    const create = change("auth0_organization", "create", {}, { name: "acme", display_name: "Acme", metadata: { plan: "x" }, branding: [{ logo_url: "https://logo" }] });
    expect(described(stack([create]))).toEqual(['create: organization `acme`, display name `Acme`; `branding` `[{"logo_url":"https://logo"}]`; `metadata` `{"plan":"x"}`']);
  });

  test("given a new agent with a grant, an organization grant and a null description, when described, then one line with its scopes and where it may be used", () => {
    const client = change("auth0_client", "create", {}, { name: "sync", description: null }, { address: "auth0_client.agent-sync", afterUnknown: { client_id: true } });
    const grant = change("auth0_client_grant", "create", {}, { audience: "https://api", scopes: ["read:a", "read:b"], organization_usage: "require" }, { address: "auth0_client_grant.agent-sync-grant" });
    const orgGrant = change("auth0_organization_client_grant", "create", {}, {}, { address: "auth0_organization_client_grant.agent-sync-org-grant" });
    expect(described(stack([orgGrant, grant, client]))).toEqual(["create: agent `sync`, scopes `read:a`, `read:b` on `https://api` (organization_usage `require`), for this organization only, authenticates with a client secret Auth0 generates"]);
  });

  test("given roles given to a member that already exists, when described, then the member gets them by name", () => {
    const roles = change("auth0_organization_member_roles", "create", {}, { user_id: "auth0|1", roles: ["rol_1", "rol_2"] });
    expect(described(stack([roles], ROLE_NAMES))).toEqual(["create: member `jane@acme.example` gets roles `admin`, `billing`"]);
  });

  test("given a new member and the roles of another member, when described, then only the member's own roles join its line", () => {
    const member = change("auth0_organization_member", "create", {}, { user_id: "auth0|2" });
    const roles = change("auth0_organization_member_roles", "create", {}, { user_id: "auth0|1", roles: ["rol_1"] });
    expect(described(stack([roles, member], ROLE_NAMES))).toEqual(["create: member `auth0|2` (no roles)", "create: member `jane@acme.example` gets roles `admin`"]);
  });

  test("given new credentials without keys, when described, then the authentication method alone", () => {
    const client = change("auth0_client", "update", { name: "acme sync", client_id: "cli_1" }, { name: "acme sync", client_id: "cli_1", description: "x" });
    const credentials = change("auth0_client_credentials", "create", {}, { client_id: "cli_1", authentication_method: "client_secret_post" });
    expect(described(stack([credentials, client]))).toEqual([
      "create: credentials of agent `acme sync`: authenticates with `client_secret_post`",
      "update: client `acme sync`: `description` (none) → `x`",
    ]);
  });

  test("given a new agent with an empty description, credentials without keys and no grant, when described, then its line has neither description nor scopes", () => {
    const client = change("auth0_client", "create", {}, { name: "acme sync", description: "" }, { address: "auth0_client.agent-sync", afterUnknown: { client_id: true } });
    const credentials = change("auth0_client_credentials", "create", {}, { authentication_method: "client_secret_basic" }, { address: "auth0_client_credentials.agent-sync-credentials", afterUnknown: { client_id: true } });
    const other = change("auth0_client", "create", {}, { name: "other" }, { address: "auth0_client.agent-other" });
    expect(described(stack([credentials, client, other]))).toEqual([
      "create: agent `acme sync`, authenticates with `client_secret_basic`",
      "create: agent `other`, authenticates with a client secret Auth0 generates",
    ]);
  });

  test("given a new discovery domain whose TXT record the plan already knows, when described, then it says what to publish", () => {
    const domain = change("auth0_organization_discovery_domain", "create", {}, { domain: "acme.example", status: "pending", verification_host: "_v.acme.example", verification_txt: "abc" });
    expect(described(stack([domain]))).toEqual([
      "create: discovery domain `acme.example` (`status` `pending`): the customer publishes a TXT record at `_v.acme.example` with the value `abc` to verify `acme.example`",
    ]);
  });

  test("given creates in any order, when described, then the organization comes first, then links, members, agents, then the rest in plan order", () => {
    const changes = [
      change("auth0_role", "create", {}, { name: "r2" }),
      change("auth0_client", "create", {}, { name: "agent" }, { address: "auth0_client.agent-a" }),
      change("auth0_organization_member", "create", {}, { user_id: "auth0|1" }),
      change("auth0_role", "create", {}, { name: "r1" }),
      change("auth0_organization_connections", "create", {}, { enabled_connections: [{ connection_id: "con_1" }] }),
      change("auth0_organization", "create", {}, { name: "acme", display_name: "Acme" }),
    ];
    expect(described(stack(changes, ROLE_NAMES))).toEqual([
      "create: organization `acme`, display name `Acme`",
      "create: connection `con_1` (`assign_membership_on_login` `false`, `show_as_button` `true`, `is_signup_enabled` `false`) linked",
      "create: member `jane@acme.example` (no roles)",
      "create: agent `agent`, authenticates with a client secret Auth0 generates",
      "create: role `r2`",
      "create: role `r1`",
    ]);
  });
});

describe("replaced, deleted and forgotten objects", () => {
  test("given a replace forced by two attributes, when described, then it names them and what changes", () => {
    const replace = change("auth0_role", "replace", { name: "r", description: "a" }, { name: "r", description: "b" }, { replacedBecause: ["name", "description"] });
    expect(described(stack([replace]))).toEqual(["replace: role `r` (`name`, `description` forces replacement): `description` `a` → `b`"]);
  });

  test("given a replace that changes two attributes, when described, then both, separated", () => {
    const replace = change("auth0_connection", "replace", { name: "c", strategy: "a", realms: ["x"] }, { name: "c", strategy: "b", realms: ["y"] });
    expect(described(stack([replace]))).toEqual(["replace: connection `c`: `realms` `x` → `y`; `strategy` `a` → `b`"]);
  });

  test("given a replace with no cause and no attribute change, when described, then the object alone", () => {
    expect(described(stack([change("auth0_connection", "replace", { name: "c" }, { name: "c" })]))).toEqual(["replace: connection `c`"]);
  });

  test("given a replace with no cause, when described, then only what changes", () => {
    expect(described(stack([change("auth0_connection", "replace", { name: "c", strategy: "a" }, { name: "c", strategy: "b" })]))).toEqual(["replace: connection `c`: `strategy` `a` → `b`"]);
  });

  test("given a delete, when described, then the object is named by its old values", () => {
    expect(described(stack([change("auth0_resource_server", "delete", { identifier: "https://old" }, { identifier: "https://new" })]))).toEqual(["delete: API `https://old`"]);
  });

  test("given links deleted, when described, then each link is unlinked by name", () => {
    const links = change("auth0_organization_connections", "delete", { enabled_connections: [{ connection_id: "con_1" }, { connection_id: "con_2" }] }, {});
    expect(described(stack([links], { con_1: "google-oauth2" }))).toEqual(["delete: connection `google-oauth2` unlinked", "delete: connection `con_2` unlinked"]);
  });

  test("given a resource removed from the configuration with a removed block, when described, then it is no longer managed and left in Auth0", () => {
    expect(described(stack([change("auth0_organization", "forget", { name: "acme" }, {})]))).toEqual([
      "forget: organization `acme`: no longer managed by Terraform, left as it is in Auth0",
    ]);
  });
});

describe("the object a change is about", () => {
  test.each<[string, PlannedChange, string]>([
    ["an organization grant of an agent", change("auth0_organization_client_grant", "delete", { grant_id: "cgr_1" }, {}, { address: "auth0_organization_client_grant.agent-sync-org-grant" }), "organization grant of agent `sync`"],
    ["an organization grant of no known agent", change("auth0_organization_client_grant", "delete", { grant_id: "cgr_1" }, {}, { address: "auth0_organization_client_grant.x" }), "organization grant `auth0_organization_client_grant.x`"],
    ["a grant of no known agent", change("auth0_client_grant", "delete", {}, {}, { address: "auth0_client_grant.x" }), "grant `auth0_client_grant.x`"],
    ["credentials of no known agent", change("auth0_client_credentials", "delete", {}, {}, { address: "auth0_client_credentials.x" }), "credentials `auth0_client_credentials.x`"],
    ["the permissions of a role in the plan", change("auth0_role_permissions", "delete", { role_id: "rol_9" }, {}, { address: "auth0_role_permissions.role-a-permissions" }), "permissions of role `Auditor`"],
    ["a member", change("auth0_organization_member", "delete", { user_id: "auth0|1" }, {}), "member `jane@acme.example`"],
    ["a type the summary does not know", change("auth0_email_provider", "delete", { name: "mail" }, {}, { address: "auth0_email_provider.mail" }), "`auth0_email_provider.mail`"],
  ])("given %s, when deleted, then it is named so", (_, c, subject) => {
    const role = change("auth0_role", "no-op", { id: "rol_9", name: "Auditor" }, { id: "rol_9", name: "Auditor" }, { address: "auth0_role.role-a" });
    const client = change("auth0_client", "no-op", { name: "sync", client_id: "cli_1" }, { name: "sync", client_id: "cli_1" }, { address: "auth0_client.agent-sync" });
    expect(described(stack([c], ROLE_NAMES, [role, client]))).toEqual([`delete: ${subject}`]);
  });

  test("given an import that also changes links, when described, then it is an import with the links' changes", () => {
    const links = change(
      "auth0_organization_connections",
      "update",
      { enabled_connections: [{ connection_id: "con_1", show_as_button: true }] },
      { enabled_connections: [{ connection_id: "con_1", show_as_button: false }, { connection_id: "con_2", assign_membership_on_login: true, is_signup_enabled: true }] },
      { importing: true },
    );
    expect(described(stack([links], { con_1: "google-oauth2", con_2: "db" }))).toEqual([
      "import: connection `db` (`assign_membership_on_login` `true`, `show_as_button` `true`, `is_signup_enabled` `true`) linked",
      "import: connection `google-oauth2` unlinked and linked again: `show_as_button` `true` → `false`",
    ]);
  });
});

describe("links of an organization that change", () => {
  const links = (before: unknown[], after: unknown, more: Partial<PlannedChange> = {}) =>
    change("auth0_organization_connections", "update", { enabled_connections: before }, { enabled_connections: after }, more);

  test("given a link re-created for a flag and changed in place for its access level, when described, then both are said, the flag once", () => {
    const c = links(
      [{ connection_id: "con_1", show_as_button: true, organization_access_level: "none", is_enabled: null }],
      [{ connection_id: "con_1", show_as_button: false, organization_access_level: "full", is_enabled: null }],
    );
    expect(described(stack([c], { con_1: "google-oauth2" }))).toEqual([
      "update: connection `google-oauth2` unlinked and linked again: `show_as_button` `true` → `false`",
      "update: connection `google-oauth2`: `organization_access_level` `none` → `full`",
    ]);
  });

  test("given two attributes of a link changed in place, when described, then both on the link's line", () => {
    const c = links([{ connection_id: "con_1", organization_access_level: "none", organization_connection_name: null }], [{ connection_id: "con_1", organization_access_level: "full", organization_connection_name: "g" }]);
    expect(described(stack([c]))).toEqual(["update: connection `con_1`: `organization_access_level` `none` → `full`; `organization_connection_name` (none) → `g`"]);
  });

  test("given a link added with an access level, when described, then it is linked, with no line for a change in place", () => {
    const c = links([], [{ connection_id: "con_1", organization_access_level: "readonly" }]);
    expect(described(stack([c]))).toEqual(["update: connection `con_1` (`assign_membership_on_login` `false`, `show_as_button` `true`, `is_signup_enabled` `false`) linked"]);
  });

  test("given links known only after apply, when described, then the update is still named", () => {
    const c = links([{ connection_id: "con_1" }], null, { afterUnknown: { enabled_connections: true } });
    expect(described(stack([c]))).toEqual(["update: connection links"]);
  });
});

describe("what the customer still has to do", () => {
  test("given discovery domains left as they are, when described, then only the pending ones with a known TXT record are listed", () => {
    const domain = (name: string, status: string, txt?: string) =>
      change("auth0_organization_discovery_domain", "no-op", {}, { domain: name, status, ...(txt ? { verification_host: `_v.${name}`, verification_txt: txt } : {}) });
    const halfKnown = (name: string, known: Record<string, string>) => change("auth0_organization_discovery_domain", "no-op", {}, { domain: name, status: "pending", ...known });
    const unchanged = [
      domain("verified.example", "verified", "t1"),
      domain("pending.example", "pending", "t2"),
      domain("unknown.example", "pending"),
      halfKnown("host-only.example", { verification_host: "_v.host-only.example" }),
      halfKnown("txt-only.example", { verification_txt: "t3" }),
    ];
    expect(described(stack([], {}, unchanged))).toEqual(["waiting: the customer publishes a TXT record at `_v.pending.example` with the value `t2` to verify `pending.example`"]);
  });
});
