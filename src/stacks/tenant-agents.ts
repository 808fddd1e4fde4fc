import { TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { Client } from "../../.gen/providers/auth0/client";
import { ClientCredentials } from "../../.gen/providers/auth0/client-credentials";
import { ClientGrant } from "../../.gen/providers/auth0/client-grant";
import { Organization } from "../../.gen/providers/auth0/organization";
import { OrganizationClientGrant } from "../../.gen/providers/auth0/organization-client-grant";
import { agentClientSecretVariable } from "../model/secret-variables";
import type { Agent, Platform } from "../model/types";

export interface CreatedAgent {
  readonly name: string;
  readonly client: Client;
}

/**
 * An agent is a machine-to-machine client of one organization: client-credentials only,
 * granted exactly the listed scopes on the platform API, and only for this organization.
 * No client secret is ever in state or plan: `auth0_client` has none in its state,
 * `private_key_jwt` agents register public keys only, and a secret the team sets itself
 * (`secretVersion`) goes through a write-only argument from an ephemeral variable.
 */
export function addAgents(scope: Construct, tenantName: string, organization: Organization, agents: readonly Agent[], platform: Platform): CreatedAgent[] {
  return agents.map((agent) => {
    const id = `agent-${agent.name}`;
    const client = new Client(scope, id, {
      name: `${tenantName} ${agent.name}`,
      // "" rather than nothing: the provider sends only configured values, so a description
      // removed from the file would otherwise stay in Auth0.
      description: agent.description ?? "",
      appType: "non_interactive",
      grantTypes: ["client_credentials"],
      // Tokens requested without an `organization` parameter are issued for this one.
      defaultOrganization: { organizationId: organization.id, flows: ["client_credentials"] },
    });
    const grant = new ClientGrant(scope, `${id}-grant`, {
      clientId: client.clientId,
      audience: platform.api.identifier,
      scopes: [...agent.scopes],
      subjectType: "client",
      organizationUsage: "require",
      allowAnyOrganization: false,
    });
    new OrganizationClientGrant(scope, `${id}-grant-organization`, { organizationId: organization.id, grantId: grant.id });
    const auth = agent.authentication;
    if (auth.method === "private_key_jwt") {
      new ClientCredentials(scope, `${id}-credentials`, {
        clientId: client.clientId,
        authenticationMethod: "private_key_jwt",
        privateKeyJwt: {
          // Two keys live at once while rotating; each may carry its own expiry.
          credentials: auth.publicKeys.map((key) => ({ name: key.name, credentialType: "public_key", pem: key.pem, algorithm: "RS256", expiresAt: key.expiresAt })),
        },
      });
    } else if (auth.secretVersion !== undefined) {
      // Write-only (Terraform 1.11): sent to Auth0 at apply, in neither plan nor state; a new version sends it again.
      new ClientCredentials(scope, `${id}-credentials`, {
        clientId: client.clientId,
        authenticationMethod: "client_secret_post",
        clientSecretWo: agentSecretVariable(scope, tenantName, agent.name),
        clientSecretWoVersion: auth.secretVersion,
      });
    }
    return { name: agent.name, client };
  });
}

/**
 * An ephemeral variable (Terraform 1.10+): its value is not written to the plan file either,
 * so it must be set again for `terraform apply` (CI: TF_VAR_<name> from its secret store).
 * CDKTF 0.21 has no `ephemeral` option, hence the override.
 */
function agentSecretVariable(scope: Construct, tenantName: string, agentName: string): string {
  const name = agentClientSecretVariable(tenantName, agentName);
  const variable = new TerraformVariable(scope, name, {
    type: "string",
    sensitive: true,
    nullable: false,
    description: `Client secret of agent ${agentName}. Set TF_VAR_${name} in the environment (CI: a secret of that name); bump secretVersion in the tenant file to send a new one.`,
  });
  variable.addOverride("ephemeral", true);
  return variable.stringValue;
}
