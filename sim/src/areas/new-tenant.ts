// What a new Auth0 tenant already holds before anything is applied: the
// Username-Password-Authentication database connection and the "Default App" client,
// with the connection enabled for that client.
//
// Evidence: the provider's acceptance tests create users in Username-Password-Authentication
// without ever creating it (TestAccOrganizationMembers.yaml, TestAccDataSourceUser.yaml),
// and its options are what Auth0 answers for a new database connection
// (TestAccOrganization.yaml, POST /api/v2/connections). Evidence missing: no recording
// shows the Default App or the connection's enabled clients on a new tenant; they follow
// Auth0's sign-up flow as the issue (#11) describes it. Ids are fixed so that every
// provider process reading a not-yet-saved store sees the same tenant.
import type { JsonObject } from "../store";

export const DEFAULT_CONNECTION_ID = "con_NewTenantDefault";
export const DEFAULT_CONNECTION_NAME = "Username-Password-Authentication";
export const DEFAULT_APP_CLIENT_ID = "NewTenantDefaultAppClientId00000";

export function newTenantResources(): Record<string, Record<string, JsonObject>> {
  return {
    auth0_connection: {
      [DEFAULT_CONNECTION_ID]: {
        id: DEFAULT_CONNECTION_ID,
        name: DEFAULT_CONNECTION_NAME,
        strategy: "auth0",
        is_domain_connection: false,
        realms: [DEFAULT_CONNECTION_NAME],
        options: [{ password_policy: "good", brute_force_protection: true, strategy_version: 2 }],
      },
    },
    auth0_client: {
      [DEFAULT_APP_CLIENT_ID]: {
        id: DEFAULT_APP_CLIENT_ID,
        client_id: DEFAULT_APP_CLIENT_ID,
        name: "Default App",
        is_first_party: true,
        oidc_conformant: false,
        grant_types: ["authorization_code", "implicit", "refresh_token", "client_credentials"],
        jwt_configuration: [{ secret_encoded: false, lifetime_in_seconds: 36000 }],
      },
    },
    auth0_connection_clients: {
      [DEFAULT_CONNECTION_ID]: { id: DEFAULT_CONNECTION_ID, connection_id: DEFAULT_CONNECTION_ID, enabled_clients: [DEFAULT_APP_CLIENT_ID] },
    },
  };
}
