import { PlannedChange, StackPlan } from "./plan-file";

/**
 * What a change is about, in the words of a tenant file: role keys, connection names, member
 * emails and agent names instead of the ids in the plan. Shared by the risk rules and the
 * details, so both always name the same thing the same way.
 */

/** `names` knows it (from the platform outputs or a user lookup), or the id as it is. */
export const nameOf = (names: ReadonlyMap<string, string>, id: unknown): string => names.get(String(id)) ?? String(id);

export const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** A member as its email when the plan looked it up, else its user id. */
export const memberOf = (names: ReadonlyMap<string, string>, c: PlannedChange): string => nameOf(names, c.after.user_id ?? c.before.user_id);

/** One connection link of `auth0_organization_connections`, with the flags that make its identity. */
export interface Link {
  readonly connectionId: string;
  readonly assignMembershipOnLogin: boolean;
  readonly showAsButton: boolean;
  readonly isSignupEnabled: boolean;
}

export const LINK_FLAGS = [
  ["assignMembershipOnLogin", "assign_membership_on_login"],
  ["showAsButton", "show_as_button"],
  ["isSignupEnabled", "is_signup_enabled"],
] as const;

export function linksOf(side: Record<string, unknown>): Link[] {
  const list = Array.isArray(side.enabled_connections) ? (side.enabled_connections as Array<Record<string, unknown>>) : [];
  return list.map((l) => ({
    connectionId: String(l.connection_id),
    assignMembershipOnLogin: l.assign_membership_on_login === true,
    // The provider's defaults (resource_connections.go): show_as_button true, the others false.
    showAsButton: l.show_as_button !== false,
    isSignupEnabled: l.is_signup_enabled === true,
  }));
}

export interface LinkDiff {
  readonly added: readonly Link[];
  readonly removed: readonly Link[];
  /**
   * Links whose flags change. `enabled_connections` is a set hashed over the connection id and
   * these flags (`organizationConnectionSetHash` in the provider's
   * internal/auth0/organization/resource_connections.go, v1.55.0), so the provider deletes the
   * link and creates it again (recording TestAccOrganizationConnections.yaml: DELETE, then POST).
   */
  readonly relinked: ReadonlyArray<{ readonly before: Link; readonly after: Link }>;
}

export function linkDiff(c: PlannedChange): LinkDiff {
  if (c.afterUnknown.enabled_connections === true) return { added: [], removed: [], relinked: [] };
  const before = linksOf(c.before);
  const after = linksOf(c.after);
  const byId = (links: Link[]) => new Map(links.map((l) => [l.connectionId, l]));
  const beforeById = byId(before);
  const afterById = byId(after);
  return {
    added: after.filter((l) => !beforeById.has(l.connectionId)),
    removed: before.filter((l) => !afterById.has(l.connectionId)),
    relinked: after.flatMap((l) => {
      const old = beforeById.get(l.connectionId);
      return old && LINK_FLAGS.some(([flag]) => old[flag] !== l[flag]) ? [{ before: old, after: l }] : [];
    }),
  };
}

/** Values of a list attribute in `before` and not in `after`; none when `after` is not known yet. */
export function removedValues(c: PlannedChange, attribute: string): string[] {
  if (c.afterUnknown[attribute] === true) return [];
  const after = new Set(stringList(c.after[attribute]));
  return stringList(c.before[attribute]).filter((v) => !after.has(v));
}

export function addedValues(c: PlannedChange, attribute: string): string[] {
  const before = new Set(stringList(c.before[attribute]));
  return stringList(c.after[attribute]).filter((v) => !before.has(v));
}

/** Every resource the plan knows, changed or not: where a client's name is found for its grant. */
const everything = (plan: StackPlan) => [...plan.changes, ...plan.unchanged];

/**
 * The agent a grant or credentials resource belongs to: the `auth0_client` with its client id,
 * or, while that id is known only after apply (a new agent), the client whose resource name
 * the grant's name starts with (the tenant stack names them `agent-<name>`,
 * `agent-<name>-grant`, `agent-<name>-credentials`).
 */
export function agentOf(plan: StackPlan, c: PlannedChange): string | undefined {
  const clients = everything(plan).filter((x) => x.type === "auth0_client");
  const clientId = c.after.client_id ?? c.before.client_id;
  const byId = clientId ? clients.find((x) => (x.after.client_id ?? x.before.client_id) === clientId) : undefined;
  const localName = (address: string) => address.slice(address.indexOf(".") + 1);
  const byName = clients
    .filter((x) => localName(c.address).startsWith(`${localName(x.address)}-`))
    .sort((a, b) => b.address.length - a.address.length)[0];
  const client = byId ?? byName;
  if (!client) return undefined;
  return String(client.after.name ?? client.before.name ?? localName(client.address));
}
