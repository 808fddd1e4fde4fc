import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import type { CliIo } from "../cli/io";
import { LocalAuth0 } from "../local/local-auth0";
import { findTerraform } from "../local/terraform-cli";
import { adopt, AdoptError } from "./adopt";
import { AmbiguousObjectError, Auth0Finder, ManagementApiFinder, SimulatorFinder } from "./adopt-finders";
import { invalidStackNames } from "./stack-names";
import { SpawnTerraformRunner } from "./terraform-runner";

export const ADOPT_HELP = `Usage: tenants adopt <stack> [--outdir <dir>] [--plans <dir>] [--local <dir>]

After an apply was killed (or a run crashed) part-way, Auth0 holds objects that the
stack's state does not know, and every later apply fails with "already exists". adopt
plans the stack, looks up every object the plan would create in Auth0 by what identifies
it (organization, client and role by name, API by identifier, connection by name, grants
and memberships by what they join), and imports those it finds with Terraform import
blocks. Nothing is created, changed elsewhere or destroyed; objects Auth0 does not have
are left for the next deploy. Then deploy again.

Lookups use the Management API with the deploy credential (AUTH0_DOMAIN, AUTH0_CLIENT_ID,
AUTH0_CLIENT_SECRET; read scopes suffice), or the simulated Auth0 when AUTH0_SIM_STATE is
set (or --local <dir>, the folder of tenants local).

  --outdir <dir>   the synthesized stacks (default $CDKTF_OUTDIR or cdktf.out)
  --plans <dir>    where the import plan is kept as <stack>.adopt.plan.json (default deploy-plans)
  --local <dir>    synthesize into <dir> and adopt from the Auth0 simulator there`;

export async function adoptCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { outdir: { type: "string" }, plans: { type: "string" }, local: { type: "string" }, help: { type: "boolean" } },
  });
  if (values.help) return (io.out(ADOPT_HELP), 0);
  const fail = (line: string, code = 1) => (io.err(`tenants adopt: ${line}`), code);
  if (positionals.length !== 1) return fail(`give exactly one stack, e.g. tenants adopt tenant-acme (received ${positionals.length}).\n\n${ADOPT_HELP}`, 2);
  const [stack] = positionals;
  if (invalidStackNames([stack]).length) return fail(`${JSON.stringify(stack)} is not a stack name: a stack is "platform" or "tenant-<name>" (a-z 0-9 _ -).`, 2);
  const binary = findTerraform(io.env);
  if (!binary) return fail("Terraform is not installed. Install Terraform 1.11 or set TERRAFORM_BINARY_NAME to its path.");

  let outdir = path.resolve(io.cwd, values.outdir ?? io.env.CDKTF_OUTDIR ?? "cdktf.out");
  let env = io.env;
  if (values.local !== undefined) {
    const sim = new LocalAuth0(path.resolve(io.cwd, values.local));
    if (!(await sim.synth(io.env, io.err))) return 1;
    outdir = sim.outdir;
    env = sim.stackEnv(stack, io.env);
  }
  const stackDir = path.join(outdir, "stacks", stack);
  if (!fs.existsSync(path.join(stackDir, "cdk.tf.json"))) return fail(`no synthesized stack ${stack} in ${path.join(outdir, "stacks")}; run npm run synth first.`);

  let finder: Auth0Finder;
  try {
    finder = env.AUTH0_SIM_STATE ? new SimulatorFinder(path.resolve(io.cwd, env.AUTH0_SIM_STATE)) : ManagementApiFinder.fromEnv(env);
  } catch (e) {
    return fail((e as Error).message);
  }
  const pluginCache = env.TF_PLUGIN_CACHE_DIR || path.join(os.homedir(), ".terraform.d", "plugin-cache");
  fs.mkdirSync(pluginCache, { recursive: true });
  const runner = new SpawnTerraformRunner({ binary, stackDir: () => stackDir, env: () => ({ ...env, TF_PLUGIN_CACHE_DIR: pluginCache, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" }) });
  try {
    const result = await adopt({ stack, stackDir, runner, finder, planDir: path.resolve(io.cwd, values.plans ?? "deploy-plans"), log: io.out });
    for (const { address, id } of result.imported) io.out(`imported ${address} = ${id}`);
    if (result.absent.length) io.out(`Not in Auth0, left for the next deploy to create: ${result.absent.join(", ")}`);
    io.out(result.imported.length ? `${stack}: ${result.imported.length} objects adopted. Deploy again.` : `${stack}: nothing to adopt: state knows every object Auth0 has.`);
    return 0;
  } catch (e) {
    if (e instanceof AdoptError || e instanceof AmbiguousObjectError) return fail(e.message);
    throw e;
  }
}
