import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { affectedCommand } from "../src/cli/affected-command";
import { defaultSources } from "../src/load/config-files";
import { readStacks } from "../src/synth/compare-output";
import { compareWithThisCode } from "../src/review/same-code-comparison";
import { runCli } from "./support/cli";
import { minimalTenantsProject } from "./support/git-project";
import { minimalTenant } from "./support/project";

jest.setTimeout(120_000);

const project = minimalTenantsProject();
const affected = (...args: string[]) => runCli(affectedCommand, ["--base", "HEAD", ...args], {}, project.dir);
const work = () => fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-test-work-"));
const headSources = () => defaultSources({ TENANTS_DIR: project.file("tenants"), PLATFORM_FILE: project.file("platform.json") });

afterEach(() => project.reset());
afterAll(() => project.remove());

describe("comparing with this checkout's code", () => {
  test("given one tenant edited, when compared, then only that tenant and the platform are built on each side and only it is affected", async () => {
    project.writeJson("tenants/beta.json", { ...minimalTenant("beta"), displayName: "Beta Corp" });
    const dir = work();
    try {
      const result = await compareWithThisCode({ projectDir: project.dir, commit: "HEAD", headSources: headSources(), onlyTenants: ["beta"], work: dir, env: {} });
      expect(result).toEqual({ kind: "compared", affected: { stacks: ["tenant-beta"], removed: [], deletedWithoutDecommission: [] } });
      for (const side of ["base", "head"]) expect(Object.keys(readStacks(path.join(dir, side)))).toEqual(["platform", "tenant-beta"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each([
    ["no tenant file changed", [] as string[], []],
    ["a tenant file added", ["delta"], ["tenant-delta"]],
  ])("given %s, when compared, then this code builds both sides (the base has no tenant file, yet no base build is asked for)", async (_what, onlyTenants, stacks) => {
    if (onlyTenants.length > 0) project.writeJson("tenants/delta.json", minimalTenant("delta"));
    const dir = work();
    try {
      const result = await compareWithThisCode({ projectDir: project.dir, commit: "HEAD", headSources: headSources(), onlyTenants, work: dir, env: {} });
      expect(result).toEqual({ kind: "compared", affected: { stacks, removed: [], deletedWithoutDecommission: [] } });
      expect(Object.keys(readStacks(path.join(dir, "base")))).toEqual(["platform"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("given a base tenant file this code rejects, when compared, then it asks for the base to be built with its own code", async () => {
    project.writeJson("tenants/alpha.json", { ...minimalTenant("alpha"), displayName: "" });
    project.git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qam", "an invalid base");
    project.writeJson("tenants/alpha.json", minimalTenant("alpha"));
    const dir = work();
    try {
      const result = await compareWithThisCode({ projectDir: project.dir, commit: "HEAD", headSources: headSources(), onlyTenants: ["alpha"], work: dir, env: {} });
      expect(result).toEqual({ kind: "base-invalid" });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      project.git("reset", "-q", "--hard", "HEAD~1");
    }
  });
});

describe("tenants affected", () => {
  test("given a decommissioned tenant's file deleted, when listed as text, then the removed stack is shown and why", async () => {
    fs.rmSync(project.file("tenants/leaving.json"));
    expect(await affected()).toEqual({ exitCode: 0, out: ["tenant-leaving (removed: decommissioned, then its file deleted; nothing to deploy)"], err: [] });
  });

  test("given a base ref that names no commit, when asked, then one line says so and the exit code is 2", async () => {
    expect(await runCli(affectedCommand, ["--base", "nosuchref"], {}, project.dir)).toEqual({
      exitCode: 2,
      out: [],
      err: ['tenants affected: --base: "nosuchref" is not a commit in this repository. Fetch it first (git fetch origin main) or name a branch, tag or commit. Run `tenants affected --help` for usage.'],
    });
  });

  test("given a ref that looks like an option, when asked, then git does not read it as one", async () => {
    expect((await runCli(affectedCommand, ["--base=--output=/tmp/x"], {}, project.dir)).exitCode).toBe(2);
  });

  test("given an unknown format, when asked, then one line names the formats and the exit code is 2", async () => {
    expect(await affected("--format", "csv")).toEqual({
      exitCode: 2,
      out: [],
      err: ['tenants affected: --format must be text or json (received "csv"). Run `tenants affected --help` for usage.'],
    });
  });

  describe("at a terminal", () => {
    const tty = process.stderr.isTTY;
    beforeEach(() => (process.stderr.isTTY = true));
    afterEach(() => (process.stderr.isTTY = tty));

    test("given one tenant file edited, when asked, then progress says only that tenant is built on each side", async () => {
      project.writeJson("tenants/beta.json", { ...minimalTenant("beta"), displayName: "Beta Corp" });
      expect(await affected()).toEqual({ exitCode: 0, out: ["tenant-beta"], err: ["Only tenant files changed: building 1 tenant(s) on each side."] });
    });

    test("given the platform file edited, when asked, then progress says both sides are built with this checkout's code", async () => {
      project.writeJson("platform.json", { ...project.readJson("platform.json"), tenantSettings: { ...project.readJson("platform.json").tenantSettings, friendlyName: "Renamed" } });
      expect(await affected()).toEqual({ exitCode: 0, out: ["platform"], err: ["No code changed: building both sides with this checkout's code."] });
    });
  });

  test("given no --base, when asked, then it is a usage error", async () => {
    expect(await runCli(affectedCommand, [], {}, project.dir)).toEqual({ exitCode: 2, out: [], err: ["tenants affected: --base <git ref> is required. Run `tenants affected --help` for usage."] });
  });
});
