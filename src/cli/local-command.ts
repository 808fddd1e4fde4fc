import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { LocalAuth0, SIMULATOR_BIN_DIR, SIMULATOR_ENTRY } from "../local/local-auth0";
import { readPlanFile } from "../review/plan-file";
import { terminalText } from "../review/escape";
import { planRisks } from "../review/plan-risks";
import { phraseToTerminal } from "../review/phrase";
import { findTerraform, terraform } from "../local/terraform-cli";
import { PLATFORM_STACK } from "../model/types";
import { CliIo } from "./io";

export const LOCAL_HELP = `Usage: tenants local [stack...] [--plan-only] [--reset] [--dir <folder>]

Plans and applies stacks with the real Terraform CLI against the local Auth0 simulator
(sim/), so a tenant change can be tried end to end without an Auth0 account. Synthesizes
into <folder>/cdktf.out with local state in <folder>/terraform-state, seeds a user for
every member of every tenant, then for platform (first, always) and each stack given
(default: all) runs terraform init, plan, and apply when the plan has changes. Each
plan's risks are printed as the pull request's plan summary would flag them, and the plan
is kept as <folder>/plans/<stack>.plan.json (for tenants plan-summary).

  --plan-only      stop after each plan
  --reset          forget the simulated Auth0 and all local state first
  --dir <folder>   default .local-auth0; the simulated Auth0 is <folder>/auth0.json:
                   edit it to make drift

It is not Auth0: it checks the provider schema, references, lifecycle rules, imports
and the main Auth0 limits, not Auth0's full behaviour.`;

export async function localCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { "plan-only": { type: "boolean" }, reset: { type: "boolean" }, dir: { type: "string", default: ".local-auth0" }, help: { type: "boolean" } },
  });
  if (values.help) return (io.out(LOCAL_HELP), 0);
  const binary = findTerraform(io.env);
  if (!binary) return (io.err("tenants local: Terraform is not installed. Install Terraform 1.11 or set TERRAFORM_BINARY_NAME to its path."), 1);

  if (!fs.existsSync(SIMULATOR_ENTRY)) return (io.err("tenants local: the simulator is not built. Run npm run build:sim (npm run plan:local builds it)."), 1);
  const dir = path.resolve(io.cwd, values.dir);
  if (values.reset) fs.rmSync(dir, { recursive: true, force: true });
  const sim = new LocalAuth0(dir);
  if (!(await sim.synth(io.env, io.err))) return 1;
  const all = sim.stacks();
  const unknown = positionals.filter((s) => !all.includes(s));
  if (unknown.length) return (io.err(`tenants local: no stack named ${unknown.join(", ")}. The stacks are: ${all.join(", ")}.`), 1);
  const wanted = positionals.length ? positionals : all;
  const stacks = [PLATFORM_STACK, ...wanted.filter((s) => s !== PLATFORM_STACK)];
  for (const stack of stacks) {
    if (!planAndApply({ binary, stack, planDir: path.join(dir, "plans"), sim, io, planOnly: values["plan-only"] === true })) return 1;
  }
  io.out(`Simulated Auth0: ${sim.storeFile} (Terraform ran auth0/auth0 from ${SIMULATOR_BIN_DIR} through dev_overrides)`);
  return 0;
}

/** Terraform repeats this on every command; here it is expected: the override is the simulator. */
const OVERRIDE_WARNING = /Warning: Provider development overrides are in effect[\s\S]*?releases\.\n/;

interface StackRun {
  readonly binary: string;
  readonly stack: string;
  /** Where `terraform show -json` of each plan is written as `<stack>.plan.json`. */
  readonly planDir: string;
  readonly sim: LocalAuth0;
  readonly io: CliIo;
  readonly planOnly: boolean;
}

/** init, plan, and apply the saved plan when it has changes; false when a step failed (its output printed). */
function planAndApply({ binary, stack, planDir, sim, io, planOnly }: StackRun): boolean {
  const stackDir = sim.stackDir(stack);
  const env = sim.stackEnv(stack, io.env);
  const step = (args: string[], ok: readonly number[] = [0]) => {
    io.out(`── ${stack}: terraform ${args.join(" ")}`);
    const result = terraform(binary, stackDir, args, env);
    const passed = ok.includes(result.status);
    if (args[0] !== "init" || !passed) io.out(result.stdout.replace(OVERRIDE_WARNING, "").trim());
    if (!passed) io.err(result.stderr.trimEnd());
    return passed ? result.status : undefined;
  };
  if (step(["init", "-input=false"]) === undefined) return false;
  const plan = step(["plan", "-input=false", "-out=local.tfplan", "-detailed-exitcode"], [0, 2]);
  if (plan === undefined) return false;
  if (plan === 0) return true;
  printRisks(binary, stack, stackDir, env, planDir, io);
  return planOnly || step(["apply", "-input=false", "local.tfplan"]) !== undefined;
}

/** What the pull request's plan summary would flag; the JSON plan is kept for `tenants plan-summary`. */
function printRisks(binary: string, stack: string, stackDir: string, env: NodeJS.ProcessEnv, planDir: string, io: CliIo): void {
  const file = path.join(planDir, `${stack}.plan.json`);
  fs.mkdirSync(planDir, { recursive: true });
  fs.writeFileSync(file, terraform(binary, stackDir, ["show", "-json", "local.tfplan"], env).stdout);
  const risks = planRisks([readPlanFile(file)]);
  io.out(risks.length ? "Risks the plan summary flags:" : "The plan summary flags no risk.");
  for (const r of risks) io.out(`  ${r.level.toUpperCase()} ${terminalText(r.address)}: ${phraseToTerminal(r.message)}`);
}
