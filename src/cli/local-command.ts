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
import { writePrivateFile } from "../private-file";
import { CliIo, EXIT_OK, EXIT_PROBLEMS, usageError } from "./io";

export const LOCAL_HELP = `Usage: tenants local [stack...] [--plan-only] [--reset] [--dir <folder>]
       tenants local env [--dir <folder>]

Plans and applies stacks with the real Terraform CLI against the local Auth0 simulator
(sim/), so a tenant change can be tried end to end without an Auth0 account. Synthesizes
into <folder>/cdktf.out with local state in <folder>/terraform-state, seeds a user for
every member of every tenant, then for platform (first, always) and each stack given
(default: all) runs terraform init, plan, and apply when the plan has changes. Each
plan's risks are printed as the pull request's plan summary would flag them. Every plan
of the run, a plan without changes too, is written as <folder>/plans/<stack>.plan.json
(for tenants plan-summary); plans of earlier runs are removed first.

  --plan-only      stop after each plan
  --reset          forget the simulated Auth0 and all local state first
  --dir <folder>   default .local-auth0; the simulated Auth0 is <folder>/auth0.json:
                   edit it to make drift

tenants local env prints the export lines that point cdktf and terraform in this shell
at the simulator instead of Auth0 (the CLI configuration, the simulated Auth0, local
state in <folder>/terraform-state, the stacks' sensitive variables), after seeding the
members as users:  eval "$(npm run --silent local:env)"  then  npx cdktf deploy platform

It is not Auth0: it checks the provider schema, references, lifecycle rules, imports
and the main Auth0 limits, not Auth0's full behaviour.`;

export async function localCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { "plan-only": { type: "boolean" }, reset: { type: "boolean" }, dir: { type: "string", default: ".local-auth0" } },
  });
  if (!fs.existsSync(SIMULATOR_ENTRY)) return (io.err("tenants local: the simulator is not built. Run npm run build:sim (npm run plan:local builds it)."), EXIT_PROBLEMS);
  const dir = path.resolve(io.cwd, values.dir);
  if (positionals[0] === "env") {
    if (positionals.length > 1 || values["plan-only"] || values.reset) return usageError(io, "local", "env takes only --dir.");
    return printEnv(new LocalAuth0(dir), io);
  }
  const binary = findTerraform(io.env);
  if (!binary) return (io.err("tenants local: Terraform is not installed. Install Terraform 1.11 or set TERRAFORM_BINARY_NAME to its path."), EXIT_PROBLEMS);

  if (values.reset) fs.rmSync(dir, { recursive: true, force: true });
  const sim = new LocalAuth0(dir);
  if (!(await sim.synth(io.env, io.err))) return EXIT_PROBLEMS;
  const all = sim.stacks();
  const unknown = positionals.filter((s) => !all.includes(s));
  if (unknown.length) return usageError(io, "local", `no stack named ${unknown.join(", ")}; the stacks are ${all.join(", ")}.`);
  const wanted = positionals.length ? positionals : all;
  const stacks = [PLATFORM_STACK, ...wanted.filter((s) => s !== PLATFORM_STACK)];
  // A plan left from an earlier run would be read as this run's (applied long ago, or of a stack not planned now).
  fs.rmSync(sim.planDir, { recursive: true, force: true });
  for (const stack of stacks) {
    if (!planAndApply({ binary, stack, sim, io, planOnly: values["plan-only"] === true })) return EXIT_PROBLEMS;
  }
  io.out(`Plans: ${sim.planDir}/<stack>.plan.json (npm run --silent tenants -- plan-summary ${path.relative(io.cwd, sim.planDir) || "."}/*.plan.json)`);
  io.out(`Simulated Auth0: ${sim.storeFile} (Terraform ran auth0/auth0 from ${SIMULATOR_BIN_DIR} through dev_overrides)`);
  return EXIT_OK;
}

/** `tenants local env`: export lines for a shell, so cdktf and terraform run against the simulator as they would against Auth0. */
async function printEnv(sim: LocalAuth0, io: CliIo): Promise<number> {
  const env = await sim.cdktfEnv(io.env, io.cwd, io.err);
  if (!env) return EXIT_PROBLEMS;
  const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
  io.out(`# cdktf and terraform in this shell now use the Auth0 simulator (${sim.storeFile}), not Auth0; members are seeded as users.`);
  for (const [name, value] of Object.entries(env)) io.out(`export ${name}=${quote(value)}`);
  io.out(`# Back to Auth0: unset ${Object.keys(env).join(" ")}`);
  return EXIT_OK;
}

/** Terraform repeats this on every command; here it is expected: the override is the simulator. */
const OVERRIDE_WARNING = /Warning: Provider development overrides are in effect[\s\S]*?releases\.\n/;

interface StackRun {
  readonly binary: string;
  readonly stack: string;
  readonly sim: LocalAuth0;
  readonly io: CliIo;
  readonly planOnly: boolean;
}

/** init, plan (kept as JSON), and apply the saved plan when it has changes; false when a step failed (its output printed). */
function planAndApply({ binary, stack, sim, io, planOnly }: StackRun): boolean {
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
  const file = sim.planFile(stack);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writePrivateFile(file, terraform(binary, stackDir, ["show", "-json", "local.tfplan"], env).stdout);
  if (plan === 0) return true;
  printRisks(file, io);
  return planOnly || step(["apply", "-input=false", "local.tfplan"]) !== undefined;
}

/** What the pull request's plan summary would flag. */
function printRisks(planFile: string, io: CliIo): void {
  const risks = planRisks([readPlanFile(planFile)]);
  io.out(risks.length ? "Risks the plan summary flags:" : "The plan summary flags no risk.");
  for (const r of risks) io.out(`  ${r.level.toUpperCase()} ${terminalText(r.address)}: ${phraseToTerminal(r.message)}`);
}
