/**
 * `npm run bench:fleet -- --tenants N --rate R`: deploys N generated tenants and the
 * platform with the fleet scheduler against the Auth0 simulator limited to R Management
 * API requests a second, then drift-checks them all, and appends one row to
 * bench/fleet-results.json: requests served, wall time, the bound the rate limit sets
 * (requests / rate), their ratio, and where the time outside Auth0 calls went.
 * Not part of `npm test`. Needs Terraform and `npm run build:sim`.
 *
 * Options: --tenants 50  --rate 20  --concurrency 8  --out bench/fleet-results.json
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deployCommand, driftCommand } from "../src/deploy/deploy-command";
import type { CommandTimings } from "../src/deploy/terraform-runner";
import { LocalAuth0, SIMULATOR_ENTRY } from "../src/local/local-auth0";
import { findTerraform } from "../src/local/terraform-cli";
import { writeBenchFleet } from "./generate-fleet";

const ROOT = path.resolve(__dirname, "..", "..");

interface RateLimitFile {
  readonly requests: Record<string, Record<string, number>>;
  readonly rejected: Record<string, number>;
  readonly waitedSeconds: Record<string, number>;
}

interface Phase {
  readonly requests: number;
  readonly wallSeconds: number;
  /** CPU time (user + system) of this process and every process it started and waited for: Terraform, the simulator. */
  readonly cpuSeconds: number;
  readonly exitCode: number;
  /** Terraform commands by kind: how many, and seconds summed over all of them (they overlap). */
  readonly commands: CommandTimings;
  /** 429s the simulated Auth0 answered, and the seconds provider processes waited them out (summed). */
  readonly rateLimited: number;
  readonly rateLimitWaitSeconds: number;
}

export interface FleetRow {
  readonly tenants: number;
  readonly rate: number;
  readonly concurrency: number;
  readonly requests: number;
  readonly wallSeconds: number;
  readonly boundSeconds: number;
  readonly ratio: number;
  /** Outside Auth0 calls: synthesizing, one Terraform process start, and per phase the commands. */
  readonly outside: {
    readonly synthSeconds: number;
    readonly terraformStartSeconds: number;
    readonly terraformProcesses: number;
  };
  readonly deploy: Phase;
  readonly drift: Phase;
  readonly requestsByKind: Record<string, number>;
  /** CPU-seconds of the whole run (synth, deploy, drift): unlike wall time, the same on a busy machine. */
  readonly cpuSeconds: number;
  /** loadAverage: the 1-minute load average at the end; loadAverageAtStart at the start (other jobs share the machine). */
  readonly machine: { readonly cpus: number; readonly loadAverage: number; readonly loadAverageAtStart: number };
  readonly date: string;
}

function args(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, "")] = argv[i + 1];
  return out;
}

/**
 * CPU-seconds used so far by this process and its waited-for children (Terraform, which
 * waits for its provider processes): utime, stime, cutime, cstime of /proc/self/stat.
 */
function cpuSeconds(): number {
  const fields = fs.readFileSync("/proc/self/stat", "utf8").replace(/^.*\) /, "").split(" ");
  // After the command name: state is field 3, so utime..cstime (14..17) are at 11..14 here.
  return fields.slice(11, 15).reduce((n, ticks) => n + Number(ticks), 0) / 100;
}

const read = (file: string): RateLimitFile => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : { requests: {}, rejected: {}, waitedSeconds: {} });
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const total = (f: RateLimitFile) => sum(Object.values(f.requests).flatMap((byKind) => Object.values(byKind)));

async function phase(command: typeof deployCommand, argv: string[], env: NodeJS.ProcessEnv, limiter: string, timings: string): Promise<Phase> {
  const before = read(limiter);
  const started = Date.now();
  const cpuBefore = cpuSeconds();
  const lines: string[] = [];
  const exitCode = await command([...argv, "--timings", timings], { out: (l) => lines.push(l), err: (l) => lines.push(l), env, cwd: ROOT });
  const wallSeconds = (Date.now() - started) / 1000;
  const cpu = cpuSeconds() - cpuBefore;
  const after = read(limiter);
  if (exitCode !== 0) process.stderr.write(`${lines.join("\n")}\n`);
  return {
    requests: total(after) - total(before),
    wallSeconds,
    cpuSeconds: round(cpu),
    exitCode,
    commands: JSON.parse(fs.readFileSync(timings, "utf8")),
    rateLimited: sum(Object.values(after.rejected)) - sum(Object.values(before.rejected)),
    rateLimitWaitSeconds: sum(Object.values(after.waitedSeconds)) - sum(Object.values(before.waitedSeconds)),
  };
}

async function main(): Promise<void> {
  const a = args(process.argv.slice(2));
  const tenants = Number(a.tenants ?? 50);
  const rate = Number(a.rate ?? 20);
  const concurrency = Number(a.concurrency ?? 8);
  const outFile = path.resolve(ROOT, a.out ?? "bench/fleet-results.json");
  const terraform = findTerraform();
  if (!terraform) throw new Error("bench:fleet needs Terraform 1.11 on PATH (or TERRAFORM_BINARY_NAME)");
  if (!fs.existsSync(SIMULATOR_ENTRY)) throw new Error("bench:fleet needs the simulator: run npm run build:sim");

  const loadAverageAtStart = round(os.loadavg()[0]);
  const cpuAtStart = cpuSeconds();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-fleet-bench-"));
  try {
    const fleet = writeBenchFleet(path.join(work, "files"), tenants);
    const sim = new LocalAuth0(path.join(work, "auth0"));
    const synthStarted = Date.now();
    if (!(await sim.synth({ ...process.env, TENANTS_DIR: fleet.tenantsDir, PLATFORM_FILE: fleet.platformFile }, (l) => process.stderr.write(`${l}\n`)))) throw new Error("the generated fleet did not synthesize");
    const synthSeconds = (Date.now() - synthStarted) / 1000;
    const env = {
      ...sim.stackEnv("platform", process.env),
      TENANTS_DIR: fleet.tenantsDir,
      PLATFORM_FILE: fleet.platformFile,
      AUTH0_SIM_RATE_LIMIT: String(rate),
      TF_PLUGIN_CACHE_DIR: path.join(work, "plugin-cache"),
    };
    const common = ["--outdir", sim.outdir, "--rate", String(rate), "--concurrency", String(concurrency)];
    const limiter = `${sim.storeFile}.rate-limit.json`;
    const w = (name: string) => path.join(work, name);
    const deploy = await phase(deployCommand, [...common, "--plans", w("deploy-plans"), "--run-state", w("deploy-run.json")], env, limiter, w("deploy-timings.json"));
    const drift = await phase(driftCommand, [...common, "--plans", w("drift-plans"), "--run-state", w("drift-run.json")], env, limiter, w("drift-timings.json"));

    const starts = [0, 1, 2].map(() => {
      const t = Date.now();
      execFileSync(terraform, ["version"], { env: { ...process.env, CHECKPOINT_DISABLE: "1" }, stdio: "ignore" });
      return (Date.now() - t) / 1000;
    });
    const requests = deploy.requests + drift.requests;
    const wallSeconds = deploy.wallSeconds + drift.wallSeconds;
    const boundSeconds = requests / rate;
    const byKind: Record<string, number> = {};
    for (const kinds of Object.values(read(limiter).requests)) for (const [k, n] of Object.entries(kinds)) byKind[k] = (byKind[k] ?? 0) + n;
    const row: FleetRow = {
      tenants,
      rate,
      concurrency,
      requests,
      wallSeconds: round(wallSeconds),
      boundSeconds: round(boundSeconds),
      ratio: round(wallSeconds / boundSeconds),
      outside: {
        synthSeconds: round(synthSeconds),
        terraformStartSeconds: round(starts.sort()[1]),
        terraformProcesses: sum([...Object.values(deploy.commands), ...Object.values(drift.commands)].map((c) => c.count)),
      },
      deploy,
      drift,
      requestsByKind: byKind,
      cpuSeconds: round(cpuSeconds() - cpuAtStart),
      machine: { cpus: os.cpus().length, loadAverage: round(os.loadavg()[0]), loadAverageAtStart },
      date: new Date().toISOString(),
    };
    const rows: FleetRow[] = fs.existsSync(outFile) ? JSON.parse(fs.readFileSync(outFile, "utf8")) : [];
    rows.push(row);
    fs.writeFileSync(outFile, `${JSON.stringify(rows, null, 2)}\n`);
    process.stdout.write(
      `${tenants} tenants at ${rate} requests/s: ${requests} requests, ${row.wallSeconds} s wall, bound ${row.boundSeconds} s, ratio ${row.ratio}` +
        ` (deploy ${deploy.wallSeconds.toFixed(1)} s / ${deploy.requests} requests, drift ${drift.wallSeconds.toFixed(1)} s / ${drift.requests} requests; exit ${deploy.exitCode}/${drift.exitCode}).` +
        ` CPU ${row.cpuSeconds} s (deploy ${deploy.cpuSeconds} s, drift ${drift.cpuSeconds} s) on ${row.machine.cpus} cores; load average ${loadAverageAtStart} at start, ${row.machine.loadAverage} at end. Written to ${path.relative(ROOT, outFile)}.\n`,
    );
    if (deploy.exitCode !== 0 || drift.exitCode !== 0) process.exitCode = 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

main().catch((e: unknown) => {
  process.stderr.write(`bench:fleet: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
