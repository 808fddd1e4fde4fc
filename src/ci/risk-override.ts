import { CodeownersRule, ownersOf } from "./codeowners";

/**
 * Whether a plan's blocking risks are overridden. The author of a pull request cannot wave
 * their own risky change through: the override is the `allow-risky-plan` label added by
 * someone else, or an approving review of the current head commit by someone else, and
 * that person must own (CODEOWNERS) the file of every stack that carries a blocking risk.
 */
export interface OverrideFacts {
  /** Login of the pull request's author. */
  readonly author: string;
  /** The commit that was planned; an approval of an earlier commit does not count. */
  readonly headSha: string;
  /** The override label's name, for messages. */
  readonly label: string;
  /** Who added the label, from the most recent `labeled` event; undefined when the label is not on the pull request now. */
  readonly labelledBy?: string;
  /** Reviews in the order they were submitted. */
  readonly reviews: readonly Review[];
  /** Files of the stacks with a blocking risk (`platform.json`, `tenants/acme.json`). */
  readonly riskyFiles: readonly string[];
  readonly codeowners: readonly CodeownersRule[];
  /** Members of the CODEOWNERS teams (`org/team` → logins) that could be read; a team missing here counts as no one. */
  readonly teams: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface Review {
  readonly user: string;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, as the GitHub API spells them. */
  readonly state: string;
  readonly commitId: string;
}

export interface OverrideDecision {
  readonly allowed: boolean;
  /** One line each: who allowed what, or what is still missing. */
  readonly reasons: readonly string[];
}

interface Approver {
  readonly login: string;
  readonly how: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function decideOverride(facts: OverrideFacts): OverrideDecision {
  if (facts.riskyFiles.length === 0) return { allowed: true, reasons: [] };
  const reasons: string[] = [];
  const approvers: Approver[] = [];
  const short = facts.headSha.slice(0, 7);

  if (facts.labelledBy !== undefined) {
    if (same(facts.labelledBy, facts.author)) reasons.push(`The "${facts.label}" label was added by @${facts.author}, the author of this pull request, so it does not count.`);
    else approvers.push({ login: facts.labelledBy, how: `added the "${facts.label}" label` });
  }
  for (const review of latestReviews(facts.reviews).values()) {
    const login = review.user;
    if (review.state !== "APPROVED" || same(login, facts.author)) continue;
    if (review.commitId === facts.headSha) approvers.push({ login, how: `approved ${short}` });
    else reasons.push(`@${login}'s approval is of ${review.commitId.slice(0, 7)}, not of the planned commit ${short}, so it does not count.`);
  }

  const isOwner = (owner: string, login: string) =>
    owner.includes("/") ? facts.teams.get(owner.replace(/^@/, "").toLowerCase())?.has(login.toLowerCase()) === true : same(owner.replace(/^@/, ""), login);
  let allowed = true;
  for (const file of facts.riskyFiles) {
    const owners = ownersOf(facts.codeowners, file);
    const approver = approvers.find((a) => owners.some((owner) => isOwner(owner, a.login)));
    if (approver) {
      reasons.push(`${file}: allowed by @${approver.login} (a code owner), who ${approver.how}.`);
      continue;
    }
    allowed = false;
    reasons.push(
      owners.length === 0
        ? `${file}: has a risky change and no code owner in .github/CODEOWNERS, so nobody can allow it. Add an owner for it on the default branch first.`
        : `${file}: has a risky change. To allow it, one of ${owners.join(", ")} other than @${facts.author} adds the "${facts.label}" label or approves ${short}.`,
    );
  }
  return { allowed, reasons };
}

/** Each reviewer's standing review: a comment after an approval does not withdraw it, a dismissal or a change request does. */
function latestReviews(reviews: readonly Review[]): Map<string, Review> {
  const latest = new Map<string, Review>();
  for (const review of reviews) if (review.state !== "COMMENTED" && review.state !== "PENDING") latest.set(review.user.toLowerCase(), review);
  return latest;
}
