import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import type { CliIo } from "../cli/io";
import { LocalAuth0, SIMULATOR_ENTRY } from "../local/local-auth0";
import { defaultSources } from "../load/config-files";
import { findTerraform } from "../local/terraform-cli";
import { declaredIn, readStackSecrets } from "../ci/stack-secret-commands";
import { DeclaredVariable, secretProblems, StackSecretsError, stackEnvironment } from "../ci/stack-secrets";
import { readPlanFile } from "../review/plan-file";
import { platformRipple } from "../review/platform-ripple";
import { loadFleet } from "../validate/validate-fleet";
import { adopt } from "./adopt";
import { ManagementApiFinder, SimulatorFinder } from "./adopt-finders";
import { InitCheck } from "./init-check";
import { RequestPacer } from "./request-pacer";
import { resultMarkdown, resultTable } from "./result-table";
import { ReviewedPlans } from "./reviewed-plans";
import { RunStateFile } from "./run-state";
import { FleetScheduler, Mode } from "./scheduler";
import { invalidStackNames, inStackOrder } from "./stack-names";
import { SpawnTerraformRunner, TimingRunner } from "./terraform-runner";

/**
 * Auth0's Management API limit for production tenants of the Self Service and Enterprise
 * plans: 16 sustained requests a second ("Management API Endpoint Rate Limits"; Free: 2,
 * Private Cloud Basic: 50). Set --rate (or MANAGEMENT_API_RATE_LIMIT) to your tenant's figure.
 */
export const DEFAULT_RATE = 16;
export const DEFAULT_CONCURRENCY = 4;

const OPTIONS = `  --rate <n>             Management API requests a second for the whole fleet (default
                         ${DEFAULT_RATE}, Auth0's production limit; MANAGEMENT_API_RATE_LIMIT)
  --concurrency <n>      stacks at once after the platform (default ${DEFAULT_CONCURRENCY}; DEPLOY_CONCURRENCY)
  --parallelism <n>      terraform -parallelism per stack (default rate / concurrency, 1 to 10)
  --outdir <dir>         the synthesized stacks (default $CDKTF_OUTDIR or cdktf.out)
  --plans <dir>          where each plan is kept as <stack>.plan.json (default <mode>-plans)
  --run-state <file>     the run's state, for resuming (default .fleet-runs/<mode>.json)
  --summary <file>       append the result table as Markdown (default $GITHUB_STEP_SUMMARY)
  --local <dir>          synthesize into <dir> and run against the Auth0 simulator there
                         (the folder of tenants local), e.g. to try a deploy
  --timings <file>       write the seconds spent per kind of Terraform command as JSON`;

export const DEPLOY_HELP = `Usage: tenants deploy [stack...] [options]

Plans and applies stacks with Terraform: platform first and alone, then the tenants,
--concurrency at a time, within a fleet-wide budget of Management API requests; a stack
Auth0 rate-limits (429) is retried with backoff. Without stacks: every synthesized stack.
With --reviewed-plans, a stack whose state has not moved since its pull request was
planned gets that reviewed plan applied; otherwise it is planned again and a high risk
fails it unless --allow-risk. A failed run is resumed by running the same command again:
only the stacks that failed or did not run are done. Prints a table of every stack.

  --reviewed-plans <dir> the plan workflow's artifact: <stack>.tfplan and <stack>.plan.json
  --allow-risk           the pull request approved its high risks (allow-risky-plan)
${OPTIONS}

Exit 0 when every stack applied or had no changes, 1 otherwise, 2 on bad usage.`;

export const DRIFT_HELP = `Usage: tenants drift [stack...] [options]

Plans stacks (without taking the state lock) and reports those whose Auth0 objects differ
from their configuration, with the same scheduler as deploy: platform first, bounded
concurrency, one request budget, retries on 429, resumable, one result table.

  --shard <i>/<n>        only the stacks of shard i (1..n), split by a hash of the name,
                         so that a large fleet is checked over n nights
${OPTIONS}

Exit 0 when no stack drifted or failed, 1 otherwise, 2 on bad usage.`;

const positive = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be a positive number, got ${JSON.stringify(value)}`);
  return n;
};

class UsageError extends Error {}

/** The shard (1-based) a stack belongs to among n: stable as the fleet grows. */
export function shardOf(stack: string, shards: number): number {
  return (createHash("sha256").update(stack).digest().readUInt32BE(0) % shards) + 1;
}

export const deployCommand = (args: string[], io: CliIo) => fleetCommand("deploy", args, io);
export const driftCommand = (args: string[], io: CliIo) => fleetCommand("drift", args, io);

async function fleetCommand(mode: Mode, args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      rate: { type: "string" },
      concurrency: { type: "string" },
      parallelism: { type: "string" },
      outdir: { type: "string" },
      plans: { type: "string" },
      "run-state": { type: "string" },
      summary: { type: "string" },
      local: { type: "string" },
      "reviewed-plans": { type: "string" },
      "allow-risk": { type: "boolean" },
      shard: { type: "string" },
      timings: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) return (io.out(mode === "deploy" ? DEPLOY_HELP : DRIFT_HELP), 0);
  const fail = (line: string, code = 1) => (io.err(`tenants ${mode}: ${line}`), code);
  const wrongMode = mode === "deploy" ? (values.shard !== undefined ? "--shard" : undefined) : values["reviewed-plans"] !== undefined ? "--reviewed-plans" : values["allow-risk"] ? "--allow-risk" : undefined;
  if (wrongMode) return fail(`${wrongMode} is not an option of tenants ${mode}.`, 2);

  let rate: number, concurrency: number, parallelism: number, shard: [number, number] | undefined;
  try {
    rate = positive("--rate", values.rate ?? io.env.MANAGEMENT_API_RATE_LIMIT, DEFAULT_RATE);
    concurrency = Math.floor(positive("--concurrency", values.concurrency ?? io.env.DEPLOY_CONCURRENCY, DEFAULT_CONCURRENCY));
    parallelism = Math.floor(positive("--parallelism", values.parallelism, Math.min(10, Math.max(1, Math.floor(rate / concurrency)))));
    const shardText = values.shard;
    if (shardText !== undefined) {
      const m = /^(\d+)\/(\d+)$/.exec(shardText);
      if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new UsageError(`--shard must be i/n with 1 <= i <= n, got ${JSON.stringify(shardText)}`);
      shard = [Number(m[1]), Number(m[2])];
    }
  } catch (e) {
    if (e instanceof UsageError) return fail(e.message, 2);
    throw e;
  }
  const invalid = invalidStackNames(positionals);
  if (invalid.length) return fail(`${invalid.join(", ")} is not a stack name: a stack is "platform" or "tenant-<name>" (a-z 0-9 _ -).`, 2);

  const binary = findTerraform(io.env);
  if (!binary) return fail("Terraform is not installed. Install Terraform 1.11 or set TERRAFORM_BINARY_NAME to its path.");

  // The stacks' secrets (STACK_SECRETS): masked in the log before anything else runs.
  let secrets: ReadonlyMap<string, string>;
  try {
    secrets = readStackSecrets(io.env, io.out);
  } catch (e) {
    if (e instanceof StackSecretsError) return fail(e.message);
    throw e;
  }

  let outdir = path.resolve(io.cwd, values.outdir ?? io.env.CDKTF_OUTDIR ?? "cdktf.out");
  // Each stack's commands get only the TF_VAR_ its own stack declares, every time (so a
  // write-only value is there again when a saved plan is applied), and never the map.
  const declared = new Map<string, readonly DeclaredVariable[]>();
  const declaredBy = (stack: string) => {
    if (!declared.has(stack)) declared.set(stack, declaredIn(path.join(outdir, "stacks", stack)));
    return declared.get(stack)!;
  };
  const secretEnv = (stack: string): NodeJS.ProcessEnv => stackEnvironment(declaredBy(stack), secrets, io.env);
  let stackEnv = secretEnv;
  if (values.local !== undefined) {
    if (!fs.existsSync(SIMULATOR_ENTRY)) return fail("the simulator is not built. Run npm run build:sim.");
    const sim = new LocalAuth0(path.resolve(io.cwd, values.local));
    if (!(await sim.synth(io.env, io.err))) return 1;
    outdir = sim.outdir;
    stackEnv = (stack) => sim.stackEnv(stack, secretEnv(stack));
  }
  const stacksDir = path.join(outdir, "stacks");
  if (!fs.existsSync(stacksDir)) return fail(`${stacksDir} does not exist; run npm run synth first.`);
  const synthesized = fs.readdirSync(stacksDir).filter((s) => fs.existsSync(path.join(stacksDir, s, "cdk.tf.json")));
  const missing = positionals.filter((s) => !synthesized.includes(s));
  if (missing.length) return fail(`no synthesized stack named ${missing.join(", ")} in ${stacksDir}; run npm run synth first.`);
  let stacks = inStackOrder(positionals.length ? positionals : synthesized);
  if (shard) stacks = stacks.filter((s) => shardOf(s, shard![1]) === shard![0]);

  const problems = secretProblems(new Map(stacks.map((s) => [s, declaredBy(s)])), new Map(), stackEnv);
  if (problems.length) return problems.forEach((p) => io.err(`tenants ${mode}: ${p}`)), 1;

  const stackDir = (stack: string) => path.join(stacksDir, stack);
  // One provider download for the whole fleet, and the team's lock file in every stack, so
  // that plan and deploy use the same provider build.
  const pluginCache = io.env.TF_PLUGIN_CACHE_DIR || path.join(os.homedir(), ".terraform.d", "plugin-cache");
  fs.mkdirSync(pluginCache, { recursive: true });
  const lockFile = path.join(io.cwd, ".terraform.lock.hcl");
  const teamLock = fs.existsSync(lockFile);
  if (teamLock) for (const s of stacks) fs.copyFileSync(lockFile, path.join(stackDir(s), ".terraform.lock.hcl"));
  const runner = new TimingRunner(new SpawnTerraformRunner({
    binary,
    stackDir,
    env: (stack) => ({ ...stackEnv(stack), TF_PLUGIN_CACHE_DIR: pluginCache, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" }),
  }));

  const configs = new Map(stacks.map((s) => [s, fs.readFileSync(path.join(stackDir(s), "cdk.tf.json"), "utf8")]));
  const key = createHash("sha256").update(JSON.stringify([mode, values["reviewed-plans"] ?? "", [...configs]])).digest("hex");
  const runState = new RunStateFile(path.resolve(io.cwd, values["run-state"] ?? path.join(".fleet-runs", `${mode}.json`)), key);
  const planEstimate = (stack: string) => {
    const json = JSON.parse(configs.get(stack) ?? "{}") as { resource?: Record<string, object>; data?: Record<string, object> };
    const count = (blocks: Record<string, object> | undefined) => Object.values(blocks ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
    return count(json.resource) + count(json.data);
  };
  const reviewedDir = values["reviewed-plans"];
  const scheduler = new FleetScheduler({
    mode,
    stacks,
    runner,
    init: new InitCheck(stackDir),
    pacer: new RequestPacer(rate),
    concurrency,
    tfParallelism: parallelism,
    // With the team's lock file, init fails rather than pick another provider build.
    initArgs: teamLock ? ["-lockfile=readonly"] : [],
    runState,
    planEstimate,
    planDir: path.resolve(io.cwd, values.plans ?? `${mode}-plans`),
    ...(reviewedDir ? { reviewed: new ReviewedPlans(path.resolve(io.cwd, reviewedDir)) } : {}),
    allowRisk: values["allow-risk"] === true,
    // A role or connection the platform re-created has a new id that tenants read from its
    // outputs: their JSON did not change, so only the platform's plan says they must follow.
    ripple: (platformPlanFile) => {
      const plan = readPlanFile(platformPlanFile);
      // The tenant files are read only when a role or connection is created or replaced.
      if (!plan.changes.some((c) => (c.type === "auth0_role" || c.type === "auth0_connection") && (c.action === "create" || c.action === "replace"))) return [];
      return platformRipple(plan, loadFleet(defaultSources(io.env)))
        .map((r) => r.stack)
        .filter((s) => synthesized.includes(s));
    },
    adopt: async (stack) => {
      const env = stackEnv(stack);
      const finder = env.AUTH0_SIM_STATE ? new SimulatorFinder(path.resolve(io.cwd, env.AUTH0_SIM_STATE)) : ManagementApiFinder.fromEnv(env);
      const result = await adopt({ stack, stackDir: stackDir(stack), runner, finder, planDir: path.resolve(io.cwd, values.plans ?? `${mode}-plans`), log: io.out });
      return `the earlier apply did not finish: adopted ${result.imported.length} objects it left in Auth0`;
    },
    log: io.out,
  });

  const onSignal = (signal: NodeJS.Signals) => {
    io.err(`tenants ${mode}: interrupted by ${signal}; stopping the running Terraform commands. Run the same command again to resume.`);
    scheduler.interrupt(signal);
  };
  process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  io.out(`${mode === "deploy" ? "Deploying" : "Checking for drift in"} ${stacks.length} stacks: ${concurrency} at a time, ${rate} requests/s, terraform -parallelism=${parallelism}.`);
  try {
    const run = await scheduler.run();
    io.out(resultTable(run.results));
    if (values.timings) fs.writeFileSync(path.resolve(io.cwd, values.timings), `${JSON.stringify(runner.timings, null, 2)}\n`);
    const summary = values.summary ?? io.env.GITHUB_STEP_SUMMARY;
    if (summary) fs.appendFileSync(summary, resultMarkdown(mode === "deploy" ? "Deploy" : "Drift check", run.results));
    const drifted = run.results.filter((r) => r.status === "drifted").length;
    if (drifted) io.out(`${drifted} stacks drifted: their Auth0 objects were changed outside this repository.`);
    return run.ok && drifted === 0 ? 0 : 1;
  } finally {
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
  }
}
