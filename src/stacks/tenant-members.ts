import { Construct } from "constructs";
import { DataAuth0User } from "../../.gen/providers/auth0/data-auth0-user";
import { Organization } from "../../.gen/providers/auth0/organization";
import { OrganizationMember } from "../../.gen/providers/auth0/organization-member";
import { OrganizationMemberRoles } from "../../.gen/providers/auth0/organization-member-roles";
import { Member, readableAddressKey } from "../model/types";
import { PlatformOutputs } from "./platform-outputs";

/**
 * Members are appended (`auth0_organization_member`), so people added to the organization
 * by hand are left alone. The roles of a member this file manages are exactly the roles
 * listed (`auth0_organization_member_roles`), so removing a role here removes it in Auth0.
 *
 * Until 2026-11 a member's addresses had no hash suffix, so distinct emails such as
 * `a.b@x.example` and `a+b@x.example` shared one. A `moved` block per resource carries state
 * written under the former address over to the new one; without it Terraform would delete
 * and re-create each membership, and deleting the former one after creating the new one
 * removes the user from the organization (Auth0 has one membership per user). A `moved`
 * block whose former address is not in state does nothing.
 */
export function addMembers(scope: Construct, organization: Organization, members: readonly Member[], platform: PlatformOutputs): void {
  for (const member of members) {
    const id = `member-${member.addressKey}`;
    const formerId = `member-${readableAddressKey(member.key)}`;
    const userId = member.userId ?? lookUpByEmail(scope, member).id;
    const membership = new OrganizationMember(scope, id, { organizationId: organization.id, userId });
    membership.moveFromId(`${OrganizationMember.tfResourceType}.${formerId}`);
    if (member.roles.length === 0) continue;
    const roles = new OrganizationMemberRoles(scope, `${id}-roles`, {
      organizationId: organization.id,
      // Through the membership, so roles are assigned only once the user is a member.
      userId: membership.userId,
      roles: member.roles.map((role) => platform.roleId(role)),
    });
    roles.moveFromId(`${OrganizationMemberRoles.tfResourceType}.${formerId}-roles`);
  }
}

/**
 * The same email in two connections is two Auth0 users, and the data source fails the plan
 * when its query finds more than one ("Further improve the query to retrieve a single user"),
 * so the lookup is restricted to the member's connection (Auth0 user search syntax:
 * `identities.connection`). Emails and connection names are validated: neither holds a quote.
 */
function lookUpByEmail(scope: Construct, member: Member): DataAuth0User {
  return new DataAuth0User(scope, `user-${member.addressKey}`, {
    // Auth0 keeps emails in lowercase; the key is the lowercased email. Validation gives every
    // member found by email its connection (the one named, or the tenant's only one).
    query: `email:"${member.key}" AND identities.connection:"${member.connection}"`,
    // The lookup only needs the id; roles and permissions would cost paginated API calls.
    skipRoles: true,
    skipPermissions: true,
  });
}
