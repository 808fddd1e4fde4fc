/**
 * Names of the Terraform variables that carry secrets into tenant stacks. CI sets them as
 * `TF_VAR_<name>` from its secret store; they are never in a file. Names use only
 * lowercase letters, digits and `_`, so they are valid shell and GitHub secret names; two
 * tenants whose names differ only in `-` versus `_` would share one, which validation
 * reports (`src/validate/fleet-rules.ts`).
 */
const safe = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, "_");

/** The client secret of a tenant's OIDC, Okta or Entra ID connection. */
export const ssoClientSecretVariable = (tenantName: string): string => `sso_client_secret_${safe(tenantName)}`;

/** The write-only client secret of an agent with `secretVersion`. */
export const agentClientSecretVariable = (tenantName: string, agentName: string): string => `agent_client_secret_${safe(tenantName)}_${safe(agentName)}`;
