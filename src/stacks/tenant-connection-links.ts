import { Construct } from "constructs";
import { Organization } from "../../.gen/providers/auth0/organization";
import { OrganizationConnection } from "../../.gen/providers/auth0/organization-connection";
import { OrganizationConnections } from "../../.gen/providers/auth0/organization-connections";
import type { Tenant } from "../model/types";
import { ForgetWithoutDestroying } from "./removed-block";

/** One connection the organization is linked to, with the link's flags. */
export interface LinkSpec {
  /** Connection name: the stable key of the link's construct id. */
  readonly name: string;
  readonly connectionId: string;
  readonly assignMembershipOnLogin: boolean;
  readonly showAsButton: boolean;
  readonly signupEnabled: boolean;
}

const EXCLUSIVE_ID = "connections";
const linkId = (name: string) => `link-${name}`;
// An organization's logins are what customers lose if a link goes by accident.
const guarded = { preventDestroy: true };

/**
 * The organization's connection links, in the tenant's mode:
 * - exclusive (default): one `auth0_organization_connections` holding exactly the listed
 *   links; a link made elsewhere is removed on the next apply.
 * - additive: one `auth0_organization_connection` per listed link; links made elsewhere
 *   (self-service SSO) are never read nor touched.
 * In the change that switches an existing organization (`connectionLinksSwitchedFrom`),
 * Terraform forgets the old resources without destroying them (`removed`, destroy =
 * false) and imports the links into the new ones, so no listed link is ever unlinked.
 */
export function addConnectionLinks(scope: Construct, tenant: Tenant, organization: Organization, links: readonly LinkSpec[]): void {
  const adoptedOrganization = tenant.import?.organizationId;
  const switching = tenant.connectionLinksSwitchedFrom !== undefined;

  if (tenant.connectionLinks === "exclusive") {
    const connections = new OrganizationConnections(scope, EXCLUSIVE_ID, {
      lifecycle: guarded,
      organizationId: organization.id,
      enabledConnections: links.map((link) => ({
        connectionId: link.connectionId,
        assignMembershipOnLogin: link.assignMembershipOnLogin,
        showAsButton: link.showAsButton,
        isSignupEnabled: link.signupEnabled,
      })),
    });
    // The exclusive resource is imported by the organization id.
    if (adoptedOrganization) connections.importFrom(adoptedOrganization);
    if (switching) {
      connections.importFrom(organization.id);
      for (const link of links) new ForgetWithoutDestroying(scope, `${linkId(link.name)}-forgotten`, `auth0_organization_connection.${linkId(link.name)}`);
    }
    return;
  }

  for (const link of links) {
    const created = new OrganizationConnection(scope, linkId(link.name), {
      lifecycle: guarded,
      organizationId: organization.id,
      connectionId: link.connectionId,
      assignMembershipOnLogin: link.assignMembershipOnLogin,
      showAsButton: link.showAsButton,
      isSignupEnabled: link.signupEnabled,
    });
    // A singular link is imported as "<organization id>::<connection id>".
    if (adoptedOrganization) created.importFrom(`${adoptedOrganization}::${link.connectionId}`);
    if (switching) created.importFrom(`${organization.id}::${link.connectionId}`);
  }
  if (switching) new ForgetWithoutDestroying(scope, `${EXCLUSIVE_ID}-forgotten`, `auth0_organization_connections.${EXCLUSIVE_ID}`);
}
