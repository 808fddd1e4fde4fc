// The checks the Auth0 Management API makes when an object is created or updated, so
// that a plan which real Auth0 would reject also fails its apply here.
import { attrPath, error, type Diagnostic } from "./diagnostics";
import { findUser, type JsonObject, type World } from "./store";
import { isObject, type ObjectValue, type Value } from "./values";

const ORG_NAME = /^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$/;
const ORG_NAME_MAX = 50;
const DISPLAY_NAME_MAX = 255;
// The provider documentation: "Maximum of 10 metadata properties allowed"; Auth0 limits
// each metadata value to 255 characters.
const METADATA_MAX_KEYS = 10;
const METADATA_VALUE_MAX = 255;

function others(world: World, type: string, selfId: string | undefined): JsonObject[] {
  return Object.entries(world.resources[type] ?? {})
    .filter(([id]) => id !== selfId)
    .map(([, o]) => o);
}

function organizationRules(state: ObjectValue, world: World, selfId: string | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const name = state.name;
  if (typeof name === "string") {
    if (name.length > ORG_NAME_MAX || !ORG_NAME.test(name)) {
      out.push(
        error(
          "Invalid organization name",
          `Auth0 rejected the organization name "${name}": it must be 1 to ${ORG_NAME_MAX} characters of lowercase letters, digits, "-" and "_", starting and ending with a letter or digit (400 Bad Request).`,
          attrPath("name"),
        ),
      );
    }
    if (others(world, "auth0_organization", selfId).some((o) => o.name === name)) {
      out.push(
        error(
          "Organization name already in use",
          `Auth0 rejected the organization: an organization named "${name}" already exists in the tenant (409 Conflict). Import it instead of creating it.`,
          attrPath("name"),
        ),
      );
    }
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
}

function uniqueRules(type: string, state: ObjectValue, world: World, selfId: string | undefined): Diagnostic[] {
  const clash = (t: string, attrs: string[]): boolean => others(world, t, selfId).some((o) => attrs.every((a) => o[a] === state[a]));
  if (type === "auth0_connection" && clash(type, ["name"])) {
    return [error("Connection already exists", `A connection named "${String(state.name)}" already exists (409 Conflict).`, attrPath("name"))];
  }
  if (type === "auth0_resource_server" && clash(type, ["identifier"])) {
    return [
      error(
        "Resource server already exists",
        `A resource server with identifier "${String(state.identifier)}" already exists (409 Conflict).`,
        attrPath("identifier"),
      ),
    ];
  }
  if (type === "auth0_client_grant" && clash(type, ["client_id", "audience"])) {
    return [
      error(
        "Client grant already exists",
        `A client grant for client "${String(state.client_id)}" and audience "${String(state.audience)}" already exists (409 Conflict).`,
        attrPath("audience"),
      ),
    ];
  }
  return [];
}

// ---- references to other objects ----

type RefKind = "organization" | "connection" | "client" | "role" | "user" | "grant" | "audience";

/** Attribute names that hold references, checked at the top level of every type. */
const TOP_LEVEL_REFS: Record<string, RefKind> = {
  organization_id: "organization",
  connection_id: "connection",
  client_id: "client",
  role_id: "role",
  roles: "role",
  user_id: "user",
  grant_id: "grant",
  resource_server_identifier: "audience",
  enabled_clients: "client",
};

/** References inside nested blocks (other nested ids, e.g. a social connection's client_id, are external). */
const NESTED_REFS: Record<string, RefKind> = {
  "enabled_connections.connection_id": "connection",
  "default_organization.organization_id": "organization",
  "permissions.resource_server_identifier": "audience",
};

/** Types whose own attribute of a reference name is not a reference. */
const NOT_REFS: Record<string, string[]> = {
  auth0_client: ["client_id"],
  auth0_resource_server: ["client_id"],
  auth0_user: ["user_id"],
};

const KIND_TYPE: Record<Exclude<RefKind, "user" | "audience">, [string, string]> = {
  organization: ["auth0_organization", "organization"],
  connection: ["auth0_connection", "connection"],
  client: ["auth0_client", "client"],
  role: ["auth0_role", "role"],
  grant: ["auth0_client_grant", "client grant"],
};

function audienceExists(world: World, audience: string): boolean {
  // The Management API (https://<domain>/api/v2/) exists in every tenant.
  if (audience.endsWith("/api/v2/")) return true;
  return Object.values(world.resources.auth0_resource_server ?? {}).some((rs) => rs.identifier === audience);
}

function missingRef(kind: RefKind, value: string, world: World): string | undefined {
  if (kind === "user") return findUser(world, value) ? undefined : `The user "${value}" does not exist`;
  if (kind === "audience") {
    return audienceExists(world, value) ? undefined : `No resource server (API) has the identifier "${value}"`;
  }
  const [type, label] = KIND_TYPE[kind];
  return world.resources[type]?.[value] ? undefined : `The ${label} "${value}" does not exist`;
}

function checkRef(kind: RefKind, value: Value, path: (string | number)[], world: World, out: Diagnostic[]): void {
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) {
    if (typeof v !== "string") continue;
    const problem = missingRef(kind, v, world);
    if (problem) out.push(error("Referenced object not found", `${problem} in the Auth0 tenant (404 Not Found).`, attrPath(...path)));
  }
}

function referenceRules(type: string, state: ObjectValue, world: World): Diagnostic[] {
  const out: Diagnostic[] = [];
  const skip = NOT_REFS[type] ?? [];
  for (const [name, kind] of Object.entries(TOP_LEVEL_REFS)) {
    if (!skip.includes(name) && name in state) checkRef(kind, state[name], [name], world, out);
  }
  if (type === "auth0_client_grant" && typeof state.audience === "string") checkRef("audience", state.audience, ["audience"], world, out);
  for (const [path, kind] of Object.entries(NESTED_REFS)) {
    const [blockName, attr] = path.split(".");
    const items = state[blockName];
    if (!Array.isArray(items)) continue;
    items.forEach((item, i) => {
      if (isObject(item)) checkRef(kind, item[attr], [blockName, i, attr], world, out);
    });
  }
  return out;
}

function scopesOf(world: World, identifier: string): Set<string> {
  const names = new Set<string>();
  for (const s of Object.values(world.resources.auth0_resource_server_scopes ?? {})) {
    if (s.resource_server_identifier !== identifier || !Array.isArray(s.scopes)) continue;
    for (const scope of s.scopes) if (isObject(scope) && typeof scope.name === "string") names.add(scope.name);
  }
  for (const s of Object.values(world.resources.auth0_resource_server_scope ?? {})) {
    if (s.resource_server_identifier === identifier && typeof s.scope === "string") names.add(s.scope);
  }
  return names;
}

/** Role permissions must name scopes the API defines (the Management API's own are not modelled). */
function permissionRules(type: string, state: ObjectValue, world: World): Diagnostic[] {
  if (type !== "auth0_role_permissions" || !Array.isArray(state.permissions)) return [];
  const out: Diagnostic[] = [];
  state.permissions.forEach((p, i) => {
    if (!isObject(p) || typeof p.name !== "string" || typeof p.resource_server_identifier !== "string") return;
    const rs = p.resource_server_identifier;
    if (rs.endsWith("/api/v2/") || !audienceExists(world, rs)) return;
    if (!scopesOf(world, rs).has(p.name)) {
      out.push(
        error(
          "Permission not defined on the API",
          `The permission "${p.name}" is not a scope of the resource server "${rs}" (400 Bad Request). Define the scope before assigning it to a role.`,
          attrPath("permissions", i, "name"),
        ),
      );
    }
  });
  return out;
}

/** Organization roles can only be given to members of the organization. */
function memberRoleRules(type: string, state: ObjectValue, world: World): Diagnostic[] {
  if (type !== "auth0_organization_member_roles" && type !== "auth0_organization_member_role") return [];
  const org = state.organization_id;
  const user = state.user_id;
  if (typeof org !== "string" || typeof user !== "string" || !world.resources.auth0_organization?.[org]) return [];
  const single = world.resources.auth0_organization_member?.[`${org}::${user}`];
  const bulk = world.resources.auth0_organization_members?.[org];
  const inBulk = Array.isArray(bulk?.members) && bulk.members.includes(user);
  if (single || inBulk) return [];
  return [
    error(
      "User is not a member of the organization",
      `The user "${user}" is not a member of the organization "${org}", so organization roles cannot be assigned (400 Bad Request).`,
      attrPath("user_id"),
    ),
  ];
}

/** Every rule that applies to creating or updating an object of `type` with `state`. */
/** Collections a resource manages exclusively, by the attribute that holds them. */
const EXCLUSIVE_COLLECTION: Record<string, string> = {
  auth0_organization_connections: "enabled_connections",
  auth0_connection_clients: "enabled_clients",
  auth0_resource_server_scopes: "scopes",
};

/** The real provider refuses to create one over a collection that is not empty, so nothing is taken over silently. */
function exclusiveCollectionRules(type: string, state: ObjectValue, world: World, selfId: string | undefined): Diagnostic[] {
  const attribute = EXCLUSIVE_COLLECTION[type];
  const existing = attribute && !selfId ? world.resources[type]?.[String(state.id)]?.[attribute] : undefined;
  if (!Array.isArray(existing) || existing.length === 0) return [];
  return [
    error(
      `${type} with non empty ${attribute} already exists`,
      `Auth0 already holds ${existing.length} ${attribute} for "${String(state.id)}", so creating ${type} would take them over. Import the resource instead (import id "${String(state.id)}").`,
    ),
  ];
}

export function checkRules(type: string, state: ObjectValue, world: World, selfId: string | undefined): Diagnostic[] {
  return [
    ...exclusiveCollectionRules(type, state, world, selfId),
    ...(type === "auth0_organization" ? organizationRules(state, world, selfId) : []),
    ...uniqueRules(type, state, world, selfId),
    ...referenceRules(type, state, world),
    ...permissionRules(type, state, world),
    ...memberRoleRules(type, state, world),
  ];
}
