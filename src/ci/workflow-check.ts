import { LineCounter, parseDocument } from "yaml";

/**
 * A static check of GitHub Actions workflow files for the ways a pull request can subvert
 * a pipeline (GitHub Security Lab, "Keeping your GitHub Actions and workflows secure"):
 * expressions pasted into shell scripts, pipelines that hide a failure, actions that can
 * change under a tag, secrets within reach of a branch's code, a privileged workflow that
 * checks out the branch, secrets read from the repository instead of an environment or
 * handed to more steps than need them, and tokens with more rights than declared. One problem per line:
 * `file:line: where: what is wrong. What to do.`
 */
export interface WorkflowProblem {
  readonly file: string;
  readonly line: number;
  /** `jobs.plan.steps[2] ("Plan")`, or `workflow` for the whole file. */
  readonly where: string;
  readonly rule: WorkflowRule;
  readonly problem: string;
  readonly fix: string;
}

export type WorkflowRule =
  | "yaml"
  | "expression-in-run"
  | "pipefail"
  | "unpinned-action"
  | "secret-without-environment"
  | "secret-outside-environment"
  | "secret-scope"
  | "head-checkout"
  | "permissions";

export const formatWorkflowProblem = (p: WorkflowProblem): string => `${p.file}:${p.line}: ${p.where}: ${p.problem}. ${p.fix}`;

/** Events whose workflow runs the pull request's own files (its version of the workflow, too). */
const UNTRUSTED_EVENTS = ["pull_request", "pull_request_review", "pull_request_review_comment"];
/** Events that run the default branch's workflow with secrets and a write token while a pull request is under way. */
const PRIVILEGED_EVENTS = ["workflow_run", "pull_request_target", "issue_comment"];

/** `bash` alone is `bash --noprofile --norc -eo pipefail {0}`; GitHub's default shell is `bash -e {0}`, without pipefail. */
const PIPEFAIL_SHELL = /^bash$|^bash\b.*(-\w*o pipefail|-o\s+pipefail)/;
const PINNED_ACTION = /^[\w.-]+\/[\w.\/-]+@[0-9a-f]{40}$/;
const PINNED_IMAGE = /^docker:\/\/[^@\s]+@sha256:[0-9a-f]{64}$/;
/** What the pull request's code looks like in a checkout's `ref:` or `repository:`. */
const HEAD_REFERENCE = /head|refs\/pull\/|merge|pull_request/i;
/** ... and in a script. */
const HEAD_FETCH = /refs\/pull\/|\bgh pr checkout\b/;

type Yaml = Record<string, any>;

export function checkWorkflow(file: string, text: string): WorkflowProblem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    return [{ file, line: error.linePos?.[0].line ?? 1, where: "workflow", rule: "yaml", problem: `not valid YAML: ${error.message.split("\n")[0]}`, fix: "Fix the YAML syntax." }];
  }
  const workflow: Yaml = doc.toJS() ?? {};
  const lineOf = (path: readonly (string | number)[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  const problems: WorkflowProblem[] = [];
  const report = (path: readonly (string | number)[], where: string, rule: WorkflowRule, problem: string, fix: string) =>
    problems.push({ file, line: lineOf(path), where, rule, problem, fix });

  const events = triggers(workflow.on);
  const untrusted = events.filter((e) => UNTRUSTED_EVENTS.includes(e));
  const privileged = events.filter((e) => PRIVILEGED_EVENTS.includes(e));

  checkPermissions(workflow.permissions, ["permissions"], "workflow", untrusted, report);
  const workflowEnvSecrets = secretsIn(workflow.env ?? {});
  if (workflowEnvSecrets.length > 0) {
    report(["env"], "workflow", "secret-scope", `puts ${workflowEnvSecrets.join(", ")} in the workflow's env:, so every step of every job gets it, npm ci's install scripts included`, "Pass each secret in the env: of the one step that needs it.");
  }
  const jobs: Yaml = workflow.jobs ?? {};
  if (workflow.permissions === undefined && Object.values(jobs).some((job: Yaml) => job?.permissions === undefined)) {
    report([], "workflow", "permissions", "no permissions declared, so the token gets the repository's default rights", "Declare permissions: at the top (e.g. contents: read) and widen them per job only where needed.");
  }

  for (const [jobId, job] of Object.entries<Yaml>(jobs)) {
    const jobPath = ["jobs", jobId];
    const jobWhere = `jobs.${jobId}`;
    checkPermissions(job.permissions, [...jobPath, "permissions"], jobWhere, untrusted, report);
    checkPinned(job.uses, [...jobPath, "uses"], jobWhere, report);

    if (untrusted.length > 0 && job.environment === undefined) {
      const secrets = secretsIn(job);
      if (secrets.length > 0) {
        report(jobPath, jobWhere, "secret-without-environment", `reads ${secrets.join(", ")} in a workflow run on ${untrusted.join(", ")}, where the pull request's code (and its version of this file) runs`, "Move the step to a workflow_run workflow that runs the default branch's code, or gate the job with an environment whose secrets only the default branch may use.");
      }
    }

    // Any other workflow: a secret outside an environment is a repository or organization
    // secret, which a branch pusher's own pull_request workflow can read too (SECURITY.md).
    if (untrusted.length === 0 && job.environment === undefined) {
      const secrets = secretsIn(job);
      if (secrets.length > 0) {
        report(jobPath, jobWhere, "secret-outside-environment", `reads ${secrets.join(", ")} without an environment, so it must be a repository or organization secret, which any branch's pull_request workflow can read too`, "Give the job an environment (environment: <name>) whose deployment branches are limited to main, and keep the secret there only.");
      }
    }
    const jobEnvSecrets = secretsIn(job.env ?? {});
    if (jobEnvSecrets.length > 0) {
      report([...jobPath, "env"], jobWhere, "secret-scope", `puts ${jobEnvSecrets.join(", ")} in the job's env:, so every step gets it, npm ci's install scripts included`, "Pass each secret in the env: of the one step that needs it.");
    }
    const parsed = /fromjson\(\s*secrets\b[^)]*\)/i.exec(JSON.stringify(job));
    if (parsed) {
      report(jobPath, jobWhere, "secret-scope", `parses a secret with ${parsed[0]}: GitHub masks a secret only as the whole string it stores, so the values taken out of it are printed in clear`, "Pass the whole secret through env: to code that masks each value with ::add-mask:: before using it (as STACK_SECRETS is).");
    }

    const steps: Yaml[] = Array.isArray(job.steps) ? job.steps : [];
    steps.forEach((step, index) => {
      const stepPath = [...jobPath, "steps", index];
      const where = `${jobWhere}.steps[${index}]${step?.name ? ` (${JSON.stringify(step.name)})` : ""}`;
      if (!step || typeof step !== "object") return;
      checkPinned(step.uses, [...stepPath, "uses"], where, report);
      if (typeof step.run === "string") {
        if (step.run.includes("${{")) {
          report([...stepPath, "run"], where, "expression-in-run", "interpolates ${{ … }} into its script, so a value such as an input, a branch name or a step output runs as shell code", 'Pass the value through env: (e.g. env: { STACKS: ${{ inputs.stacks }} }) and use "$STACKS" in the script.');
        }
        const shell = step.shell ?? job.defaults?.run?.shell ?? workflow.defaults?.run?.shell;
        if (typeof shell !== "string" || !PIPEFAIL_SHELL.test(shell)) {
          const received = shell === undefined ? "GitHub's default, bash -e without pipefail" : JSON.stringify(shell);
          report([...stepPath, "run"], where, "pipefail", `runs without pipefail (shell: ${received}), so a failing command before a | goes unnoticed`, "Set defaults: run: shell: bash at the top of the workflow (GitHub runs it as bash -eo pipefail).");
        }
        if (privileged.length > 0 && HEAD_FETCH.test(step.run)) {
          report([...stepPath, "run"], where, "head-checkout", `fetches the pull request's code in a workflow run on ${privileged.join(", ")}, which holds secrets and a write token`, "Run the default branch's code only; take the pull request's files from an artifact, as data.");
        }
      }
      // actions/github-script runs its `script:` as JavaScript: the same injection, in another language.
      if (typeof step.uses === "string" && step.uses.startsWith("actions/github-script@") && String(step.with?.script ?? "").includes("${{")) {
        report([...stepPath, "with", "script"], where, "expression-in-run", "interpolates ${{ … }} into its github-script, so a value such as a branch name or a title runs as JavaScript", "Pass the value through env: and read it as process.env.NAME in the script.");
      }
      if (privileged.length > 0 && typeof step.uses === "string" && step.uses.startsWith("actions/checkout@")) {
        for (const input of ["ref", "repository"]) {
          const value = step.with?.[input];
          if (value !== undefined && HEAD_REFERENCE.test(String(value))) {
            report([...stepPath, "with", input], where, "head-checkout", `checks out the pull request's code (${input}: ${String(value)}) in a workflow run on ${privileged.join(", ")}, which holds secrets and a write token`, "Check out the default branch (no ref:) and take the pull request's files from an artifact, as data.");
          }
        }
      }
    });
  }
  return problems.sort((a, b) => a.line - b.line);
}

type Report = (path: readonly (string | number)[], where: string, rule: WorkflowRule, problem: string, fix: string) => void;

function triggers(on: unknown): string[] {
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  return on && typeof on === "object" ? Object.keys(on) : [];
}

function checkPinned(uses: unknown, path: readonly (string | number)[], where: string, report: Report): void {
  if (typeof uses !== "string" || uses.startsWith("./") || PINNED_ACTION.test(uses) || PINNED_IMAGE.test(uses)) return;
  report(path, where, "unpinned-action", `uses ${uses}, a tag or branch its owner can move to other code`, "Pin it to the full 40-character commit SHA, with the version as a comment (uses: owner/action@<sha> # v1.2.3).");
}

function checkPermissions(permissions: unknown, path: readonly (string | number)[], where: string, untrusted: string[], report: Report): void {
  if (permissions === undefined) return;
  if (typeof permissions === "string") {
    report(path, where, "permissions", `permissions: ${permissions} grants every scope at once`, "List only the scopes the job needs, e.g. contents: read.");
    return;
  }
  if (untrusted.length === 0 || !permissions || typeof permissions !== "object") return;
  const writes = Object.entries(permissions).filter(([, level]) => level === "write").map(([scope]) => scope);
  if (writes.length > 0) {
    report(path, where, "permissions", `grants ${writes.map((s) => `${s}: write`).join(", ")} to a workflow run on ${untrusted.join(", ")}, where the pull request's code runs`, "Keep pull request workflows read-only; post comments and statuses from a workflow_run workflow.");
  }
}

/** `secrets.X` names a job uses anywhere (env, with, if, steps), `secrets: inherit` too; the job's own GITHUB_TOKEN is not a secret here. */
function secretsIn(job: Yaml): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === "string") {
      for (const [, name] of value.matchAll(/secrets\.([A-Za-z_][\w-]*)/g)) if (name !== "GITHUB_TOKEN") found.add(`secrets.${name}`);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") Object.values(value).forEach(visit);
  };
  visit(job);
  if (job.secrets === "inherit") found.add("secrets: inherit");
  return [...found].sort();
}
