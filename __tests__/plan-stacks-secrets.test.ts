import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "./support/project";

/**
 * `scripts/ci/plan-stacks.sh` (the pull-request plan) with STACK_SECRETS, run for real
 * (bash, the built `ci` commands) against a fake `terraform` that records which TF_VAR_
 * each command received and whether the map reached it.
 */
// Each test starts bash, node twice per stack and a fake terraform: seconds on a busy 2-core machine.
jest.setTimeout(30_000);

let work: string;
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-plan-secrets-"));
  const stacks: Record<string, string[]> = { "tenant-umbrella": ["sso_client_secret_umbrella"], "tenant-globex": ["sso_client_secret_globex"] };
  for (const [stack, variables] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(work, "cdktf.out", "stacks", stack), { recursive: true });
    const variable = Object.fromEntries(variables.map((v) => [v, { type: "string", sensitive: true, nullable: false }]));
    fs.writeFileSync(path.join(work, "cdktf.out", "stacks", stack, "cdk.tf.json"), JSON.stringify({ terraform: { backend: { s3: { bucket: "b", key: `${stack}.tfstate`, region: "eu-west-1" } } }, variable }));
  }
  fs.writeFileSync(
    path.join(work, "terraform"),
    `#!/usr/bin/env bash\necho "$(basename "$PWD") $1 \${STACK_SECRETS:+MAP }$(env | grep '^TF_VAR_' | sort | tr '\\n' ' ')" >> "${work}/calls"\n[ "$1" = show ] && echo '{}'\nexit 0\n`,
    { mode: 0o755 },
  );
  fs.writeFileSync(path.join(work, ".terraform.lock.hcl"), "# the committed provider lock\n");
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

function plan(env: Record<string, string>) {
  const result = spawnSync("bash", [path.join(ROOT, "scripts/ci/plan-stacks.sh"), "plans", "tenant-globex", "tenant-umbrella"], {
    cwd: work,
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: work, GITHUB_ACTIONS: "true", TERRAFORM_BINARY_NAME: path.join(work, "terraform"), TF_VAR_google_oauth2_client_secret: "goog-1", ...env },
  });
  const calls = fs.existsSync(path.join(work, "calls")) ? fs.readFileSync(path.join(work, "calls"), "utf8").trim().split("\n").map((l) => l.trimEnd()) : [];
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls };
}

const SECRETS = '{"sso_client_secret_umbrella": "umb-sso-4f1", "sso_client_secret_globex": "glx-sso-77c"}';

test("given STACK_SECRETS in GitHub Actions, when stacks are planned, then values are masked first and each plan gets only its own stack's TF_VAR_; init and show get none", () => {
  const result = plan({ STACK_SECRETS: SECRETS });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(result.stdout.split("\n").slice(0, 2)).toEqual(["::add-mask::umb-sso-4f1", "::add-mask::glx-sso-77c"]);
  expect(result.calls).toEqual([
    "tenant-globex init",
    "tenant-globex plan TF_VAR_sso_client_secret_globex=glx-sso-77c",
    "tenant-globex show",
    "tenant-umbrella init",
    "tenant-umbrella plan TF_VAR_sso_client_secret_umbrella=umb-sso-4f1",
    "tenant-umbrella show",
  ]);
});

test("given a tenant's secret missing from STACK_SECRETS, when stacks are planned, then no Terraform runs and one line says which secret to add", () => {
  const result = plan({ STACK_SECRETS: '{"sso_client_secret_umbrella": "umb-sso-4f1"}' });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/^ci check-stack-secrets: tenant-globex declares the sensitive variable sso_client_secret_globex and no value was given: add "sso_client_secret_globex" to the JSON secret STACK_SECRETS of the GitHub environments pull-request-plan, production and drift/);
  expect(result.calls).toEqual([]);
});
