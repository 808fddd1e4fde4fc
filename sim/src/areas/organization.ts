// Organizations and what hangs off them: connections (links), members, member roles,
// clients. Provider: internal/auth0/organization/*.go (v1.55.0).
import { attrPath, error, type Diagnostic } from "../diagnostics";
import { callApi } from "../engine/api";
import { exclusiveGuard, uniqueRule } from "../engine/rules";
import type { Area, Reference, Rule, TypeSpec } from "../engine/spec";
import type { Json, JsonObject, World } from "../store";
import { isObject, stringsOf, type ObjectValue, type Value } from "../values";

/**
 * Auth0's organization name rule (docs, "Create Organizations": lowercase letters,
 * digits, "_" and "-", may start with a digit, 1 to 50 characters). The provider does
 * not validate it (resource.go: `name` is a plain Required string), so Auth0 decides:
 * a trailing "-" or "_" is allowed. Exported so a test keeps the project's validation at
 * least as strict.
 */
export const ORGANIZATION_NAME = { pattern: /^[a-z0-9_-]+$/, max: 50 } as const;
export const DISPLAY_NAME_MAX = 255;
// The provider's documentation of `metadata`: "Maximum of 10 metadata properties allowed";
// Auth0's API documentation limits each value to 255 characters.
export const METADATA_MAX_KEYS = 10;
export const METADATA_VALUE_MAX = 255;

const ORGANIZATION: Reference = { type: "auth0_organization", onDelete: "delete" };
const CONNECTION: Reference = { type: "auth0_connection", onDelete: "delete" };
const USER: Reference = { type: "auth0_user", onDelete: "delete" };
const ROLE: Reference = { type: "auth0_role" };
const CLIENT: Reference = { type: "auth0_client", onDelete: "delete" };

const organizationRules: Rule = ({ state }) => {
  const out: Diagnostic[] = [];
  const name = state.name;
  if (typeof name === "string" && (name.length > ORGANIZATION_NAME.max || !ORGANIZATION_NAME.pattern.test(name))) {
    out.push(
      error(
        "Invalid organization name",
        `Auth0 rejected the organization name "${name}": it must be 1 to ${ORGANIZATION_NAME.max} characters of lowercase letters, digits, "-" and "_" (400 Bad Request).`,
        attrPath("name"),
      ),
    );
  }
  if (typeof state.display_name === "string" && state.display_name.length > DISPLAY_NAME_MAX) {
    out.push(error("Display name too long", `display_name must be at most ${DISPLAY_NAME_MAX} characters (400 Bad Request).`, attrPath("display_name")));
  }
  if (isObject(state.metadata)) {
    const entries = Object.entries(state.metadata);
    if (entries.length > METADATA_MAX_KEYS) {
      out.push(
        error(
          "Too many organization metadata properties",
          `Auth0 allows at most ${METADATA_MAX_KEYS} metadata properties on an organization; this one has ${entries.length} (400 Bad Request).`,
          attrPath("metadata"),
        ),
      );
    }
    for (const [key, value] of entries) {
      if (typeof value === "string" && value.length > METADATA_VALUE_MAX) {
        out.push(
          error(
            "Organization metadata value too long",
            `Metadata property "${key}" is ${value.length} characters; Auth0 allows at most ${METADATA_VALUE_MAX} (400 Bad Request).`,
            { steps: [{ attribute_name: "metadata" }, { element_key_string: key }] },
          ),
        );
      }
    }
  }
  return out;
};

// ---- the organization's enabled connections, whichever resource made them ----

/** A link as Auth0 returns it (POST /organizations/{id}/connections, TestAccOrganizationConnections.yaml). */
function link(entry: Record<string, Json | Value>): JsonObject {
  return {
    connection_id: entry.connection_id as Json,
    assign_membership_on_login: entry.assign_membership_on_login ?? false,
    is_signup_enabled: entry.is_signup_enabled ?? false,
    show_as_button: entry.show_as_button ?? true,
    is_enabled: entry.is_enabled ?? true,
    organization_connection_name: entry.organization_connection_name ?? null,
    organization_access_level: entry.organization_access_level ?? "none",
  } as JsonObject;
}

/** Every connection enabled for an organization: the plural resource's and the singular ones (GET /organizations/{id}/connections). */
function enabledConnections(world: World, organizationId: string): JsonObject[] {
  const plural = world.resources.auth0_organization_connections?.[organizationId]?.enabled_connections;
  const links = Array.isArray(plural) ? plural.filter(isObject).map((e) => link(e as JsonObject)) : [];
  for (const single of Object.values(world.resources.auth0_organization_connection ?? {})) {
    if (single.organization_id === organizationId && !links.some((l) => l.connection_id === single.connection_id)) links.push(link(single));
  }
  return links;
}

/** The set's hash (organizationConnectionSetHash): connection and the four flags, not the access level. */
const linkHash = (e: Record<string, Value | Json>): string =>
  [e.connection_id, e.assign_membership_on_login, e.is_signup_enabled, e.show_as_button, e.is_enabled].map(String).join("|");

const entriesOf = (v: Value | undefined): ObjectValue[] => (Array.isArray(v) ? v.filter(isObject) : []);

const organizationConnections: TypeSpec = {
  source: "internal/auth0/organization/resource_connections.go; TestAccOrganizationConnections.yaml",
  id: { parts: ["organization_id"] },
  references: { organization_id: ORGANIZATION, "enabled_connections.connection_id": { type: "auth0_connection" } },
  forceNew: ["organization_id"],
  planDefaults: {
    "enabled_connections.assign_membership_on_login": false,
    "enabled_connections.is_signup_enabled": false,
    "enabled_connections.show_as_button": true,
    "enabled_connections.is_enabled": true,
  },
  serverDefaults: { "enabled_connections.organization_access_level": "none" },
  collectionOf: "organization_id",
  read: (world, id, stored) => (stored || world.resources.auth0_organization?.[id] ? { ...(stored ?? { organization_id: id }), id, enabled_connections: enabledConnections(world, id) } : undefined),
  create: ({ state, world }) => {
    const org = String(state.organization_id);
    const existing = enabledConnections(world, org);
    const wanted = entriesOf(state.enabled_connections);
    const refused = exclusiveGuard(
      existing.map((l) => l.connection_id),
      wanted.map((e) => e.connection_id),
      { summary: "Organization with non empty enabled connections", holder: "organization", entries: "enabled connections", type: "auth0_organization_connections", id: org },
    );
    if (refused.length > 0) return { diagnostics: refused };
    // Only when there are more to add than already enabled (the same list was adopted as is).
    if (wanted.length > existing.length) for (const _ of wanted) callApi("POST", `/api/v2/organizations/${org}/connections`, "auth0_organization_connections");
    return { state: { ...state, id: org, enabled_connections: existing.length > 0 ? existing : wanted } };
  },
  update: ({ state, prior, world }) => {
    // value.Difference on the set: a changed link hashes differently, so it is deleted and
    // created again (DELETE then POST in TestAccOrganizationConnections.yaml).
    const org = String(state.organization_id);
    const before = entriesOf(prior?.enabled_connections);
    const after = entriesOf(state.enabled_connections);
    const removed = before.filter((b) => !after.some((a) => linkHash(a) === linkHash(b)));
    const added = after.filter((a) => !before.some((b) => linkHash(a) === linkHash(b)));
    for (const r of removed) {
      callApi("DELETE", `/api/v2/organizations/${org}/connections/${String(r.connection_id)}`, "auth0_organization_connections");
      for (const [key, single] of Object.entries(world.resources.auth0_organization_connection ?? {})) {
        if (single.organization_id === org && single.connection_id === r.connection_id) delete world.resources.auth0_organization_connection[key];
      }
    }
    for (let i = 0; i < added.length; i++) callApi("POST", `/api/v2/organizations/${org}/connections`, "auth0_organization_connections");
    const kept = enabledConnections(world, org).filter((l) => !removed.some((r) => r.connection_id === l.connection_id));
    const links = [...kept.filter((l) => !added.some((a) => a.connection_id === l.connection_id)), ...added.map((a) => link(a))];
    return { state: { ...state, enabled_connections: links } };
  },
  // deleteOrganizationConnections deletes each link in the state; links made elsewhere stay.
  remove: (world, id, stored) => {
    for (const e of entriesOf(stored.enabled_connections as Value)) {
      for (const [key, single] of Object.entries(world.resources.auth0_organization_connection ?? {})) {
        if (single.organization_id === id && single.connection_id === e.connection_id) delete world.resources.auth0_organization_connection[key];
      }
    }
  },
};

const organizationConnection: TypeSpec = {
  source: "internal/auth0/organization/resource_connection.go (no ForceNew); TestAccOrganizationConnection.yaml",
  id: { parts: ["organization_id", "connection_id"] },
  references: { organization_id: ORGANIZATION, connection_id: CONNECTION },
  planDefaults: { is_enabled: true },
  serverDefaults: { assign_membership_on_login: false, is_signup_enabled: false, show_as_button: true, organization_access_level: "none" },
  derived: {
    name: (_s, world, root) => world.resources.auth0_connection?.[String(root.connection_id)]?.name ?? "",
    strategy: (_s, world, root) => world.resources.auth0_connection?.[String(root.connection_id)]?.strategy ?? "",
  },
  read: (world, id, stored) => {
    if (stored) return stored;
    // A link the plural resource made reads as this one too (GET /organizations/{org}/connections/{con}).
    const [org, con] = id.split("::");
    const found = org && con ? enabledConnections(world, org).find((l) => l.connection_id === con) : undefined;
    return found ? { ...found, id, organization_id: org } : undefined;
  },
};

// ---- members ----

/** Every member of an organization, whichever resource added them (GET /organizations/{id}/members). */
export function membersOf(world: World, organizationId: string): string[] {
  const members = stringsOf(world.resources.auth0_organization_members?.[organizationId]?.members);
  for (const single of Object.values(world.resources.auth0_organization_member ?? {})) {
    if (single.organization_id === organizationId && typeof single.user_id === "string" && !members.includes(single.user_id)) members.push(single.user_id);
  }
  return members;
}

/** Organization roles can only be given to members of the organization. */
const membershipRule: Rule = ({ state, world }) => {
  const org = state.organization_id;
  const user = state.user_id;
  if (typeof org !== "string" || typeof user !== "string" || !world.resources.auth0_organization?.[org]) return [];
  if (membersOf(world, org).includes(user)) return [];
  return [
    error(
      "User is not a member of the organization",
      `The user "${user}" is not a member of the organization "${org}", so organization roles cannot be assigned (400 Bad Request).`,
      attrPath("user_id"),
    ),
  ];
};

/** A member's roles in an organization, whichever resource assigned them (GET .../members/{user}/roles). */
function memberRoles(world: World, org: string, user: string): string[] {
  const roles = stringsOf(world.resources.auth0_organization_member_roles?.[`${org}::${user}`]?.roles);
  for (const single of Object.values(world.resources.auth0_organization_member_role ?? {})) {
    if (single.organization_id === org && single.user_id === user && typeof single.role_id === "string" && !roles.includes(single.role_id)) roles.push(single.role_id);
  }
  return roles;
}


const organizationMemberRoles: TypeSpec = {
  source: "internal/auth0/organization/resource_member_roles.go; TestAccOrganizationMemberRoles.yaml",
  id: { parts: ["organization_id", "user_id"] },
  references: { organization_id: ORGANIZATION, user_id: USER, roles: ROLE },
  forceNew: ["organization_id", "user_id"],
  rules: [membershipRule],
  read: (world, id, stored): JsonObject | undefined => {
    const [org, user] = id.split("::");
    const roles = memberRoles(world, org, user);
    if (stored) return { ...stored, roles };
    return roles.length > 0 ? { id, organization_id: org, user_id: user, roles } : undefined;
  },
  // assignMemberRoles: roles added and removed against the prior state only, then a read;
  // roles the member already had stay, and show up as a removal in the next plan.
  create: ({ state, world }) => ({ state: { ...state, roles: [...new Set([...memberRoles(world, String(state.organization_id), String(state.user_id)), ...stringsOf(state.roles)])] } }),
  update: ({ state, prior, world }) => {
    const have = memberRoles(world, String(state.organization_id), String(state.user_id));
    const removed = stringsOf(prior?.roles).filter((r) => !stringsOf(state.roles).includes(r));
    return { state: { ...state, roles: [...new Set([...have.filter((r) => !removed.includes(r)), ...stringsOf(state.roles)])] } };
  },
};

const organizationMembers: TypeSpec = {
  source: "internal/auth0/organization/resource_members.go; TestAccOrganizationMembers.yaml",
  id: { parts: ["organization_id"] },
  references: { organization_id: ORGANIZATION, members: { type: "auth0_user" } },
  forceNew: ["organization_id"],
  collectionOf: "organization_id",
  read: (world, id, stored) => (stored || world.resources.auth0_organization?.[id] ? { ...(stored ?? { organization_id: id }), id, members: membersOf(world, id) } : undefined),
  create: ({ state, world }) => {
    const org = String(state.organization_id);
    const existing = membersOf(world, org);
    const refused = exclusiveGuard(existing, stringsOf(state.members), {
      summary: "Organization with non empty members",
      holder: "organization",
      entries: "members",
      type: "auth0_organization_members",
      id: org,
    });
    return refused.length > 0 ? { diagnostics: refused } : { state: { ...state, id: org } };
  },
  update: ({ state, prior, world }) => {
    const org = String(state.organization_id);
    const removed = stringsOf(prior?.members).filter((m) => !stringsOf(state.members).includes(m));
    for (const [key, single] of Object.entries(world.resources.auth0_organization_member ?? {})) {
      if (single.organization_id === org && removed.includes(String(single.user_id))) delete world.resources.auth0_organization_member[key];
    }
    return { state };
  },
};

/** Auth0 ends a member's organization roles with the membership. */
function endMembership(world: World, org: string, user: string): void {
  delete world.resources.auth0_organization_member_roles?.[`${org}::${user}`];
  for (const [key, single] of Object.entries(world.resources.auth0_organization_member_role ?? {})) {
    if (single.organization_id === org && single.user_id === user) delete world.resources.auth0_organization_member_role[key];
  }
}

export const organization: Area = {
  name: "organization",
  types: {
    auth0_organization: {
      source: "internal/auth0/organization/resource.go, expand.go; TestAccOrganization.yaml, TestAccOrganizationThirdPartyClientAccess.yaml",
      id: { prefix: "org_" },
      // `name` is not ForceNew: a rename is a PATCH.
      computedBlocks: ["branding"],
      serverDefaults: { third_party_client_access: "block", is_app_entitlement_active: false },
      rules: [
        organizationRules,
        // Evidence missing: no recording holds Auth0's 409 for a duplicate name; the text is ours.
        uniqueRule(["name"], "Organization name already in use", ([name]) => `Auth0 rejected the organization: an organization named "${name}" already exists in the tenant (409 Conflict). Import it instead of creating it.`),
      ],
    },
    auth0_organization_connections: organizationConnections,
    auth0_organization_connection: organizationConnection,
    auth0_organization_member: {
      source: "internal/auth0/organization/resource_member.go (AddMembers: an existing member is adopted); TestAccOrganizationMember.yaml",
      id: { parts: ["organization_id", "user_id"] },
      references: { organization_id: ORGANIZATION, user_id: USER },
      forceNew: ["organization_id", "user_id"],
      read: (world, id, stored) => {
        const [org, user] = id.split("::");
        return stored ?? (org && user && membersOf(world, org).includes(user) ? { id, organization_id: org, user_id: user } : undefined);
      },
      remove: (world, _id, stored) => {
        endMembership(world, String(stored.organization_id), String(stored.user_id));
        const bulk = world.resources.auth0_organization_members?.[String(stored.organization_id)];
        if (bulk && Array.isArray(bulk.members)) bulk.members = bulk.members.filter((m) => m !== stored.user_id);
      },
    },
    auth0_organization_members: organizationMembers,
    auth0_organization_member_roles: organizationMemberRoles,
    auth0_organization_member_role: {
      source: "internal/auth0/organization/resource_member_role.go",
      id: { parts: ["organization_id", "user_id", "role_id"] },
      references: { organization_id: ORGANIZATION, user_id: USER, role_id: { type: "auth0_role", onDelete: "delete" } },
      forceNew: ["organization_id", "user_id", "role_id"],
      rules: [membershipRule],
    },
    auth0_organization_client_grant: {
      source: "internal/auth0/organization/resource_client_grant.go",
      id: { parts: ["organization_id", "grant_id"] },
      references: { organization_id: ORGANIZATION, grant_id: { type: "auth0_client_grant", onDelete: "delete" } },
      forceNew: ["organization_id", "grant_id"],
    },
    auth0_organization_client: {
      source: "internal/auth0/organization/resource_client.go",
      id: { parts: ["organization_id", "client_id"] },
      references: { organization_id: ORGANIZATION, client_id: CLIENT },
      forceNew: ["organization_id", "client_id"],
    },
    auth0_organization_clients: {
      source: "internal/auth0/organization/resource_clients.go",
      id: { parts: ["organization_id"] },
      references: { organization_id: ORGANIZATION, enabled_clients: { type: "auth0_client" } },
      forceNew: ["organization_id"],
      collectionOf: "organization_id",
    },
  },
};

