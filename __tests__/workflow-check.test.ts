import * as fs from "fs";
import * as path from "path";
import { checkWorkflow, formatWorkflowProblem, WorkflowRule } from "../src/ci/workflow-check";
import { ROOT } from "./support/project";

/** A workflow that passes every rule; each negative example below changes one thing in it. */
const GOOD = `name: good
on:
  pull_request:
permissions:
  contents: read
defaults:
  run:
    shell: bash
jobs:
  test:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
      - name: Test
        env:
          BASE_REF: \${{ github.base_ref }}
        run: npm test -- "$BASE_REF" | tee test.log
`;

const check = (text: string) => checkWorkflow("wf.yml", text);
const rules = (text: string): WorkflowRule[] => check(text).map((p) => p.rule);

test("given a workflow that follows every rule, when checked, then no problem is found", () => {
  expect(check(GOOD)).toEqual([]);
});

describe("given ${{ }} inside a run script", () => {
  test("when a workflow_dispatch input is interpolated, then it is rejected with the line and what to do instead", () => {
    const bad = GOOD.replace('run: npm test -- "$BASE_REF" | tee test.log', "run: scripts/ci/deploy-stacks.sh ${{ inputs.stacks }}");
    expect(check(bad).map(formatWorkflowProblem)).toEqual([
      'wf.yml:17: jobs.test.steps[1] ("Test"): interpolates ${{ … }} into its script, so a value such as an input, a branch name or a step output runs as shell code. ' +
        'Pass the value through env: (e.g. env: { STACKS: ${{ inputs.stacks }} }) and use "$STACKS" in the script.',
    ]);
  });

  test("when a step output is interpolated in a block script, then it is rejected", () => {
    const bad = GOOD.replace('run: npm test -- "$BASE_REF" | tee test.log', 'run: |\n          echo hi\n          plan ${{ steps.affected.outputs.stacks }}');
    expect(rules(bad)).toEqual(["expression-in-run"]);
  });

  test("when a pull request title is interpolated into an actions/github-script script, then it is rejected", () => {
    const bad = GOOD.replace(
      '        run: npm test -- "$BASE_REF" | tee test.log',
      `      - uses: actions/github-script@${"f".repeat(40)}\n        with:\n          script: console.log("\${{ github.event.pull_request.title }}")`,
    );
    expect(check(bad).map((p) => [p.rule, p.where, p.line])).toEqual([["expression-in-run", "jobs.test.steps[2]", 19]]);
  });

  test("when the expression is in env: instead, then it is accepted", () => {
    expect(rules(GOOD)).toEqual([]);
  });
});

describe("given the shell a run step uses", () => {
  test("when no shell is set anywhere (GitHub's bash -e, no pipefail), then the step is rejected", () => {
    const problems = check(GOOD.replace("defaults:\n  run:\n    shell: bash\n", ""));
    expect(problems.map((p) => [p.rule, p.line, p.problem])).toEqual([
      ["pipefail", 14, "runs without pipefail (shell: GitHub's default, bash -e without pipefail), so a failing command before a | goes unnoticed"],
    ]);
  });

  test("when a step sets a shell without pipefail, then it is rejected even under bash defaults", () => {
    expect(rules(GOOD.replace("        run: npm test", "        shell: bash -e {0}\n        run: npm test"))).toEqual(["pipefail"]);
  });

  test("when the job's defaults or the step say bash -eo pipefail, then it is accepted", () => {
    const jobDefaults = GOOD.replace("defaults:\n  run:\n    shell: bash\n", "").replace("    runs-on:", "    defaults:\n      run:\n        shell: bash --noprofile --norc -eo pipefail {0}\n    runs-on:");
    expect(rules(jobDefaults)).toEqual([]);
  });
});

describe("given the actions a workflow uses", () => {
  test.each([
    ["a tag", "actions/checkout@v4"],
    ["a branch", "actions/checkout@main"],
    ["a short SHA", "actions/checkout@3d3c42e"],
    ["a docker tag", "docker://alpine:3"],
  ])("when pinned to %s, then it is rejected", (_, uses) => {
    const problems = check(GOOD.replace("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1", uses));
    expect(problems.map((p) => [p.rule, p.line, p.problem])).toEqual([["unpinned-action", 13, `uses ${uses}, a tag or branch its owner can move to other code`]]);
  });

  test("when a local action or a docker image by digest is used, then it is accepted", () => {
    expect(rules(GOOD.replace("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1", "./.github/actions/setup"))).toEqual([]);
    expect(rules(GOOD.replace("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1", `docker://alpine@sha256:${"a".repeat(64)}`))).toEqual([]);
  });
});

describe("given a secret in a pull_request workflow", () => {
  const withSecret = GOOD.replace("BASE_REF: ${{ github.base_ref }}", "TF_TOKEN_app_terraform_io: ${{ secrets.TF_API_TOKEN }}");

  test("when the job has no environment, then it is rejected, naming the secret", () => {
    expect(check(withSecret).map((p) => [p.rule, p.where, p.problem])).toEqual([
      ["secret-without-environment", "jobs.test", "reads secrets.TF_API_TOKEN in a workflow run on pull_request, where the pull request's code (and its version of this file) runs"],
    ]);
  });

  test("when a reusable workflow inherits the secrets, then it is rejected", () => {
    const inherit = `name: x\non: pull_request\npermissions: {}\njobs:\n  call:\n    uses: acme/wf/.github/workflows/x.yml@${"b".repeat(40)}\n    secrets: inherit\n`;
    expect(rules(inherit)).toEqual(["secret-without-environment"]);
  });

  test("when the job is gated by an environment, then it is accepted", () => {
    expect(rules(withSecret.replace("    runs-on:", "    environment: pr-plan\n    runs-on:"))).toEqual([]);
  });

  test("when the workflow runs on push only, then the pull request rule does not apply", () => {
    expect(rules(withSecret.replace("on:\n  pull_request:", "on:\n  push:").replace("    runs-on:", "    environment: production\n    runs-on:"))).toEqual([]);
  });
});

describe("given a secret in a workflow not run for pull requests (push, schedule)", () => {
  const scheduled = GOOD.replace("on:\n  pull_request:", 'on:\n  schedule:\n    - cron: "17 3 * * *"').replace("BASE_REF: ${{ github.base_ref }}", "AUTH0_CLIENT_SECRET: ${{ secrets.AUTH0_READONLY_CLIENT_SECRET }}");

  test("when the job has no environment (drift.yml before), then it is rejected: the secret is a repository secret any branch's workflow can read", () => {
    expect(check(scheduled).map((p) => [p.rule, p.where, p.problem])).toEqual([
      ["secret-outside-environment", "jobs.test", "reads secrets.AUTH0_READONLY_CLIENT_SECRET without an environment, so it must be a repository or organization secret, which any branch's pull_request workflow can read too"],
    ]);
  });

  test("when the job has an environment, then it is accepted", () => {
    expect(rules(scheduled.replace("    runs-on:", "    environment: drift\n    runs-on:"))).toEqual([]);
  });

  test("when a secret is in the job's or the workflow's env: (every step, npm ci included, gets it), then it is rejected", () => {
    const gated = scheduled.replace("    runs-on:", "    environment: drift\n    runs-on:");
    const jobEnv = gated.replace("    runs-on: ubuntu-24.04\n", "    runs-on: ubuntu-24.04\n    env:\n      STACK_SECRETS: ${{ secrets.STACK_SECRETS }}\n");
    expect(check(jobEnv).map((p) => [p.rule, p.where, p.line])).toEqual([["secret-scope", "jobs.test", 15]]);
    const workflowEnv = gated.replace("permissions:\n", "env:\n  STACK_SECRETS: ${{ secrets.STACK_SECRETS }}\npermissions:\n");
    expect(check(workflowEnv).map((p) => [p.rule, p.where])).toEqual([["secret-scope", "workflow"]]);
  });

  test("when a JSON secret is taken apart with fromJSON (its values are not masked), then it is rejected", () => {
    const parsed = scheduled.replace("    runs-on:", "    environment: drift\n    runs-on:").replace("${{ secrets.AUTH0_READONLY_CLIENT_SECRET }}", "${{ fromJSON(secrets.STACK_SECRETS).sso_client_secret_acme }}");
    expect(check(parsed).map((p) => [p.rule, p.problem])).toEqual([
      ["secret-scope", "parses a secret with fromJSON(secrets.STACK_SECRETS): GitHub masks a secret only as the whole string it stores, so the values taken out of it are printed in clear"],
    ]);
  });
});

describe("given a privileged workflow (workflow_run, pull_request_target)", () => {
  const privileged = GOOD.replace("on:\n  pull_request:", 'on:\n  workflow_run:\n    workflows: ["x"]\n    types: [completed]');

  test.each([
    ["the workflow_run head SHA", "${{ github.event.workflow_run.head_sha }}"],
    ["the pull request head ref", "${{ github.event.pull_request.head.ref }}"],
    ["a pull request merge ref", "refs/pull/7/merge"],
  ])("when it checks out %s, then it is rejected", (_, ref) => {
    const bad = privileged.replace(" # v7.0.1", `\n        with:\n          ref: ${ref}`);
    expect(check(bad).map((p) => [p.rule, p.line])).toEqual([["head-checkout", 17]]);
  });

  test("when a script fetches the pull request's ref, then it is rejected", () => {
    const bad = privileged.replace('run: npm test -- "$BASE_REF" | tee test.log', 'run: git fetch origin "refs/pull/$PR/head" && git checkout FETCH_HEAD');
    expect(rules(bad)).toEqual(["head-checkout"]);
  });

  test("when it checks out the default branch and may write, then it is accepted", () => {
    expect(rules(privileged.replace("  contents: read", "  contents: read\n  pull-requests: write\n  statuses: write"))).toEqual([]);
  });
});

describe("given the permissions a workflow declares", () => {
  test("when none are declared, then it is rejected", () => {
    expect(check(GOOD.replace("permissions:\n  contents: read\n", "")).map((p) => [p.rule, p.where, p.line])).toEqual([["permissions", "workflow", 1]]);
  });

  test("when every job declares its own, then it is accepted", () => {
    expect(rules(GOOD.replace("permissions:\n  contents: read\n", "").replace("    runs-on:", "    permissions:\n      contents: read\n    runs-on:"))).toEqual([]);
  });

  test.each(["write-all", "read-all"])("when %s is granted, then it is rejected", (all) => {
    expect(rules(GOOD.replace("permissions:\n  contents: read", `permissions: ${all}`))).toEqual(["permissions"]);
  });

  test("when a pull_request workflow asks for a write scope, then it is rejected, naming the scope", () => {
    const problems = check(GOOD.replace("  contents: read", "  contents: read\n  pull-requests: write"));
    expect(problems.map((p) => p.problem)).toEqual(["grants pull-requests: write to a workflow run on pull_request, where the pull request's code runs"]);
  });
});

test("given text that is not YAML, when checked, then one problem says so with its line", () => {
  expect(check("name: x\non: [push\njobs: {}\n").map((p) => [p.rule, p.where])).toEqual([["yaml", "workflow"]]);
});

test("given a key written twice, when checked, then it is rejected as YAML (the last would silently win)", () => {
  expect(rules(GOOD.replace("permissions:\n  contents: read\n", "permissions:\n  contents: read\npermissions: write-all\n"))).toEqual(["yaml"]);
});

describe("given the workflows as they were before the pull request split (fixtures)", () => {
  const before = (name: string) => {
    const file = `__tests__/fixtures/workflows/${name}`;
    return checkWorkflow(file, fs.readFileSync(path.join(ROOT, file), "utf8"));
  };

  test("when the pull request workflow is checked, then each attack on it is reported: secrets in reach of the branch's code, a write token, values pasted into scripts, no pipefail", () => {
    const problems = before("pull-request.before.yml");
    expect(problems.filter((p) => p.rule !== "pipefail").map((p) => `${p.line} ${p.rule} ${p.where}`)).toEqual([
      "13 permissions workflow",
      "25 secret-without-environment jobs.review",
      '48 expression-in-run jobs.review.steps[7] ("Find the affected stacks")',
      '60 expression-in-run jobs.review.steps[8] ("Plan the affected stacks")',
    ]);
    expect(problems.filter((p) => p.rule === "pipefail")).toHaveLength(9);
  });

  test("when the deploy workflow is checked, then the step output pasted into the deploy script and the missing pipefail are reported", () => {
    expect(before("deploy.before.yml").map((p) => `${p.line} ${p.rule}`)).toEqual(["44 pipefail", "45 pipefail", "52 pipefail", "72 expression-in-run", "72 pipefail"]);
  });
});
