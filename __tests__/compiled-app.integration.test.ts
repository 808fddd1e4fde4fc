import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeBenchFleet } from "../bench/generate-fleet";
import { synthCommand } from "../src/synth/synth-command";
import { runApp } from "./support/compiled-app";

/**
 * Synth of whole fleets, in worker threads from the compiled app and in process: tens of
 * seconds on two cores, so these run with `npm run test:integration`.
 */
jest.setTimeout(300_000);

function stackFiles(outdir: string): Record<string, string> {
  const stacks = path.join(outdir, "stacks");
  return Object.fromEntries(fs.readdirSync(stacks).sort().map((name) => [name, fs.readFileSync(path.join(stacks, name, "cdk.tf.json"), "utf8")]));
}

describe("given a fleet of 30 tenants", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-parallel-"));
  const fleet = writeBenchFleet(dir, 30);
  const env = { PLATFORM_FILE: fleet.platformFile, TENANTS_DIR: fleet.tenantsDir };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("when the compiled app synthesizes with two worker threads, then it writes exactly what one thread writes", async () => {
    const serialOut = path.join(dir, "serial.out");
    expect(await synthCommand({ env: { ...env, CDKTF_OUTDIR: serialOut }, log: () => undefined })).toBe(0);

    const parallelOut = path.join(dir, "parallel.out");
    const run = runApp({ ...env, CDKTF_OUTDIR: parallelOut, SYNTH_WORKERS: "2" });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    expect(run.stdout).toMatch(new RegExp(`^Wrote 31 stacks to ${parallelOut} in \\d+\\.\\d s\\.\\n$`));

    expect(stackFiles(parallelOut)).toEqual(stackFiles(serialOut));
    const manifest = (out: string) => JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")).stacks;
    expect(manifest(parallelOut)).toEqual(manifest(serialOut));
    expect(fs.readdirSync(parallelOut).sort()).toEqual(["manifest.json", "stacks"]);
  });
});

describe("given a fleet of 200 tenants, the size from which synth uses threads", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-progress-"));
  const fleet = writeBenchFleet(dir, 200);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("when synthesizing with a progress callback (a terminal), then it says what it synthesizes before it starts, and closes with one line", async () => {
    const progress: string[] = [];
    const done: string[] = [];
    const env = { PLATFORM_FILE: fleet.platformFile, TENANTS_DIR: fleet.tenantsDir, CDKTF_OUTDIR: path.join(dir, "out") };
    expect(await synthCommand({ env, log: () => undefined, progress: (l) => progress.push(l), done: (l) => done.push(l) })).toBe(0);
    // In-process under jest there is no compiled worker, so one thread.
    expect(progress).toEqual(["Validated 201 files; synthesizing 201 stacks in 1 thread…"]);
    expect(done).toEqual([expect.stringMatching(new RegExp(`^Wrote 201 stacks to ${env.CDKTF_OUTDIR} in \\d+\\.\\d s\\.$`))]);
  });
});
