import { GitHubApi } from "./github-api";

/**
 * The one comment the plan job keeps on a pull request, and the commit status branch
 * protection requires. Every outcome replaces the comment, so a failed plan never leaves
 * an earlier summary standing.
 */
export const COMMENT_MARKER = "<!-- auth0-plan-summary -->";
/** GitHub refuses a comment body longer than this. */
export const COMMENT_LIMIT = 65_536;
/** The job summary holds at most 1 MiB per step. */
export const JOB_SUMMARY_LIMIT = 1024 * 1024;
export const STATUS_CONTEXT = "Auth0 plan";

export type PlanOutcome =
  | { readonly kind: "checks-failed" }
  | { readonly kind: "plan-failed" }
  | { readonly kind: "nothing-affected"; readonly notes: readonly string[] }
  | { readonly kind: "planned"; readonly summary: string; readonly blocked: boolean; readonly gate: readonly string[]; readonly notes: readonly string[] };

export interface ReportContext {
  readonly headSha: string;
  /** Link to this plan run, where the logs, the job summary and the artifact are. */
  readonly runUrl: string;
}

export function commitStatus(outcome: PlanOutcome): { state: "success" | "failure"; description: string } {
  switch (outcome.kind) {
    case "checks-failed":
      return { state: "failure", description: "The pull request's checks failed; nothing was planned." };
    case "plan-failed":
      return { state: "failure", description: "Planning failed; see the run's logs." };
    case "nothing-affected":
      return { state: "success", description: "No stack changes." };
    case "planned":
      return outcome.blocked
        ? { state: "failure", description: "High risk: needs a code owner's label or approval." }
        : { state: "success", description: "Planned; no unapproved high risk." };
  }
}

/** The comment's Markdown, at most `limit` characters; a long summary is cut at a line, with a note saying where the rest is. */
export function renderComment(outcome: PlanOutcome, context: ReportContext, limit = COMMENT_LIMIT): string {
  const commit = context.headSha.slice(0, 7);
  const head = [COMMENT_MARKER];
  switch (outcome.kind) {
    case "checks-failed":
      head.push(`## Auth0 plan summary`, "", `**Not planned:** the checks of ${commit} failed, so nothing was planned. The plan runs again once they pass.`, "", `Run: ${context.runUrl}`);
      return head.join("\n");
    case "plan-failed":
      head.push(`## Auth0 plan summary`, "", `**Planning failed** for ${commit}. No plan is shown, and no earlier one stands in for it: see the logs of ${context.runUrl}`);
      return head.join("\n");
    case "nothing-affected":
      head.push(`## Auth0 plan summary`, "", `No stack changes in ${commit}.`, ...noteLines(outcome.notes));
      return head.join("\n");
    case "planned": {
      const gate = outcome.gate.length ? ["", ...outcome.gate.map((line) => `> ${line}`)] : [];
      const top = [...head, `Planned commit ${commit} (${context.runUrl}).`, ...gate, ...noteLines(outcome.notes), "", ""].join("\n");
      return top + fit(outcome.summary, limit - top.length, `a comment holds at most ${COMMENT_LIMIT.toLocaleString("en-US")}`, `the job summary and the \`plan-summary\` artifact of ${context.runUrl}`);
    }
  }
}

const noteLines = (notes: readonly string[]) => (notes.length ? ["", ...notes.map((note) => `- ${note}`)] : []);

/** `summary` in at most `budget` characters; `limit` says why it was cut and `whereElse` where the whole of it is. */
function fit(summary: string, budget: number, limit: string, whereElse: string): string {
  if (summary.length <= budget) return summary;
  const note = (shown: number) =>
    `\n\n---\n**The summary is cut here** (${shown.toLocaleString("en-US")} of ${summary.length.toLocaleString("en-US")} characters shown): ${limit}. The full summary is ${whereElse}`;
  const closer = "\n</details>";
  let shown = summary.slice(0, Math.max(0, budget - note(summary.length).length));
  for (;;) {
    shown = shown.slice(0, shown.lastIndexOf("\n") + 1);
    // Every <details> the cut leaves open is closed, so the note is not folded away.
    const open = Math.max(0, (shown.match(/<details\b/g) ?? []).length - (shown.match(/<\/details>/g) ?? []).length);
    const body = shown + closer.repeat(open) + note(shown.length);
    if (body.length <= budget || shown.length === 0) return body;
    shown = shown.slice(0, -1);
  }
}

/** The full summary for `$GITHUB_STEP_SUMMARY`, cut at its 1 MiB limit the same way. */
export function jobSummary(summary: string, runUrl: string): string {
  // Up to 4 bytes a character: a quarter of the limit in characters always fits.
  return Buffer.byteLength(summary) <= JOB_SUMMARY_LIMIT ? summary : fit(summary, JOB_SUMMARY_LIMIT / 4, "a job summary holds at most 1 MiB", `the \`plan-summary\` artifact of ${runUrl}`);
}

interface IssueComment {
  readonly id: number;
  readonly body?: string;
  readonly user: { readonly login: string; readonly type: string } | null;
}

/** Updates this job's earlier comment (found by its marker and author, the Actions bot), or writes the first one. */
export async function upsertComment(api: GitHubApi, pr: number, body: string): Promise<void> {
  const comments = await api.list<IssueComment>(`issues/${pr}/comments`);
  const mine = comments.find((c) => c.user?.login === "github-actions[bot]" && c.body?.startsWith(COMMENT_MARKER));
  if (mine) await api.request("PATCH", `issues/comments/${mine.id}`, { body });
  else await api.request("POST", `issues/${pr}/comments`, { body });
}

export async function setCommitStatus(api: GitHubApi, sha: string, outcome: PlanOutcome, runUrl: string): Promise<void> {
  await api.request("POST", `statuses/${sha}`, { ...commitStatus(outcome), context: STATUS_CONTEXT, target_url: runUrl });
}
