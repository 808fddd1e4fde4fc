import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { Organization } from "../../.gen/providers/auth0/organization";
import { OrganizationConnections } from "../../.gen/providers/auth0/organization-connections";
import { Auth0Provider } from "../../.gen/providers/auth0/provider";
import type { Platform, Tenant } from "../model/types";
import { PlatformOutputs } from "./platform-outputs";
import { StateBackend } from "./state-backend";
import { addAgents } from "./tenant-agents";
import { addMembers } from "./tenant-members";

export interface TenantStackProps {
  readonly tenant: Tenant;
  readonly platform: Platform;
  readonly backend: StateBackend;
}

/**
 * One customer: its organization, the platform connections it may log in with, its
 * members with their roles, and its agents. Construct ids come from stable keys (connection
 * name, member id or email, agent name), never from positions in the file.
 */
export class TenantStack extends TerraformStack {
  constructor(scope: Construct, props: TenantStackProps) {
    const { tenant, platform, backend } = props;
    super(scope, tenant.stackName);
    backend.attach(this, tenant.stackName);
    new Auth0Provider(this, "auth0");
    // Read also when decommissioned: the plan then knows which role and connection each id is,
    // so the plan summary names what a decommission removes instead of showing ids.
    const platformState = backend.readPlatform(this, "platform");
    // Decommissioned: no resources, so the next apply destroys what the state holds.
    if (tenant.status === "decommissioned") return;
    const platformOutputs = new PlatformOutputs(platformState);
    // An organization and its logins are what customers lose if they go by accident.
    const guarded = { preventDestroy: true };

    const { branding, tokenQuota } = tenant;
    const organization = new Organization(this, "organization", {
      lifecycle: guarded,
      name: tenant.name,
      displayName: tenant.displayName,
      metadata: Object.keys(tenant.metadata).length ? tenant.metadata : undefined,
      branding: branding && {
        logoUrl: branding.logoUrl,
        colors: branding.colors && {
          primary: branding.colors.primary,
          // A map, not a block: its keys are Auth0's own names.
          ...(branding.colors.pageBackground && { page_background: branding.colors.pageBackground }),
        },
      },
      tokenQuota: tokenQuota && {
        clientCredentials: {
          perDay: tokenQuota.clientCredentials.perDay,
          perHour: tokenQuota.clientCredentials.perHour,
          enforce: tokenQuota.clientCredentials.enforce,
        },
      },
    });

    // Exclusive: a connection removed from the file is unlinked in Auth0.
    const connections = new OrganizationConnections(this, "connections", {
      lifecycle: guarded,
      organizationId: organization.id,
      enabledConnections: tenant.connections.map((link) => ({
        connectionId: platformOutputs.connectionId(link.name),
        assignMembershipOnLogin: link.assignMembershipOnLogin,
        showAsButton: link.showAsButton,
        isSignupEnabled: link.signupEnabled,
      })),
    });

    if (tenant.import) {
      // Adopt the existing organization and its connection links (both imported by the org id).
      organization.importFrom(tenant.import.organizationId);
      connections.importFrom(tenant.import.organizationId);
    }

    addMembers(this, organization, tenant.members, platformOutputs);
    const agents = addAgents(this, tenant.name, organization, tenant.agents, platform);

    new TerraformOutput(this, "organization_id", { value: organization.id });
    if (agents.length > 0) {
      new TerraformOutput(this, "agent_client_ids", {
        value: Object.fromEntries(agents.map(({ name, client }) => [name, client.clientId])),
        description: "Client id of each agent, by agent name (not secret).",
      });
    }
  }

  /**
   * CDKTF resolves every element once more before synthesis only to find cross-stack token
   * references. A tenant stack reads the platform through its remote state and never holds
   * such a reference, so that pass finds nothing: skipping it saves a third of synth time
   * for a large fleet. A cross-stack reference added by mistake would be written as a
   * reference to a resource the stack does not declare, which the invariant tests and
   * `terraform validate` (npm run test:e2e) reject.
   */
  prepareStack(): void {
    this.ensureBackendExists();
  }
}
