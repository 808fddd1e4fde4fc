// Identifiers in the shapes Auth0 uses, and the id each resource type gets in state
// (association resources use the composite ids their import documentation gives).
import * as crypto from "crypto";
import type { ObjectValue } from "./values";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function randomString(length: number, alphabet = ALNUM): string {
  const bytes = crypto.randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

export function randomHex(length: number): string {
  return crypto
    .randomBytes(Math.ceil(length / 2))
    .toString("hex")
    .slice(0, length);
}

export const newClientId = (): string => randomString(32);

/** Types whose id is a prefix and 16 alphanumerics, as Auth0 issues them. */
const PREFIXED: Record<string, string> = {
  auth0_organization: "org_",
  auth0_connection: "con_",
  auth0_role: "rol_",
  auth0_client_grant: "cgr_",
  auth0_rule: "rul_",
  auth0_log_stream: "lst_",
  auth0_custom_domain: "cd_",
  auth0_event_stream: "est_",
  auth0_phone_provider: "pro_",
  auth0_connection_profile: "cop_",
  auth0_self_service_profile: "ssp_",
  auth0_token_exchange_profile: "tep_",
  auth0_rate_limit_policy: "rlp_",
  auth0_branding_phone_notification_template: "tem_",
  auth0_form: "ap_",
  auth0_flow: "af_",
  auth0_flow_vault_connection: "ac_",
};

/** Association types: the id joins these attributes with "::" (see the import docs). */
export const COMPOSITE_ID: Record<string, string[]> = {
  auth0_organization_member: ["organization_id", "user_id"],
  auth0_organization_member_roles: ["organization_id", "user_id"],
  auth0_organization_member_role: ["organization_id", "user_id", "role_id"],
  auth0_organization_members: ["organization_id"],
  auth0_organization_connections: ["organization_id"],
  auth0_organization_connection: ["organization_id", "connection_id"],
  auth0_organization_client_grant: ["organization_id", "grant_id"],
  auth0_organization_client: ["organization_id", "client_id"],
  auth0_organization_clients: ["organization_id"],
  auth0_client_credentials: ["client_id"],
  auth0_connection_clients: ["connection_id"],
  auth0_connection_client: ["connection_id", "client_id"],
  auth0_connection_scim_configuration: ["connection_id"],
  auth0_connection_directory: ["connection_id"],
  auth0_connection_directory_synchronized_groups: ["connection_id"],
  auth0_resource_server_scopes: ["resource_server_identifier"],
  auth0_resource_server_scope: ["resource_server_identifier", "scope"],
  auth0_role_permissions: ["role_id"],
  auth0_role_permission: ["role_id", "resource_server_identifier", "permission"],
  auth0_user_roles: ["user_id"],
  auth0_user_role: ["user_id", "role_id"],
  auth0_user_permissions: ["user_id"],
  auth0_user_permission: ["user_id", "resource_server_identifier", "permission"],
  auth0_trigger_actions: ["trigger"],
  auth0_trigger_action: ["trigger", "action_id"],
  auth0_prompt_custom_text: ["prompt", "language"],
  auth0_prompt_partials: ["prompt"],
  auth0_email_template: ["template"],
  auth0_rule_config: ["key"],
};

/** The id of a new object of this type; `state` holds its (already completed) attributes. */
export function idFor(type: string, state: ObjectValue): string {
  const parts = COMPOSITE_ID[type];
  if (parts && parts.every((p) => typeof state[p] === "string" && state[p] !== "")) {
    return parts.map((p) => state[p] as string).join("::");
  }
  const prefix = PREFIXED[type];
  if (prefix) return prefix + randomString(16);
  switch (type) {
    case "auth0_client":
      return typeof state.client_id === "string" && state.client_id ? state.client_id : newClientId();
    case "auth0_resource_server":
      return randomHex(24);
    case "auth0_user":
      return typeof state.user_id === "string" && state.user_id ? state.user_id : `auth0|${randomHex(24)}`;
    case "auth0_custom_domain_default":
      return "custom_domain_default";
    default:
      return crypto.randomUUID();
  }
}
