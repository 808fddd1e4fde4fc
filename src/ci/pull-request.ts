import { CodeownersRule, ownersOf } from "./codeowners";
import { GitHubApi, GitHubApiError } from "./github-api";
import type { PullRequestRef } from "./plan-input";
import { OverrideFacts, Review } from "./risk-override";

/** What the plan job knows about the pull request, from GitHub itself rather than from the artifact. */
export interface PullRequestFacts {
  readonly number: number;
  readonly headSha: string;
  readonly author: string;
  readonly labels: readonly string[];
}

/**
 * The artifact names a pull request; GitHub must agree that it is open, targets the default
 * branch and has exactly the head commit the finished run was for (a number pointing at
 * another pull request, or a stale run, is refused).
 */
export async function verifyPullRequest(api: GitHubApi, claimed: PullRequestRef, runHeadSha: string, defaultBranch: string): Promise<PullRequestFacts> {
  if (claimed.headSha !== runHeadSha) throw new Error(`pr.json names commit ${claimed.headSha}, but the finished run was for ${runHeadSha}; refused.`);
  const pr = await api.request<{ state: string; head: { sha: string }; base: { ref: string }; user: { login: string }; labels: { name: string }[] }>("GET", `pulls/${claimed.number}`);
  if (pr.state !== "open") throw new Error(`pull request #${claimed.number} is ${pr.state}; nothing to plan.`);
  if (pr.base.ref !== defaultBranch) throw new Error(`pull request #${claimed.number} targets ${pr.base.ref}, not ${defaultBranch}; refused.`);
  if (pr.head.sha !== runHeadSha) throw new Error(`pull request #${claimed.number} is now at ${pr.head.sha}, not ${runHeadSha}: a newer run will plan it.`);
  return { number: claimed.number, headSha: pr.head.sha, author: pr.user.login, labels: pr.labels.map((l) => l.name) };
}

/**
 * Who added the override label, the reviews, and the members of the CODEOWNERS teams that
 * own a risky file, read with `teamsApi` (the job's own token cannot read an organization's
 * teams). A team whose members cannot be read counts as no one, and says so in `notes`.
 */
export async function gatherOverrideFacts(
  api: GitHubApi,
  teamsApi: GitHubApi,
  pr: PullRequestFacts,
  label: string,
  riskyFiles: readonly string[],
  codeowners: readonly CodeownersRule[],
): Promise<{ facts: OverrideFacts; notes: string[] }> {
  let labelledBy: string | undefined;
  if (pr.labels.includes(label)) {
    const events = await api.list<{ event: string; label?: { name: string }; actor?: { login: string } }>(`issues/${pr.number}/events`);
    labelledBy = events.filter((e) => e.event === "labeled" && e.label?.name === label).at(-1)?.actor?.login;
  }
  const reviews = (await api.list<{ user: { login: string } | null; state: string; commit_id: string }>(`pulls/${pr.number}/reviews`)).flatMap(
    (r): Review[] => (r.user ? [{ user: r.user.login, state: r.state, commitId: r.commit_id }] : []),
  );
  const notes: string[] = [];
  const teams = new Map<string, Set<string>>();
  const teamOwners = new Set(riskyFiles.flatMap((file) => ownersOf(codeowners, file)).filter((owner) => owner.includes("/")));
  for (const owner of teamOwners) {
    const [org, slug] = owner.replace(/^@/, "").split("/");
    try {
      const members = await teamsApi.list<{ login: string }>(`/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(slug)}/members`);
      teams.set(`${org}/${slug}`.toLowerCase(), new Set(members.map((m) => m.login.toLowerCase())));
    } catch (error) {
      if (!(error instanceof GitHubApiError)) throw error;
      notes.push(`Could not read the members of ${owner} (${error.status}); set the ORG_MEMBERS_READ_TOKEN secret (a token that may read the organization's members), or name people in CODEOWNERS.`);
    }
  }
  return { facts: { author: pr.author, headSha: pr.headSha, label, labelledBy, reviews, riskyFiles, codeowners, teams }, notes };
}
