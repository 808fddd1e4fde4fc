import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeBenchFleet } from "../bench/generate-fleet";
import { synthCommand } from "../src/synth/synth-command";
import { minimalTenant, ROOT, TempProject } from "./support/project";

/** The compiled app (`dist/main.js`, built by `npm test` before jest) as cdktf and CI run it. */
function runApp(env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(ROOT, "dist", "main.js")], { env: { ...process.env, ...env }, encoding: "utf8" });
}

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

describe("given a tenant file with an unknown role", () => {
  test("when the compiled app runs, then it exits 1 with the error on stderr and writes nothing", () => {
    const project = new TempProject();
    try {
      project.tenant("broken", { ...minimalTenant("broken"), members: [{ userId: "auth0|1", roles: ["owner"] }] });
      const run = runApp(project.env as Record<string, string>);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain(`${project.tenantsDir}/broken.json:`);
      expect(run.stderr).toContain(`$.members[0].roles[0]: role "owner" is not defined in ${project.platformFile}`);
      expect(run.stderr).toContain("Nothing was written.");
      expect(project.outputFiles()).toEqual([]);
    } finally {
      project.remove();
    }
  });
});
