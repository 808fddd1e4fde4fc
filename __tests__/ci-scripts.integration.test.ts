import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "./support/project";

/**
 * The shell scripts the workflows call, run for real against fake `terraform` and `cdktf`
 * commands that record what they were asked to do.
 */
let work: string;
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-ci-"));
  for (const stack of ["platform", "tenant-a", "tenant-b", "tenant-c"]) {
    fs.mkdirSync(path.join(work, "cdktf.out", "stacks", stack), { recursive: true });
    fs.writeFileSync(path.join(work, "cdktf.out", "stacks", stack, "cdk.tf.json"), "{}");
  }
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

/** Writes an executable fake; `$CALLS` collects one line per call. */
function fake(name: string, body: string): string {
  const file = path.join(work, "bin", name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!/usr/bin/env bash\necho "$(basename "$PWD") $*" >> "${work}/calls"\n${body}\n`, { mode: 0o755 });
  return file;
}

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync("bash", [path.join(ROOT, script), ...args], {
    cwd: work,
    encoding: "utf8",
    // GITHUB_ACTIONS is cleared so the scripts behave the same on a laptop and in GitHub's runner; tests that need it set it.
    env: { ...process.env, GITHUB_ACTIONS: "", GITHUB_STEP_SUMMARY: path.join(work, "summary.md"), ...env },
  });
  const read = (f: string) => (fs.existsSync(path.join(work, f)) ? fs.readFileSync(path.join(work, f), "utf8") : "");
  return { status: result.status, stderr: result.stderr, calls: read("calls").trim().split("\n").filter(Boolean), summary: read("summary.md") };
}

describe("scripts/ci/plan-stacks.sh", () => {
  test("given two stacks, then each is initialized, planned without a lock and shown as JSON into the output folder", () => {
    const terraform = fake("terraform", '[ "$1" = show ] && echo "{\\"format_version\\":\\"1.2\\",\\"stack\\":\\"$(basename "$PWD")\\"}"; exit 0');
    const result = run("scripts/ci/plan-stacks.sh", ["plans", "platform", "tenant-a"], { TERRAFORM_BINARY_NAME: terraform });
    expect(result.status).toBe(0);
    expect(result.calls).toEqual([
      "platform init -input=false -no-color",
      "platform plan -input=false -no-color -lock=false -out=plan.tfplan",
      "platform show -json plan.tfplan",
      "tenant-a init -input=false -no-color",
      "tenant-a plan -input=false -no-color -lock=false -out=plan.tfplan",
      "tenant-a show -json plan.tfplan",
    ]);
    expect(JSON.parse(fs.readFileSync(path.join(work, "plans", "tenant-a.plan.json"), "utf8"))).toEqual({ format_version: "1.2", stack: "tenant-a" });
  });

  test("given a stack that was not synthesized, then it stops with a message saying to synthesize first", () => {
    const result = run("scripts/ci/plan-stacks.sh", ["plans", "tenant-missing"], { TERRAFORM_BINARY_NAME: fake("terraform", "exit 0") });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("cdktf.out/stacks/tenant-missing/cdk.tf.json not found; run 'npm run synth' first");
  });

  test("given a failing plan, then the script fails", () => {
    const terraform = fake("terraform", '[ "$1" = plan ] && exit 1; exit 0');
    expect(run("scripts/ci/plan-stacks.sh", ["plans", "tenant-a"], { TERRAFORM_BINARY_NAME: terraform }).status).toBe(1);
  });

  test.each(["tenant-acme $(id>/tmp/x)", "../../etc", "tenant-Acme", "tenant-a;id"])("given the stack name %j, then nothing runs and it says what a stack name is", (name) => {
    const result = run("scripts/ci/plan-stacks.sh", ["plans", "tenant-a", name], { TERRAFORM_BINARY_NAME: fake("terraform", "exit 0") });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`plan-stacks: '${name}' is not a stack name (platform or tenant-<name>); nothing was planned\n`);
    expect(result.calls).toEqual([]);
  });

  test("given GitHub Actions and stacks with local state (no state-backend.json), then it stops before terraform runs, with one line saying how to configure a backend", () => {
    fs.writeFileSync(path.join(work, "cdktf.out", "stacks", "platform", "cdk.tf.json"), JSON.stringify({ terraform: { backend: { local: {} } } }));
    fs.writeFileSync(path.join(work, ".terraform.lock.hcl"), "");
    const result = run("scripts/ci/plan-stacks.sh", ["plans", "platform"], { TERRAFORM_BINARY_NAME: fake("terraform", "exit 0"), GITHUB_ACTIONS: "true" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^Refusing to run in CI with local Terraform state \(platform\): there is no state-backend.json, .* Configure S3 .* or HCP Terraform .* in state-backend.json; see "Choosing a backend" in the README\.$/)]);
    expect(result.calls).toEqual([]);
  });

  test("given a committed lock file, then every stack gets it and is initialized read-only against it, with one plugin cache", () => {
    fs.writeFileSync(path.join(work, ".terraform.lock.hcl"), "# lock\n");
    const terraform = fake("terraform", '[ "$1" = init ] && echo "cache=$TF_PLUGIN_CACHE_DIR" >> "$(dirname "$0")/../cache"; exit 0');
    const result = run("scripts/ci/plan-stacks.sh", ["plans", "platform", "tenant-a"], { TERRAFORM_BINARY_NAME: terraform });
    expect(result.status).toBe(0);
    expect(result.calls.filter((c) => c.includes(" init "))).toEqual(["platform init -input=false -no-color -lockfile=readonly", "tenant-a init -input=false -no-color -lockfile=readonly"]);
    expect(fs.readFileSync(path.join(work, "cdktf.out", "stacks", "tenant-a", ".terraform.lock.hcl"), "utf8")).toBe("# lock\n");
    const caches = fs.readFileSync(path.join(work, "cache"), "utf8").trim().split("\n");
    expect(caches).toEqual([caches[0], caches[0]]);
    expect(caches[0]).toMatch(new RegExp(`^cache=${os.tmpdir()}/tmp\\.\\w+$`));
    expect(fs.existsSync(caches[0].slice("cache=".length))).toBe(false); // removed when the run ends
  });
});

describe("scripts/ci/plan-affected.sh", () => {
  const recorded = path.join(ROOT, "__tests__", "fixtures", "plans", "recorded", "decommission", "tenant-globex.plan.json");

  test("given an affected list, then exactly its stacks are planned and summarized", () => {
    fs.writeFileSync(path.join(work, "affected.json"), JSON.stringify({ stacks: ["tenant-a"] }));
    const terraform = fake("terraform", `[ "$1" = show ] && cat "${recorded}"; exit 0`);
    const result = run("scripts/ci/plan-affected.sh", ["affected.json", "plans", "summary.out.md"], { TERRAFORM_BINARY_NAME: terraform });
    expect(result.status).toBe(0);
    expect(result.calls.filter((c) => c.includes(" plan "))).toEqual(["tenant-a plan -input=false -no-color -lock=false -out=plan.tfplan"]);
    expect(fs.readFileSync(path.join(work, "summary.out.md"), "utf8")).toMatch(/^## Auth0 plan summary\n\n### Risks: 2 high/);
  });

  test("given no stack affected, then nothing is planned and no summary is written", () => {
    fs.writeFileSync(path.join(work, "affected.json"), JSON.stringify({ stacks: [] }));
    const result = run("scripts/ci/plan-affected.sh", ["affected.json", "plans", "summary.out.md"], { TERRAFORM_BINARY_NAME: fake("terraform", "exit 0") });
    expect(result).toMatchObject({ status: 0, calls: [] });
    expect(fs.existsSync(path.join(work, "summary.out.md"))).toBe(false);
  });

  test("given an affected list that is not JSON (affected failed), then the script fails", () => {
    fs.writeFileSync(path.join(work, "affected.json"), "tenants affected: the file of tenant-x was deleted");
    expect(run("scripts/ci/plan-affected.sh", ["affected.json", "plans", "summary.out.md"], { TERRAFORM_BINARY_NAME: fake("terraform", "exit 0") }).status).not.toBe(0);
  });
});

/** A git repository in the work folder with one commit, optionally tagged as deployed. */
function repo(tagged: boolean): void {
  const git = (...args: string[]) => spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: work, encoding: "utf8" });
  git("init", "-q", "-b", "main");
  git("commit", "-q", "--allow-empty", "-m", "first");
  if (tagged) git("tag", "deployed/main");
  git("commit", "-q", "--allow-empty", "-m", "second");
}
const tag = () => spawnSync("git", ["rev-parse", "deployed/main"], { cwd: work, encoding: "utf8" }).stdout.trim();
const head = () => spawnSync("git", ["rev-parse", "HEAD"], { cwd: work, encoding: "utf8" }).stdout.trim();

describe("scripts/ci/deploy-stacks.sh", () => {
  /** A fake `tenants`: affected answers `affected`, deploy exits `deployExit`. */
  const tenants = (affected: string, deployExit = 0) => fake("tenants", `case "$1" in affected) ${affected};; deploy) exit ${deployExit};; esac`);

  test("given REQUESTED_STACKS, then the scheduler deploys exactly those with the real CLI, platform first and alone, and the deployed tag does not move", () => {
    repo(true);
    const terraform = fake("terraform", '[ "$1" = plan ] && exit 2; [ "$1" = show ] && echo \'{"format_version":"1.2","resource_changes":[]}\'; exit 0');
    const result = run("scripts/ci/deploy-stacks.sh", [], { REQUESTED_STACKS: "tenant-b platform", TERRAFORM_BINARY_NAME: terraform, TF_PLUGIN_CACHE_DIR: path.join(work, "cache") });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.calls.map((c) => c.split(" ").slice(0, 2).join(" "))).toEqual([
      "platform init",
      "platform plan",
      "platform show",
      "platform apply",
      "tenant-b init",
      "tenant-b plan",
      "tenant-b show",
      "tenant-b apply",
    ]);
    expect(result.summary).toContain("| platform | applied |");
    expect(tag()).not.toBe(head());
  });

  test("given a requested name carrying shell text, then nothing runs and it exits 2 naming it", () => {
    repo(true);
    const result = run("scripts/ci/deploy-stacks.sh", [], { REQUESTED_STACKS: "tenant-a $(id>/tmp/x)", TENANTS_BIN: tenants("exit 0") });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("is not a stack name");
    expect(result.calls).toEqual([]);
  });

  test("given a deployed tag, then the stacks affected since that tag are deployed and the tag moves to HEAD", () => {
    repo(true);
    const result = run("scripts/ci/deploy-stacks.sh", [], { TENANTS_BIN: tenants(`echo '{"stacks":["platform","tenant-a"]}'`) });
    expect(result.status).toBe(0);
    expect(result.calls.map((c) => c.split(" ").slice(1).join(" "))).toEqual(["affected --base deployed/main --format json", "deploy platform tenant-a"]);
    expect(tag()).toBe(head());
  });

  test("given affected fails (an unknown base, an active tenant's file deleted), then nothing is deployed and the job fails", () => {
    repo(true);
    const result = run("scripts/ci/deploy-stacks.sh", [], { TENANTS_BIN: tenants("echo 'tenants affected: tenants/acme.json was deleted while active' >&2; exit 1") });
    expect(result.status).toBe(1);
    expect(result.calls.map((c) => c.split(" ")[1])).toEqual(["affected"]);
    expect(tag()).not.toBe(head());
  });

  test("given a deploy that fails, then the tag stays, so the next run deploys the same changes again", () => {
    repo(true);
    const result = run("scripts/ci/deploy-stacks.sh", [], { TENANTS_BIN: tenants(`echo '{"stacks":["tenant-a"]}'`, 1) });
    expect(result.status).toBe(1);
    expect(tag()).not.toBe(head());
  });

  test("given no deployed tag yet, then every stack is deployed and the tag is created", () => {
    repo(false);
    const result = run("scripts/ci/deploy-stacks.sh", [], { TENANTS_BIN: tenants("exit 1") });
    expect(result.status).toBe(0);
    expect(result.calls.map((c) => c.split(" ").slice(1).join(" "))).toEqual(["deploy"]);
    expect(tag()).toBe(head());
  });

  test("given reviewed plans with an approved risk, then the scheduler gets both", () => {
    repo(true);
    const result = run("scripts/ci/deploy-stacks.sh", [], { TENANTS_BIN: tenants(`echo '{"stacks":["tenant-a"]}'`), REVIEWED_PLANS: "reviewed", ALLOW_RISK: "true" });
    expect(result.calls[1].split(" ").slice(1).join(" ")).toBe("deploy --reviewed-plans reviewed --allow-risk tenant-a");
  });
});

describe("scripts/ci/drift-check.sh", () => {
  test("given one stack whose plan shows changes and one whose plan fails, then the scheduler reports both in the summary table and it exits 1", () => {
    const terraform = fake(
      "terraform",
      '[ "$1" = show ] && echo \'{"format_version":"1.2","resource_changes":[]}\'; [ "$1" = plan ] || exit 0; case "$(basename "$PWD")" in tenant-a) exit 2;; tenant-b) echo "Error: 403 Forbidden" >&2; exit 1;; *) exit 0;; esac',
    );
    const result = run("scripts/ci/drift-check.sh", ["platform", "tenant-a", "tenant-b"], { TERRAFORM_BINARY_NAME: terraform, TF_PLUGIN_CACHE_DIR: path.join(work, "cache") });
    expect(result.status).toBe(1);
    const planned = result.calls.filter((c) => c.includes(" plan ")).map((c) => c.split(" ")[0]);
    // platform first and alone; the tenants then run at once, in either order
    expect([planned[0], ...planned.slice(1).sort()]).toEqual(["platform", "tenant-a", "tenant-b"]);
    expect(result.calls).toContain("tenant-a plan -input=false -detailed-exitcode -parallelism=4 -out=drift.tfplan -lock=false -no-color");
    expect(result.summary).toMatch(/\| platform \| clean \|/);
    expect(result.summary).toMatch(/\| tenant-a \| drifted \|/);
    expect(result.summary).toMatch(/\| tenant-b \| failed \| .* \| terraform plan failed: 403 Forbidden \|/);
  });

  test("given no stack with changes, then every stack is clean and it exits 0", () => {
    const result = run("scripts/ci/drift-check.sh", ["platform", "tenant-a"], { TERRAFORM_BINARY_NAME: fake("terraform", "exit 0"), TF_PLUGIN_CACHE_DIR: path.join(work, "cache") });
    expect(result.status).toBe(0);
    expect(result.summary).toMatch(/\| platform \| clean \|[^\n]*\n\| tenant-a \| clean \|/);
  });

  test("given DRIFT_SHARDS=7, then tonight's shard of seven is checked", () => {
    const result = run("scripts/ci/drift-check.sh", [], { TENANTS_BIN: fake("tenants", "exit 0"), DRIFT_SHARDS: "7" });
    expect(result.status).toBe(0);
    expect(result.calls[0]).toMatch(/ drift --shard [1-7]\/7$/);
  });
});
