import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { localCommand } from "../src/cli/local-command";
import { LocalAuth0 } from "../src/local/local-auth0";
import { runCli } from "../__tests__/support/cli";
import { FIXTURE_PLATFORM_FILE, FIXTURE_TENANTS_DIR } from "../__tests__/support/project";
import { ROOT } from "./support/workspace";
import { describeWithTerraform } from "./support/terraform-suite";

/**
 * README, "Trying changes locally": after the exports of `tenants local env`, the cdktf CLI
 * itself deploys and diffs stacks against the simulator as it would against Auth0, on the
 * same state as `tenants local`, whose plans are fresh on every run.
 */
jest.setTimeout(600_000);

describeWithTerraform("cdktf deploy and diff against the simulator, after tenants local env", () => {
  // A project folder as a user has it: cdktf.json, the files, the compiled app (from this checkout).
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-cdktf-local-"));
  const localDir = path.join(project, ".local-auth0");
  let exports: Record<string, string>;
  // The files of this project folder, as `npm run` from it would read them.
  const projectEnv = () => ({ ...process.env, TENANTS_DIR: path.join(project, "tenants"), PLATFORM_FILE: path.join(project, "platform.json") });
  const cdktf = (...args: string[]) =>
    spawnSync(path.join(ROOT, "node_modules", ".bin", "cdktf"), args, { cwd: project, env: { ...process.env, ...exports, CI: "true" }, encoding: "utf8" });

  beforeAll(async () => {
    fs.cpSync(FIXTURE_TENANTS_DIR, path.join(project, "tenants"), { recursive: true });
    fs.copyFileSync(FIXTURE_PLATFORM_FILE, path.join(project, "platform.json"));
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8"));
    fs.writeFileSync(path.join(project, "cdktf.json"), JSON.stringify({ ...config, app: `node ${path.join(ROOT, "dist", "main.js")}` }));
    const { exitCode, out, err } = await runCli(localCommand, ["env"], projectEnv(), project);
    expect({ exitCode, err }).toEqual({ exitCode: 0, err: [] });
    exports = Object.fromEntries(out.filter((l) => l.startsWith("export ")).map((l) => /^export (\w+)='(.*)'$/.exec(l)!.slice(1, 3) as [string, string]));
  });
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  test("given the exports, when cdktf deploys platform, diffs tenant-acme and deploys it alone, then each succeeds and Auth0 has acme's organization", () => {
    const platform = cdktf("deploy", "platform", "--auto-approve");
    expect({ status: platform.status, stderr: platform.stderr }).toEqual({ status: 0, stderr: expect.not.stringMatching(/CLI configuration/) });
    expect(platform.stdout).toMatch(/Apply complete! Resources: (\d+ imported, )?\d+ added/);

    const diff = cdktf("diff", "tenant-acme");
    expect(diff.status).toBe(0);
    expect(diff.stdout).toMatch(/Plan:.*\d+ to add, 0 to change, 0 to destroy/);

    const acme = cdktf("deploy", "tenant-acme", "--auto-approve");
    expect(acme.status).toBe(0);
    expect(acme.stdout).toMatch(/Apply complete! Resources: (\d+ imported, )?\d+ added/);
    const sim = new LocalAuth0(localDir);
    expect(Object.values(sim.resources("auth0_organization")).map((o) => o.name)).toEqual(["acme"]);
  });

  test("given what cdktf deployed, when tenants local plans tenant-acme, then it finds the same state (no changes), writes both plans fresh and removes a stale one", async () => {
    fs.mkdirSync(path.join(localDir, "plans"), { recursive: true });
    fs.writeFileSync(path.join(localDir, "plans", "tenant-gone.plan.json"), "{}");
    const { exitCode, out, err } = await runCli(localCommand, ["tenant-acme", "--plan-only"], projectEnv(), project);
    expect({ exitCode, err, out: exitCode === 0 ? [] : out }).toEqual({ exitCode: 0, err: [], out: [] });
    expect(out.join("\n").match(/^No changes\./gm)).toHaveLength(2); // each step's Terraform output is one multi-line entry
    expect(fs.readdirSync(path.join(localDir, "plans")).sort()).toEqual(["platform.plan.json", "tenant-acme.plan.json"]);
    const plan = JSON.parse(fs.readFileSync(path.join(localDir, "plans", "tenant-acme.plan.json"), "utf8"));
    expect((plan.resource_changes ?? []).filter((c: { change: { actions: string[] } }) => c.change.actions.join() !== "no-op")).toEqual([]);
  });
});
