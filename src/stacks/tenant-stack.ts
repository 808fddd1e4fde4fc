import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { Organization } from "../../.gen/providers/auth0/organization";
import { Auth0Provider } from "../../.gen/providers/auth0/provider";
import type { Platform, Tenant } from "../model/types";
import { PlatformOutputs } from "./platform-outputs";
import { prepareWithoutCrossStackPass } from "./skip-cross-stack-pass";
import { StateBackend } from "./state-backend";
import { addAgents } from "./tenant-agents";
import { addConnectionLinks } from "./tenant-connection-links";
import { addDiscoveryDomains } from "./tenant-discovery-domains";
import { addEnterpriseConnection } from "./tenant-enterprise-connection";
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
      // Always written, `{}` too: the provider sends only what the configuration holds and
      // Auth0 replaces the whole map, so `{}` is how keys removed from the file leave Auth0
      // (recording TestAccOrganization.yaml); an absent map would keep them for ever.
      metadata: tenant.metadata,
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

    // Adopt the existing organization (its links are imported in addConnectionLinks).
    if (tenant.import) organization.importFrom(tenant.import.organizationId);

    const enterpriseLink = addEnterpriseConnection(this, tenant, platformOutputs);
    const platformLinks = tenant.connections.map((link) => ({ ...link, connectionId: platformOutputs.connectionId(link.name) }));
    addConnectionLinks(this, tenant, organization, enterpriseLink ? [...platformLinks, enterpriseLink] : platformLinks);
    addDiscoveryDomains(this, tenant, organization);
    if (!branding) warnOfUnmanagedBranding(this, organization, tenant);

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

  /** Skips CDKTF's cross-stack reference pass: a tenant stack holds no such reference (see the module). */
  // Stryker disable next-line BlockStatement: the constructor attaches a backend, so the only step kept (ensure one exists) does nothing; without it the output is the same.
  override prepareStack(): void {
    prepareWithoutCrossStackPass(this);
  }
}

/**
 * `branding` is Optional + Computed in the provider: without it in the configuration the
 * provider sends nothing and the plan keeps whatever Auth0 has, so branding removed from the
 * file (or set by hand) stays in Auth0 and no plan shows it. A check block makes every plan
 * of such a tenant warn, from the refreshed state, at no extra API call.
 */
function warnOfUnmanagedBranding(stack: TerraformStack, organization: Organization, tenant: Tenant): void {
  const address = `${organization.terraformResourceType}.${organization.friendlyUniqueId}`;
  stack.addOverride("check.organization_branding", {
    assert: [
      {
        condition: `\${length(${address}.branding) == 0}`,
        error_message:
          `${tenant.name}.json sets no branding, but organization "${tenant.name}" has branding in Auth0, which the auth0 provider cannot remove. ` +
          `Remove the logo and colours in the Auth0 dashboard (Organizations > ${tenant.name} > Branding), or write them into the file to manage them.`,
      },
    ],
  });
}
