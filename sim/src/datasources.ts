// Data sources: auth0_user answers from the users seeded in the store; every other data
// source answers from the stored resource of the same type that its arguments identify.
import { error, type Result } from "./diagnostics";
import { dataSourceSchema, resourceSchema, type BlockSchema } from "./schema";
import { findUser, loadWorld, storePath, type Json, type JsonObject, type User, type World } from "./store";
import { emptyOf, normalizeBlock, normalizeType, rewriteComputed, type ObjectValue, type Value } from "./values";

/** Arguments that tune a lookup rather than identify the object. */
const NOT_FILTERS = new Set(["custom_domain_header", "skip_permissions", "skip_roles", "page", "per_page", "include_totals"]);

/** Parses `email:"a@b.c" AND name:x` into field/value pairs (enough Lucene for lookups). */
function parseQuery(query: string): [string, string][] {
  const pairs: [string, string][] = [];
  const re = /([\w.]+):(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (let m = re.exec(query); m; m = re.exec(query)) pairs.push([m[1], (m[2] ?? m[3]).replace(/\\(.)/g, "$1")]);
  return pairs;
}

function userField(user: User, field: string): Json | undefined {
  // Auth0 indexes each identity's connection; a seeded user has one identity.
  if (field === "identities.connection") return connectionOf(user);
  let v: Json | undefined = user;
  for (const part of field.split(".")) {
    v = v && typeof v === "object" && !Array.isArray(v) ? v[part] : undefined;
  }
  return v;
}

function connectionOf(user: User): string {
  if (typeof user.connection_name === "string") return user.connection_name;
  const provider = user.user_id.split("|")[0];
  return provider === "auth0" ? "Username-Password-Authentication" : provider;
}

function userRoles(world: World, userId: string): string[] {
  const bulk = world.resources.auth0_user_roles?.[userId]?.roles;
  const single = Object.values(world.resources.auth0_user_role ?? {})
    .filter((r) => r.user_id === userId)
    .map((r) => r.role_id);
  return [...(Array.isArray(bulk) ? bulk : []), ...single].filter((r): r is string => typeof r === "string");
}

function readUser(config: ObjectValue, block: BlockSchema, world: World): Result {
  let user: User | undefined;
  if (typeof config.user_id === "string") {
    user = findUser(world, config.user_id);
    if (!user) return { value: null, diagnostics: [error("404 Not Found: The user does not exist.", `No user has the id "${config.user_id}".`)] };
  } else if (typeof config.query === "string") {
    const filters = parseQuery(config.query);
    const all = [...Object.values(world.users)];
    const matches = all.filter((u) => filters.length > 0 && filters.every(([f, v]) => String(userField(u, f) ?? "").toLowerCase() === v.toLowerCase()));
    if (matches.length === 0) {
      return {
        value: null,
        diagnostics: [
          error(
            "No users found. Note: if a user was just created/deleted, it takes some time for it to be indexed.",
            `The query ${config.query} matched no user in the simulated tenant. Seed the user under "users" in ${storePath()} (tenants local seeds every member of every tenant).`,
          ),
        ],
      };
    }
    if (matches.length > 1) {
      return {
        value: null,
        diagnostics: [
          // internal/auth0/user/data_source.go: more than one user is an error, not a choice.
          error(
            "Further improve the query to retrieve a single user from the query",
            `The query ${config.query} matched ${matches.length} users (${matches.map((u) => `${u.user_id} in ${connectionOf(u)}`).join(", ")}). Name the connection too, e.g. ${config.query} AND identities.connection:"${connectionOf(matches[0])}".`,
          ),
        ],
      };
    }
    user = matches[0];
  } else {
    return { value: null, diagnostics: [error("Missing user lookup", "Set either user_id or query on the auth0_user data source.")] };
  }
  const found = user;
  const state = normalizeBlock(config, block) as ObjectValue;
  rewriteComputed(
    state,
    block,
    (v) => v === null,
    ({ name, attr }) => {
      switch (name) {
        case "id":
          return found.user_id;
        case "connection_name":
          return connectionOf(found);
        case "roles":
          return config.skip_roles === true ? [] : userRoles(world, found.user_id);
        case "permissions":
          return [];
        case "app_metadata":
        case "user_metadata":
          return found[name] === undefined ? "" : typeof found[name] === "string" ? (found[name] as string) : JSON.stringify(found[name]);
        default: {
          const v = normalizeType(found[name], attr.type);
          return v === null ? emptyOf(attr.type) : v;
        }
      }
    },
  );
  return { value: state, diagnostics: [] };
}

/** The stored resource the data source arguments identify (`<x>_id` arguments match the id). */
function findStored(type: string, config: ObjectValue, block: BlockSchema, world: World): [string, JsonObject] | undefined {
  const filters = Object.entries(block.attributes ?? {})
    .filter(([name, a]) => !a.computed && !NOT_FILTERS.has(name) && typeof config[name] === "string")
    .map(([name]) => [name, config[name] as string] as const);
  const candidates = Object.entries(world.resources[type] ?? {});
  const matches = (id: string, obj: JsonObject, name: string, value: string): boolean => {
    if (name in obj && obj[name] === value) return true;
    if (name.endsWith("_id")) return id === value;
    return !(name in obj); // an argument the store cannot answer does not filter
  };
  return candidates.find(([id, obj]) => filters.every(([name, value]) => matches(id, obj, name, value)));
}

export function readData(type: string, configValue: Value): Result {
  const s = dataSourceSchema(type);
  if (!s) throw new Error(`the auth0 provider has no data source ${type}`);
  const world = loadWorld();
  const config = normalizeBlock(configValue, s.block) as ObjectValue;
  if (type === "auth0_user") return readUser(config, s.block, world);
  const state = config;
  if (!resourceSchema(type)) {
    // Listing data sources (auth0_clients, ...): nothing to identify, answer empty.
    rewriteComputed(
      state,
      s.block,
      (v) => v === null,
      ({ name, attr }) => (name === "id" ? type : emptyOf(attr.type)),
    );
    return { value: state, diagnostics: [] };
  }
  const match = findStored(type, config, s.block, world);
  if (!match) {
    const args = Object.entries(config)
      .filter(([k, v]) => typeof v === "string" && !NOT_FILTERS.has(k))
      .map(([k, v]) => `${k} = "${String(v)}"`)
      .join(", ");
    return {
      value: null,
      diagnostics: [error(`No ${type} found`, `No ${type.replace(/^auth0_/, "")} in the tenant matches ${args || "the arguments"} (404 Not Found).`)],
    };
  }
  const [id, obj] = match;
  rewriteComputed(
    state,
    s.block,
    (v) => v === null,
    ({ name, attr }) => {
      if (name === "id") return id;
      const v = normalizeType(obj[name], attr.type);
      return v === null ? emptyOf(attr.type) : v;
    },
  );
  return { value: state, diagnostics: [] };
}
