import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalAuth0 } from "../../src/local/local-auth0";
import { terraform, TerraformResult } from "../../src/local/terraform-cli";

export const ROOT = path.resolve(__dirname, "..", "..");

/** One resource change of a real plan, as `<actions> <address>` (e.g. `delete,create auth0_role.role-admin`). */
export type ChangeLine = string;

/**
 * A copy of the project's tenant and platform files in a temporary folder that is also a
 * simulated Auth0 (as `tenants local` makes one): synthesized into its own cdktf.out with
 * local state beside it, planned and applied with the real Terraform CLI.
 */
export class Workspace {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-e2e-"));
  readonly tenantsDir = path.join(this.root, "tenants");
  readonly platformFile = path.join(this.root, "platform.json");
  readonly auth0 = new LocalAuth0(this.root);

  constructor(readonly terraformBinary: string) {
    // A new Auth0 tenant already has Username-Password-Authentication and the Default App
    // (sim/src/areas/new-tenant.ts). Until the platform stack adopts them (#11, stacks), the
    // story starts from an empty tenant; `tenants local` runs in this process too.
    process.env.AUTH0_SIM_TENANT ??= "empty";
    fs.cpSync(path.join(ROOT, "tenants"), this.tenantsDir, { recursive: true });
    fs.copyFileSync(path.join(ROOT, "platform.json"), this.platformFile);
  }

  /** Synthesizes every stack and seeds a user for every member, as `tenants local` does. */
  async synth(): Promise<void> {
    const problems: string[] = [];
    const env = { ...process.env, TENANTS_DIR: this.tenantsDir, PLATFORM_FILE: this.platformFile };
    if (!(await this.auth0.synth(env, (l) => problems.push(l)))) throw new Error(problems.join("\n"));
  }

  stacks(): string[] {
    return this.auth0.stacks();
  }

  terraformEnv(stack: string): NodeJS.ProcessEnv {
    return this.auth0.stackEnv(stack, process.env);
  }

  tf(stack: string, ...args: string[]): TerraformResult {
    return terraform(this.terraformBinary, this.auth0.stackDir(stack), args, this.terraformEnv(stack));
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
