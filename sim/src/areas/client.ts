// Clients (applications), their credentials and grants. Provider: internal/auth0/client/*.go (v1.55.0).
import { callApi } from "../engine/api";
import { newClientId, randomString } from "../engine/ids";
import { uniqueRule } from "../engine/rules";
import type { Area, Reference, TypeSpec } from "../engine/spec";
import type { JsonObject } from "../store";
import type { ObjectValue } from "../values";

const CLIENT: Reference = { type: "auth0_client", onDelete: "delete" };

/** Management API audiences exist in every tenant (https://<domain>/api/v2/). */
export const isManagementApi = (audience: string): boolean => audience.endsWith("/api/v2/");

/** What Auth0 answers to POST /api/v2/clients with only a name (TestAccClientConfig.yaml). */
const CLIENT_DEFAULTS = {
  is_first_party: true,
  is_token_endpoint_ip_header_trusted: false,
  oidc_conformant: false,
  cross_origin_authentication: false,
  custom_login_page_on: true,
  sso_disabled: false,
  grant_types: ["authorization_code", "implicit", "refresh_token", "client_credentials"],
  jwt_configuration: [{ secret_encoded: false, lifetime_in_seconds: 36000 }],
  refresh_token: [
    {
      rotation_type: "non-rotating",
      expiration_type: "non-expiring",
      leeway: 0,
      token_lifetime: 2592000,
      infinite_token_lifetime: true,
      infinite_idle_token_lifetime: true,
      idle_token_lifetime: 1296000,
    },
  ],
};

/** normalizeSubjectType in resource_grant.go: an unset subject type is "client". */
const subjectType = (o: JsonObject | ObjectValue): string => (typeof o.subject_type === "string" && o.subject_type !== "" ? o.subject_type : "client");

const clientGrant: TypeSpec = {
  source: "internal/auth0/client/resource_grant.go; TestAccClientGrant.yaml",
  id: { prefix: "cgr_" },
  references: {
    client_id: CLIENT,
    audience: { type: "auth0_resource_server", by: "identifier", builtIn: isManagementApi, onDelete: "delete" },
  },
  forceNew: ["client_id", "audience", "subject_type", "default_for"],
  serverDefaults: { subject_type: "client" },
  // createClientGrant adopts an existing grant of the same client, audience and subject
  // type (as it is: its scopes show up as an update in the next plan) instead of a 409.
  create: ({ state, world }) => {
    const existing = Object.entries(world.resources.auth0_client_grant ?? {}).find(
      ([, g]) => typeof state.client_id === "string" && g.client_id === state.client_id && g.audience === state.audience && subjectType(g) === subjectType(state),
    );
    callApi("GET", `/api/v2/client-grants?audience=${String(state.audience)}&client_id=${String(state.client_id)}`, "auth0_client_grant");
    if (existing) return { state: { ...(existing[1] as ObjectValue), id: existing[0] } };
    callApi("POST", "/api/v2/client-grants", "auth0_client_grant");
    return { state };
  },
  rules: [
    // default_for grants: "the API enforces uniqueness (409 on duplicate)" (resource_grant.go).
    ({ state, world, stored }) =>
      typeof state.default_for === "string" && state.default_for !== ""
        ? uniqueRule(["default_for", "audience"], "Client grant already exists", ([d, a]) => `A default grant for "${d}" and audience "${a}" already exists (409 Conflict).`)({ type: "auth0_client_grant", state, world, stored })
        : [],
  ],
};

/**
 * auth0_client_credentials: the write-only client_secret_wo (Terraform 1.11) reaches the
 * provider only in the configuration at apply, and is sent to Auth0 when created or when
 * client_secret_wo_version changes (TestAccClientCredentialsWriteOnlySecret.yaml); it is
 * never in the plan or the state. The secret lands on the client, as in Auth0.
 */
const clientCredentials: TypeSpec = {
  source: "internal/auth0/client/resource_credentials.go; TestAccClientCredentialsWriteOnlySecret.yaml",
  id: { parts: ["client_id"] },
  references: { client_id: CLIENT },
  forceNew: ["client_id"],
  serverDefaults: { authentication_method: "client_secret_post" },
  create: (ctx) => setSecret(ctx.config, ctx.state, null, ctx.world.resources.auth0_client?.[String(ctx.state.client_id)]),
  update: (ctx) => setSecret(ctx.config, ctx.state, ctx.prior, ctx.world.resources.auth0_client?.[String(ctx.state.client_id)]),
};

function setSecret(config: ObjectValue | null, state: ObjectValue, prior: ObjectValue | null, client: JsonObject | undefined) {
  const secret = config?.client_secret_wo;
  const changed = prior === null || prior.client_secret_wo_version !== state.client_secret_wo_version;
  callApi("PATCH", `/api/v2/clients/${String(state.client_id)}`, "auth0_client_credentials");
  if (typeof secret === "string" && changed && client) client.client_secret = secret;
  return { state };
}

export const client: Area = {
  name: "client",
  types: {
    auth0_client: {
      source: "internal/auth0/client/resource.go, expand.go; TestAccClientConfig.yaml (server defaults)",
      id: { make: (state) => (typeof state.client_id === "string" && state.client_id ? state.client_id : newClientId()) },
      forceNew: [],
      computedBlocks: ["jwt_configuration", "refresh_token"],
      serverDefaults: {
        ...CLIENT_DEFAULTS,
        "jwt_configuration.lifetime_in_seconds": 36000,
        "jwt_configuration.secret_encoded": false,
        client_secret: () => randomString(64),
      },
      // The client_id is the id; a new client gets a new one.
      derived: { client_id: (_s, _w, root) => (typeof root.id === "string" ? root.id : newClientId()) },
    },
    auth0_client_grant: clientGrant,
    auth0_client_credentials: clientCredentials,
  },
};
