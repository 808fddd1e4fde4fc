import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalAuth0, usersOf } from "../../src/local/local-auth0";
import { terraform, TerraformResult } from "../../src/local/terraform-cli";
import { defaultSources } from "../../src/load/config-files";
import { synthCommand } from "../../src/synth/synth-command";
import { loadFleet } from "../../src/validate/validate-fleet";

export const ROOT = path.resolve(__dirname, "..", "..");

/** One resource change of a real plan, as `<actions> <address>` (e.g. `delete,create auth0_role.role-admin`). */
export type ChangeLine = string;

/**
 * A copy of the project's tenant and platform files in a temporary folder, synthesized into
 * its own cdktf.out with local state beside it, planned and applied with the real Terraform
 * CLI against a fresh simulated Auth0.
 */
export class Workspace {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-e2e-"));
  readonly tenantsDir = path.join(this.root, "tenants");
  readonly platformFile = path.join(this.root, "platform.json");
  readonly outdir = path.join(this.root, "cdktf.out");
  readonly auth0 = new LocalAuth0(path.join(this.root, "auth0"));
  private readonly backendFile = path.join(this.root, "state-backend.json");

  constructor(readonly terraformBinary: string) {
    fs.cpSync(path.join(ROOT, "tenants"), this.tenantsDir, { recursive: true });
    fs.copyFileSync(path.join(ROOT, "platform.json"), this.platformFile);
    fs.writeFileSync(this.backendFile, JSON.stringify({ type: "local", stateDir: "terraform-state" }));
  }

  get env(): NodeJS.ProcessEnv {
    return { ...process.env, TENANTS_DIR: this.tenantsDir, PLATFORM_FILE: this.platformFile, CDKTF_OUTDIR: this.outdir, STATE_BACKEND_FILE: this.backendFile };
  }

  /** Synthesizes every stack and seeds a user for every member, as `tenants local` does. */
  async synth(): Promise<void> {
    const problems: string[] = [];
    if ((await synthCommand({ env: this.env, log: (l) => problems.push(l) })) !== 0) throw new Error(problems.join("\n"));
    this.auth0.seedUsers(usersOf(loadFleet(defaultSources(this.env))));
  }

  stacks(): string[] {
    return fs.readdirSync(path.join(this.outdir, "stacks")).sort();
  }

  stackDir(stack: string): string {
    return path.join(this.outdir, "stacks", stack);
  }

  terraformEnv(stack: string): NodeJS.ProcessEnv {
    return this.auth0.env(process.env, JSON.parse(fs.readFileSync(path.join(this.stackDir(stack), "cdk.tf.json"), "utf8")));
  }

  tf(stack: string, ...args: string[]): TerraformResult {
    return terraform(this.terraformBinary, this.stackDir(stack), args, this.terraformEnv(stack));
  }

  /** Like `tf`, but a failure throws with Terraform's own output. */
  must(stack: string, ...args: string[]): string {
    const result = this.tf(stack, ...args);
    if (result.status !== 0) throw new Error(`terraform ${args.join(" ")} in ${stack} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
  }

  /** Plans into `stack.tfplan` and returns the plan as `terraform show -json` prints it. */
  plan(stack: string, ...args: string[]): Record<string, unknown> & { resource_changes?: Array<{ address: string; change: { actions: string[] } }> } {
    this.must(stack, "init", "-input=false");
    this.must(stack, "plan", "-input=false", "-out=stack.tfplan", ...args);
    return JSON.parse(this.must(stack, "show", "-json", "stack.tfplan"));
  }

  apply(stack: string): void {
    this.must(stack, "apply", "-input=false", "stack.tfplan");
  }

  /** Exit code of `terraform plan -detailed-exitcode`: 0 no changes, 2 changes. */
  planExitCode(stack: string): number {
    this.must(stack, "init", "-input=false");
    return this.tf(stack, "plan", "-input=false", "-detailed-exitcode").status;
  }

  editTenant(name: string, edit: (tenant: Record<string, any>) => void): void {
    const file = path.join(this.tenantsDir, `${name}.json`);
    const tenant = JSON.parse(fs.readFileSync(file, "utf8"));
    edit(tenant);
    fs.writeFileSync(file, JSON.stringify(tenant, null, 2));
  }

  /** Runs a CI script from scripts/ci with this workspace as its working folder. */
  script(name: string, args: string[], env: NodeJS.ProcessEnv) {
    return spawnSync("bash", [path.join(ROOT, "scripts", "ci", name), ...args], { cwd: this.root, env, encoding: "utf8" });
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** The changes of a plan other than no-op and read, sorted. */
export function changeLines(plan: { resource_changes?: Array<{ address: string; change: { actions: string[]; importing?: unknown } }> }): ChangeLine[] {
  return (plan.resource_changes ?? [])
    .filter((rc) => rc.change.importing || !["no-op", "read"].includes(rc.change.actions.join(",")))
    .map((rc) => `${rc.change.importing ? "import" : rc.change.actions.join(",")} ${rc.address}`)
    .sort();
}
