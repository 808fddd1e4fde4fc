import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ciMain, CiIo } from "../src/ci/main";
import { COMMENT_MARKER } from "../src/ci/pr-report";
import { fakeGitHub } from "./support/fake-github";
import { ROOT } from "./support/project";

/**
 * The privileged plan job's steps, run in-process against a fake GitHub, in a temporary
 * checkout of "the default branch" and a temporary artifact written as an attacker could.
 */
const HEAD = "e".repeat(40);
const REPO = "/repos/acme/auth0-tenants";
const DECOMMISSION_PLAN = path.join(ROOT, "__tests__", "fixtures", "plans", "recorded", "decommission", "tenant-globex.plan.json");

let project: string;
let artifact: string;
beforeEach(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-ci-main-"));
  fs.mkdirSync(path.join(project, "tenants"));
  fs.writeFileSync(path.join(project, "tenants", "globex.json"), "main's globex");
  fs.writeFileSync(path.join(project, "platform.json"), "main's platform");
  fs.mkdirSync(path.join(project, ".github"));
  fs.writeFileSync(path.join(project, ".github", "CODEOWNERS"), "* @platform-lead\n/tenants/ @carol\n");
  artifact = path.join(project, "artifact");
  fs.mkdirSync(path.join(artifact, "tenants"), { recursive: true });
  fs.writeFileSync(path.join(artifact, "pr.json"), JSON.stringify({ number: 7, headSha: HEAD }));
  fs.writeFileSync(path.join(artifact, "platform.json"), "pr's platform");
  fs.writeFileSync(path.join(artifact, "tenants", "acme.json"), "pr's acme");
});
afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

const openPr = (over: Record<string, unknown> = {}) => ({ state: "open", head: { sha: HEAD }, base: { ref: "main" }, user: { login: "alice" }, labels: [], ...over });

async function run(args: string[], routes: Record<string, unknown>, env: Record<string, string> = {}) {
  const { api, calls } = fakeGitHub(routes);
  const out: string[] = [];
  const err: string[] = [];
  const io: CiIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    cwd: project,
    api,
    teamsApi: api,
    env: { RUN_HEAD_SHA: HEAD, RUN_CONCLUSION: "success", DEFAULT_BRANCH: "main", GITHUB_REPOSITORY: "acme/auth0-tenants", GITHUB_RUN_ID: "42", ...env },
  };
  const status = await ciMain(args, io);
  return { status, out, err, calls };
}
const workFile = (name: string) => JSON.parse(fs.readFileSync(path.join(project, "plan-work", name), "utf8"));

describe("accept-input", () => {
  test("given the artifact of a passing run for an open pull request, when accepted, then its files replace the default branch's and the verified pull request is kept", async () => {
    const result = await run(["accept-input", artifact], { [`GET ${REPO}/pulls/7`]: openPr() });
    expect(result).toMatchObject({ status: 0, err: [], out: [`Pull request #7 at ${HEAD} by @alice: files accepted as data.`] });
    expect(fs.readdirSync(path.join(project, "tenants"))).toEqual(["acme.json"]);
    expect(fs.readFileSync(path.join(project, "platform.json"), "utf8")).toBe("pr's platform");
    expect(workFile("context.json")).toEqual({ number: 7, headSha: HEAD, author: "alice", labels: [], checksPassed: true, notes: [] });
  });

  test("given pr.json names another pull request (one whose head is not the finished run's), when accepted, then it is refused and nothing is installed", async () => {
    const result = await run(["accept-input", artifact], { [`GET ${REPO}/pulls/7`]: openPr({ head: { sha: "f".repeat(40) } }) });
    expect(result.status).toBe(1);
    expect(result.err).toEqual([`ci accept-input: pull request #7 is now at ${"f".repeat(40)}, not ${HEAD}: a newer run will plan it.`]);
    expect(fs.readFileSync(path.join(project, "platform.json"), "utf8")).toBe("main's platform");
  });

  test("given a pull request against another branch, when accepted, then it is refused", async () => {
    const result = await run(["accept-input", artifact], { [`GET ${REPO}/pulls/7`]: openPr({ base: { ref: "release" } }) });
    expect(result.err).toEqual(["ci accept-input: pull request #7 targets release, not main; refused."]);
  });

  test("given a run that failed, when accepted, then nothing is installed and the context says the checks failed", async () => {
    const result = await run(["accept-input", artifact], { [`GET ${REPO}/pulls/7`]: openPr() }, { RUN_CONCLUSION: "failure" });
    expect(result.status).toBe(0);
    expect(fs.readFileSync(path.join(project, "platform.json"), "utf8")).toBe("main's platform");
    expect(workFile("context.json").checksPassed).toBe(false);
  });

  test("given a symlinked tenant file in the artifact, when accepted, then it is refused with one line before GitHub is asked", async () => {
    fs.symlinkSync("/proc/self/environ", path.join(artifact, "tenants", "x.json"));
    const result = await run(["accept-input", artifact], {});
    expect(result).toMatchObject({ status: 1, calls: [], err: ['ci accept-input: plan input "tenants/x.json": is a symbolic link. The artifact is refused and nothing is planned.'] });
  });
});

describe("gate", () => {
  const accept = () => run(["accept-input", artifact], { [`GET ${REPO}/pulls/7`]: openPr({ labels: [{ name: "allow-risky-plan" }] }) });
  const plans = () => {
    fs.mkdirSync(path.join(project, "plans"), { recursive: true });
    fs.copyFileSync(DECOMMISSION_PLAN, path.join(project, "plans", "tenant-globex.plan.json"));
    return [path.join(project, "plans", "tenant-globex.plan.json")];
  };
  const labelledBy = (login: string) => ({
    [`GET ${REPO}/issues/7/events`]: [{ event: "labeled", label: { name: "allow-risky-plan" }, actor: { login } }],
    [`GET ${REPO}/pulls/7/reviews`]: [],
  });

  test("given a decommission whose author added allow-risky-plan themselves, when gated, then it is blocked (exit 3) and says who must allow it", async () => {
    await accept();
    const result = await run(["gate", ...plans()], labelledBy("alice"));
    expect(result.status).toBe(3);
    expect(workFile("gate.json")).toEqual({
      blocked: true,
      lines: [
        "**Blocked: 2 high risks.**",
        'The "allow-risky-plan" label was added by @alice, the author of this pull request, so it does not count.',
        `tenants/globex.json: has a risky change. To allow it, one of @carol other than @alice adds the "allow-risky-plan" label or approves eeeeeee.`,
      ],
    });
  });

  test("given the label was added by a code owner of the tenant file, when gated, then it passes", async () => {
    await accept();
    const result = await run(["gate", ...plans()], labelledBy("carol"));
    expect(result.status).toBe(0);
    expect(workFile("gate.json").lines).toEqual(["**2 high risks, allowed.**", 'tenants/globex.json: allowed by @carol (a code owner), who added the "allow-risky-plan" label.']);
  });

  test("given a team owns the tenant files, when a member labels, then it passes; when the team cannot be read, then it is blocked and says which secret to set", async () => {
    fs.writeFileSync(path.join(project, ".github", "CODEOWNERS"), "/tenants/ @acme/onboarding\n");
    await accept();
    const members = { [`GET /orgs/acme/teams/onboarding/members`]: [{ login: "Bob" }] };
    expect((await run(["gate", ...plans()], { ...labelledBy("bob"), ...members })).status).toBe(0);
    const unreadable = await run(["gate", ...plans()], { ...labelledBy("bob"), [`GET /orgs/acme/teams/onboarding/members`]: 403 });
    expect(unreadable.status).toBe(3);
    expect(workFile("gate.json").lines.at(-1)).toBe(
      "Could not read the members of @acme/onboarding (403); set the ORG_MEMBERS_READ_TOKEN secret (a token that may read the organization's members), or name people in CODEOWNERS.",
    );
  });

  test("given plans without a high risk, when gated, then it passes without asking GitHub", async () => {
    await accept();
    const result = await run(["gate"], {});
    expect(result).toMatchObject({ status: 0, calls: [] });
    expect(workFile("gate.json")).toEqual({ blocked: false, lines: [] });
  });
});

describe("report", () => {
  const routes = {
    [`GET ${REPO}/issues/7/comments`]: [],
    [`POST ${REPO}/issues/7/comments`]: {},
    [`POST ${REPO}/statuses/${HEAD}`]: {},
  };
  const posted = (calls: { method: string; path: string; body?: any }[]) => calls.filter((c) => c.method === "POST").map((c) => [c.path, c.body]);

  test("given planning failed, when reported, then the comment says so and the commit status fails", async () => {
    await run(["accept-input", artifact], { [`GET ${REPO}/pulls/7`]: openPr() });
    fs.writeFileSync(path.join(project, "plan-work", "affected.json"), JSON.stringify({ stacks: ["tenant-acme"] }));
    const result = await run(["report"], routes, { PREPARE_OUTCOME: "success", PLAN_OUTCOME: "failure" });
    const runUrl = "https://github.com/acme/auth0-tenants/actions/runs/42";
    expect(posted(result.calls)).toEqual([
      [`${REPO}/issues/7/comments`, { body: `${COMMENT_MARKER}\n## Auth0 plan summary\n\n**Planning failed** for eeeeeee. No plan is shown, and no earlier one stands in for it: see the logs of ${runUrl}` }],
      [`${REPO}/statuses/${HEAD}`, { state: "failure", description: "Planning failed; see the run's logs.", context: "Auth0 plan", target_url: runUrl }],
    ]);
  });

  test("given a plan blocked by the gate, when reported, then the comment shows the gate above the summary, the job summary gets it whole and the status fails", async () => {
    await run(["accept-input", artifact], { [`GET ${REPO}/pulls/7`]: openPr() });
    const work = path.join(project, "plan-work");
    fs.writeFileSync(path.join(work, "affected.json"), JSON.stringify({ stacks: ["tenant-globex"] }));
    fs.writeFileSync(path.join(work, "plan-summary.md"), "## Auth0 plan summary\n");
    fs.writeFileSync(path.join(work, "gate.json"), JSON.stringify({ blocked: true, lines: ["**Blocked: 2 high risks.**"] }));
    const stepSummary = path.join(project, "step-summary.md");
    const result = await run(["report"], routes, { PREPARE_OUTCOME: "success", PLAN_OUTCOME: "success", GITHUB_STEP_SUMMARY: stepSummary });
    const [[, comment], [, status]] = posted(result.calls);
    expect(comment.body).toBe(`${COMMENT_MARKER}\nPlanned commit eeeeeee (https://github.com/acme/auth0-tenants/actions/runs/42).\n\n> **Blocked: 2 high risks.**\n\n## Auth0 plan summary`);
    expect(status.state).toBe("failure");
    expect(fs.readFileSync(stepSummary, "utf8")).toBe("## Auth0 plan summary\n");
  });

  test("given the branch's own code claimed a stack the default branch's code does not change, when reported, then the comment says plans use the default branch's code", async () => {
    fs.writeFileSync(path.join(artifact, "affected.json"), JSON.stringify({ stacks: ["platform"] }));
    await run(["accept-input", artifact], { [`GET ${REPO}/pulls/7`]: openPr() });
    fs.writeFileSync(path.join(project, "plan-work", "affected.json"), JSON.stringify({ stacks: [] }));
    const result = await run(["report"], routes, { PREPARE_OUTCOME: "success", PLAN_OUTCOME: "success" });
    expect(posted(result.calls)[0][1].body).toContain(
      "- The branch's own code also changes platform; plans are made with the default branch's code, so a code change takes effect (and is planned again) at deploy.",
    );
  });

  test("given accept-input never succeeded, when reported, then nothing is posted (no verified pull request) and it fails with one line", async () => {
    const result = await run(["report"], routes);
    expect(result).toMatchObject({ status: 1, calls: [], err: ["ci report: context.json is missing: accept-input did not succeed, so there is no verified pull request to report on."] });
  });
});

describe("preflight (CI refuses local state and a missing lock file)", () => {
  const stack = (name: string, terraform: Record<string, unknown>) => {
    fs.mkdirSync(path.join(project, "cdktf.out", "stacks", name), { recursive: true });
    fs.writeFileSync(path.join(project, "cdktf.out", "stacks", name, "cdk.tf.json"), JSON.stringify({ terraform }));
  };

  test("given GITHUB_ACTIONS=true and no state-backend.json, when checked, then it stops with one line saying how to configure S3 or HCP Terraform", async () => {
    stack("platform", { backend: { local: { path: "../../../terraform-state/platform.tfstate" } } });
    fs.writeFileSync(path.join(project, ".terraform.lock.hcl"), "");
    const result = await run(["preflight", "platform"], {}, { GITHUB_ACTIONS: "true" });
    expect(result.status).toBe(1);
    expect(result.err).toEqual([
      'Refusing to run in CI with local Terraform state (platform): there is no state-backend.json, and a fresh runner would start from empty state and create everything again. Configure S3 ({"type": "s3", "bucket": "…", "region": "…"}) or HCP Terraform ({"type": "cloud", "organization": "…"}) in state-backend.json; see "Choosing a backend" in the README.',
    ]);
  });

  test("given state-backend.json says local, when checked in CI, then the line says so", async () => {
    stack("tenant-a", { backend: { local: {} } });
    fs.writeFileSync(path.join(project, "state-backend.json"), '{"type":"local"}');
    const result = await run(["preflight", "tenant-a"], {}, { GITHUB_ACTIONS: "true" });
    expect(result.err[0]).toContain('(tenant-a): state-backend.json says "type": "local"');
    expect(result.err[1]).toMatch(/^Refusing to run in CI without the provider lock file \.terraform\.lock\.hcl: plan and deploy could use different builds/);
  });

  test("given S3 and HCP Terraform stacks and a committed lock file, when checked in CI, then they may run", async () => {
    stack("platform", { backend: { s3: { bucket: "b" } } });
    stack("tenant-a", { cloud: { organization: "acme" } });
    fs.writeFileSync(path.join(project, ".terraform.lock.hcl"), "");
    expect(await run(["preflight", "platform", "tenant-a"], {}, { GITHUB_ACTIONS: "true" })).toMatchObject({ status: 0, err: [] });
  });

  test("given local state outside CI, when checked, then it may run (tenants local, a laptop)", async () => {
    stack("platform", { backend: { local: {} } });
    expect(await run(["preflight", "platform"], {})).toMatchObject({ status: 0, err: [] });
  });
});
