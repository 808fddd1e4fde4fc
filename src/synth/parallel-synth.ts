import * as fs from "fs";
import * as path from "path";
import { Worker } from "worker_threads";
import type { Fleet } from "../model/types";

/**
 * Token resolution in CDKTF is single-threaded and is most of synth's time for a large
 * fleet, so the tenants are split across worker threads. Each worker builds the platform
 * stack (so its tenants' dependency on it is recorded) and its share of tenants into a
 * staging folder; the files are then moved into `outdir` and the manifests merged.
 * `outdir` is a fresh folder (see output-folder.ts), swapped into place afterwards.
 * `workerFile` is the script each thread runs: the compiled `synth-worker.js`, or for a test
 * of the split and merge a stand-in that writes the same files (jest runs no compiled code).
 */
export async function synthInWorkers(
  fleet: Fleet,
  outdir: string,
  workers: number,
  onWorkerDone: (finished: number) => void = () => undefined,
  workerFile: string = WORKER_FILE,
): Promise<string[]> {
  fs.mkdirSync(outdir, { recursive: true });
  const shares = Array.from({ length: workers }, (_, w) => fleet.tenants.filter((_t, i) => i % workers === w));
  const stagingDirs = shares.map((_, w) => path.join(outdir, `.staging-${process.pid}-${w}`));
  try {
    let finished = 0;
    await Promise.all(shares.map((tenants, w) => runWorker(workerFile, { ...fleet, tenants }, stagingDirs[w]).then(() => onWorkerDone(++finished))));
    const manifestFiles = stagingDirs.map((dir) => path.join(dir, "manifest.json"));
    // Stryker disable next-line StringLiteral: as in compare-output.ts, a Buffer is parsed as UTF-8 too.
    const manifests = manifestFiles.map((file) => JSON.parse(fs.readFileSync(file, "utf8")));
    const stacks: Record<string, { workingDirectory: string }> = Object.assign({}, ...manifests.map((m) => m.stacks));
    stagingDirs.forEach((dir, w) => {
      for (const stack of Object.values<{ workingDirectory: string }>(manifests[w].stacks)) moveFiles(path.join(dir, stack.workingDirectory), path.join(outdir, stack.workingDirectory));
    });
    const sorted = Object.fromEntries(Object.keys(stacks).sort().map((name) => [name, stacks[name]]));
    fs.writeFileSync(path.join(outdir, "manifest.json"), JSON.stringify({ ...manifests[0], stacks: sorted }, null, 2));
    return Object.keys(sorted);
  } finally {
    for (const dir of stagingDirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}

const WORKER_FILE = path.join(__dirname, "synth-worker.js");

/**
 * A smaller young generation per thread than V8 sizes by default: peak RSS
 * at 1,000 tenants 415 -> 382 MB with no measurable change in time. It bounds only how much
 * short-lived garbage waits for a scavenge; it cannot make a thread run out of memory.
 */
// Stryker disable next-line ObjectLiteral: memory only; no output depends on it (README, "Performance", has the measurement).
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16 };

export const canStartWorkers = () => fs.existsSync(WORKER_FILE);

function runWorker(workerFile: string, fleet: Fleet, outdir: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: { fleet, outdir }, resourceLimits: WORKER_LIMITS });
    worker.once("message", resolve);
    worker.once("error", reject);
    // After its answer this does nothing; a worker that exits without one (any code) is a failure, not a wait for ever.
    worker.once("exit", (code) => reject(new Error(`synth worker exited with code ${code}`)));
  });
}

function moveFiles(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const file of fs.readdirSync(from)) fs.renameSync(path.join(from, file), path.join(to, file));
}
