import { Construct } from "constructs";
import { Client } from "../../.gen/providers/auth0/client";
import { ClientCredentials } from "../../.gen/providers/auth0/client-credentials";
import { ClientGrant } from "../../.gen/providers/auth0/client-grant";
import { Organization } from "../../.gen/providers/auth0/organization";
import { OrganizationClientGrant } from "../../.gen/providers/auth0/organization-client-grant";
import type { Agent, Platform } from "../model/types";

export interface CreatedAgent {
  readonly name: string;
  readonly client: Client;
}

/**
 * An agent is a machine-to-machine client of one organization: client-credentials only,
 * granted exactly the listed scopes on the platform API, and only for this organization.
 * No client secret is ever written by Terraform: `auth0_client` has none in its state, and
 * `private_key_jwt` agents register public keys only.
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
    if (agent.authentication.method === "private_key_jwt") {
      new ClientCredentials(scope, `${id}-credentials`, {
        clientId: client.clientId,
        authenticationMethod: "private_key_jwt",
        privateKeyJwt: {
          credentials: agent.authentication.publicKeys.map((key) => ({ name: key.name, credentialType: "public_key", pem: key.pem, algorithm: "RS256" })),
        },
      });
    }
    return { name: agent.name, client };
  });
}
