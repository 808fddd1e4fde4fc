import { COMMENT_LIMIT, COMMENT_MARKER, commitStatus, jobSummary, JOB_SUMMARY_LIMIT, PlanOutcome, renderComment, upsertComment } from "../src/ci/pr-report";
import { fakeGitHub } from "./support/fake-github";

const context = { headSha: "d".repeat(40), runUrl: "https://github.com/acme/auth0-tenants/actions/runs/42" };

/** A summary shaped like `tenants plan-summary`'s: risks on top, then one <details> per stack. */
function summary(stacks: number): string {
  const blocks = Array.from({ length: stacks }, (_, i) =>
    [`<details><summary><b>tenant-t${i}</b>: 9 to create</summary>`, "", "**Create**", "", ...Array.from({ length: 9 }, (_, j) => `- \`auth0_thing.t${i}-${j}\``), "", "</details>"].join("\n"),
  );
  return ["## Auth0 plan summary", "", "### Risks: 1 high, 0 medium", "", "- **HIGH** `tenant-t0` `auth0_organization.organization`: organization will be destroyed", "", ...blocks].join("\n");
}

const planned = (text: string, over: Partial<Extract<PlanOutcome, { kind: "planned" }>> = {}): PlanOutcome => ({ kind: "planned", summary: text, blocked: false, gate: [], notes: [], ...over });

describe("the pull request comment", () => {
  test("given a plan that fits, when rendered, then it is the marker, the planned commit, the gate's lines and the whole summary", () => {
    const body = renderComment(planned("## Auth0 plan summary\n\nNo risk.", { blocked: true, gate: ["**Blocked: 1 high risk.**", "tenants/globex.json: has a risky change."] }), context);
    expect(body).toBe(
      `${COMMENT_MARKER}\nPlanned commit ddddddd (${context.runUrl}).\n\n> **Blocked: 1 high risk.**\n> tenants/globex.json: has a risky change.\n\n## Auth0 plan summary\n\nNo risk.`,
    );
  });

  test("given a change touching 2,000 tenants, when rendered, then it stays under GitHub's 65,536 characters, keeps the risks, closes every open <details> and says where the rest is", () => {
    const text = summary(2000);
    expect(text.length).toBeGreaterThan(COMMENT_LIMIT * 4);
    const body = renderComment(planned(text), context);
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toContain("- **HIGH** `tenant-t0` `auth0_organization.organization`: organization will be destroyed");
    expect(body.match(/<details>/g)!.length).toBe(body.match(/<\/details>/g)!.length);
    expect(body).toMatch(
      new RegExp(`\\*\\*The summary is cut here\\*\\* \\([\\d,]+ of ${text.length.toLocaleString("en-US")} characters shown\\): a comment holds at most 65,536\\. The full summary is the job summary and the \`plan-summary\` artifact of ${context.runUrl.replace(/[./]/g, "\\$&")}$`),
    );
  });

  test("given a summary cut inside a <details>, when rendered, then that <details> is closed before the note", () => {
    const body = renderComment(planned(summary(3)), context, 700);
    expect(body.length).toBeLessThanOrEqual(700);
    expect(body).toMatch(/\n<\/details>\n\n---\n\*\*The summary is cut here\*\*/);
  });

  test("given planning failed, when rendered, then the comment says so and shows no summary (the earlier one is replaced, not left standing)", () => {
    expect(renderComment({ kind: "plan-failed" }, context)).toBe(
      `${COMMENT_MARKER}\n## Auth0 plan summary\n\n**Planning failed** for ddddddd. No plan is shown, and no earlier one stands in for it: see the logs of ${context.runUrl}`,
    );
  });

  test("given the pull request's checks failed, when rendered, then it says nothing was planned", () => {
    expect(renderComment({ kind: "checks-failed" }, context)).toContain("**Not planned:** the checks of ddddddd failed, so nothing was planned.");
  });

  test("given no stack is affected, when rendered, then it says so with the notes", () => {
    expect(renderComment({ kind: "nothing-affected", notes: ["A note."] }, context)).toBe(`${COMMENT_MARKER}\n## Auth0 plan summary\n\nNo stack changes in ddddddd.\n\n- A note.`);
  });
});

test("given a summary over the job summary's 1 MiB, when written as job summary, then it is cut under the limit", () => {
  const text = summary(20_000);
  expect(Buffer.byteLength(jobSummary(text, context.runUrl))).toBeLessThanOrEqual(JOB_SUMMARY_LIMIT);
  expect(jobSummary("short", context.runUrl)).toBe("short");
});

test.each<[PlanOutcome, string]>([
  [{ kind: "checks-failed" }, "failure"],
  [{ kind: "plan-failed" }, "failure"],
  [{ kind: "nothing-affected", notes: [] }, "success"],
  [planned("s", { blocked: true }), "failure"],
  [planned("s"), "success"],
])("given the outcome %j, when the commit status is set, then it is %s", (outcome, state) => {
  expect(commitStatus(outcome).state).toBe(state);
});

describe("posting the comment", () => {
  test("given the bot's earlier comment and a look-alike by a person, when posted, then the bot's comment is updated and the other is left alone", async () => {
    const { api, calls } = fakeGitHub({
      "GET /repos/acme/auth0-tenants/issues/7/comments": [
        { id: 1, body: `${COMMENT_MARKER}\nforged`, user: { login: "mallory", type: "User" } },
        { id: 2, body: `${COMMENT_MARKER}\nold plan`, user: { login: "github-actions[bot]", type: "Bot" } },
      ],
      "PATCH /repos/acme/auth0-tenants/issues/comments/2": {},
    });
    await upsertComment(api, 7, "new body");
    expect(calls.slice(1)).toEqual([{ method: "PATCH", path: "/repos/acme/auth0-tenants/issues/comments/2", body: { body: "new body" } }]);
  });

  test("given no earlier comment, when posted, then a new one is written", async () => {
    const { api, calls } = fakeGitHub({ "GET /repos/acme/auth0-tenants/issues/7/comments": [], "POST /repos/acme/auth0-tenants/issues/7/comments": {} });
    await upsertComment(api, 7, "body");
    expect(calls.slice(1)).toEqual([{ method: "POST", path: "/repos/acme/auth0-tenants/issues/7/comments", body: { body: "body" } }]);
  });
});
