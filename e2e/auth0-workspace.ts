import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { terraform, TerraformResult } from "../src/local/terraform-cli";
import { synthCommand } from "../src/synth/synth-command";

/**
 * A project folder for the real-Auth0 story: a platform file and tenant files written by the
 * test, synthesized by the project's own synth command into `cdktf.out`, local state beside
 * it, and the real Terraform CLI with the real auth0 provider from the registry (the
 * simulator's CLI configuration is removed from the environment).
 */
export class Auth0Workspace {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-real-"));
  readonly tenantsDir = path.join(this.root, "tenants");
  readonly platformFile = path.join(this.root, "platform.json");
  private readonly backendFile = path.join(this.root, "state-backend.json");
  private readonly outdir = path.join(this.root, "cdktf.out");

  constructor(private readonly terraformBinary: string) {
    fs.mkdirSync(this.tenantsDir);
    fs.writeFileSync(this.backendFile, JSON.stringify({ type: "local", stateDir: "terraform-state" }));
  }

  write(platform: Record<string, unknown>, tenants: readonly Record<string, any>[]): void {
    fs.writeFileSync(this.platformFile, JSON.stringify(platform, null, 2));
    for (const file of fs.readdirSync(this.tenantsDir)) fs.rmSync(path.join(this.tenantsDir, file));
    for (const tenant of tenants) fs.writeFileSync(path.join(this.tenantsDir, `${tenant.name}.json`), JSON.stringify(tenant, null, 2));
  }

  async synth(): Promise<void> {
    const lines: string[] = [];
    const env = { ...process.env, TENANTS_DIR: this.tenantsDir, PLATFORM_FILE: this.platformFile, STATE_BACKEND_FILE: this.backendFile, CDKTF_OUTDIR: this.outdir };
    // State paths are relative to each stack folder: cdktf.out/stacks/<stack>/../../../terraform-state.
    if ((await synthCommand({ env, log: (line) => lines.push(line) })) !== 0) throw new Error(lines.join("\n"));
  }

  stackDir(stack: string): string {
    return path.join(this.outdir, "stacks", stack);
  }

  hasState(stack: string): boolean {
    return fs.existsSync(path.join(this.root, "terraform-state", `${stack}.tfstate`));
  }

  tf(stack: string, ...args: string[]): TerraformResult {
    const { TF_CLI_CONFIG_FILE: _simulatorConfig, AUTH0_SIM_STATE: _simulatorStore, ...env } = process.env;
    return terraform(this.terraformBinary, this.stackDir(stack), args, {
      ...env,
      TF_IN_AUTOMATION: "1",
      CHECKPOINT_DISABLE: "1",
      // One download of the provider for every stack of the run.
      TF_PLUGIN_CACHE_DIR: env.TF_PLUGIN_CACHE_DIR ?? this.pluginCache(),
    });
  }

  must(stack: string, ...args: string[]): string {
    const result = this.tf(stack, ...args);
    if (result.status !== 0) throw new Error(`terraform ${args.join(" ")} in ${stack} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
  }

  /** init, plan into a file, apply that file. */
  deploy(stack: string): void {
    this.must(stack, "init", "-input=false");
    this.must(stack, "plan", "-input=false", "-out=stack.tfplan");
    this.must(stack, "apply", "-input=false", "stack.tfplan");
  }

  /** `terraform plan -detailed-exitcode`: 0 no changes, 2 changes; with everything it printed. */
  replan(stack: string): { exitCode: number; output: string } {
    this.must(stack, "init", "-input=false");
    const result = this.tf(stack, "plan", "-input=false", "-detailed-exitcode", "-no-color");
    // Terraform wraps long messages: one space for every run of white space.
    return { exitCode: result.status, output: `${result.stdout}\n${result.stderr}`.replace(/\s+/g, " ") };
  }

  outputs(stack: string): Record<string, { value: any }> {
    return JSON.parse(this.must(stack, "output", "-json"));
  }

  /**
   * Destroys a stack whatever it holds. Resources under `prevent_destroy` are released by a
   * Terraform override file written next to the stack (never into the synthesized JSON).
   */
  destroy(stack: string): void {
    const stackJson = JSON.parse(fs.readFileSync(path.join(this.stackDir(stack), "cdk.tf.json"), "utf8"));
    const release: Record<string, Record<string, unknown>> = {};
    for (const [type, resources] of Object.entries<Record<string, any>>(stackJson.resource ?? {})) {
      for (const [name, body] of Object.entries(resources)) {
        if (body.lifecycle?.prevent_destroy) (release[type] ??= {})[name] = { lifecycle: { prevent_destroy: false } };
      }
    }
    if (Object.keys(release).length > 0) fs.writeFileSync(path.join(this.stackDir(stack), "teardown_override.tf.json"), JSON.stringify({ resource: release }));
    this.must(stack, "init", "-input=false");
    this.must(stack, "destroy", "-input=false", "-auto-approve");
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  private pluginCache(): string {
    const dir = path.join(this.root, "plugin-cache");
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }
}
