import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { checkWorkflow, formatWorkflowProblem } from "../src/ci/workflow-check";
import { ROOT } from "./support/project";

const WORKFLOWS_DIR = path.join(ROOT, ".github", "workflows");
const workflows = fs.readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith(".yml"));
const read = (file: string) => fs.readFileSync(path.join(WORKFLOWS_DIR, file), "utf8");

/** https://github.com/mpalmer/action-validator: the workflow JSON schema plus GitHub's own rules. */
function actionValidator(file: string) {
  return spawnSync(path.join(ROOT, "node_modules", ".bin", "action-validator"), [file], { encoding: "utf8" });
}

test("given the workflows folder, then it has the pull request (unprivileged), pull request plan (privileged), deploy, drift check and mutation testing workflows", () => {
  expect(workflows.sort()).toEqual(["deploy.yml", "drift.yml", "mutation.yml", "pull-request-plan.yml", "pull-request.yml"]);
});

describe.each(workflows)("given the workflow %s", (file) => {
  test("then the workflow validator accepts it", () => {
    const result = actionValidator(path.join(WORKFLOWS_DIR, file));
    expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({ status: 0, output: "" });
  });

  test("then the static check finds nothing: no ${{ }} in run:, pipefail, pinned actions, no secret in reach of a pull request's code, no head checkout in a privileged workflow, declared permissions", () => {
    expect(checkWorkflow(`.github/workflows/${file}`, read(file)).map(formatWorkflowProblem)).toEqual([]);
  });

  test("then credentials come only from repository secrets", () => {
    const credentials = [...read(file).matchAll(/^\s*(AUTH0_\w+|TF_VAR_\w+|TF_TOKEN_\w+):\s*(.+)$/gm)].map(([, name, value]) => ({ name, value }));
    expect(credentials.filter(({ value }) => !/^\$\{\{ secrets\.\w+ \}\}$/.test(value))).toEqual([]);
  });

  test("then every script it runs exists, is executable and has its own tests", () => {
    const tested = fs.readFileSync(path.join(ROOT, "__tests__", "ci-scripts.integration.test.ts"), "utf8");
    const scripts = [...new Set([...read(file).matchAll(/scripts\/ci\/[\w-]+\.sh/g)].map(([script]) => script))];
    const executable = (script: string) => {
      try {
        fs.accessSync(path.join(ROOT, script), fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    };
    expect(scripts.filter((script) => !executable(script) || !tested.includes(script))).toEqual([]);
  });
});

test("given a workflow with a misspelled key, then the validator rejects it (so the checks above can fail)", () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-wf-")), "broken.yml");
  fs.writeFileSync(file, "name: broken\non: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    stepz: []\n");
  const result = actionValidator(file);
  expect(result.status).toBe(1);
  expect(result.stdout + result.stderr).toContain("Additional property 'stepz' is not allowed");
  fs.rmSync(path.dirname(file), { recursive: true });
});

describe("given the two pull request workflows", () => {
  const pr = parse(read("pull-request.yml"));
  const plan = parse(read("pull-request-plan.yml"));
  const steps = (workflow: any) => Object.values<any>(workflow.jobs).flatMap((job) => job.steps);

  test("then the one that runs the branch's code holds no secret, and tests it end to end before handing over its files", () => {
    expect(read("pull-request.yml")).not.toMatch(/secrets\./);
    expect(pr.permissions).toEqual({ contents: "read" });
    expect(steps(pr).map((s: any) => s.run).filter(Boolean)).toEqual(
      expect.arrayContaining(["npm ci", "npm test", "npm run test:integration", "npm run test:e2e", "npm run --silent tenants -- validate", "npm run synth"]),
    );
    expect(steps(pr).find((s: any) => s.uses?.startsWith("hashicorp/setup-terraform@"))?.with.terraform_version).toBe("1.11.4");
  });

  test("then it uploads only the files the plan reads, as one artifact, also when a step failed", () => {
    const upload = steps(pr).find((s: any) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(upload).toMatchObject({ if: "always()", with: { name: "plan-input", path: "${{ env.PLAN_INPUT }}/" } });
    const byName = (name: string) => steps(pr).find((s: any) => s.name === name).run;
    expect(byName("Name the pull request for the plan workflow")).toContain(`'{number: $number, headSha: $headSha}' > "$RUNNER_TEMP/plan-input/pr.json"`);
    expect(byName("Find the affected stacks")).toContain('--format json > "$PLAN_INPUT/affected.json"');
    expect(byName("Collect the files the plan workflow reads")).toBe(
      'cp platform.json "$PLAN_INPUT/"\n' +
        'if [ -f state-backend.json ]; then cp state-backend.json "$PLAN_INPUT/"; fi\n' +
        "find tenants -maxdepth 1 -type f -name '*.json' -exec cp {} \"$PLAN_INPUT/tenants/\" \\;\n",
    );
  });

  test("then the privileged one runs only after it, on the default branch's code, behind an environment, with read-only Auth0 and state credentials", () => {
    expect(plan.on).toEqual({ workflow_run: { workflows: ["Pull request"], types: ["completed"] } });
    const checkout = steps(plan).find((s: any) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout.with).toEqual({ "persist-credentials": false });
    expect(plan.jobs.plan.environment).toBe("pull-request-plan");
    const secrets = [...read("pull-request-plan.yml").matchAll(/secrets\.(\w+)/g)].map((m) => m[1]).sort();
    expect(secrets).toEqual(["AUTH0_DOMAIN", "AUTH0_READONLY_CLIENT_ID", "AUTH0_READONLY_CLIENT_SECRET", "GOOGLE_OAUTH2_CLIENT_SECRET", "ORG_MEMBERS_READ_TOKEN", "PLAN_ARTIFACT_KEY", "STACK_SECRETS", "TF_PLAN_API_TOKEN"]);
  });

  test("then the comment and status step runs whatever happened before it, so a failed plan replaces the earlier summary", () => {
    expect(steps(plan).at(-1)).toMatchObject({ if: "always()", run: "node dist/src/ci/main.js report" });
  });
});

test("given the deploy workflow, then it applies with the deploy credential, one run at a time", () => {
  expect(read("deploy.yml")).toContain("secrets.AUTH0_CLIENT_SECRET");
  expect(read("deploy.yml")).toMatch(/concurrency:\n {2}group: deploy-\$\{\{ github\.ref \}\}\n {2}cancel-in-progress: false/);
});

describe("given the stacks' secrets (STACK_SECRETS, one JSON environment secret)", () => {
  const stepsOf = (file: string): any[] => Object.values<any>(parse(read(file)).jobs).flatMap((job) => job.steps);
  test.each([
    ["pull-request-plan.yml", "pull-request-plan", "Plan the affected stacks, read-only", "scripts/ci/plan-affected.sh"],
    ["deploy.yml", "production", "Deploy", "scripts/ci/deploy-stacks.sh"],
    ["drift.yml", "drift", "Check every stack of tonight's shard", "scripts/ci/drift-check.sh"],
  ])("then %s gives it, from its environment %s, to the one step that runs Terraform (%s) and to no other", (file, environment, stepName, script) => {
    expect(Object.values<any>(parse(read(file)).jobs).map((job) => job.environment)).toEqual([environment]);
    const holders = stepsOf(file).filter((step) => JSON.stringify(step).includes("secrets.STACK_SECRETS"));
    expect(holders.map((step) => [step.name, step.env.STACK_SECRETS, step.run.trim().split(" ")[0]])).toEqual([[stepName, "${{ secrets.STACK_SECRETS }}", script]]);
  });

  test("then no other workflow reads it (the pull request's code runs in pull-request.yml, mutation.yml needs no Auth0)", () => {
    expect(workflows.filter((file) => read(file).includes("STACK_SECRETS")).sort()).toEqual(["deploy.yml", "drift.yml", "pull-request-plan.yml"]);
  });
});

test("given the drift workflow, then it reads only read-only credentials, from its environment drift", () => {
  const secrets = [...read("drift.yml").matchAll(/secrets\.(\w+)/g)].map((m) => m[1]).sort();
  expect(secrets).toEqual(["AUTH0_DOMAIN", "AUTH0_READONLY_CLIENT_ID", "AUTH0_READONLY_CLIENT_SECRET", "GOOGLE_OAUTH2_CLIENT_SECRET", "STACK_SECRETS", "TF_PLAN_API_TOKEN"]);
});

test.each([
  ["deploy.yml", "Deploy"],
  ["drift.yml", "Check every stack of tonight's shard"],
])("given %s, then the CI preflight (remote state, lock file) runs right before %s", (file, stepName) => {
  const steps: any[] = Object.values<any>(parse(read(file)).jobs).flatMap((job) => job.steps);
  const at = steps.findIndex((s) => s.name === stepName);
  expect(steps[at - 1]).toMatchObject({ name: "Preflight", run: expect.stringMatching(/^node dist\/src\/ci\/main\.js preflight /) });
});
