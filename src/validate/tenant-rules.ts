import * as path from "path";
import { ConfigError, errors } from "../errors";
import type { TenantFileData } from "../model/tenant-file";
import { Member, memberAddressKey, Platform, Tenant, tenantStackName } from "../model/types";
import { duplicateErrors } from "./duplicates";
import { sortBy } from "./platform-rules";
import { TenantRuleViewData } from "./tenant-rule-view";

type MemberIdentity = { readonly userId?: string; readonly email?: string };

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
  // Entries of the wrong shape are undefined in the view: the schema has reported them.
  const each = <T, R>(items: readonly (T | undefined)[], check: (item: T, index: number) => R[]) =>
    items.flatMap((item, index) => (item === undefined ? [] : check(item, index)));

  return [
    ...(data.name === undefined || data.name === expectedName ? [] : [errors.nameMismatch(file, data.name, expectedName)]),

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
  ];
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
  const members: Member[] = data.members.map((m) => {
    const key = memberKey(m) ?? "";
    return { ...m, key, addressKey: memberAddressKey(key), roles: [...m.roles].sort() };
  });
  return {
    ...rest,
    file,
    stackName: tenantStackName(data.name),
    metadata: Object.fromEntries(Object.entries(data.metadata).sort(([a], [b]) => (a < b ? -1 : 1))),
    connections: sortBy(data.connections, (c) => c.name),
    members: sortBy(members, (m) => m.addressKey),
    agents: sortBy(data.agents, (a) => a.name).map((a) => ({ ...a, scopes: [...a.scopes].sort() })),
  };
}

function memberKey(member: MemberIdentity): string | undefined {
  return member.userId ?? member.email?.toLowerCase();
}
