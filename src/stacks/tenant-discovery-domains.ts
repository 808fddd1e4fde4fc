import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { Organization } from "../../.gen/providers/auth0/organization";
import { OrganizationDiscoveryDomain } from "../../.gen/providers/auth0/organization-discovery-domain";
import { readableAddressKey, type Tenant } from "../model/types";

/** Output with, per domain, the DNS TXT record the customer publishes to prove they own it. */
export const DISCOVERY_DOMAIN_OUTPUT = "discovery_domain_verification";

/**
 * Home realm discovery: each of the customer's email domains routes its users to this
 * organization once verified. Auth0 issues a TXT record per domain (`verification_host`,
 * `verification_txt`, recording TestAccOrganizationDiscoveryDomain); the stack outputs
 * them so the customer can be told what to publish. Only a verified domain is used for
 * discovery: a pending one must not route anybody's users.
 */
export function addDiscoveryDomains(scope: Construct, tenant: Tenant, organization: Organization): void {
  if (tenant.discoveryDomains.length === 0) return;
  const records = tenant.discoveryDomains.map((d) => {
    // Unique as it stands: a domain has no "_", so only its dots become "_".
    const domain = new OrganizationDiscoveryDomain(scope, `discovery-domain-${readableAddressKey(d.domain)}`, {
      organizationId: organization.id,
      domain: d.domain,
      status: d.status,
      useForOrganizationDiscovery: d.status === "verified",
    });
    return [d.domain, { txt_record_host: domain.verificationHost, txt_record_value: domain.verificationTxt, status: d.status }] as const;
  });
  new TerraformOutput(scope, DISCOVERY_DOMAIN_OUTPUT, {
    value: Object.fromEntries(records),
    description: "Per discovery domain: the DNS TXT record (host and value) the customer publishes, and the status in the file.",
  });
}
