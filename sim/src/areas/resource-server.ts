// APIs (resource servers) and their scopes. Provider: internal/auth0/resourceserver/*.go (v1.55.0).
import { newClientId } from "../engine/ids";
import { randomHex } from "../engine/ids";
import { exclusiveGuard, uniqueRule } from "../engine/rules";
import type { Area, Reference } from "../engine/spec";
import type { JsonObject, World } from "../store";
import { isObject, type Value } from "../values";

const API: Reference = { type: "auth0_resource_server", by: "identifier", onDelete: "delete" };

/** The scopes an API defines, whichever resource defined them (GET /resource-servers/{id}: scopes). */
export function scopesOf(world: World, identifier: string): JsonObject[] {
  const scopes: JsonObject[] = [];
  for (const s of Object.values(world.resources.auth0_resource_server_scopes ?? {})) {
    if (s.resource_server_identifier === identifier && Array.isArray(s.scopes)) scopes.push(...(s.scopes.filter(isObject) as JsonObject[]));
  }
  for (const s of Object.values(world.resources.auth0_resource_server_scope ?? {})) {
    if (s.resource_server_identifier === identifier && !scopes.some((x) => x.name === s.scope)) scopes.push({ name: s.scope, description: s.description ?? "" });
  }
  return scopes;
}

const scopeList = (v: Value | undefined) => (Array.isArray(v) ? v.filter(isObject).map((s) => ({ value: s.name, description: s.description ?? "" })) : []);

export const resourceServer: Area = {
  name: "resource server",
  types: {
    auth0_resource_server: {
      source: "internal/auth0/resourceserver/resource.go (identifier ForceNew); TestAccResourceServer.yaml (server defaults)",
      id: { make: () => randomHex(24) },
      forceNew: ["identifier"],
      serverDefaults: {
        allow_offline_access: false,
        skip_consent_for_verifiable_first_party_clients: false,
        token_lifetime: 86400,
        token_lifetime_for_web: 7200,
        signing_alg: "RS256",
        client_id: () => newClientId(),
      },
      rules: [
        // Evidence missing: no recording holds Auth0's 409 for a duplicate identifier; the text is ours.
        uniqueRule(["identifier"], "Resource server already exists", ([identifier]) => `A resource server with identifier "${identifier}" already exists (409 Conflict).`),
      ],
    },
    auth0_resource_server_scopes: {
      source: "internal/auth0/resourceserver/resource_scopes.go; TestAccResourceServerScopes.yaml",
      id: { parts: ["resource_server_identifier"] },
      references: { resource_server_identifier: API },
      forceNew: ["resource_server_identifier"],
      read: (world, id, stored) =>
        stored || Object.values(world.resources.auth0_resource_server ?? {}).some((rs) => rs.identifier === id)
          ? { ...(stored ?? { resource_server_identifier: id }), id, scopes: scopesOf(world, id) }
          : undefined,
      create: ({ state, world }) => {
        const id = String(state.resource_server_identifier);
        const refused = exclusiveGuard(scopeList(scopesOf(world, id) as Value), scopeList(state.scopes), {
          summary: "Resource Server with non empty scopes",
          holder: "resource server",
          entries: "scopes",
          type: "auth0_resource_server_scopes",
          id,
        });
        return refused.length > 0 ? { diagnostics: refused } : { state: { ...state, id } };
      },
      // deleteResourceServerScopes sets the API's scopes to [] : every scope goes, also those defined elsewhere.
      remove: (world, id) => {
        for (const [key, s] of Object.entries(world.resources.auth0_resource_server_scope ?? {})) {
          if (s.resource_server_identifier === id) delete world.resources.auth0_resource_server_scope[key];
        }
      },
    },
    auth0_resource_server_scope: {
      source: "internal/auth0/resourceserver/resource_scope.go",
      id: { parts: ["resource_server_identifier", "scope"] },
      references: { resource_server_identifier: API },
      forceNew: ["resource_server_identifier", "scope"],
    },
  },
};
