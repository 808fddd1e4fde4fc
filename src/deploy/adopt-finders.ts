import * as fs from "fs";

/**
 * Finding an object Auth0 already has by what identifies it in the configuration, for
 * the types this project's stacks create. The key attributes are the ones Auth0 itself
 * keeps unique (an organization's or role's name, a resource server's identifier) or that
 * name an association (organization and user of a membership); the import id is the one
 * each resource's import documentation gives.
 */
export const NATURAL_KEY: Readonly<Record<string, readonly string[]>> = {
  auth0_organization: ["name"],
  auth0_client: ["name"],
  auth0_client_grant: ["client_id", "audience"],
  auth0_client_credentials: ["client_id"],
  auth0_organization_connections: ["organization_id"],
  auth0_organization_member: ["organization_id", "user_id"],
  auth0_organization_member_roles: ["organization_id", "user_id"],
  auth0_organization_client_grant: ["organization_id", "grant_id"],
  auth0_resource_server: ["identifier"],
  auth0_resource_server_scopes: ["resource_server_identifier"],
  auth0_role: ["name"],
  auth0_role_permissions: ["role_id"],
  auth0_connection: ["name"],
  auth0_connection_clients: ["connection_id"],
};

export type NaturalKey = Readonly<Record<string, string>>;

/** Looks objects up in an Auth0 tenant; undefined when there is none. */
export interface Auth0Finder {
  /** The import id of the object of `type` with these key attribute values. */
  find(type: string, key: NaturalKey): Promise<string | undefined>;
}

/** Two objects answer one key: adopting either would be a guess. */
export class AmbiguousObjectError extends Error {}

/** The simulated Auth0 (sim/): objects are read from its store file, keyed by their import id. */
export class SimulatorFinder implements Auth0Finder {
  constructor(private readonly storeFile: string) {}

  async find(type: string, key: NaturalKey): Promise<string | undefined> {
    const store = fs.existsSync(this.storeFile) ? (JSON.parse(fs.readFileSync(this.storeFile, "utf8")) as { resources?: Record<string, Record<string, Record<string, unknown>>> }) : {};
    const matches = Object.entries(store.resources?.[type] ?? {}).filter(([, o]) => Object.entries(key).every(([k, v]) => o[k] === v));
    if (matches.length > 1) throw new AmbiguousObjectError(`${matches.length} ${type} objects have ${describe(key)}: ${matches.map(([id]) => id).join(", ")}`);
    return matches[0]?.[0];
  }
}

export const describe = (key: NaturalKey) => Object.entries(key).map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(" and ");

/** GET with a Management API token; undefined on 404. */
type Get = (path: string) => Promise<unknown>;

/**
 * Real Auth0, through the Management API with the deploy's own credentials
 * (AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET), read-only: one or two GETs per
 * object (organizations by name, clients listed by name, client grants by client and
 * audience, an organization's members and client grants, roles by name filter,
 * connections by name, resource servers by identifier). Associations whose parent
 * exists are imported by their composite id.
 */
export class ManagementApiFinder implements Auth0Finder {
  constructor(private readonly get: Get) {}

  static fromEnv(env: NodeJS.ProcessEnv, fetchFn: typeof fetch = fetch): ManagementApiFinder {
    const { AUTH0_DOMAIN: domain, AUTH0_CLIENT_ID: clientId, AUTH0_CLIENT_SECRET: secret } = env;
    if (!domain || !clientId || !secret) throw new Error("AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET must be set (the deploy credential) to look objects up in Auth0");
    const base = domain.startsWith("http") ? domain.replace(/\/$/, "") : `https://${domain}`;
    let token: Promise<string> | undefined;
    const getToken = async () => {
      const res = await fetchFn(`${base}/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ grant_type: "client_credentials", client_id: clientId, client_secret: secret, audience: `${base}/api/v2/` }),
      });
      if (!res.ok) throw new Error(`Auth0 refused the client credentials: ${res.status} ${res.statusText}`);
      return ((await res.json()) as { access_token: string }).access_token;
    };
    return new ManagementApiFinder(async (p) => {
      token ??= getToken();
      const res = await fetchFn(`${base}/api/v2/${p}`, { headers: { authorization: `Bearer ${await token}` } });
      if (res.status === 404) return undefined;
      if (!res.ok) throw new Error(`GET /api/v2/${p}: ${res.status} ${res.statusText}`);
      return res.json();
    });
  }

  async find(type: string, key: NaturalKey): Promise<string | undefined> {
    const q = encodeURIComponent;
    const one = <T>(list: T[], what: string): T | undefined => {
      if (list.length > 1) throw new AmbiguousObjectError(`${list.length} ${type} objects have ${what}`);
      return list[0];
    };
    switch (type) {
      case "auth0_organization":
        return ((await this.get(`organizations/name/${q(key.name)}`)) as { id?: string } | undefined)?.id;
      case "auth0_client":
        return one(await this.pages<{ client_id: string; name: string }>("clients?fields=client_id,name&include_fields=true", "clients", (c) => c.name === key.name), describe(key))?.client_id;
      case "auth0_client_grant":
        return one((await this.get(`client-grants?client_id=${q(key.client_id)}&audience=${q(key.audience)}`)) as Array<{ id: string }>, describe(key))?.id;
      case "auth0_resource_server":
        return ((await this.get(`resource-servers/${q(key.identifier)}`)) as { id?: string } | undefined)?.id;
      case "auth0_role":
        return one(await this.pages<{ id: string; name: string }>(`roles?name_filter=${q(key.name)}`, "roles", (r) => r.name === key.name), describe(key))?.id;
      case "auth0_connection":
        return one(((await this.get(`connections?name=${q(key.name)}`)) as Array<{ id: string }> | undefined) ?? [], describe(key))?.id;
      case "auth0_organization_member":
      case "auth0_organization_member_roles": {
        const members = await this.pages<{ user_id: string }>(`organizations/${q(key.organization_id)}/members?fields=user_id`, "members", (m) => m.user_id === key.user_id);
        return members.length ? `${key.organization_id}::${key.user_id}` : undefined;
      }
      case "auth0_organization_client_grant": {
        const grants = await this.pages<{ id: string }>(`organizations/${q(key.organization_id)}/client-grants`, "client_grants", (g) => g.id === key.grant_id);
        return grants.length ? `${key.organization_id}::${key.grant_id}` : undefined;
      }
      case "auth0_organization_connections":
        return key.organization_id;
      case "auth0_client_credentials":
        return key.client_id;
      case "auth0_resource_server_scopes":
        return key.resource_server_identifier;
      case "auth0_role_permissions":
        return key.role_id;
      case "auth0_connection_clients":
        return key.connection_id;
      default:
        return undefined;
    }
  }

  /** Every page of a list endpoint (page/per_page/include_totals), filtered. */
  private async pages<T>(path: string, field: string, keep: (item: T) => boolean): Promise<T[]> {
    const found: T[] = [];
    for (let page = 0; ; page++) {
      const body = (await this.get(`${path}${path.includes("?") ? "&" : "?"}page=${page}&per_page=100&include_totals=true`)) as Record<string, unknown> | unknown[] | undefined;
      const items = (Array.isArray(body) ? body : ((body?.[field] as T[] | undefined) ?? [])) as T[];
      found.push(...items.filter(keep));
      if (items.length < 100) return found;
    }
  }
}
