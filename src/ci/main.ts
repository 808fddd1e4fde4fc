#!/usr/bin/env node
import * as fs from "fs";
import * as path from "path";
import { PLATFORM_STACK } from "../model/types";
import { readPlanFile } from "../review/plan-file";
import { ALLOW_LABEL } from "../review/plan-markdown";
import { planRisks } from "../review/plan-risks";
import { parseCodeowners } from "./codeowners";
import { GitHubApi } from "./github-api";
import { changesStateBackend, installPlanInput, PlanInputError, readPlanInput, STACK_NAME } from "./plan-input";
import { jobSummary, PlanOutcome, renderComment, setCommitStatus, upsertComment } from "./pr-report";
import { gatherOverrideFacts, PullRequestFacts, verifyPullRequest } from "./pull-request";
import { preflightProblems } from "./preflight";
import { collectReviewedPlans, openReviewedPlans, sealReviewedPlans, writeReviewedPlans } from "./reviewed-plans";
import { decideOverride } from "./risk-override";
import { checkStackSecrets, withStackSecrets } from "./stack-secret-commands";

/**
 * The privileged plan job's steps (`.github/workflows/pull-request-plan.yml`), and the
 * state check the plan and deploy scripts run first. Each step leaves what the next needs
 * in the work folder (PLAN_WORK, default `plan-work`):
 *
 *   accept-input <artifact-dir>   check the artifact, ask GitHub about the pull request, put its files in place → context.json
 *   gate <plan.json>...           high risks, and whether a code owner other than the author allowed them → gate.json; exit 3 when blocked
 *   report                        the sticky comment and the commit status, from whatever the earlier steps left
 *   seal-reviewed-plans <plans-dir> <bundle>   the reviewed plans for deploy, sealed with PLAN_ARTIFACT_KEY
 *   open-reviewed-plans <bundle> <dir>         (deploy) the reviewed plans back, or one line why not
 *   preflight <stack>...          in CI: exit 1, one line per problem, when the stacks would use local state or no lock file
 *   check-stack-secrets <stack>...  masks every value of STACK_SECRETS; exit 1, one line each, when a stack's sensitive variable has no value
 *   with-stack-secrets <stack-dir> -- <command>...   runs Terraform with only the TF_VAR_ that stack declares
 */
export interface CiIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** @default a GitHubApi from GITHUB_REPOSITORY, GH_TOKEN and GITHUB_API_URL */
  readonly api?: GitHubApi;
  /** Reads the members of CODEOWNERS teams. @default a GitHubApi with TEAMS_TOKEN if set, else `api` */
  readonly teamsApi?: GitHubApi;
}

interface Context extends PullRequestFacts {
  readonly checksPassed: boolean;
  readonly notes: readonly string[];
  readonly claimedAffected?: readonly string[];
}

interface Gate {
  readonly blocked: boolean;
  readonly lines: readonly string[];
}

const COMMANDS: Record<string, (args: string[], io: CiIo) => Promise<number>> = {
  "accept-input": acceptInput,
  gate,
  report,
  "seal-reviewed-plans": sealCommand,
  "open-reviewed-plans": async ([bundle, dir], io) => {
    if (!bundle || !dir) throw new Error("usage: open-reviewed-plans <bundle> <dir>");
    const files = openReviewedPlans(fs.readFileSync(bundle), required(io, "PLAN_ARTIFACT_KEY"));
    writeReviewedPlans(files, dir);
    io.out(`${files.size} files of the reviewed plans in ${dir}.`);
    return 0;
  },
  preflight: async (stacks, io) => {
    const problems = preflightProblems(stacks, io);
    for (const problem of problems) io.err(problem);
    return problems.length ? 1 : 0;
  },
  "check-stack-secrets": async (stacks, io) => {
    const problems = checkStackSecrets(stacks, io);
    for (const problem of problems) io.err(`ci check-stack-secrets: ${problem}`);
    return problems.length ? 1 : 0;
  },
  "with-stack-secrets": async (args, io) => withStackSecrets(args, io),
};

export async function ciMain(args: string[], io: CiIo): Promise<number> {
  const [name, ...rest] = args;
  const command = COMMANDS[name ?? ""];
  if (!command) return io.err(`ci: expected one of ${Object.keys(COMMANDS).join(", ")} (received ${JSON.stringify(name ?? "")}).`), 2;
  try {
    return await command(rest, io);
  } catch (error) {
    // Every expected failure is one line; the job's log shows it, and the report step then says the plan failed.
    io.err(`ci ${name}: ${(error as Error).message}`);
    return 1;
  }
}

const work = (io: CiIo, file: string) => path.resolve(io.cwd, io.env.PLAN_WORK || "plan-work", file);
const readJson = <T>(file: string): T | undefined => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as T) : undefined);
const writeJson = (file: string, value: unknown) => (fs.mkdirSync(path.dirname(file), { recursive: true }), fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`));

function required(io: CiIo, name: string): string {
  const value = io.env[name];
  if (!value) throw new Error(`${name} is not set; the workflow passes it through env:.`);
  return value;
}

function api(io: CiIo): GitHubApi {
  return io.api ?? new GitHubApi({ repository: required(io, "GITHUB_REPOSITORY"), token: required(io, "GH_TOKEN"), apiUrl: io.env.GITHUB_API_URL });
}

async function acceptInput([dir]: string[], io: CiIo): Promise<number> {
  if (!dir) throw new Error("usage: accept-input <artifact-dir>");
  let input;
  try {
    input = readPlanInput(dir);
  } catch (error) {
    if (error instanceof PlanInputError || (error as NodeJS.ErrnoException).code === "ENOENT") throw new Error((error as Error).message);
    throw error;
  }
  const pr = await verifyPullRequest(api(io), input.pr, required(io, "RUN_HEAD_SHA"), required(io, "DEFAULT_BRANCH"));
  const checksPassed = io.env.RUN_CONCLUSION === "success";
  if (checksPassed && !input.files) throw new Error("the run succeeded, but its artifact has no platform.json and tenants/; refused.");
  const notes: string[] = [];
  if (input.files && checksPassed) {
    installPlanInput(dir, input.files, io.cwd);
    if (changesStateBackend(dir, input.files, io.cwd)) notes.push("This pull request changes state-backend.json; the plan uses the default branch's backend until it is merged.");
  }
  writeJson(work(io, "context.json"), { ...pr, checksPassed, notes, claimedAffected: input.files?.claimedAffected } satisfies Context);
  // Names the reviewed-plans artifact (plans-<number>); verified by GitHub above.
  if (io.env.GITHUB_ENV) fs.appendFileSync(io.env.GITHUB_ENV, `PR_NUMBER=${pr.number}\n`);
  io.out(`Pull request #${pr.number} at ${pr.headSha} by @${pr.author}: ${checksPassed ? "files accepted as data" : "its checks failed, nothing to plan"}.`);
  return 0;
}

async function sealCommand([plansDir, bundle]: string[], io: CiIo): Promise<number> {
  if (!plansDir || !bundle) throw new Error("usage: seal-reviewed-plans <plans-dir> <bundle>");
  const context = readJson<Context>(work(io, "context.json"));
  const gateResult = readJson<Gate>(work(io, "gate.json"));
  if (!context || !gateResult) throw new Error("context.json or gate.json is missing: only a plan that was gated is kept for deploy.");
  const files = collectReviewedPlans({
    plansDir,
    stacksDir: path.resolve(io.cwd, io.env.CDKTF_OUTDIR || "cdktf.out", "stacks"),
    headSha: context.headSha,
    riskApproved: !gateResult.blocked && gateResult.lines.length > 0,
  });
  fs.mkdirSync(path.dirname(bundle), { recursive: true });
  fs.writeFileSync(bundle, sealReviewedPlans(files, io.env.PLAN_ARTIFACT_KEY ?? ""));
  io.out(`Sealed ${files.size} files for deploy in ${bundle}.`);
  return 0;
}

/** The file a stack is made from, for CODEOWNERS. */
function fileOfStack(stack: string): string {
  if (!STACK_NAME.test(stack)) throw new Error(`${JSON.stringify(stack)} is not a stack name (${STACK_NAME.source})`);
  return stack === PLATFORM_STACK ? "platform.json" : `tenants/${stack.slice("tenant-".length)}.json`;
}

async function gate(planFiles: string[], io: CiIo): Promise<number> {
  const context = readJson<Context>(work(io, "context.json"));
  if (!context) throw new Error("context.json is missing: accept-input did not succeed.");
  const high = planRisks(planFiles.map(readPlanFile)).filter((risk) => risk.level === "high");
  const riskyFiles = [...new Set(high.map((risk) => fileOfStack(risk.stack)))];
  let result: Gate = { blocked: false, lines: [] };
  if (high.length > 0) {
    const codeownersFile = path.join(io.cwd, ".github", "CODEOWNERS");
    const codeowners = parseCodeowners(fs.existsSync(codeownersFile) ? fs.readFileSync(codeownersFile, "utf8") : "");
    const github = api(io);
    const teams =
      io.teamsApi ?? (io.env.TEAMS_TOKEN ? new GitHubApi({ repository: required(io, "GITHUB_REPOSITORY"), token: io.env.TEAMS_TOKEN, apiUrl: io.env.GITHUB_API_URL }) : github);
    const { facts, notes } = await gatherOverrideFacts(github, teams, context, ALLOW_LABEL, riskyFiles, codeowners);
    const decision = decideOverride(facts);
    const count = `${high.length} high risk${high.length === 1 ? "" : "s"}`;
    result = {
      blocked: !decision.allowed,
      lines: [decision.allowed ? `**${count}, allowed.**` : `**Blocked: ${count}.**`, ...decision.reasons, ...notes],
    };
  }
  writeJson(work(io, "gate.json"), result);
  for (const line of result.lines) io.out(line);
  return result.blocked ? 3 : 0;
}

async function report(_: string[], io: CiIo): Promise<number> {
  const context = readJson<Context>(work(io, "context.json"));
  if (!context) throw new Error("context.json is missing: accept-input did not succeed, so there is no verified pull request to report on.");
  const runUrl = `${io.env.GITHUB_SERVER_URL ?? "https://github.com"}/${io.env.GITHUB_REPOSITORY}/actions/runs/${io.env.GITHUB_RUN_ID}`;
  const outcome = outcomeOf(context, io);
  if (outcome.kind === "planned" && io.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(io.env.GITHUB_STEP_SUMMARY, `${jobSummary(outcome.summary, runUrl)}\n`);
  const github = api(io);
  await upsertComment(github, context.number, renderComment(outcome, { headSha: context.headSha, runUrl }));
  await setCommitStatus(github, context.headSha, outcome, runUrl);
  io.out(`Reported "${outcome.kind}" on pull request #${context.number}.`);
  return 0;
}

/** What happened, from the steps' outcomes (PREPARE_OUTCOME, PLAN_OUTCOME, GATE_OUTCOME) and the files they left. */
function outcomeOf(context: Context, io: CiIo): PlanOutcome {
  if (!context.checksPassed) return { kind: "checks-failed" };
  const affected = readJson<{ stacks: string[] }>(work(io, "affected.json"));
  if (io.env.PREPARE_OUTCOME !== "success" || !affected) return { kind: "plan-failed" };
  const notes = [...context.notes];
  const claimed = context.claimedAffected ?? [];
  const unexplained = claimed.filter((stack) => !affected.stacks.includes(stack));
  if (unexplained.length > 0) {
    notes.push(`The branch's own code also changes ${unexplained.join(", ")}; plans are made with the default branch's code, so a code change takes effect (and is planned again) at deploy.`);
  }
  if (affected.stacks.length === 0) return { kind: "nothing-affected", notes };
  const summaryFile = work(io, "plan-summary.md");
  const gateResult = readJson<Gate>(work(io, "gate.json"));
  if (io.env.PLAN_OUTCOME !== "success" || !fs.existsSync(summaryFile) || !gateResult) return { kind: "plan-failed" };
  return { kind: "planned", summary: fs.readFileSync(summaryFile, "utf8").trimEnd(), blocked: gateResult.blocked, gate: gateResult.lines, notes };
}

if (require.main === module) {
  const io: CiIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    cwd: process.cwd(),
  };
  ciMain(process.argv.slice(2), io).then((code) => (process.exitCode = code));
}
