import { ChangeKind, kindOf, PlannedChange, StackPlan } from "./plan-file";
import { agentOf, flagChanges, keyNamesOf, Link, LINK_FLAGS, linkDiff, linksOf, memberOf, nameOf, roleOf, stringList } from "./plan-objects";
import { joinPhrases, Phrase, prose, say } from "./phrase";

/**
 * What a reviewer decides on, per stack: the values a create sets (names, display names,
 * links with their flags, members with their roles, agents with their scopes), `old → new`
 * for every attribute an update changes, and names instead of ids everywhere.
 */

export interface ChangeGroup {
  readonly kind: ChangeKind;
  readonly lines: readonly Phrase[];
}

export interface StackDetails {
  readonly groups: readonly ChangeGroup[];
  /** What the customer still has to do for objects this plan leaves as they are. */
  readonly waiting: readonly Phrase[];
}

type Names = ReadonlyMap<string, string>;

const KINDS: readonly ChangeKind[] = ["create", "update", "replace", "delete", "import", "forget"];
/** Attributes Auth0 makes (ids) or that say nothing a reviewer decides on. */
const NOT_SHOWN = new Set(["id", "organization_id", "client_id", "user_id", "resource_server_identifier"]);
const MAX_ATTRIBUTES = 8;

const containsTrue = (s: unknown): boolean => s === true || (typeof s === "object" && s !== null && Object.values(s).some(containsTrue));

/** Ids replaced by the names the plan knows, at any depth. */
function named(value: unknown, names: Names): unknown {
  if (typeof value === "string") return names.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => named(v, names));
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, named(v, names)]));
  return value;
}

/** One attribute value: masked when sensitive, said when unknown, lists as names. */
function valuePhrase(value: unknown, { sensitive, unknown, names }: { sensitive: unknown; unknown: unknown; names: Names }): Phrase {
  if (unknown === true) return prose("(known after apply)");
  if (containsTrue(sensitive)) return prose("(sensitive)");
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return prose("(none)");
  const shown = named(value, names);
  if (Array.isArray(shown) && shown.every((v) => typeof v !== "object")) return say`${shown.map(String)}`;
  // Permissions and scopes are lists of objects with a name: the names are what a reviewer reads.
  const nameIn = (v: unknown) => (v as { name?: unknown } | null)?.name;
  if (Array.isArray(shown) && shown.every((v) => typeof nameIn(v) === "string")) return say`${shown.map((v) => String(nameIn(v)))}`;
  return typeof shown === "object" ? say`${JSON.stringify(shown)}` : say`${String(shown)}`;
}

/** A value from JSON that says nothing: null, `[]` or `{}`. */
const isEmpty = (v: unknown) => v === null || (typeof v === "object" && Object.keys(v).length === 0);

/** `display_name` `Acme` → `Acme Corp`; … for every attribute that changes. */
function attributeChanges(c: PlannedChange, names: Names): Phrase[] {
  const keys = [...new Set([...Object.keys(c.before), ...Object.keys(c.after), ...Object.keys(c.afterUnknown)])]
    .filter((k) => !NOT_SHOWN.has(k))
    .filter((k) => c.afterUnknown[k] === true || JSON.stringify(c.before[k] ?? null) !== JSON.stringify(c.after[k] ?? null))
    .sort();
  return keys.map((k) => {
    const before = valuePhrase(c.before[k], { sensitive: c.beforeSensitive[k], unknown: false, names });
    const after = valuePhrase(c.after[k], { sensitive: c.afterSensitive[k], unknown: c.afterUnknown[k], names });
    return say`${k} ${before} → ${after}`;
  });
}

/** The values a create sets, without the empty ones and those Auth0 makes. */
function attributesSet(c: PlannedChange, names: Names, skip: readonly string[]): Phrase[] {
  const keys = Object.keys(c.after)
    .filter((k) => !NOT_SHOWN.has(k) && !skip.includes(k) && !isEmpty(c.after[k]) && c.afterUnknown[k] !== true)
    .sort();
  const shown = keys.slice(0, MAX_ATTRIBUTES).map((k) => say`${k} ${valuePhrase(c.after[k], { sensitive: c.afterSensitive[k], unknown: false, names })}`);
  return keys.length > MAX_ATTRIBUTES ? [...shown, prose(`and ${keys.length - MAX_ATTRIBUTES} more`)] : shown;
}

/** The object a change is about, by the name a tenant or platform file gives it. */
function subject(plan: StackPlan, c: PlannedChange, names: Names): Phrase {
  const side = c.action === "delete" ? c.before : { ...c.before, ...c.after };
  switch (c.type) {
    case "auth0_organization":
      return say`organization ${String(side.name)}`;
    case "auth0_organization_connections":
      return say`connection links`;
    case "auth0_organization_member":
      return say`member ${memberOf(names, c)}`;
    case "auth0_organization_member_roles":
      return say`roles of member ${memberOf(names, c)}`;
    case "auth0_client":
      return say`client ${String(side.name)}`;
    case "auth0_client_grant":
    case "auth0_organization_client_grant":
    case "auth0_client_credentials": {
      const agent = agentOf(plan, c);
      const what = { auth0_client_grant: "grant", auth0_organization_client_grant: "organization grant", auth0_client_credentials: "credentials" }[c.type];
      return agent ? say`${prose(what)} of agent ${agent}` : say`${prose(what)} ${c.address}`;
    }
    case "auth0_organization_discovery_domain":
      return say`discovery domain ${String(side.domain)}`;
    case "auth0_role_permissions": {
      const role = roleOf(plan, c);
      return role ? say`permissions of role ${role}` : say`${c.address}`;
    }
    case "auth0_role":
    case "auth0_connection":
      return say`${prose(c.type === "auth0_role" ? "role" : "connection")} ${String(side.name)}`;
    case "auth0_resource_server":
      return say`API ${String(side.identifier)}`;
    default:
      return say`${c.address}`;
  }
}

const linkPhrase = (l: Link, names: Names): Phrase =>
  say`connection ${nameOf(names, l.connectionId)} (${joinPhrases(
    LINK_FLAGS.map(([flag, attribute]) => say`${attribute} ${String(l[flag])}`),
    ", ",
  )})`;

/** A discovery domain's TXT record, once Auth0 has made it. */
function txtRecord(c: PlannedChange): Phrase | undefined {
  const { verification_host: host, verification_txt: txt, domain } = c.after;
  if (typeof host !== "string" || typeof txt !== "string") return undefined;
  return say`the customer publishes a TXT record at ${host} with the value ${txt} to verify ${String(domain)}`;
}

function createLines(plan: StackPlan, c: PlannedChange, names: Names): Phrase[] {
  switch (c.type) {
    case "auth0_organization":
      return [joinPhrases([say`organization ${String(c.after.name)}, display name ${String(c.after.display_name)}`, ...attributesSet(c, names, ["name", "display_name"])], "; ")];
    case "auth0_organization_connections":
      return linksOf(c.after).map((l) => say`${linkPhrase(l, names)} linked`);
    case "auth0_organization_member_roles":
      return [say`member ${memberOf(names, c)} gets roles ${stringList(c.after.roles).map((id) => nameOf(names, id))}`];
    case "auth0_client_grant":
      return [
        say`${subject(plan, c, names)}: scopes ${stringList(c.after.scopes)} on ${String(c.after.audience)}, organization_usage ${String(c.after.organization_usage)}, allow_any_organization ${String(c.after.allow_any_organization)}`,
      ];
    case "auth0_client_credentials": {
      const keys = keyNamesOf(c.after);
      const method = say`${subject(plan, c, names)}: authenticates with ${String(c.after.authentication_method)}`;
      return [keys.length ? say`${method}, keys ${keys}` : method];
    }
    case "auth0_organization_discovery_domain":
      return [
        say`${subject(plan, c, names)} (${"status"} ${String(c.after.status)}): ${
          txtRecord(c) ?? prose("the customer must publish a TXT record; Auth0 makes its host and value when this is applied, and the summary of this stack's next plan lists them")
        }`,
      ];
    default: {
      // What the subject already says: a name, an API's identifier.
      const set = attributesSet(c, names, ["name", "identifier"]);
      return [set.length ? say`${subject(plan, c, names)}: ${joinPhrases(set, "; ")}` : subject(plan, c, names)];
    }
  }
}

function updateLines(plan: StackPlan, c: PlannedChange, names: Names): Phrase[] {
  if (c.type === "auth0_organization_connections") {
    const { added, removed, relinked } = linkDiff(c);
    const linkLines = [
      ...added.map((l) => say`${linkPhrase(l, names)} linked`),
      ...removed.map((l) => say`connection ${nameOf(names, l.connectionId)} unlinked`),
      ...relinked.map(({ before, after }) =>
        say`connection ${nameOf(names, after.connectionId)} unlinked and linked again: ${flagChanges(before, after)}`,
      ),
      ...linkUpdates(c, names),
    ];
    // Links known only after apply: the update is still named, never an empty group.
    return linkLines.length ? linkLines : [subject(plan, c, names)];
  }
  const changes = attributeChanges(withKeyNames(c), names);
  return [changes.length ? say`${subject(plan, c, names)}: ${joinPhrases(changes, "; ")}` : subject(plan, c, names)];
}

/**
 * The flags in a link's identity: a change to them re-creates the link, said above. (Links
 * are matched by connection id, which so never differs.)
 */
const LINK_IDENTITY = new Set<string>(LINK_FLAGS.map(([, attribute]) => attribute));

/** Attributes of a link that change in place, without unlinking it (`organization_access_level`). */
function linkUpdates(c: PlannedChange, names: Names): Phrase[] {
  const byId = (side: Record<string, unknown>) =>
    // Stryker disable next-line ArrayDeclaration: a side without links adds no entry a well-formed link of the other side matches (every link has a connection_id)
    new Map((Array.isArray(side.enabled_connections) ? (side.enabled_connections as Array<Record<string, unknown>>) : []).map((l) => [String(l.connection_id), l]));
  const withoutIdentity = (l: Record<string, unknown>) => Object.fromEntries(Object.entries(l).filter(([k]) => !LINK_IDENTITY.has(k)));
  const before = byId(c.before);
  return [...byId(c.after)].flatMap(([id, link]) => {
    const old = before.get(id);
    if (!old) return [];
    const changes = attributeChanges({ ...c, before: withoutIdentity(old), after: withoutIdentity(link), afterUnknown: {}, beforeSensitive: {}, afterSensitive: {} }, names);
    return changes.length ? [say`connection ${nameOf(names, id)}: ${joinPhrases(changes, "; ")}`] : [];
  });
}

/** Public keys by name: the PEMs say nothing to a reviewer and would fill the line. */
function withKeyNames(c: PlannedChange): PlannedChange {
  const keys = (side: Record<string, unknown>) => {
    const { private_key_jwt: _, ...rest } = side;
    return "private_key_jwt" in side ? { ...rest, keys: keyNamesOf(side) } : rest;
  };
  return { ...c, before: keys(c.before), after: keys(c.after) };
}

function lines(plan: StackPlan, c: PlannedChange, names: Names): Phrase[] {
  switch (c.action) {
    case "create":
      return createLines(plan, c, names);
    case "update":
      return updateLines(plan, c, names);
    case "replace": {
      const because = c.replacedBecause.length ? say` (${c.replacedBecause} forces replacement)` : say``;
      const changes = attributeChanges(c, names);
      return [changes.length ? say`${subject(plan, c, names)}${because}: ${joinPhrases(changes, "; ")}` : say`${subject(plan, c, names)}${because}`];
    }
    case "delete":
      return c.type === "auth0_organization_member_roles"
        ? [say`roles ${stringList(c.before.roles).map((id) => nameOf(names, id))} of member ${memberOf(names, c)}`]
        : c.type === "auth0_organization_connections"
          ? linksOf(c.before).map((l) => say`connection ${nameOf(names, l.connectionId)} unlinked`)
          : [subject(plan, c, names)];
    case "forget":
      return [say`${subject(plan, c, names)}: no longer managed by Terraform, left as it is in Auth0`];
    case "no-op":
      return [say`${subject(plan, c, names)}: adopted as it is`];
  }
}

/**
 * A new member and its roles are one line; so are a new agent's client, grant, organization
 * grant and credentials. `creates` come in `ORDER`, so a member or client comes before the
 * resources merged into its line.
 */
function mergedCreates(plan: StackPlan, creates: readonly PlannedChange[], names: Names): Phrase[] {
  const merged = new Set<PlannedChange>();
  const out: Phrase[] = [];
  for (const c of creates) {
    if (merged.has(c)) continue;
    if (c.type === "auth0_organization_member") {
      const roles = creates.find((r) => r.type === "auth0_organization_member_roles" && r.after.user_id === c.after.user_id);
      // Stryker disable next-line ConditionalExpression: adding undefined to the set marks no change as merged
      if (roles) merged.add(roles);
      const keys = stringList(roles?.after.roles).map((id) => nameOf(names, id));
      out.push(keys.length ? say`member ${memberOf(names, c)} with roles ${keys}` : say`member ${memberOf(names, c)} (no roles)`);
    } else if (c.type === "auth0_client") {
      const name = String(c.after.name);
      // The client itself may be among them: each part below is picked by its type.
      const parts = creates.filter((x) => agentOf(plan, x) === name);
      parts.forEach((x) => merged.add(x));
      const grant = parts.find((x) => x.type === "auth0_client_grant");
      const credentials = parts.find((x) => x.type === "auth0_client_credentials");
      const description = c.after.description ? say` (${String(c.after.description)})` : say``;
      const scopes = grant
        ? say`, scopes ${stringList(grant.after.scopes)} on ${String(grant.after.audience)} (organization_usage ${String(grant.after.organization_usage)})`
        : say``;
      const orgGrant = parts.some((x) => x.type === "auth0_organization_client_grant") ? prose(", for this organization only") : say``;
      out.push(say`agent ${name}${description}${scopes}${orgGrant}${authentication(credentials)}`);
    } else out.push(...lines(plan, c, names));
  }
  return out;
}

/** How a new agent authenticates: its credentials' method and keys, else the secret Auth0 makes. */
function authentication(credentials: PlannedChange | undefined): Phrase {
  if (!credentials) return prose(", authenticates with a client secret Auth0 generates");
  const keys = keyNamesOf(credentials.after);
  const method = String(credentials.after.authentication_method);
  return keys.length ? say`, authenticates with ${method} (keys ${keys})` : say`, authenticates with ${method}`;
}

/** Organization first, then its links, members and agents, then the rest: the order of a tenant file. */
const ORDER = ["auth0_organization", "auth0_organization_connections", "auth0_organization_member", "auth0_client"];
const rank = (c: PlannedChange) => (ORDER.includes(c.type) ? ORDER.indexOf(c.type) : ORDER.length);

export function describeStack(plan: StackPlan, names: Names): StackDetails {
  const groups = KINDS.flatMap((kind): ChangeGroup[] => {
    const changes = plan.changes.filter((c) => kindOf(c) === kind).sort((a, b) => rank(a) - rank(b));
    if (changes.length === 0) return [];
    if (kind === "create") return [{ kind, lines: mergedCreates(plan, changes, names) }];
    return [{ kind, lines: changes.flatMap((c) => lines(plan, c, names)) }];
  });
  // A new domain's line already says what to publish; any other pending domain is listed here.
  const waiting = [...plan.changes, ...plan.unchanged]
    // Only a discovery domain has the TXT record's host and value (`txtRecord`).
    .filter((c) => c.after.status === "pending" && c.action !== "create")
    .flatMap((c) => txtRecord(c) ?? []);
  return { groups, waiting };
}
