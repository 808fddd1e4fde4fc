import { PLATFORM_STACK } from "../model/types";
import { PlannedChange, StackPlan } from "./plan-file";
import { addedValues, agentOf, flagChanges, keyNamesOf, linkDiff, linksOf, memberOf, nameOf, removedValues, stringList } from "./plan-objects";
import { Phrase, prose, say } from "./phrase";

export type RiskLevel = "high" | "medium";

export interface Risk {
  readonly level: RiskLevel;
  readonly stack: string;
  readonly address: string;
  readonly message: Phrase;
}

type Finding = Omit<Risk, "stack" | "address">;

/** What a rule sees: the change, its stack's plan, and names pooled from every plan given. */
interface RuleInput {
  readonly plan: StackPlan;
  readonly change: PlannedChange;
  readonly names: ReadonlyMap<string, string>;
}

const high = (message: Phrase): Finding => ({ level: "high", message });
const medium = (message: Phrase): Finding => ({ level: "medium", message });

const destroyed = (c: PlannedChange) => c.action === "delete" || c.action === "replace";
/** An update, also when an import adopts an object that differs from the file. */
const updated = (c: PlannedChange) => c.action === "update";

/** Losing one of these takes logins or API access away from a customer's users. */
const ESSENTIAL: Readonly<Record<string, { readonly what: string; readonly nameAttribute: string }>> = {
  auth0_organization: { what: "organization", nameAttribute: "name" },
  auth0_connection: { what: "connection", nameAttribute: "name" },
  auth0_client: { what: "client", nameAttribute: "name" },
  auth0_organization_connection: { what: "connection link", nameAttribute: "connection_id" },
  auth0_organization_connections: { what: "connection links", nameAttribute: "enabled_connections" },
  auth0_resource_server: { what: "API", nameAttribute: "identifier" },
  auth0_role: { what: "role", nameAttribute: "name" },
};

function destroyWording(c: PlannedChange): Phrase {
  if (c.action === "delete") return say`will be destroyed`;
  if (c.replacedBecause.length === 0) return say`will be replaced (destroyed, then created with a new id)`;
  return say`will be replaced (destroyed, then created with a new id) because ${c.replacedBecause} changed`;
}

function essentialName({ change: c, names }: RuleInput, attribute: string): string[] {
  const value = c.before[attribute];
  if (attribute === "enabled_connections") return linksOf(c.before).map((l) => nameOf(names, l.connectionId));
  return value === undefined || value === null ? [] : [nameOf(names, value)];
}

/** An organization, connection, client, API, role or link destroyed or replaced; anything destroyed in the platform. */
function destroyedObject(input: RuleInput): Finding[] {
  const { change: c, plan } = input;
  if (!destroyed(c)) return [];
  const essential = ESSENTIAL[c.type];
  if (essential) {
    const name = essentialName(input, essential.nameAttribute);
    const what = prose(essential.what);
    return [high(name.length ? say`${what} ${name} ${destroyWording(c)}` : say`${what} ${destroyWording(c)}`)];
  }
  return plan.stack === PLATFORM_STACK ? [high(say`shared platform resource ${destroyWording(c)}`)] : [];
}

function memberRemoved({ change: c, names }: RuleInput): Finding[] {
  if (c.type !== "auth0_organization_member" || !destroyed(c)) return [];
  const member = memberOf(names, c);
  return [medium(c.action === "delete" ? say`member ${member} removed from the organization` : say`member ${member} removed and added again`)];
}

/** Roles taken from a member; taking the last one leaves a member who can do nothing, said by name. */
function rolesTaken({ change: c, plan, names }: RuleInput): Finding[] {
  if (c.type !== "auth0_organization_member_roles") return [];
  // A deleted resource's `after` is empty: every role it had is taken.
  const taken = removedValues(c, "roles").map((id) => nameOf(names, id));
  if (taken.length === 0) return [];
  const member = memberOf(names, c);
  const membershipGoes = plan.changes.some((x) => x.type === "auth0_organization_member" && destroyed(x) && x.before.user_id === c.before.user_id);
  // Roles known only after apply took nothing above, so an empty list here is really empty.
  const keepsNone = stringList(c.after.roles).length === 0;
  if (keepsNone && !membershipGoes) {
    return [medium(say`member ${member} loses their last role (${taken}): they stay a member of the organization without any role`)];
  }
  return [medium(say`roles ${taken} taken from member ${member}`)];
}

/** Links unlinked or re-created by an update of `auth0_organization_connections` (also an import that updates). */
function linksChanged({ change: c, names }: RuleInput): Finding[] {
  // Stryker disable next-line ConditionalExpression: only auth0_organization_connections has enabled_connections (provider 1.55, .gen/providers/auth0), so without this line another type's update has no links to diff; it says which resource the rule reads
  if (c.type !== "auth0_organization_connections") return [];
  if (!updated(c)) return [];
  const { removed, relinked } = linkDiff(c);
  const findings: Finding[] = [];
  if (removed.length) {
    findings.push(medium(say`connection ${removed.map((l) => nameOf(names, l.connectionId))} unlinked: its users can no longer log in to this organization`));
  }
  for (const { before, after } of relinked) {
    const name = nameOf(names, after.connectionId);
    findings.push(
      medium(say`connection ${name} is unlinked and linked again to change ${flagChanges(before, after)}: login via ${name} is briefly unlinked; if re-linking fails the customer cannot log in`),
    );
  }
  return findings;
}


/** A grant that gains scopes, is opened to any organization or stops requiring one. */
function grantLoosened({ change: c, plan }: RuleInput): Finding[] {
  if (c.type !== "auth0_client_grant" || !(updated(c) || c.action === "create")) return [];
  const agent = agentOf(plan, c);
  const of = agent ? say` of agent ${agent}` : say``;
  const findings: Finding[] = [];
  const scopes = addedValues(c, "scopes");
  if (updated(c) && scopes.length) findings.push(medium(say`grant${of} widened: scopes ${scopes} added`));
  if (c.after.allow_any_organization === true && c.before.allow_any_organization !== true) {
    findings.push(high(say`grant${of} opened to any organization (${"allow_any_organization"})`));
  }
  const required = c.before.organization_usage === "require" || c.action === "create";
  if (required && c.after.organization_usage !== "require" && c.afterUnknown.organization_usage !== true) {
    const requires = c.action === "create" ? prose("does not require") : prose("no longer requires");
    findings.push(high(say`grant${of} ${requires} an organization (${"organization_usage"} ${String(c.after.organization_usage ?? null)})`));
  }
  return findings;
}

/**
 * How an agent authenticates (`auth0_client_credentials`): a new method, keys added or removed,
 * a secret rotated. Each can stop an agent from getting tokens or let a new key holder in.
 * A new agent's credentials are shown in the details, not flagged.
 */
function credentialsChanged({ change: c, plan }: RuleInput): Finding[] {
  if (c.type !== "auth0_client_credentials") return [];
  const owner = agentOf(plan, c);
  const agent = owner ?? c.address;
  const clientCreated = plan.changes.some((x) => x.type === "auth0_client" && x.action === "create" && x.after.name === owner);
  const clientDestroyed = plan.changes.some((x) => x.type === "auth0_client" && destroyed(x) && x.before.name === owner);
  if (c.action === "create") {
    return clientCreated ? [] : [medium(say`agent ${agent} gets new credentials (${String(c.after.authentication_method)}): check who holds them`)];
  }
  if (destroyed(c) && !clientDestroyed) {
    // deleteClientCredentials (internal/auth0/client/resource_credentials.go) detaches every key
    // and resets a machine client to client_secret_post.
    return [high(say`credentials of agent ${agent} ${prose(c.action === "delete" ? "removed" : "replaced")}: its keys are detached and it falls back to a client secret, so an agent signing with a key can no longer get tokens`)];
  }
  if (!updated(c)) return [];
  const findings: Finding[] = [];
  const [before, after] = [c.before.authentication_method, c.after.authentication_method];
  if (before !== after && c.afterUnknown.authentication_method !== true) {
    findings.push(high(say`agent ${agent} switches authentication from ${String(before)} to ${String(after)}: the way it gets tokens today stops working at apply`));
  }
  const added = keyNamesOf(c.after).filter((k) => !keyNamesOf(c.before).includes(k));
  const removed = keyNamesOf(c.before).filter((k) => !keyNamesOf(c.after).includes(k));
  if (added.length) findings.push(medium(say`key ${added} added to agent ${agent}: whoever holds its private key can get tokens as this agent`));
  if (removed.length) findings.push(medium(say`key ${removed} removed from agent ${agent}: anything still signing with it can no longer get tokens`));
  const version = ["client_secret_wo_version", "client_secret"].find((a) => JSON.stringify(c.before[a]) !== JSON.stringify(c.after[a]) || c.afterUnknown[a] === true);
  if (version) findings.push(medium(say`client secret of agent ${agent} rotated: the old secret stops working at apply; give the agent the new one first`));
  return findings;
}

function discoveryDomainRemoved({ change: c }: RuleInput): Finding[] {
  if (c.type !== "auth0_organization_discovery_domain" || !destroyed(c)) return [];
  return [medium(say`discovery domain ${String(c.before.domain)} ${prose(c.action === "delete" ? "removed" : "replaced")}: users with emails at that domain are no longer sent to this organization at login`)];
}

const RULES: ReadonlyArray<(input: RuleInput) => Finding[]> = [
  destroyedObject,
  memberRemoved,
  rolesTaken,
  linksChanged,
  grantLoosened,
  credentialsChanged,
  discoveryDomainRemoved,
];

/** Every tenant depends on the platform: any change to it is worth a look, but one line says so, not one per resource. */
function platformChangeRisk(plan: StackPlan): Risk[] {
  const changed = plan.changes.filter((c) => !destroyed(c));
  if (plan.stack !== PLATFORM_STACK || changed.length === 0) return [];
  const kinds = [...new Set(changed.map((c) => c.action))].map((kind) => `${changed.filter((c) => c.action === kind).length} to ${kind}`);
  const address = changed.length === 1 ? changed[0].address : `${changed.length} resources`;
  return [{ level: "medium", stack: plan.stack, address, message: say`shared platform resources change (${prose(kinds.join(", "))}): every tenant depends on them` }];
}

/** Ids named by any plan: a decommissioned stack's plan may not read the platform outputs, another stack's does. */
export function pooledNames(plans: readonly StackPlan[]): Map<string, string> {
  return new Map(plans.flatMap((p) => [...p.names]));
}

/** Risks of every stack, high first, in stack order. */
export function planRisks(plans: readonly StackPlan[]): Risk[] {
  const names = pooledNames(plans);
  const risks = plans.flatMap((plan) => [
    ...plan.changes.flatMap((change) => RULES.flatMap((rule) => rule({ plan, change, names })).map((r) => ({ ...r, stack: plan.stack, address: change.address }))),
    ...platformChangeRisk(plan),
  ]);
  // Everything that is not high comes after: a finding is never dropped for its level.
  return [...risks.filter((r) => r.level === "high"), ...risks.filter((r) => r.level !== "high")];
}
