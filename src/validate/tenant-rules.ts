import * as path from "path";
import { ConfigError, errors } from "../errors";
import type { TenantFileData } from "../model/tenant-file";
import { addressKey, Member, Platform, Tenant, tenantStackName } from "../model/types";
import { duplicateErrors } from "./duplicates";
import { sortBy } from "./platform-rules";

type FileMember = TenantFileData["members"][number];

/** Rules a tenant file must meet against the platform file: references, duplicates, Auth0 combinations. */
export function tenantRuleErrors(file: string, data: TenantFileData, platform: Platform): ConfigError[] {
  const expectedName = path.basename(file, ".json");
  const roleKeys = platform.roles.map((r) => r.key);
  const connections = new Map(platform.connections.map((c) => [c.name, c]));
  const scopes = platform.api.scopes.map((s) => s.value);

  return [
    ...(data.name === expectedName ? [] : [errors.nameMismatch(file, data.name, expectedName)]),

    ...duplicateErrors(file, data.connections, (c) => c.name, (i) => ["connections", i, "name"], "connection"),
    ...data.connections.flatMap((link, i) => {
      const at = ["connections", i];
      const connection = connections.get(link.name);
      if (!connection) return [errors.unknownReference(file, [...at, "name"], "connection", link.name, [...connections.keys()], platform.file)];
      if (!link.signupEnabled) return [];
      if (connection.strategy !== "auth0") return [errors.signupNeedsDatabase(file, at, link.name, connection.strategy)];
      return link.assignMembershipOnLogin ? [] : [errors.signupNeedsMembership(file, at)];
    }),

    ...data.members.flatMap((member, i) =>
      member.userId !== undefined && member.email !== undefined
        ? [errors.memberIdentity(file, ["members", i], { userId: member.userId, email: member.email })]
        : member.userId === undefined && member.email === undefined
          ? [errors.memberIdentity(file, ["members", i], member)]
          : [],
    ),
    // Two keys that differ only in characters a Terraform address cannot hold would share one address.
    ...duplicateErrors(file, data.members, (m) => memberAddressKey(m), (i) => ["members", i], "member"),
    ...data.members.flatMap((member, m) => [
      ...duplicateErrors(file, member.roles, (r) => r, (i) => ["members", m, "roles", i], "role"),
      ...member.roles.flatMap((role, r) =>
        roleKeys.includes(role) ? [] : [errors.unknownReference(file, ["members", m, "roles", r], "role", role, roleKeys, platform.file)],
      ),
    ]),

    ...duplicateErrors(file, data.agents, (a) => a.name, (i) => ["agents", i, "name"], "agent"),
    ...data.agents.flatMap((agent, a) => [
      ...duplicateErrors(file, agent.scopes, (s) => s, (i) => ["agents", a, "scopes", i], "scope"),
      ...agent.scopes.flatMap((scope, s) => (scopes.includes(scope) ? [] : [errors.scopeNotOnApi(file, ["agents", a, "scopes", s], scope, scopes)])),
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
    return { ...m, key, addressKey: addressKey(key), roles: [...m.roles].sort() };
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

function memberKey(member: FileMember): string | undefined {
  return member.userId ?? member.email?.toLowerCase();
}

function memberAddressKey(member: FileMember): string | undefined {
  const key = memberKey(member);
  return key === undefined ? undefined : addressKey(key);
}
