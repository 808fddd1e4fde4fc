// Types outside the modelled areas: only the shape of their ids (prefix, or the import
// id's parts), so that state looks like Auth0's. Their values are stored as planned.
// A type that gains rules moves into an area module of its own.
import type { Area, TypeSpec } from "../engine/spec";

const PREFIXED: Record<string, string> = {
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

const COMPOSITE: Record<string, string[]> = {
  auth0_trigger_actions: ["trigger"],
  auth0_trigger_action: ["trigger", "action_id"],
  auth0_prompt_custom_text: ["prompt", "language"],
  auth0_prompt_partials: ["prompt"],
  auth0_email_template: ["template"],
  auth0_rule_config: ["key"],
};

const source = "ids only: prefixes as Auth0 issues them, composite ids as the import documentation gives";

export const other: Area = {
  name: "other",
  types: {
    ...Object.fromEntries(Object.entries(PREFIXED).map(([type, prefix]) => [type, { source, id: { prefix } } satisfies TypeSpec])),
    ...Object.fromEntries(Object.entries(COMPOSITE).map(([type, parts]) => [type, { source, id: { parts } } satisfies TypeSpec])),
    auth0_custom_domain_default: { source, id: { make: () => "custom_domain_default" } },
  },
};
