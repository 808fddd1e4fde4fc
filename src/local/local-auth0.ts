import { execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { Fleet } from "../model/types";
import { writePrivateFile } from "../private-file";
import { synthesize } from "../synth/synth-command";

/** The project folder: the nearest with a package.json, from compiled (dist/src/local) or source (src/local) code. */
function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return dir;
}

/** The simulator's provider executable and the script that writes a Terraform CLI config serving it. */
export const SIMULATOR_BIN_DIR = path.join(projectRoot(), "sim", "bin");
/** What the provider executable runs: built by `npm run build:sim`. */
export const SIMULATOR_ENTRY = path.join(projectRoot(), "dist", "sim", "src", "main.js");

/** A user that exists in the simulated Auth0 before any stack runs (as people sign up for real). */
export interface SeededUser {
  readonly user_id: string;
  readonly email: string;
  readonly name: string;
  /** The connection the user signed up with, which `identities.connection` lookups match. */
  readonly connection_name?: string;
}

interface Store {
  users?: Record<string, SeededUser>;
  resources?: Record<string, Record<string, Record<string, unknown>>>;
}

/** Every member of every tenant as a user: members named by email get a stable generated id. */
function usersOf(fleet: Fleet): SeededUser[] {
  const strategies = new Map(fleet.platform.connections.map((c) => [c.name, c.strategy]));
  return fleet.tenants.flatMap((tenant) =>
    tenant.members.map((m) => {
      // A social user's id starts with its provider, a database user's with "auth0".
      const provider = m.connection !== undefined && strategies.get(m.connection) !== "auth0" ? m.connection : "auth0";
      const userId = m.userId ?? `${provider}|${createHash("sha256").update(m.key).digest("hex").slice(0, 24)}`;
      const email = m.email?.toLowerCase() ?? `${userId.replace(/[^A-Za-z0-9]/g, "-")}@users.local`;
      return { user_id: userId, email, name: email.split("@")[0], ...(m.connection !== undefined && { connection_name: m.connection }) };
    }),
  );
}

/**
 * A simulated Auth0 in one folder: the simulator's store, a Terraform CLI config that serves
 * the simulator as `auth0/auth0` (dev_overrides, plus a local mirror so `terraform init` works
 * offline), the stacks synthesized for it with their local state, and the environment
 * Terraform needs to use them.
 */
export class LocalAuth0 {
  readonly storeFile: string;
  readonly cliConfigFile: string;
  readonly outdir: string;

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    this.storeFile = path.join(dir, "auth0.json");
    this.outdir = path.join(dir, "cdktf.out");
    this.cliConfigFile = execFileSync(path.join(SIMULATOR_BIN_DIR, "write-cli-config"), [dir], { encoding: "utf8" }).trim();
  }

  /**
   * Synthesizes the fleet `env` names (TENANTS_DIR, PLATFORM_FILE) into this folder, with local
   * state in `terraform-state/` whatever state-backend.json says, and seeds every member as a
   * user. False when a file had problems (they are logged).
   */
  async synth(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<boolean> {
    const backendFile = path.join(this.dir, "state-backend.json");
    fs.writeFileSync(backendFile, JSON.stringify({ type: "local", stateDir: "terraform-state" }));
    const fleet = await synthesize({ env: { ...env, CDKTF_OUTDIR: this.outdir, STATE_BACKEND_FILE: backendFile }, log });
    if (fleet) this.seedUsers(usersOf(fleet));
    return fleet !== undefined;
  }

  stacks(): string[] {
    return fs.readdirSync(path.join(this.outdir, "stacks")).sort();
  }

  stackDir(stack: string): string {
    return path.join(this.outdir, "stacks", stack);
  }

  /** Where each run's `terraform show -json` plans are written, one `<stack>.plan.json` per stack. */
  get planDir(): string {
    return path.join(this.dir, "plans");
  }

  planFile(stack: string): string {
    return path.join(this.planDir, `${stack}.plan.json`);
  }

  /** Terraform's environment for one stack: the CLI config, the store, and a stand-in for every required variable. */
  stackEnv(stack: string, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    return { ...base, ...this.simulatorEnv(this.requiredVariables([stack]), base), TF_IN_AUTOMATION: "1" };
  }

  /**
   * What `cdktf diff|deploy` run from the project folder `cwd` need to use the simulator
   * (`tenants local env`): the simulator's variables as for {@link stackEnv}, local state in
   * this folder's `terraform-state/` (the same as `tenants local`), whatever
   * state-backend.json says, one stack deployable alone, and no `terraform providers lock`,
   * which would ask the registry.
   * Synthesizes here first, to seed the members as users and find the stacks' variables;
   * undefined when a file had problems (they are logged).
   */
  async cdktfEnv(base: NodeJS.ProcessEnv, cwd: string, log: (line: string) => void): Promise<Record<string, string> | undefined> {
    if (!(await this.synth(base, log))) return undefined;
    const backendFile = path.join(this.dir, "cdktf-state-backend.json");
    // Relative when this folder is inside the project (as .local-auth0 is), else absolute: a relative stateDir must stay under the project.
    const absolute = path.join(this.dir, "terraform-state");
    const relative = path.relative(cwd, absolute);
    const stateDir = relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join("/");
    fs.writeFileSync(backendFile, JSON.stringify({ type: "local", stateDir }));
    return {
      ...this.simulatorEnv(this.requiredVariables(this.stacks()), base),
      STATE_BACKEND_FILE: backendFile,
      // cdktf reads any option from CDKTF_<OPTION>: `cdktf deploy tenant-x` alone, as `npm run deploy` allows.
      CDKTF_IGNORE_MISSING_STACK_DEPENDENCIES: "true",
      CDKTF_SKIP_PROVIDER_LOCK: "true",
    };
  }

  /** The variables without a default that the given synthesized stacks declare. */
  private requiredVariables(stacks: readonly string[]): string[] {
    const names = stacks.flatMap((stack) => {
      const stackJson: { variable?: Record<string, { default?: unknown }> } = JSON.parse(fs.readFileSync(path.join(this.stackDir(stack), "cdk.tf.json"), "utf8"));
      return Object.entries(stackJson.variable ?? {})
        .filter(([, v]) => v.default === undefined)
        .map(([name]) => name);
    });
    return [...new Set(names)].sort();
  }

  /** The CLI config, the store, a stand-in for each variable (a value already set in `base` wins), and no checkpoint calls. */
  private simulatorEnv(variables: readonly string[], base: NodeJS.ProcessEnv): Record<string, string> {
    return {
      TF_CLI_CONFIG_FILE: this.cliConfigFile,
      AUTH0_SIM_STATE: this.storeFile,
      ...Object.fromEntries(variables.map((name) => [`TF_VAR_${name}`, base[`TF_VAR_${name}`] ?? `simulated-${name}`])),
      CHECKPOINT_DISABLE: "1",
    };
  }

  read(): Store {
    return fs.existsSync(this.storeFile) ? JSON.parse(fs.readFileSync(this.storeFile, "utf8")) : {};
  }

  write(store: Store): void {
    writePrivateFile(this.storeFile, `${JSON.stringify(store, null, 2)}\n`);
  }

  /** Adds users that are not there yet; users and resources already in the store stay. */
  seedUsers(users: readonly SeededUser[]): void {
    const store = this.read();
    const known = store.users ?? {};
    for (const user of users) known[user.user_id] ??= user;
    this.write({ ...store, users: known });
  }

  /** The stored objects of one resource type, by id. */
  resources(type: string): Record<string, Record<string, unknown>> {
    return this.read().resources?.[type] ?? {};
  }
}
