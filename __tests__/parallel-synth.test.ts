import * as fs from "fs";
import * as path from "path";
import type { Fleet } from "../src/model/types";
import { canStartWorkers, synthInWorkers } from "../src/synth/parallel-synth";
import { minimalTenant, TempProject } from "./support/project";

/** Writes what the compiled synth-worker.js writes, and the share of tenants each stack came from. */
const STAND_IN = path.join(__dirname, "fixtures", "synth-worker", "stand-in.js");

let project: TempProject;
let outdir: string;
beforeEach(() => {
  project = new TempProject();
  outdir = path.join(project.dir, "out");
});
afterEach(() => project.remove());

/** A validated fleet of tenants with these names, in this order in the fleet. */
function fleetOf(...names: string[]): Fleet {
  for (const name of names) project.tenant(name, minimalTenant(name));
  return project.fleet();
}

const stackFile = (stack: string) => JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));

describe("given five tenants and two worker threads", () => {
  test("when synthesized, then the tenants are dealt round-robin, every stack lands in the output with one merged manifest sorted by name, and no staging folder is left", async () => {
    const fleet = fleetOf("alpha", "bravo", "charlie", "delta", "echo");
    const finished: number[] = [];

    const names = await synthInWorkers(fleet, outdir, 2, (n) => finished.push(n), STAND_IN);

    expect(names).toEqual(["platform", "tenant-alpha", "tenant-bravo", "tenant-charlie", "tenant-delta", "tenant-echo"]);
    expect(finished).toEqual([1, 2]);
    expect(stackFile("tenant-alpha").share).toEqual(["alpha", "charlie", "echo"]);
    expect(stackFile("tenant-bravo").share).toEqual(["bravo", "delta"]);
    expect(stackFile("tenant-echo").share).toEqual(["alpha", "charlie", "echo"]);
    expect(fs.readdirSync(outdir).sort()).toEqual(["manifest.json", "stacks"]);
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(names);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks)).toEqual(names);
    expect(manifest).toEqual({
      version: "stand-in",
      stacks: Object.fromEntries(
        names.map((name) => [
          name,
          { name, workingDirectory: `stacks/${name}`, synthesizedStackPath: `stacks/${name}/cdk.tf.json`, dependencies: name === "platform" ? [] : ["platform"] },
        ]),
      ),
    });
  });
});

describe("given an output folder that does not exist yet, two levels down", () => {
  test("when synthesized in one thread, then the folder is made and holds every stack", async () => {
    outdir = path.join(project.dir, "nested", "out");
    const names = await synthInWorkers(fleetOf("alpha"), outdir, 1, undefined, STAND_IN);
    expect(names).toEqual(["platform", "tenant-alpha"]);
    expect(stackFile("tenant-alpha").share).toEqual(["alpha"]);
  });
});

// One thread each: with two, the other thread could still be writing when the failure is reported.
describe("given a worker thread that fails", () => {
  test("when it exits with a code, then synth fails naming the code, and no staging folder is left", async () => {
    await expect(synthInWorkers(fleetOf("crash"), outdir, 1, undefined, STAND_IN)).rejects.toThrow(new Error("synth worker exited with code 3"));
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test("when it exits with code 0 but without its answer, then synth fails instead of waiting for ever", async () => {
    await expect(synthInWorkers(fleetOf("silent"), outdir, 1, undefined, STAND_IN)).rejects.toThrow(new Error("synth worker exited with code 0"));
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test("when it throws, then synth fails with that error, and no staging folder is left", async () => {
    await expect(synthInWorkers(fleetOf("throw"), outdir, 1, undefined, STAND_IN)).rejects.toThrow("stand-in worker failed");
    expect(fs.readdirSync(outdir)).toEqual([]);
  });
});

describe("given the TypeScript sources (jest), where no compiled synth-worker.js is next to parallel-synth", () => {
  test("then no worker can be started, so synth runs in this thread", () => {
    expect(canStartWorkers()).toBe(false);
  });
});
