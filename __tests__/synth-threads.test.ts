import * as os from "os";
import type { Fleet } from "../src/model/types";
import { canStartWorkers, synthInWorkers } from "../src/synth/parallel-synth";
import { synthesize, writeStacks } from "../src/synth/synth-command";
import { synthStacks } from "../src/synth/synth-stacks";
import { minimalTenant, TempProject } from "./support/project";

// jest runs the TypeScript sources, where no compiled worker exists to start: the threads, and
// synth in this thread, are stood in for, so what is decided here (how many threads, what is
// printed) is checked on its own. parallel-synth.test.ts checks the threads' split and merge.
jest.mock("../src/synth/parallel-synth", () => ({
  canStartWorkers: jest.fn(() => true),
  synthInWorkers: jest.fn(async (_fleet: unknown, _outdir: string, workers: number, onWorkerDone: (n: number) => void) => {
    for (let finished = 1; finished <= workers; finished++) onWorkerDone(finished);
    return ["platform", "tenant-alpha"];
  }),
}));
jest.mock("../src/synth/synth-stacks", () => ({ synthStacks: jest.fn(() => ["platform", "tenant-alpha"]) }));
// The module object itself, so that the spy reaches synth-command's `os.availableParallelism`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeOs: typeof os = require("os");

let project: TempProject;
let fleet: Fleet;
beforeAll(() => {
  project = new TempProject();
  project.tenant("alpha", minimalTenant("alpha"));
  fleet = project.fleet();
});
afterAll(() => project.remove());
let cores: jest.SpyInstance<number, []>;
beforeEach(() => (cores = jest.spyOn(nodeOs, "availableParallelism").mockReturnValue(8)));
afterEach(() => {
  cores.mockRestore();
  jest.clearAllMocks();
});

/** The fleet with its one tenant `count` times: enough to cross the size from which synth uses threads. */
const fleetOfSize = (count: number): Fleet => ({ ...fleet, tenants: Array.from({ length: count }, () => fleet.tenants[0]) });

async function write(env: NodeJS.ProcessEnv, size = 1): Promise<{ workers?: number; lines: string[] }> {
  const lines: string[] = [];
  await writeStacks(fleetOfSize(size), "unused-outdir", env, (line) => lines.push(line));
  const threads = jest.mocked(synthInWorkers).mock.calls;
  // In this thread is one worker; synth-stacks is called only then.
  expect(jest.mocked(synthStacks).mock.calls.length).toBe(threads.length === 0 ? 1 : 0);
  return { workers: threads.length === 0 ? 1 : threads[0][2], lines };
}

describe("given SYNTH_WORKERS", () => {
  test("when it is a positive whole number, then synth uses that many threads whatever the fleet's size, and says so", async () => {
    expect(await write({ SYNTH_WORKERS: "3" })).toEqual({
      workers: 3,
      lines: ["Validated 2 files; synthesizing 2 stacks in 3 threads…", "  1 of 3 threads done", "  2 of 3 threads done", "  3 of 3 threads done"],
    });
  });

  test("when it is a thread count and no progress function is given (not at a terminal), then synth uses the threads and prints nothing", async () => {
    expect(await writeStacks(fleetOfSize(1), "unused-outdir", { SYNTH_WORKERS: "2" })).toEqual(["platform", "tenant-alpha"]);
    expect(jest.mocked(synthInWorkers).mock.calls[0][2]).toBe(2);
  });

  test("when it is 1, then synth runs in this thread, with the environment, and says one thread", async () => {
    const env = { SYNTH_WORKERS: "1", CDKTF_TOKEN_STACK_TRACES: "1" };
    expect(await write(env)).toEqual({ workers: 1, lines: ["Validated 2 files; synthesizing 2 stacks in 1 thread…"] });
    expect(synthStacks).toHaveBeenCalledWith(fleetOfSize(1), "unused-outdir", env);
  });

  test.each([["0"], ["-2"], ["2.5"], ["two"], [""]])("when it is %j, then it is not a thread count and a small fleet is synthesized in this thread", async (value) => {
    expect(await write({ SYNTH_WORKERS: value }, 199)).toEqual({ workers: 1, lines: ["Validated 200 files; synthesizing 200 stacks in 1 thread…"] });
  });
});

describe("given no SYNTH_WORKERS", () => {
  test("when the fleet has 199 tenants (on 8 cores), then it is synthesized in this thread: starting threads would cost more than they save", async () => {
    expect((await write({}, 199)).workers).toBe(1);
  });

  test.each([
    [8, 4],
    [4, 4],
    [2, 2],
  ])("when the fleet has 200 tenants on %i cores, then it uses %i threads (every core, at most 4)", async (count, threads) => {
    cores.mockReturnValue(count);
    expect((await write({}, 200)).workers).toBe(threads);
  });

  test("when no compiled worker exists (run from the TypeScript sources), then even a large fleet is synthesized in this thread", async () => {
    jest.mocked(canStartWorkers).mockReturnValueOnce(false);
    expect((await write({ SYNTH_WORKERS: "4" }, 200)).workers).toBe(1);
  });
});

describe("the lines the synth command prints", () => {
  test("given a fleet under 200 tenants, when synthesized, then no progress line is printed, and the closing line counts the stacks and names the folder", async () => {
    const progress: string[] = [];
    const done: string[] = [];
    const env = { ...project.env, CDKTF_OUTDIR: `${project.dir}/out-small` };
    await synthesize({ env, log: () => undefined, progress: (line) => progress.push(line), done: (line) => done.push(line) });
    expect(progress).toEqual([]);
    expect(done).toEqual([expect.stringMatching(new RegExp(`^Wrote 2 stacks to ${env.CDKTF_OUTDIR} in \\d+\\.\\d s\\.$`))]);
  });

  test("given a fleet of 200 tenants, when synthesized, then progress lines are printed", async () => {
    const large = new TempProject();
    try {
      for (let i = 0; i < 200; i++) large.tenant(`t${i}`, minimalTenant(`t${i}`));
      const progress: string[] = [];
      await synthesize({ env: large.env, log: () => undefined, progress: (line) => progress.push(line) });
      expect(progress).toEqual(["Validated 201 files; synthesizing 201 stacks in 4 threads…", "  1 of 4 threads done", "  2 of 4 threads done", "  3 of 4 threads done", "  4 of 4 threads done"]);
    } finally {
      large.remove();
    }
  });
});
