import * as fs from "fs";
import * as path from "path";
import { affectedCommand } from "../src/cli/affected-command";
import { runCli } from "./support/cli";
import { GitProject } from "./support/git-project";
import { FIXTURE_PLATFORM_FILE, FIXTURE_TENANTS_DIR, minimalTenant } from "./support/project";

/**
 * A temporary git repository holding a copy of this project's code with the fixture tenants
 * and platform file (`__tests__/fixtures/`, which include the decommissioned `leaving`): a
 * base commit, then each test changes the working tree and asks which stacks differ from the base.
 */
jest.setTimeout(120_000);

const readDir = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => [path.basename(f, ".json"), JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"))]);
const project = new GitProject(Object.fromEntries(readDir(FIXTURE_TENANTS_DIR)), JSON.parse(fs.readFileSync(FIXTURE_PLATFORM_FILE, "utf8")));
const file = (relative: string) => project.file(relative);
const readJson = (relative: string) => project.readJson(relative);
const writeJson = (relative: string, value: unknown) => project.writeJson(relative, value);
const affected = (...args: string[]) => runCli(affectedCommand, ["--base", "HEAD", ...args], {}, project.dir);

afterEach(() => project.reset());
afterAll(() => project.remove());

test("given no change, when asking what is affected, then it says that no stack is affected", async () => {
  expect(await affected()).toEqual({ exitCode: 0, out: ["No stack is affected: the synthesized Terraform JSON is the same as at HEAD."], err: [] });
});

test("given a tenant file added, then only its new stack is affected", async () => {
  writeJson("tenants/newco.json", minimalTenant("newco"));
  expect(await affected()).toEqual({ exitCode: 0, out: ["tenant-newco"], err: [] });
});

test("given a tenant file edited, then only that tenant's stack is affected", async () => {
  writeJson("tenants/acme.json", { ...readJson("tenants/acme.json"), displayName: "Acme Inc." });
  expect(await affected()).toEqual({ exitCode: 0, out: ["tenant-acme"], err: [] });
});

test("given a platform role's permissions changed, then only the platform stack is affected (tenants read role ids, which do not change)", async () => {
  const platform = readJson("platform.json");
  platform.roles[1].permissions = ["read:data", "read:reports"];
  writeJson("platform.json", platform);
  expect(await affected()).toEqual({ exitCode: 0, out: ["platform"], err: [] });
});

test("given the API identifier changed, then the platform and every tenant whose agents use the API are affected, though no tenant file changed", async () => {
  writeJson("platform.json", { ...readJson("platform.json"), api: { ...readJson("platform.json").api, identifier: "https://api.example.org" } });
  expect(await affected("--format", "json")).toEqual({
    exitCode: 0,
    out: [JSON.stringify({ stacks: ["platform", "tenant-acme"], tenants: ["tenant-acme"], platform: true, removed: [] })],
    err: [],
  });
});

test("given the file of a decommissioned tenant deleted, then nothing is left to deploy and it is reported as removed", async () => {
  fs.rmSync(file("tenants/leaving.json"));
  expect(await affected("--format", "json")).toEqual({
    exitCode: 0,
    out: [JSON.stringify({ stacks: [], tenants: [], platform: false, removed: ["tenant-leaving"] })],
    err: [],
  });
});

test("given the file of an active tenant deleted, then it is an error, because its stack would keep its resources and state", async () => {
  fs.rmSync(file("tenants/globex.json"));
  const result = await affected();
  expect(result.exitCode).toBe(1);
  expect(result.err).toEqual([
    'tenants affected: the file of tenant-globex was deleted, but the tenant was not decommissioned first: its stack would keep its resources and state. Restore the file, set "status": "decommissioned", deploy, then delete the file.',
  ]);
});

test("given an invalid tenant file in the working tree, then it prints the problem and exits 1", async () => {
  writeJson("tenants/acme.json", { ...readJson("tenants/acme.json"), displayName: "" });
  const result = await affected();
  expect(result.exitCode).toBe(1);
  expect(result.err.join("\n")).toContain("$.displayName: the display name is empty");
});
