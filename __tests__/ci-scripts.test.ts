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
    expect(fs.readFileSync(path.join(work, "cache"), "utf8")).toBe(`cache=${work}/.terraform-plugins\ncache=${work}/.terraform-plugins\n`);
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

describe("scripts/ci/deploy-stacks.sh", () => {
  test("given platform and tenants, then platform is deployed first and alone, then every tenant, with --auto-approve", () => {
    const cdktf = fake("cdktf", "exit 0");
    const result = run("scripts/ci/deploy-stacks.sh", ["tenant-b", "platform", "tenant-a"], { CDKTF_BIN: cdktf, DEPLOY_PARALLELISM: "1" });
    expect(result.status).toBe(0);
    expect(result.calls).toEqual([
      `${path.basename(work)} deploy platform --auto-approve --skip-synth --ignore-missing-stack-dependencies`,
      `${path.basename(work)} deploy tenant-b --auto-approve --skip-synth --ignore-missing-stack-dependencies`,
      `${path.basename(work)} deploy tenant-a --auto-approve --skip-synth --ignore-missing-stack-dependencies`,
    ]);
    expect(result.summary).toContain("| platform | applied |\n| tenant-a | applied |\n| tenant-b | applied |");
  });

  test("given a tenant that fails, then the others are still deployed, the summary lists what applied and what failed, and it exits 1", () => {
    const cdktf = fake("cdktf", '[ "$2" = tenant-b ] && { echo "Error: 429 Too Many Requests"; exit 1; }; exit 0');
    const result = run("scripts/ci/deploy-stacks.sh", ["tenant-a", "tenant-b", "tenant-c"], { CDKTF_BIN: cdktf });
    expect(result.status).toBe(1);
    expect(result.calls).toHaveLength(3);
    expect(result.summary).toContain("| tenant-a | applied |\n| tenant-b | failed |\n| tenant-c | applied |");
    expect(fs.readFileSync(path.join(work, "deploy-logs", "tenant-b.log"), "utf8")).toContain("429 Too Many Requests");
  });

  test("given the platform fails, then no tenant is deployed and they are reported as skipped", () => {
    const cdktf = fake("cdktf", '[ "$2" = platform ] && exit 1; exit 0');
    const result = run("scripts/ci/deploy-stacks.sh", ["platform", "tenant-a"], { CDKTF_BIN: cdktf });
    expect(result.status).toBe(1);
    expect(result.calls).toHaveLength(1);
    expect(result.summary).toContain("| platform | failed |\n| tenant-a | skipped |");
  });

  test("given DEPLOY_PARALLELISM=2 and four tenants, then at most two deploys run at once", () => {
    const cdktf = fake(
      "cdktf",
      `mkdir -p "${work}/running"; touch "${work}/running/$2"; ls "${work}/running" | wc -l >> "${work}/concurrency"; sleep 0.3; rm "${work}/running/$2"`,
    );
    const result = run("scripts/ci/deploy-stacks.sh", ["tenant-a", "tenant-b", "tenant-c", "tenant-d"], { CDKTF_BIN: cdktf, DEPLOY_PARALLELISM: "2" });
    expect(result.status).toBe(0);
    const seen = fs.readFileSync(path.join(work, "concurrency"), "utf8").trim().split("\n").map(Number);
    expect(Math.max(...seen)).toBe(2);
  });

  test("given a parallelism that is not a number, then it refuses to start", () => {
    const result = run("scripts/ci/deploy-stacks.sh", ["tenant-a"], { CDKTF_BIN: fake("cdktf", "exit 0"), DEPLOY_PARALLELISM: "lots" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("DEPLOY_PARALLELISM must be a positive whole number, got 'lots'");
    expect(result.calls).toEqual([]);
  });
});

describe("scripts/ci/drift-check.sh", () => {
  test("given one stack whose plan shows changes and one whose plan fails, then both are reported and it exits 1", () => {
    const terraform = fake("terraform", '[ "$1" = plan ] || exit 0; case "$(basename "$PWD")" in tenant-a) exit 2;; tenant-b) exit 1;; *) exit 0;; esac');
    const result = run("scripts/ci/drift-check.sh", ["platform", "tenant-a", "tenant-b"], { TERRAFORM_BINARY_NAME: terraform });
    expect(result.status).toBe(1);
    expect(result.calls.filter((c) => c.includes(" plan "))).toEqual([
      "platform plan -input=false -no-color -lock=false -detailed-exitcode",
      "tenant-a plan -input=false -no-color -lock=false -detailed-exitcode",
      "tenant-b plan -input=false -no-color -lock=false -detailed-exitcode",
    ]);
    expect(result.summary).toBe(
      "### Drift check: 3 stacks\n\n- **drifted**: tenant-a (see drift-tenant-a.log)\n- **plan failed**: tenant-b (see drift-tenant-b.log)\n",
    );
  });

  test("given no stack with changes, then it reports no drift and exits 0", () => {
    const result = run("scripts/ci/drift-check.sh", ["platform", "tenant-a"], { TERRAFORM_BINARY_NAME: fake("terraform", "exit 0") });
    expect(result.status).toBe(0);
    expect(result.summary).toBe("### Drift check: 2 stacks\n\nNo drift.\n");
  });
});
