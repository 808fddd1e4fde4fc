import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { localCommand } from "../src/cli/local-command";
import { runCli } from "./support/cli";
import { FIXTURE_ENV, ROOT } from "./support/project";

/**
 * `tenants local` in-process, with a stand-in for Terraform: a shell script that logs its
 * arguments, exits as each test says and, for `show -json`, prints a recorded plan of the
 * stack whose folder it runs in. What is checked is the command's own part: which steps run
 * in which order, what is printed of them, where plans go, when it stops. The real run
 * (Terraform 1.11 against the built simulator) is the end-to-end suite's.
 */
jest.mock("../src/local/local-auth0", () => ({
  ...jest.requireActual("../src/local/local-auth0"),
  // The simulator is built by `npm run build:sim`, which unit tests do not need: Terraform here never starts it.
  SIMULATOR_ENTRY: __filename,
}));
jest.setTimeout(60_000);

const RECORDED = path.join(ROOT, "__tests__", "fixtures", "plans", "recorded");
const FAKE_TERRAFORM = `#!/bin/sh
stack=$(basename "$PWD")
echo "$stack $*" >> "$FAKE_LOG"
case "$1" in
  init) echo "Initializing..."; echo "init failed" >&2; exit "\${FAKE_INIT_EXIT:-0}" ;;
  plan)
    printf 'Warning: Provider development overrides are in effect\\n\\nThe following provider development overrides are set in the CLI\\nconfiguration: the provider may not match released releases.\\nPlan: 2 to add.\\n'
    echo "plan failed" >&2
    eval "code=\\\${FAKE_PLAN_EXIT_$(echo "$stack" | tr - _):-2}"
    exit "$code" ;;
  show) cat "$FAKE_PLANS/$stack.plan.json" ;;
  apply) echo "Apply complete!"; echo "apply failed" >&2; exit "\${FAKE_APPLY_EXIT:-0}" ;;
esac
`;

let work: string;
let dir: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-local-"));
  dir = path.join(work, ".local-auth0");
  const binary = path.join(work, "terraform");
  fs.writeFileSync(binary, FAKE_TERRAFORM, { mode: 0o755 });
  const plans = path.join(work, "recorded");
  fs.mkdirSync(plans);
  fs.copyFileSync(path.join(RECORDED, "platform-role", "platform.plan.json"), path.join(plans, "platform.plan.json"));
  fs.copyFileSync(path.join(RECORDED, "widen-grant", "tenant-acme.plan.json"), path.join(plans, "tenant-acme.plan.json"));
  fs.copyFileSync(path.join(RECORDED, "unchanged", "tenant-initech.plan.json"), path.join(plans, "tenant-initech.plan.json"));
  env = { ...FIXTURE_ENV, PATH: process.env.PATH, TERRAFORM_BINARY_NAME: binary, FAKE_LOG: path.join(work, "log"), FAKE_PLANS: plans };
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

const local = (...args: string[]) => runCli(localCommand, [...args, "--dir", dir], env, work);
const steps = () => fs.readFileSync(path.join(work, "log"), "utf8").trim().split("\n");

test("given a tenant stack, when run, then platform and then it are initialized, planned and applied, each plan's risks printed and every plan kept", async () => {
  const stale = path.join(dir, "plans", "tenant-globex.plan.json");
  fs.mkdirSync(path.dirname(stale), { recursive: true });
  fs.writeFileSync(stale, "{}");
  const { exitCode, out, err } = await local("tenant-acme");
  expect({ exitCode, err }).toEqual({ exitCode: 0, err: [] });
  expect(out).toEqual([
    "── platform: terraform init -input=false",
    "── platform: terraform plan -input=false -out=local.tfplan -detailed-exitcode",
    "Plan: 2 to add.",
    "Risks the plan summary flags:",
    "  MEDIUM 2 resources: shared platform resources change (2 to create): every tenant depends on them",
    "── platform: terraform apply -input=false local.tfplan",
    "Apply complete!",
    "── tenant-acme: terraform init -input=false",
    "── tenant-acme: terraform plan -input=false -out=local.tfplan -detailed-exitcode",
    "Plan: 2 to add.",
    "Risks the plan summary flags:",
    "  MEDIUM auth0_client_grant.agent-billing-sync-grant: grant of agent `acme billing-sync` widened: scopes `read:data` added",
    "── tenant-acme: terraform apply -input=false local.tfplan",
    "Apply complete!",
    `Plans: ${dir}/plans/<stack>.plan.json (npm run --silent tenants -- plan-summary .local-auth0/plans/*.plan.json)`,
    `Simulated Auth0: ${dir}/auth0.json (Terraform ran auth0/auth0 from ${path.join(ROOT, "sim", "bin")} through dev_overrides)`,
  ]);
  expect(steps()).toEqual([
    "platform init -input=false -no-color",
    "platform plan -input=false -out=local.tfplan -detailed-exitcode -no-color",
    "platform show -json local.tfplan",
    "platform apply -input=false local.tfplan -no-color",
    "tenant-acme init -input=false -no-color",
    "tenant-acme plan -input=false -out=local.tfplan -detailed-exitcode -no-color",
    "tenant-acme show -json local.tfplan",
    "tenant-acme apply -input=false local.tfplan -no-color",
  ]);
  expect(fs.readdirSync(path.join(dir, "plans"))).toEqual(["platform.plan.json", "tenant-acme.plan.json"]);
  expect(fs.readFileSync(path.join(dir, "plans", "platform.plan.json"), "utf8")).toBe(fs.readFileSync(path.join(RECORDED, "platform-role", "platform.plan.json"), "utf8"));
});

test("given --plan-only and a plan without changes, when run, then nothing is applied, and a plan without changes flags nothing", async () => {
  const { exitCode, out } = await runCli(localCommand, ["tenant-initech", "platform", "--plan-only", "--dir", dir], { ...env, FAKE_PLAN_EXIT_tenant_initech: "0" }, work);
  expect(exitCode).toBe(0);
  expect(out.filter((line) => /^(──|Risks|The plan)/.test(line))).toEqual([
    "── platform: terraform init -input=false",
    "── platform: terraform plan -input=false -out=local.tfplan -detailed-exitcode",
    "Risks the plan summary flags:",
    "── tenant-initech: terraform init -input=false",
    "── tenant-initech: terraform plan -input=false -out=local.tfplan -detailed-exitcode",
  ]);
  expect(steps().filter((s) => s.includes("apply"))).toEqual([]);
  expect(fs.readdirSync(path.join(dir, "plans"))).toEqual(["platform.plan.json", "tenant-initech.plan.json"]);
});

test("given a plan of changes that flags no risk, when run, then it says so", async () => {
  const plans = env.FAKE_PLANS!;
  fs.copyFileSync(path.join(RECORDED, "onboard", "tenant-acme.plan.json"), path.join(plans, "tenant-acme.plan.json"));
  const { out } = await runCli(localCommand, ["tenant-acme", "--plan-only", "--dir", dir], { ...env, FAKE_PLAN_EXIT_platform: "0" }, work);
  expect(out.filter((line) => /^(Risks|The plan)/.test(line))).toEqual(["The plan summary flags no risk."]);
});

test.each([
  ["init", { FAKE_INIT_EXIT: "1" }, ["── platform: terraform init -input=false", "Initializing..."], ["init failed"], ["platform init -input=false -no-color"]],
  [
    "plan",
    { FAKE_PLAN_EXIT_platform: "1" },
    ["── platform: terraform init -input=false", "── platform: terraform plan -input=false -out=local.tfplan -detailed-exitcode", "Plan: 2 to add."],
    ["plan failed"],
    ["platform init -input=false -no-color", "platform plan -input=false -out=local.tfplan -detailed-exitcode -no-color"],
  ],
])("given terraform %s failing for platform, when run, then its output is printed and no other step or stack runs, exit 1", async (_step, extra, expectedOut, expectedErr, expectedSteps) => {
  const result = await runCli(localCommand, ["tenant-acme", "--dir", dir], { ...env, ...extra }, work);
  expect(result).toEqual({ exitCode: 1, out: expectedOut, err: expectedErr });
  expect(steps()).toEqual(expectedSteps);
});

test("given no stack, no --dir and --reset of a folder never made, when run, then every stack runs, platform first, in .local-auth0 of the project", async () => {
  const plans = { FAKE_PLAN_EXIT_tenant_globex: "0", FAKE_PLAN_EXIT_tenant_initech: "0", FAKE_PLAN_EXIT_tenant_leaving: "0" };
  const { exitCode, out } = await runCli(localCommand, ["--plan-only", "--reset"], { ...env, ...plans }, work);
  expect(exitCode).toBe(0);
  expect(steps().filter((s) => s.includes(" plan "))).toEqual(
    ["platform", "tenant-acme", "tenant-globex", "tenant-initech", "tenant-leaving"].map((stack) => `${stack} plan -input=false -out=local.tfplan -detailed-exitcode -no-color`),
  );
  expect(out[out.length - 2]).toBe(`Plans: ${dir}/plans/<stack>.plan.json (npm run --silent tenants -- plan-summary .local-auth0/plans/*.plan.json)`);
});

test("given the plans folder as the project folder, when run, then the plan-summary hint names the plans from there", async () => {
  const { out } = await runCli(localCommand, ["platform", "--plan-only", "--dir", dir], env, path.join(dir, "plans"));
  expect(out[out.length - 2]).toBe(`Plans: ${dir}/plans/<stack>.plan.json (npm run --silent tenants -- plan-summary ./*.plan.json)`);
});

test("given terraform apply failing, when run, then it stops after that stack with exit 1", async () => {
  const { exitCode, out, err } = await runCli(localCommand, ["tenant-acme", "--dir", dir], { ...env, FAKE_APPLY_EXIT: "1" }, work);
  expect({ exitCode, err, last: out[out.length - 1] }).toEqual({ exitCode: 1, err: ["apply failed"], last: "Apply complete!" });
  expect(steps().some((s) => s.startsWith("tenant-acme"))).toBe(false);
});

test("given a stack that does not exist, when run, then it is a usage error naming the stacks, and nothing runs", async () => {
  expect(await local("tenant-acme", "tenant-nope")).toEqual({
    exitCode: 2,
    out: [],
    err: ["tenants local: no stack named tenant-nope; the stacks are platform, tenant-acme, tenant-globex, tenant-initech, tenant-leaving. Run `tenants local --help` for usage."],
  });
  expect(fs.existsSync(path.join(work, "log"))).toBe(false);
});

test("given no Terraform, when run, then one line says how to get it, exit 1", async () => {
  expect(await runCli(localCommand, ["--dir", dir], { ...env, TERRAFORM_BINARY_NAME: path.join(work, "nowhere", "terraform") }, work)).toEqual({
    exitCode: 1,
    out: [],
    err: ["tenants local: Terraform is not installed. Install Terraform 1.11 or set TERRAFORM_BINARY_NAME to its path."],
  });
});

test("given --reset, when run, then the simulated Auth0 of earlier runs is forgotten", async () => {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "auth0.json"), JSON.stringify({ resources: { auth0_role: { x: {} } } }));
  expect((await local("platform", "--plan-only", "--reset")).exitCode).toBe(0);
  expect(JSON.parse(fs.readFileSync(path.join(dir, "auth0.json"), "utf8")).resources).toBeUndefined();
});

test("given an invalid tenant file, when run, then its problem is printed and nothing runs, exit 1", async () => {
  const tenants = path.join(work, "tenants");
  fs.mkdirSync(tenants);
  fs.writeFileSync(path.join(tenants, "broken.json"), "{");
  const { exitCode, err } = await runCli(localCommand, ["--dir", dir], { ...env, TENANTS_DIR: tenants }, work);
  expect(exitCode).toBe(1);
  expect(err.join("\n")).toContain(`${path.join(tenants, "broken.json")}:1:2: $: invalid JSON`);
  expect(fs.existsSync(path.join(work, "log"))).toBe(false);
});

describe("tenants local env", () => {
  test("given the fixture files, then export lines for a shell, each value single-quoted (a quote in a value too), between a header and how to undo them", async () => {
    const { exitCode, out, err } = await runCli(localCommand, ["env", "--dir", dir], { ...env, TF_VAR_google_oauth2_client_secret: "it's" }, work);
    expect({ exitCode, err }).toEqual({ exitCode: 0, err: [] });
    const names = ["TF_CLI_CONFIG_FILE", "AUTH0_SIM_STATE", "TF_VAR_google_oauth2_client_secret", "CHECKPOINT_DISABLE", "STATE_BACKEND_FILE", "CDKTF_IGNORE_MISSING_STACK_DEPENDENCIES", "CDKTF_SKIP_PROVIDER_LOCK"];
    expect(out[0]).toBe(`# cdktf and terraform in this shell now use the Auth0 simulator (${dir}/auth0.json), not Auth0; members are seeded as users.`);
    expect(out.slice(1, -1).map((line) => line.split("=")[0])).toEqual(names.map((name) => `export ${name}`));
    expect(out).toContain(`export TF_VAR_google_oauth2_client_secret='it'\\''s'`);
    expect(out).toContain(`export AUTH0_SIM_STATE='${dir}/auth0.json'`);
    expect(out[out.length - 1]).toBe(`# Back to Auth0: unset ${names.join(" ")}`);
  });

  test.each([["--plan-only"], ["--reset"], ["platform"]])("given env with %s, then it is a usage error: env takes only --dir", async (extra) => {
    expect(await runCli(localCommand, ["env", extra, "--dir", dir], env, work)).toEqual({
      exitCode: 2,
      out: [],
      err: ["tenants local: env takes only --dir. Run `tenants local --help` for usage."],
    });
  });

  test("given an invalid tenant file, then no export line is printed, exit 1", async () => {
    const tenants = path.join(work, "tenants");
    fs.mkdirSync(tenants);
    fs.writeFileSync(path.join(tenants, "broken.json"), "{");
    const { exitCode, out } = await runCli(localCommand, ["env", "--dir", dir], { ...env, TENANTS_DIR: tenants }, work);
    expect({ exitCode, out }).toEqual({ exitCode: 1, out: [] });
  });
});
