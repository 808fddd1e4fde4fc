import { spawn } from "child_process";

/** One finished Terraform command. `signal` is set when the process was killed by one. */
export interface TerraformRun {
  readonly status: number;
  readonly signal?: NodeJS.Signals;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/**
 * Runs one Terraform command in a stack's folder. The scheduler only talks to this, so its
 * logic is tested in-process with a fake runner that plays Terraform's exit codes and output.
 */
export interface TerraformRunner {
  run(stack: string, args: readonly string[]): Promise<TerraformRun>;
  /** Sends `signal` to every command still running (the scheduler itself was interrupted). */
  killAll(signal: NodeJS.Signals): void;
}

export interface SpawnRunnerProps {
  readonly binary: string;
  /** The folder of each stack, e.g. `cdktf.out/stacks/<stack>`. */
  readonly stackDir: (stack: string) => string;
  /** The environment of each stack's commands (credentials, TF_PLUGIN_CACHE_DIR, ...). */
  readonly env: (stack: string) => NodeJS.ProcessEnv;
}

/** The real Terraform CLI, one child process per command, without colour or prompts. */
export class SpawnTerraformRunner implements TerraformRunner {
  private readonly running = new Set<ReturnType<typeof spawn>>();

  constructor(private readonly props: SpawnRunnerProps) {}

  run(stack: string, args: readonly string[]): Promise<TerraformRun> {
    const started = Date.now();
    const fullArgs = [...args, ...(args[0] === "show" || args[0] === "state" ? [] : ["-no-color"])];
    return new Promise((resolve, reject) => {
      const child = spawn(this.props.binary, fullArgs, { cwd: this.props.stackDir(stack), env: this.props.env(stack), stdio: ["ignore", "pipe", "pipe"] });
      this.running.add(child);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on("data", (b: Buffer) => out.push(b));
      child.stderr.on("data", (b: Buffer) => err.push(b));
      child.on("error", (e) => (this.running.delete(child), reject(e)));
      child.on("close", (code, signal) => {
        this.running.delete(child);
        resolve({
          status: code ?? 1,
          ...(signal ? { signal } : {}),
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(err).toString("utf8"),
          seconds: (Date.now() - started) / 1000,
        });
      });
    });
  }

  killAll(signal: NodeJS.Signals): void {
    for (const child of this.running) child.kill(signal);
  }
}

/** Seconds spent per Terraform command (init, plan, show, apply, state), for the fleet bench. */
export type CommandTimings = Record<string, { count: number; seconds: number }>;

/** Wraps a runner and adds up how long each kind of command took. */
export class TimingRunner implements TerraformRunner {
  readonly timings: CommandTimings = {};

  constructor(private readonly inner: TerraformRunner) {}

  async run(stack: string, args: readonly string[]): Promise<TerraformRun> {
    const result = await this.inner.run(stack, args);
    const t = (this.timings[args[0]] ??= { count: 0, seconds: 0 });
    t.count++;
    t.seconds += result.seconds;
    return result;
  }

  killAll(signal: NodeJS.Signals): void {
    this.inner.killAll(signal);
  }
}
