import * as path from "path";
import { ConfigError, errors, JsonPath } from "../errors";
import { isOrganizationName } from "../model/auth0-limits";
import type { TenantFileData } from "../model/tenant-file";
import { Member, memberAddressKey, Platform, Tenant, tenantStackName } from "../model/types";
import { duplicateErrors } from "./duplicates";
import { enterpriseRuleErrors } from "./enterprise-rules";
import { sortBy } from "./platform-rules";
import { TenantRuleViewData } from "./tenant-rule-view";

type MemberIdentity = { readonly userId?: string; readonly email?: string };
type MemberView = MemberIdentity & { readonly connection?: string };

/**
 * Rules a tenant file must meet against the platform file: references, duplicates, Auth0
 * combinations. They read a lenient view of the file, so a value of the wrong shape is
 * skipped here (the schema reports it) rather than hiding every other problem.
 */
export function tenantRuleErrors(file: string, data: TenantRuleViewData, platform: Platform): ConfigError[] {
  const expectedName = path.basename(file, ".json");
  const roleKeys = platform.roles.map((r) => r.key);
  const connections = new Map(platform.connections.map((c) => [c.name, c]));
  const scopes = platform.api.scopes.map((s) => s.value);
  const linkedConnections = data.connections.flatMap((link) => (link?.name === undefined ? [] : [link.name]));
  // Entries of the wrong shape are undefined in the view: the schema has reported them.
  const each = <T, R>(items: readonly (T | undefined)[], check: (item: T, index: number) => R[]) =>
    items.flatMap((item, index) => (item === undefined ? [] : check(item, index)));

  return [
    ...(data.name === undefined || data.name === expectedName ? [] : [errors.nameMismatch(file, data.name, expectedName, isOrganizationName(data.name))]),

    ...duplicateErrors(file, data.connections, (c) => c?.name, (i) => ["connections", i, "name"], "connection"),
    ...each(data.connections, (link, i) => {
      const at = ["connections", i];
      if (link.name === undefined) return [];
      const connection = connections.get(link.name);
      if (!connection) return [errors.unknownReference(file, [...at, "name"], "connection", link.name, [...connections.keys()], platform.file)];
      if (!link.signupEnabled) return [];
      if (connection.strategy !== "auth0") return [errors.signupNeedsDatabase(file, at, link.name, connection.strategy)];
      return link.assignMembershipOnLogin ? [] : [errors.signupNeedsMembership(file, at)];
    }),

    ...each(data.members, (member, i) =>
      (member.userId === undefined) === (member.email === undefined)
        ? [errors.memberIdentity(file, ["members", i], { userId: member.userId, email: member.email })]
        : [],
    ),
    ...each(data.members, (member, i) => memberConnectionErrors(file, ["members", i], member, linkedConnections)),
    // Identities compare, not addresses: emails case-insensitively, user ids exactly.
    ...duplicateErrors(file, data.members, (m) => m && memberKey(m), (i) => ["members", i], "member"),
    ...each(data.members, (member, m) => [
      ...duplicateErrors(file, member.roles, (r) => r, (i) => ["members", m, "roles", i], "role"),
      ...each(member.roles, (role, r) =>
        roleKeys.includes(role) ? [] : [errors.unknownReference(file, ["members", m, "roles", r], "role", role, roleKeys, platform.file)],
      ),
    ]),

    ...duplicateErrors(file, data.agents, (a) => a?.name, (i) => ["agents", i, "name"], "agent"),
    ...each(data.agents, (agent, a) => [
      ...duplicateErrors(file, agent.scopes, (s) => s, (i) => ["agents", a, "scopes", i], "scope"),
      ...each(agent.scopes, (scope, s) => (scopes.includes(scope) ? [] : [errors.scopeNotOnApi(file, ["agents", a, "scopes", s], scope, scopes)])),
    ]),

    ...enterpriseRuleErrors(file, data, platform),
  ];
}

/**
 * A member found by email is looked up in one connection: the same email in two connections
 * (a database and Google) is two users, and the provider fails the plan when its query
 * finds more than one. With one linked connection that one is used; with more, the file says.
 */
function memberConnectionErrors(file: string, at: JsonPath, member: MemberView, linked: readonly string[]): ConfigError[] {
  if (member.connection !== undefined) {
    if (member.email === undefined) return [errors.memberConnectionWithoutEmail(file, [...at, "connection"], member.connection)];
    return linked.includes(member.connection) ? [] : [errors.memberConnectionNotLinked(file, [...at, "connection"], member.connection, linked)];
  }
  return member.email !== undefined && member.userId === undefined && linked.length > 1 ? [errors.memberConnectionNeeded(file, at, member.email, linked)] : [];
}

/** Two files that describe the same organization. */
export function duplicateTenantErrors(tenants: readonly Tenant[]): ConfigError[] {
  const seen = new Map<string, string>();
  return tenants.flatMap((tenant) => {
    const other = seen.get(tenant.name);
    if (other === undefined) {
      seen.set(tenant.name, tenant.file);
      return [];
    }
    return [errors.duplicateTenant(tenant.file, tenant.name, other)];
  });
}

export function toTenant(file: string, data: TenantFileData): Tenant {
  const { $schema: _schema, ...rest } = data;
  const linked = data.connections.map((c) => c.name);
  const members: Member[] = data.members.map((m) => {
    // Stryker disable next-line StringLiteral: validation lets only members with a user id or an email reach the model, so there is always a key
    const key = memberKey(m) ?? "";
    // Validation made sure a member given by email names its connection when the tenant links several.
    const connection = m.email === undefined ? undefined : (m.connection ?? (linked.length === 1 ? linked[0] : undefined));
    return { ...m, key, addressKey: memberAddressKey(key), connection, roles: [...m.roles].sort() };
  });
  return {
    ...rest,
    file,
    stackName: tenantStackName(data.name),
    metadata: Object.fromEntries(sortBy(Object.entries(data.metadata), ([key]) => key)),
    connections: sortBy(data.connections, (c) => c.name),
    members: sortBy(members, (m) => m.addressKey),
    agents: sortBy(data.agents, (a) => a.name).map((a) => ({ ...a, scopes: [...a.scopes].sort() })),
    discoveryDomains: sortBy(data.discoveryDomains, (d) => d.domain),
  };
}

function memberKey(member: MemberIdentity): string | undefined {
  return member.userId ?? member.email?.toLowerCase();
}
