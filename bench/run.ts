/**
 * `npm run bench`: synth time and peak memory of this project's synth command for growing
 * fleets, and at 1,000 tenants the naive way (`cdktf synth` with `npx ts-node main.ts`) on
 * the same files, checking that both write the same stacks. Not part of `npm test`.
 *
 * Also at 1,000 tenants: `tenants affected` with one tenant file changed, against a full synth
 * of the same fleet, and checks its answer equals the full comparison's (`--full`).
 *
 * Options: --sizes 10,100,1000,5000  --runs 3  --naive-at 1000 (0 to skip)
 *          --affected-at 1000 (0 to skip)  --out bench/results.json
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readStacks, stackContent } from "../src/synth/compare-output";
import { writeBenchFleet } from "./generate-fleet";

const ROOT = path.resolve(__dirname, "..", "..");
const args = parseArgs(process.argv.slice(2));
const sizes = (args.sizes ?? "10,100,1000,5000").split(",").map(Number);
const runs = Number(args.runs ?? 3);
const naiveAt = Number(args["naive-at"] ?? 1000);
const affectedAt = Number(args["affected-at"] ?? 1000);
const outFile = path.resolve(ROOT, args.out ?? "bench/results.json");

interface Measurement {
  readonly wallSeconds: number;
  readonly peakRssMb: number;
  /** User + system CPU of the process tree: unlike wall time, about the same on a busy machine. */
  readonly cpuSeconds: number;
}

/** The naive way at one size; `cpuRatio` compares CPU-seconds, which a busy machine changes less than wall time. */
interface Naive {
  readonly tenants: number;
  readonly medianWallSeconds: number;
  readonly peakRssMb: number;
  readonly ratio: number;
  readonly cpuSeconds: number;
  readonly cpuRatio: number;
  readonly sameOutput: boolean;
  readonly differences: string[];
}

interface Row {
  readonly tenants: number;
  readonly stacks: number;
  readonly resources: number;
  readonly medianWallSeconds: number;
  readonly medianCpuSeconds: number;
  readonly peakRssMb: number;
  readonly msPerTenant: number;
  readonly runs: readonly Measurement[];
}

function main(): void {
  requireGnuTime();
  const loadAverageAtStart = loadAverage();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-bench-"));
  const rows: Row[] = [];
  let naive: Naive | undefined;
  let affected: AffectedRow | undefined;
  try {
    for (const n of sizes) {
      const dir = path.join(work, `n${n}`);
      const fleet = writeBenchFleet(dir, n);
      const outdir = path.join(dir, "cdktf.out");
      const env = { PLATFORM_FILE: fleet.platformFile, TENANTS_DIR: fleet.tenantsDir, CDKTF_OUTDIR: outdir };
      const measurements = Array.from({ length: runs }, () => timed(process.execPath, [path.join(ROOT, "dist", "main.js")], env));
      const count = countOutput(outdir);
      const row: Row = {
        tenants: n,
        ...count,
        medianWallSeconds: median(measurements.map((m) => m.wallSeconds)),
        medianCpuSeconds: median(measurements.map((m) => m.cpuSeconds)),
        peakRssMb: Math.max(...measurements.map((m) => m.peakRssMb)),
        msPerTenant: (median(measurements.map((m) => m.wallSeconds)) * 1000) / n,
        runs: measurements,
      };
      rows.push(row);
      progress(`${n} tenants: ${row.medianWallSeconds.toFixed(2)} s, ${row.peakRssMb.toFixed(0)} MB, CPU ${measurements.map((m) => m.cpuSeconds.toFixed(2)).join("/")} s, load average ${loadAverage()}`);

      if (n === naiveAt) {
        const naiveOut = path.join(dir, "naive.out");
        // Plain CDKTF: ts-node compiles on every run, one thread, CDKTF's token stack traces on.
        const measurement = timed(
          path.join(ROOT, "node_modules", ".bin", "cdktf"),
          ["synth", "--app", "npx ts-node main.ts", "--output", naiveOut],
          { ...env, SYNTH_WORKERS: "1", CDKTF_TOKEN_STACK_TRACES: "1", CDKTF_OUTDIR: naiveOut },
        );
        const differences = compareOutputs(outdir, naiveOut);
        naive = {
          tenants: n,
          medianWallSeconds: measurement.wallSeconds,
          peakRssMb: measurement.peakRssMb,
          ratio: measurement.wallSeconds / row.medianWallSeconds,
          cpuSeconds: measurement.cpuSeconds,
          cpuRatio: measurement.cpuSeconds / median(measurements.map((m) => m.cpuSeconds)),
          sameOutput: differences.length === 0,
          differences: differences.slice(0, 10),
        };
        progress(`naive at ${n}: ${measurement.wallSeconds.toFixed(2)} s, CPU ${measurement.cpuSeconds.toFixed(2)} s, load average ${loadAverage()}`);
      }
      if (n === affectedAt) {
        affected = measureAffected(dir, n, row.medianWallSeconds);
        progress(`affected at ${n}: ${affected.medianWallSeconds.toFixed(2)} s`);
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }

  // Other jobs may share the machine: the 1-minute load average says how busy it was.
  const result = { date: new Date().toISOString(), machine: machine(), loadAverage: { atStart: loadAverageAtStart, atEnd: loadAverage() }, runsPerSize: runs, rows, naive, affected };
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(report(rows, naive));
  console.log(`\nLoad average (1 minute): ${result.loadAverage.atStart} at start, ${result.loadAverage.atEnd} at end`);
  if (affected) console.log(affectedReport(affected));
  console.log(`\nJSON: ${path.relative(process.cwd(), outFile)}`);
  if ((naive && !naive.sameOutput) || (affected && !affected.sameAnswer)) process.exitCode = 1;
}

function report(rows: readonly Row[], naive?: Naive): string {
  const lines = [
    `Machine: ${machine()}`,
    "",
    "| tenants | stacks | resources and data sources | wall (median) | CPU (median) | peak RSS | per tenant |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map((r) => `| ${r.tenants} | ${r.stacks} | ${r.resources} | ${r.medianWallSeconds.toFixed(2)} s | ${r.medianCpuSeconds.toFixed(2)} s | ${r.peakRssMb.toFixed(0)} MB | ${r.msPerTenant.toFixed(2)} ms |`),
  ];
  const at = (n: number) => rows.find((r) => r.tenants === n);
  const [k1, k5] = [at(1000), at(5000)];
  if (k1 && k5) lines.push("", `5,000 vs 1,000 tenants: ${(k5.medianWallSeconds / k1.medianWallSeconds).toFixed(2)}x the time (${(k5.medianCpuSeconds / k1.medianCpuSeconds).toFixed(2)}x the CPU) for 5x the tenants`);
  if (naive) {
    lines.push(
      "",
      `Naive (cdktf synth, app "npx ts-node main.ts") at ${naive.tenants} tenants: ${naive.medianWallSeconds.toFixed(2)} s, ${naive.peakRssMb.toFixed(0)} MB peak RSS`,
      `This project's synth is ${naive.ratio.toFixed(1)}x faster (wall), ${naive.cpuRatio.toFixed(1)}x less CPU (${naive.cpuSeconds.toFixed(1)} CPU-s naive)`,
      naive.sameOutput ? "Output check: both wrote the same stacks with the same Terraform JSON (metadata ignored)" : `Output check FAILED:\n  ${naive.differences.join("\n  ")}`,
    );
  }
  return lines.join("\n");
}

interface AffectedRow {
  readonly tenants: number;
  readonly medianWallSeconds: number;
  /** Median wall time of `tenants affected` over the full synth's at the same size. */
  readonly ratioToFullSynth: number;
  readonly answer: string;
  readonly sameAnswer: boolean;
}

/**
 * Makes the fleet folder a git repository holding this project's code, changes one tenant's
 * display name, and times `tenants affected --base HEAD` (proportional: only that tenant
 * built on each side) against the full synth, then checks `--full` gives the same answer.
 */
function measureAffected(dir: string, n: number, fullSynthSeconds: number): AffectedRow {
  for (const entry of ["main.ts", "src", "bench", "scripts", "provider-schema", "schemas", "tsconfig.json", "tsconfig.build.json", "package.json", "package-lock.json"]) {
    fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  fs.writeFileSync(path.join(dir, ".gitignore"), "node_modules\n.gen\ndist\n*.out\n");
  const git = (...gitArgs: string[]) => execFileSync("git", gitArgs, { cwd: dir, stdio: "ignore" });
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-qm", "fleet");
  const changed = path.join(dir, "tenants", fs.readdirSync(path.join(dir, "tenants")).sort()[0]);
  fs.writeFileSync(changed, JSON.stringify({ ...JSON.parse(fs.readFileSync(changed, "utf8")), displayName: "Renamed for the bench" }, null, 2));

  const cli = path.join(ROOT, "dist", "src", "cli", "main.js");
  const answerOf = (extra: string[]) => execFileSync(process.execPath, [cli, "affected", "--base", "HEAD", "--format", "json", ...extra], { cwd: dir, env: { ...process.env, CI: "1", CHECKPOINT_DISABLE: "1" }, encoding: "utf8" });
  const seconds = Array.from({ length: runs }, () => {
    const started = process.hrtime.bigint();
    answerOf([]);
    return Number(process.hrtime.bigint() - started) / 1e9;
  });
  const answer = answerOf([]).trim();
  const medianWallSeconds = median(seconds);
  return { tenants: n, medianWallSeconds, ratioToFullSynth: medianWallSeconds / fullSynthSeconds, answer, sameAnswer: answerOf(["--full"]).trim() === answer };
}

function affectedReport(a: AffectedRow): string {
  return [
    "",
    `tenants affected, one tenant file changed of ${a.tenants}: ${a.medianWallSeconds.toFixed(2)} s (median), ${a.ratioToFullSynth.toFixed(2)}x a full synth of the fleet`,
    a.sameAnswer ? `Answer check: the same as the full comparison (--full): ${a.answer}` : `Answer check FAILED: --full answered differently from ${a.answer}`,
  ].join("\n");
}

/** Wall time from here; peak RSS of the whole process tree from GNU time (wait4's ru_maxrss). */
function timed(command: string, commandArgs: string[], env: Record<string, string>): Measurement {
  const rssFile = path.join(os.tmpdir(), `bench-rss-${process.pid}`);
  const started = process.hrtime.bigint();
  const run = spawnSync("/usr/bin/time", ["-o", rssFile, "-f", "%M %U %S", command, ...commandArgs], {
    cwd: ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1", ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`${command} ${commandArgs.join(" ")} failed (${run.status}):\n${run.stderr}\n${run.stdout}`);
  const [rssKb, user, system] = (fs.readFileSync(rssFile, "utf8").trim().split("\n").pop() ?? "").split(" ").map(Number);
  fs.rmSync(rssFile, { force: true });
  return { wallSeconds, peakRssMb: rssKb / 1024, cpuSeconds: user + system };
}

function countOutput(outdir: string): { stacks: number; resources: number } {
  const stacks = readStacks(outdir);
  let resources = 0;
  for (const stack of Object.values(stacks)) {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), "utf8"));
    for (const blocks of [json.resource ?? {}, json.data ?? {}]) for (const byName of Object.values<object>(blocks)) resources += Object.keys(byName).length;
  }
  return { stacks: Object.keys(stacks).length, resources };
}

/** Differences between two outputs: stack names, dependencies, and Terraform JSON without `//` metadata. */
function compareOutputs(ours: string, theirs: string): string[] {
  const [a, b] = [readStacks(ours), readStacks(theirs)];
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names.flatMap((name) => {
    if (!a[name] || !b[name]) return [`stack ${name} is only in ${a[name] ? "ours" : "the naive output"}`];
    if (JSON.stringify(a[name].dependencies) !== JSON.stringify(b[name].dependencies)) return [`stack ${name}: dependencies differ`];
    return stackContent(ours, a[name]) === stackContent(theirs, b[name]) ? [] : [`stack ${name}: Terraform JSON differs`];
  });
}

function requireGnuTime(): void {
  if (!fs.existsSync("/usr/bin/time")) {
    console.error("bench: needs GNU time at /usr/bin/time to measure peak memory (Debian: apt-get install time).");
    process.exit(2);
  }
}

const loadAverage = () => Math.round(os.loadavg()[0] * 100) / 100;
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const machine = () => `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
// Always shown, so that a run stopped part-way (the JSON is written at the end) still tells what it measured.
const progress = (line: string) => process.stderr.write(`${line}\n`);

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith("--") || argv[i + 1] === undefined) throw new Error(`bench: expected --name value pairs, got ${argv.join(" ")}`);
    out[argv[i].slice(2)] = argv[i + 1];
  }
  return out;
}

main();
