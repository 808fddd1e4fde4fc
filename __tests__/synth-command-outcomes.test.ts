import * as fs from "fs";
import * as path from "path";
import { synthCommand, synthesize } from "../src/synth/synth-command";
import { minimalTenant, TempProject } from "./support/project";

// The module objects themselves, so that spies reach synth-command's calls.
/* eslint-disable @typescript-eslint/no-require-imports */
const validateFleet: typeof import("../src/validate/validate-fleet") = require("../src/validate/validate-fleet");
const synthStacksModule: typeof import("../src/synth/synth-stacks") = require("../src/synth/synth-stacks");
/* eslint-enable @typescript-eslint/no-require-imports */

/** What `synth` ends with besides the files: exit code, messages, and where it writes by default. */
let project: TempProject;
beforeEach(() => {
  project = new TempProject();
  project.tenant("alpha", minimalTenant("alpha"));
});
afterEach(() => {
  jest.restoreAllMocks();
  project.remove();
});

describe("given a tenant file with a problem", () => {
  test("when synthesizing without a log function, then the problems and 'Nothing was written' go to stderr, it exits 1 and no output folder exists", async () => {
    project.tenant("alpha", { ...minimalTenant("alpha"), displayName: 42 });
    const stderr: string[] = [];
    jest.spyOn(process.stderr, "write").mockImplementation((chunk) => stderr.push(String(chunk)) > 0);

    expect(await synthCommand({ env: project.env })).toBe(1);

    expect(stderr).toHaveLength(2);
    expect(stderr[0]).toMatch(/^1 problem in the tenant configuration:\n {2}.*alpha\.json.*displayName.*\n$/s);
    expect(stderr[1]).toBe("Nothing was written. Fix the problems above and run again.\n");
    expect(fs.existsSync(project.outdir)).toBe(false);
  });
});

describe("given valid files and no CDKTF_OUTDIR", () => {
  test("when synthesizing, then it writes cdktf.out in the working folder and the closing line names it and the time taken", async () => {
    const cwd = process.cwd();
    process.chdir(project.dir);
    try {
      const done: string[] = [];
      // Started at 10 s, every later reading 1.5 s after.
      jest.spyOn(Date, "now").mockReturnValueOnce(10_000).mockReturnValue(11_500);
      const { CDKTF_OUTDIR: _unset, ...env } = project.env;
      const fleet = await synthesize({ env, done: (line) => done.push(line) });
      expect(fleet?.tenants.map((t) => t.name)).toEqual(["alpha"]);
      expect(done).toEqual(["Wrote 2 stacks to cdktf.out in 1.5 s."]);
      expect(fs.readdirSync(path.join(project.dir, "cdktf.out", "stacks")).sort()).toEqual(["platform", "tenant-alpha"]);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe("given a failure that is not the files' fault", () => {
  test("when loading fails with an unexpected error, then that error comes out as it is (a bug is not reported as a file problem)", async () => {
    const bug = new Error("a bug while loading");
    jest.spyOn(validateFleet, "loadFleet").mockImplementation(() => {
      throw bug;
    });
    const log = jest.fn();
    await expect(synthesize({ env: project.env, log })).rejects.toBe(bug);
    expect(log).not.toHaveBeenCalled();
  });

  test("when building a stack fails with an unexpected error, then that error comes out as it is and nothing is written", async () => {
    const bug = new Error("a bug in a stack");
    jest.spyOn(synthStacksModule, "synthStacks").mockImplementation(() => {
      throw bug;
    });
    const log = jest.fn();
    await expect(synthesize({ env: project.env, log })).rejects.toBe(bug);
    expect(log).not.toHaveBeenCalled();
    expect(fs.readdirSync(project.dir).sort()).toEqual(["platform.json", "tenants"]);
  });
});
