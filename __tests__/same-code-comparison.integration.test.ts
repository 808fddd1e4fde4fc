import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { defaultSources } from "../src/load/config-files";
import { compareWithThisCode, SameCodeComparison } from "../src/review/same-code-comparison";
import { readStacks } from "../src/synth/compare-output";
import { FIXTURE_PLATFORM_FILE, minimalTenant } from "./support/project";
import { tempDirs } from "./support/temp-dirs";

/**
 * A git repository of configuration files only (no code: this checkout's code builds both
 * sides), its base commit made by each test; the working tree is then changed and compared.
 */
jest.setTimeout(60_000);

const tempDir = tempDirs();

const PLATFORM = JSON.parse(fs.readFileSync(FIXTURE_PLATFORM_FILE, "utf8"));
const BACKEND = { type: "s3", bucket: "acme-tf-state", region: "eu-central-1" };

class ConfigRepo {
  readonly dir = tempDir("same-code-repo-");
  write(relative: string, value: unknown): void {
    fs.mkdirSync(path.dirname(path.join(this.dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(this.dir, relative), JSON.stringify(value, null, 2));
  }
  remove(relative: string): void {
    fs.rmSync(path.join(this.dir, relative));
  }
  commit(): void {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: this.dir });
    if (!fs.existsSync(path.join(this.dir, ".git"))) git("init", "-q");
    git("add", "-A");
    git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qm", "base", "--allow-empty");
  }
  /** The working tree's files, as `defaultSources` finds them from the environment. */
  compare(onlyTenants?: string[]): Promise<SameCodeComparison> & { work: string } {
    const work = tempDir("same-code-work-");
    const backend = path.join(this.dir, "state-backend.json");
    const headSources = defaultSources({ TENANTS_DIR: path.join(this.dir, "tenants"), PLATFORM_FILE: path.join(this.dir, "platform.json"), ...(fs.existsSync(backend) ? { STATE_BACKEND_FILE: backend } : {}) });
    return Object.assign(compareWithThisCode({ projectDir: this.dir, commit: "HEAD", headSources, onlyTenants, work, env: {} }), { work });
  }
}

/** A base with the platform file and tenants alpha, beta and the decommissioned leaving (whose stack remains, to destroy). */
function baseRepo(extra: (repo: ConfigRepo) => void = () => {}): ConfigRepo {
  const repo = new ConfigRepo();
  repo.write("platform.json", PLATFORM);
  repo.write("tenants/alpha.json", minimalTenant("alpha"));
  repo.write("tenants/beta.json", minimalTenant("beta"));
  repo.write("tenants/leaving.json", { ...minimalTenant("leaving"), status: "decommissioned" });
  extra(repo);
  repo.commit();
  return repo;
}

const compared = (stacks: string[], removed: string[] = [], deletedWithoutDecommission: string[] = []) => ({ kind: "compared", affected: { stacks, removed, deletedWithoutDecommission } });

describe("comparing the whole fleet when the platform or backend file changed", () => {
  test("given a platform role's description changed, when compared in full, then only the platform stack differs and every stack was built on each side", async () => {
    const repo = baseRepo();
    repo.write("platform.json", { ...PLATFORM, roles: PLATFORM.roles.map((r: { description?: string }, i: number) => (i === 0 ? { ...r, description: "changed" } : r)) });
    const result = repo.compare();
    expect(await result).toEqual(compared(["platform"]));
    for (const side of ["base", "head"]) expect(Object.keys(readStacks(path.join(result.work, side))).sort()).toEqual(["platform", "tenant-alpha", "tenant-beta", "tenant-leaving"]);
  });

  test("given the base's state backend changed, when compared in full, then every stack differs: the base was built with its own backend file", async () => {
    const repo = baseRepo((r) => r.write("state-backend.json", BACKEND));
    repo.write("state-backend.json", { ...BACKEND, bucket: "other-bucket" });
    expect(await repo.compare()).toEqual(compared(["platform", "tenant-alpha", "tenant-beta", "tenant-leaving"]));
  });

  test("given the same state backend on both sides and the platform changed, when compared in full, then only the platform differs: the base was built with its backend file", async () => {
    const repo = baseRepo((r) => r.write("state-backend.json", BACKEND));
    repo.write("platform.json", { ...PLATFORM, roles: PLATFORM.roles.map((r: { description?: string }, i: number) => (i === 0 ? { ...r, description: "changed" } : r)) });
    expect(await repo.compare()).toEqual(compared(["platform"]));
  });

  test("given tenant files deleted with the platform changed, when compared in full, then the decommissioned one is removed and the active one deleted without decommission", async () => {
    const repo = baseRepo();
    repo.remove("tenants/leaving.json");
    repo.remove("tenants/beta.json");
    repo.write("platform.json", { ...PLATFORM });
    expect(await repo.compare()).toEqual(compared([], ["tenant-leaving"], ["tenant-beta"]));
    const decommissioned = baseRepo((r) => r.write("tenants/beta.json", { ...minimalTenant("beta"), status: "decommissioned" }));
    decommissioned.remove("tenants/beta.json");
    expect(await decommissioned.compare()).toEqual(compared([], ["tenant-beta"]));
  });

  test("given a base without a platform file, when compared in full, then the base must be built with its own code", async () => {
    const repo = new ConfigRepo();
    repo.write("tenants/alpha.json", minimalTenant("alpha"));
    repo.commit();
    repo.write("platform.json", PLATFORM);
    expect(await repo.compare()).toEqual({ kind: "base-invalid" });
  });
});

describe("comparing only the changed tenants", () => {
  test("given a tenant edited, when compared, then only it (and the platform) is built from the base's version of its file", async () => {
    const repo = baseRepo();
    repo.write("tenants/alpha.json", { ...minimalTenant("alpha"), displayName: "Alpha Corp" });
    const result = repo.compare(["alpha"]);
    expect(await result).toEqual(compared(["tenant-alpha"]));
    expect(Object.keys(readStacks(path.join(result.work, "base")))).toEqual(["platform", "tenant-alpha"]);
    expect(fs.readdirSync(path.join(result.work, "base-tree", "tenants"))).toEqual(["alpha.json"]);
  });

  test.each([
    ["a tenant added", ["delta"], ["tenant-delta"]],
    ["no tenant file", [], []],
  ])("given %s, when compared, then the base, which has no such file, is built by this code with the platform only", async (_, onlyTenants, stacks) => {
    const repo = baseRepo();
    repo.write("tenants/delta.json", minimalTenant("delta"));
    const result = repo.compare(onlyTenants);
    expect(await result).toEqual(compared(stacks));
    expect(Object.keys(readStacks(path.join(result.work, "base")))).toEqual(["platform"]);
  });

  test("given the working tree's tenant file invalid, when compared, then its problems are returned and nothing is built", async () => {
    const repo = baseRepo();
    repo.write("tenants/alpha.json", { ...minimalTenant("alpha"), displayName: "" });
    const result = repo.compare(["alpha"]);
    const outcome = await result;
    expect(outcome.kind).toBe("head-invalid");
    expect(outcome.kind === "head-invalid" && outcome.errors.map((e) => `${path.basename(e.file)} ${e.jsonPath}`)).toEqual(["alpha.json $.displayName"]);
    expect(fs.readdirSync(result.work)).toEqual([]);
  });
});
