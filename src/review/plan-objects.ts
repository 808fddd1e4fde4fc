import { PlannedChange, StackPlan } from "./plan-file";
import { joinPhrases, Phrase, say } from "./phrase";

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

/** `show_as_button` `true` → `false`, for each flag of a re-created link that changes. */
export const flagChanges = (before: Link, after: Link): Phrase =>
  joinPhrases(
    LINK_FLAGS.filter(([flag]) => before[flag] !== after[flag]).map(([flag, attribute]) => say`${attribute} ${String(before[flag])} → ${String(after[flag])}`),
    ", ",
  );

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
 * The resource of `ownerType` another one belongs to: the one whose `ownerId` equals the
 * child's `childId` or, while that id is known only after apply (both are new), the one whose
 * resource name the child's starts with (the stacks name them `agent-<name>` and
 * `agent-<name>-grant`, `role-<key>` and `role-<key>-permissions`).
 */
function ownerOf(plan: StackPlan, c: PlannedChange, ownerType: string, ownerId: string, childId: string): PlannedChange | undefined {
  const owners = everything(plan).filter((x) => x.type === ownerType);
  const id = c.after[childId] ?? c.before[childId];
  const byId = id ? owners.find((x) => (x.after[ownerId] ?? x.before[ownerId]) === id) : undefined;
  const localName = (address: string) => address.slice(address.indexOf(".") + 1);
  return byId ?? owners.filter((x) => localName(c.address).startsWith(`${localName(x.address)}-`)).sort((a, b) => b.address.length - a.address.length)[0];
}

const nameAttribute = (x: PlannedChange | undefined) => (x ? String(x.after.name ?? x.before.name) : undefined);

/** The agent (client name) a grant or credentials resource belongs to. */
export const agentOf = (plan: StackPlan, c: PlannedChange): string | undefined => nameAttribute(ownerOf(plan, c, "auth0_client", "client_id", "client_id"));

/** The role (name) a role's permissions belong to. */
export const roleOf = (plan: StackPlan, c: PlannedChange): string | undefined => nameAttribute(ownerOf(plan, c, "auth0_role", "id", "role_id"));

/** The names of the public keys in `auth0_client_credentials.private_key_jwt`. */
export function keyNamesOf(side: Record<string, unknown>): string[] {
  const block = Array.isArray(side.private_key_jwt) ? (side.private_key_jwt[0] as Record<string, unknown> | undefined) : undefined;
  const credentials = Array.isArray(block?.credentials) ? (block.credentials as Array<Record<string, unknown>>) : [];
  return credentials.map((k) => String(k.name ?? k.key_id ?? "(unnamed key)"));
}
