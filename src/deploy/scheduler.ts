import * as fs from "fs";
import * as path from "path";
import { PLATFORM_STACK } from "../model/types";
import { terminalText } from "../review/escape";
import { PlanFileError, readPlanFile } from "../review/plan-file";
import { planRisks, Risk } from "../review/plan-risks";
import { phraseToTerminal } from "../review/phrase";
import { InitCheck } from "./init-check";
import { planRequests } from "./plan-requests";
import { RequestPacer } from "./request-pacer";
import { planStateVersion, ReviewedPlans, sameState, stateVersion } from "./reviewed-plans";
import { RunStateFile, StackResult, StackStatus } from "./run-state";
import { inStackOrder } from "./stack-names";
import { TerraformRun, TerraformRunner } from "./terraform-runner";

export type Mode = "deploy" | "drift";

/** What the real provider prints when Auth0 answered 429 and it gave up (go-auth0's error text), or what a proxy says. */
export const RATE_LIMITED = /429 Too Many Requests|rate limit(ed)? (exceeded|has been reached)|Global limit has been reached/i;

export interface RetryPolicy {
  /** Attempts of one stack, the first included. */
  readonly attempts: number;
  readonly baseMs: number;
  readonly maxMs: number;
}

export interface SchedulerProps {
  readonly mode: Mode;
  /** Stack names, already checked against STACK_NAME; order does not matter. */
  readonly stacks: readonly string[];
  readonly runner: TerraformRunner;
  readonly init: Pick<InitCheck, "needsInit" | "recordInit">;
  readonly pacer: RequestPacer;
  /** Stacks run at once (platform always runs alone, first). */
  readonly concurrency: number;
  /** Extra `terraform init` arguments, e.g. `-lockfile=readonly` with the team's committed lock file. */
  readonly initArgs?: readonly string[];
  /** Terraform's own `-parallelism` (resources a command works on at once). */
  readonly tfParallelism: number;
  readonly runState: RunStateFile;
  /** Requests planning a stack may make at most: its resources and data sources. */
  readonly planEstimate: (stack: string) => number;
  /** Where `terraform show -json` of each plan is written as `<stack>.plan.json`. */
  readonly planDir: string;
  /** Deploy: the plans the pull request was reviewed with. */
  readonly reviewed?: ReviewedPlans;
  /** Deploy: high-risk changes in a re-plan were approved on the pull request. */
  readonly allowRisk?: boolean;
  /**
   * Deploy: imports what Auth0 has and state lost (`tenants adopt`), run before planning a
   * stack whose apply in the earlier run began and never finished (killed, crashed). Returns a note.
   */
  readonly adopt?: (stack: string) => Promise<string>;
  /** Deploy: tenant stacks to plan and apply after the platform applied this plan (`<stack>.plan.json`). */
  readonly ripple?: (platformPlanFile: string) => readonly string[];
  readonly retry?: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly log: (line: string) => void;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 2000, maxMs: 60_000 };

/** One stack's attempt: how it ended, with the Terraform output that explains a failure. */
interface Outcome {
  readonly status: StackStatus;
  readonly note: string;
  readonly rateLimited?: boolean;
  readonly retryAfterMs?: number;
  readonly applyUnfinished?: boolean;
}

export interface FleetRun {
  readonly results: StackResult[];
  /** Stacks taken from an earlier run that had failed part-way. */
  readonly resumed: number;
  readonly ok: boolean;
}

/**
 * Deploy and drift as one scheduler: platform first and alone, then the tenants, at most
 * `concurrency` at a time, within the fleet's request budget; a stack that hits Auth0's
 * rate limit is retried with exponential backoff; every result is kept in the run state
 * file as it happens, so a failed or killed run can be resumed.
 */
export class FleetScheduler {
  private interrupted?: NodeJS.Signals;
  private rippleFailed?: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly retry: RetryPolicy;

  constructor(private readonly props: SchedulerProps) {
    this.sleep = props.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.retry = props.retry ?? DEFAULT_RETRY;
  }

  /** Stops starting stacks and kills the Terraform commands that run; they are recorded as interrupted. */
  interrupt(signal: NodeJS.Signals): void {
    this.interrupted = signal;
    this.props.runner.killAll(signal);
  }

  async run(): Promise<FleetRun> {
    const { props } = this;
    const earlier = new Map(props.runState.doneEarlier().map((r) => [r.stack, r]));
    const todo = inStackOrder(props.stacks).filter((s) => !earlier.has(s));
    if (earlier.size) props.log(`Resuming: ${earlier.size} stacks were done by the run that failed, ${todo.length} left.`);
    const results: StackResult[] = [];
    const record = (r: StackResult) => {
      results.push(r);
      props.runState.record(r);
      props.log(`${r.stack}: ${r.status}${r.note ? ` (${r.note})` : ""}`);
    };

    const tenants = todo.filter((s) => s !== PLATFORM_STACK);
    if (todo[0] === PLATFORM_STACK) {
      const platform = await this.runStack(PLATFORM_STACK);
      record(platform);
      if (platform.status === "failed" || platform.status === "interrupted") {
        for (const stack of tenants) record(blank(stack, "skipped", "the platform stack did not deploy; every tenant reads its outputs"));
        return this.finish(results, earlier.size);
      }
      if (props.mode === "deploy" && platform.status === "applied" && props.ripple) {
        try {
          const rippled = props.ripple(path.join(props.planDir, `${PLATFORM_STACK}.plan.json`)).filter((s) => !tenants.includes(s) && !earlier.has(s));
          if (rippled.length) props.log(`The platform gave new ids to roles or connections that ${rippled.join(", ")} use: they are planned and applied in this run.`);
          tenants.push(...rippled);
        } catch (e) {
          // The platform is applied; the tenants that follow it are unknown: the run must not look green.
          this.rippleFailed = `could not work out which tenants use roles or connections the platform re-created (${(e as Error).message}); deploy every tenant (tenants deploy) to be sure`;
          props.log(`platform: ${this.rippleFailed}`);
        }
      }
    }

    const queue = [...tenants];
    const worker = async () => {
      for (let stack = queue.shift(); stack !== undefined; stack = queue.shift()) {
        record(this.interrupted ? blank(stack, "interrupted", `not started: the run was stopped by ${this.interrupted}`) : await this.runStack(stack));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(props.concurrency, queue.length)) }, worker));
    return this.finish(results, earlier.size);
  }

  private finish(results: StackResult[], resumed: number): FleetRun {
    const ok = !this.rippleFailed && results.every((r) => r.status !== "failed" && r.status !== "skipped" && r.status !== "interrupted");
    if (ok) this.props.runState.finish();
    return { results, resumed, ok };
  }

  /** One stack, retried with backoff while Auth0 answers 429. */
  private async runStack(stack: string): Promise<StackResult> {
    const started = Date.now();
    const counter = { commands: 0, requests: 0 };
    let retries = 0;
    let adopted = "";
    if (this.props.mode === "deploy" && this.props.adopt && this.props.runState.earlier.get(stack)?.applyUnfinished) {
      try {
        adopted = await this.props.adopt(stack);
      } catch (e) {
        const note = `the earlier apply did not finish and adopting what it left failed: ${(e as Error).message}`;
        return { ...blank(stack, "failed", note), applyUnfinished: true, seconds: (Date.now() - started) / 1000 };
      }
    }
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(stack, counter);
      if (outcome.rateLimited && attempt < this.retry.attempts && !this.interrupted) {
        const backoff = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** (attempt - 1));
        const wait = Math.max(backoff, outcome.retryAfterMs ?? 0);
        this.props.log(`${stack}: Auth0 rate limit (429); retrying in ${(wait / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${this.retry.attempts})`);
        retries++;
        await this.sleep(wait);
        continue;
      }
      const note = [adopted, outcome.rateLimited ? `${outcome.note} (still rate-limited after ${attempt} attempts; run again to resume)` : outcome.note].filter(Boolean).join("; ");
      return { stack, status: outcome.status, note, retries, ...counter, seconds: (Date.now() - started) / 1000, ...(outcome.applyUnfinished ? { applyUnfinished: true } : {}) };
    }
  }

  private async attempt(stack: string, counter: { commands: number; requests: number }): Promise<Outcome> {
    const { props } = this;
    const tf = async (args: string[], reserve = 0): Promise<TerraformRun> => {
      await props.pacer.reserve(reserve);
      counter.commands++;
      return props.runner.run(stack, args);
    };
    const failed = (step: string, r: TerraformRun): Outcome => failure(stack, step, r, this.interrupted);

    if (props.init.needsInit(stack)) {
      // Terraform does not promise that concurrent inits sharing one plugin cache work
      // ("Failed to install provider" was seen with 8 at once): an init is tried 3 times.
      let init = await tf(["init", "-input=false", ...(props.initArgs ?? [])]);
      for (let retry = 1; retry < 3 && init.status !== 0 && !init.signal && !this.interrupted; retry++) {
        await this.sleep(500 + Math.random() * 1000);
        init = await tf(["init", "-input=false", ...(props.initArgs ?? [])]);
      }
      if (init.status !== 0 || init.signal) return failed("init", init);
      props.init.recordInit(stack);
    }
    const parallelism = `-parallelism=${props.tfParallelism}`;
    const planFile = path.join(props.planDir, `${stack}.plan.json`);
    fs.mkdirSync(props.planDir, { recursive: true });

    /** Plans into `file`, returns the exit code and keeps the JSON plan; settles the reserved requests. */
    const plan = async (file: string, extra: string[]): Promise<{ code: number } | Outcome> => {
      const estimate = props.planEstimate(stack);
      const planned = await tf(["plan", "-input=false", "-detailed-exitcode", parallelism, `-out=${file}`, ...extra], estimate);
      if (planned.signal || (planned.status !== 0 && planned.status !== 2)) return (props.pacer.refund(0), failed("plan", planned));
      if (props.mode === "drift" && planned.status === 0) return { code: 0 }; // clean: no JSON needed, the estimate stands
      const shown = await tf(["show", "-json", file]);
      if (shown.status !== 0 || shown.signal) return failed("show", shown);
      fs.writeFileSync(planFile, shown.stdout, { mode: 0o600 });
      const requests = planRequests(JSON.parse(shown.stdout));
      counter.requests += requests.plan;
      props.pacer.refund(estimate - requests.plan);
      return { code: planned.status };
    };
    const apply = async (file: string, note: string): Promise<Outcome> => {
      const { apply: writes } = planRequests(JSON.parse(fs.readFileSync(planFile, "utf8")));
      // Recorded first, so that a run killed outright (not only its terraform) is known to the next one.
      props.runState.record({ ...blank(stack, "interrupted", "terraform apply began and the run ended before it finished"), applyUnfinished: true });
      const applied = await tf(["apply", "-input=false", "-auto-approve", parallelism, file], writes);
      if (applied.status !== 0 || applied.signal) return { ...failed("apply", applied), applyUnfinished: applied.signal !== undefined || this.interrupted !== undefined };
      counter.requests += writes;
      return { status: "applied", note };
    };

    if (props.mode === "drift") {
      const planned = await plan("drift.tfplan", ["-lock=false"]);
      if (!("code" in planned)) return planned;
      counter.requests += planned.code === 0 ? props.planEstimate(stack) : 0;
      return planned.code === 0 ? { status: "clean", note: "" } : { status: "drifted", note: `Auth0 differs from the configuration: see ${path.relative(process.cwd(), planFile)}` };
    }

    const reviewed = props.reviewed?.of(stack);
    let why = reviewed ? "" : "no reviewed plan: planned at deploy time";
    if (reviewed) {
      const pulled = await tf(["state", "pull"]);
      if (pulled.status !== 0 || pulled.signal) return failed("state pull", pulled);
      const now = stateVersion(pulled.stdout);
      const then = planStateVersion(fs.readFileSync(reviewed.tfplan));
      if (sameState(now, then)) {
        fs.copyFileSync(reviewed.planJson, planFile);
        return apply(reviewed.tfplan, "applied the reviewed plan");
      }
      why = `state moved since review (serial ${then?.serial ?? "none"} → ${now?.serial ?? "none"}): re-planned`;
    }
    const planned = await plan("deploy.tfplan", []);
    if (!("code" in planned)) return planned;
    if (planned.code === 0) return { status: "unchanged", note: why };
    let high: Risk[];
    try {
      high = planRisks([readPlanFile(planFile)]).filter((r) => r.level === "high");
    } catch (e) {
      if (!(e instanceof PlanFileError)) throw e;
      return { status: "failed", note: `${why}; the plan could not be read, so its risk is unknown and it was not applied: ${e.message}` };
    }
    if (high.length && !props.allowRisk) {
      return { status: "failed", note: `${why}; the new plan has ${high.length} high risk(s) the pull request did not approve: ${describeRisks(high)}` };
    }
    return apply("deploy.tfplan", why);
  }
}

export const describeRisks = (risks: readonly Risk[]) => risks.map((r) => `${terminalText(r.address)}: ${phraseToTerminal(r.message)}`).join("; ");

function blank(stack: string, status: StackStatus, note: string): StackResult {
  return { stack, status, note, commands: 0, retries: 0, requests: 0, seconds: 0 };
}

/** A failed command as one line: killed by a signal, rate-limited, or Terraform's first error. */
function failure(stack: string, step: string, r: TerraformRun, interrupted: NodeJS.Signals | undefined): Outcome {
  const output = `${r.stderr}\n${r.stdout}`;
  if (interrupted) return { status: "interrupted", note: `terraform ${step} was stopped: the run was interrupted by ${interrupted}${step === "apply" ? `; if it created objects, run tenants adopt ${stack}` : ""}` };
  if (r.signal) {
    const adopt = step === "apply" ? `: Auth0 may hold objects its state does not know; run tenants adopt ${stack}, then deploy again` : "";
    return { status: "failed", note: `terraform ${step} was killed by ${r.signal}${adopt}` };
  }
  if (RATE_LIMITED.test(output)) {
    const after = /retry[- ]after:? ?(\d+(?:\.\d+)?) ?s/i.exec(output);
    return { status: "failed", note: `terraform ${step}: Auth0 rate limit (429)`, rateLimited: true, ...(after ? { retryAfterMs: Number(after[1]) * 1000 } : {}) };
  }
  const first = /Error: (.*)/.exec(output)?.[1] ?? (output.trim().split("\n")[0] || `exit code ${r.status}`);
  return { status: "failed", note: `terraform ${step} failed: ${first.trim()}` };
}
