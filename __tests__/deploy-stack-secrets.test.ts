import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deployCommand, driftCommand } from "../src/deploy/deploy-command";
import { runCli } from "./support/cli";

/**
 * `tenants deploy` and `tenants drift` in-process with a fake `terraform` that records, per
 * command, which TF_VAR_ it received and whether the map itself reached it: the secrets are
 * handed to each stack's own commands, the apply of a saved plan included.
 */
// Each test starts a fake terraform (bash) a dozen times: seconds on a busy 2-core machine.
jest.setTimeout(30_000);

let work: string;
const SECRETS = { sso_client_secret_umbrella: "umb-sso-4f1", agent_client_secret_umbrella_ledger: "ledger-9a2", sso_client_secret_globex: "glx-sso-77c" };

/** A synthesized stack declaring `variables` (as the stacks do: sensitive, no default; agent secrets ephemeral). */
function stack(name: string, variables: Record<string, { ephemeral?: boolean }>): void {
  const dir = path.join(work, "cdktf.out", "stacks", name);
  fs.mkdirSync(dir, { recursive: true });
  const variable = Object.fromEntries(Object.entries(variables).map(([v, o]) => [v, { type: "string", sensitive: true, nullable: false, ...o }]));
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify({ variable, resource: {} }));
}

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-secrets-"));
  stack("platform", { google_oauth2_client_secret: {} });
  stack("tenant-umbrella", { sso_client_secret_umbrella: {}, agent_client_secret_umbrella_ledger: { ephemeral: true } });
  stack("tenant-globex", { sso_client_secret_globex: {} });
  // Plan: 2 (changes); show: a plan with nothing to count; state pull: no state yet.
  const terraform = path.join(work, "terraform");
  fs.writeFileSync(
    terraform,
    `#!/usr/bin/env bash
vars=$(env | grep '^TF_VAR_' | sort | tr '\\n' ' ')
echo "$(basename "$PWD") $1 \${STACK_SECRETS:+MAP }$vars" >> "${work}/calls"
case "$1" in
  plan) exit 2;;
  show) echo '{"format_version":"1.2","resource_changes":[]}';;
esac
exit 0
`,
    { mode: 0o755 },
  );
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: work,
  TERRAFORM_BINARY_NAME: path.join(work, "terraform"),
  TF_PLUGIN_CACHE_DIR: path.join(work, "cache"),
  TF_VAR_google_oauth2_client_secret: "goog-1",
  STACK_SECRETS: JSON.stringify(SECRETS),
  ...extra,
});
const calls = () => (fs.existsSync(path.join(work, "calls")) ? fs.readFileSync(path.join(work, "calls"), "utf8").trim().split("\n").map((l) => l.trimEnd()) : []);
const options = () => ["--run-state", path.join(work, "run.json"), "--plans", path.join(work, "plans"), "--summary", path.join(work, "summary.md")];

/** The reviewed plans of a pull request: a saved plan made without state (an empty zip) and its JSON. */
function reviewedPlans(...stacks: string[]): string {
  const dir = path.join(work, "reviewed");
  fs.mkdirSync(dir, { recursive: true });
  const emptyZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
  for (const s of stacks) {
    fs.writeFileSync(path.join(dir, `${s}.tfplan`), emptyZip);
    fs.writeFileSync(path.join(dir, `${s}.plan.json`), JSON.stringify({ format_version: "1.2", resource_changes: [] }));
  }
  return dir;
}

describe("secrets at deploy", () => {
  test("given reviewed plans, when deployed, then the apply of each saved plan gets again exactly its stack's TF_VAR_ (the write-only one too) and never the map", async () => {
    const reviewed = reviewedPlans("platform", "tenant-umbrella", "tenant-globex");
    const result = await runCli(deployCommand, ["--reviewed-plans", reviewed, "--concurrency", "1", ...options()], env(), work);
    expect(result.err).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(calls()).toEqual([
      "platform init TF_VAR_google_oauth2_client_secret=goog-1",
      "platform state TF_VAR_google_oauth2_client_secret=goog-1",
      "platform apply TF_VAR_google_oauth2_client_secret=goog-1",
      "tenant-globex init TF_VAR_sso_client_secret_globex=glx-sso-77c",
      "tenant-globex state TF_VAR_sso_client_secret_globex=glx-sso-77c",
      "tenant-globex apply TF_VAR_sso_client_secret_globex=glx-sso-77c",
      "tenant-umbrella init TF_VAR_agent_client_secret_umbrella_ledger=ledger-9a2 TF_VAR_sso_client_secret_umbrella=umb-sso-4f1",
      "tenant-umbrella state TF_VAR_agent_client_secret_umbrella_ledger=ledger-9a2 TF_VAR_sso_client_secret_umbrella=umb-sso-4f1",
      "tenant-umbrella apply TF_VAR_agent_client_secret_umbrella_ledger=ledger-9a2 TF_VAR_sso_client_secret_umbrella=umb-sso-4f1",
    ]);
  });

  test("given GitHub Actions, when deployed, then every value is masked before the first Terraform command and nothing printed holds a value", async () => {
    const result = await runCli(deployCommand, ["tenant-globex", ...options()], env({ GITHUB_ACTIONS: "true" }), work);
    expect(result.exitCode).toBe(0);
    expect(result.out.slice(0, 3)).toEqual(["::add-mask::umb-sso-4f1", "::add-mask::ledger-9a2", "::add-mask::glx-sso-77c"]);
    expect(result.out.slice(3).join("\n")).not.toMatch(/umb-sso|ledger-9a2|glx-sso/);
  });

  test("given a tenant's write-only secret missing from STACK_SECRETS, when deployed, then nothing runs and the one line says which secret to add and where", async () => {
    const { agent_client_secret_umbrella_ledger: _, ...without } = SECRETS;
    const result = await runCli(deployCommand, [...options()], env({ STACK_SECRETS: JSON.stringify(without) }), work);
    expect(result).toMatchObject({
      exitCode: 1,
      err: [
        'tenants deploy: tenant-umbrella declares the sensitive variable agent_client_secret_umbrella_ledger (write-only, needed again when a saved plan is applied) and no value was given: add "agent_client_secret_umbrella_ledger" to the JSON secret STACK_SECRETS of the GitHub environments pull-request-plan, production and drift (README, "Secrets for tenant stacks"), or set TF_VAR_agent_client_secret_umbrella_ledger when running by hand. Nothing was run.',
      ],
    });
    expect(calls()).toEqual([]);
  });

  test("given STACK_SECRETS that is not an object of strings, when deployed, then nothing runs and the line names the variable, not the value", async () => {
    const result = await runCli(deployCommand, [...options()], env({ STACK_SECRETS: '{"sso_client_secret_globex": 42424242}' }), work);
    expect(result.err).toEqual(['tenants deploy: STACK_SECRETS["sso_client_secret_globex"] must be a string, got a number. Write the value in quotes.']);
    expect(calls()).toEqual([]);
  });
});

describe("secrets at drift", () => {
  test("given the map, when checked for drift, then each plan gets only its own stack's TF_VAR_", async () => {
    const result = await runCli(driftCommand, ["tenant-umbrella", "tenant-globex", "--concurrency", "1", ...options()], env(), work);
    expect(result.exitCode).toBe(1); // the fake plans always show changes: drifted
    expect(calls().filter((c) => c.includes(" plan "))).toEqual([
      "tenant-globex plan TF_VAR_sso_client_secret_globex=glx-sso-77c",
      "tenant-umbrella plan TF_VAR_agent_client_secret_umbrella_ledger=ledger-9a2 TF_VAR_sso_client_secret_umbrella=umb-sso-4f1",
    ]);
  });
});
