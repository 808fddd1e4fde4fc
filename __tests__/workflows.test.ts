import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "./support/project";

const WORKFLOWS_DIR = path.join(ROOT, ".github", "workflows");
const workflows = fs.readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith(".yml"));
const read = (file: string) => fs.readFileSync(path.join(WORKFLOWS_DIR, file), "utf8");

/** https://github.com/mpalmer/action-validator: the workflow JSON schema plus GitHub's own rules. */
function actionValidator(file: string) {
  return spawnSync(path.join(ROOT, "node_modules", ".bin", "action-validator"), [file], { encoding: "utf8" });
}

test("given the workflows folder, then it has the pull request, deploy and drift check workflows", () => {
  expect(workflows.sort()).toEqual(["deploy.yml", "drift.yml", "pull-request.yml"]);
});

describe.each(workflows)("given the workflow %s", (file) => {
  test("then the workflow validator accepts it", () => {
    const result = actionValidator(path.join(WORKFLOWS_DIR, file));
    expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({ status: 0, output: "" });
  });

  test("then every action is pinned to a full commit SHA", () => {
    const uses = [...read(file).matchAll(/uses:\s*(\S+)/g)].map((m) => m[1]);
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });

  test("then credentials come only from repository secrets", () => {
    for (const [, name, value] of read(file).matchAll(/^\s*(AUTH0_\w+|TF_VAR_\w+|TF_TOKEN_\w+):\s*(.+)$/gm)) {
      expect({ name, value }).toEqual({ name, value: expect.stringMatching(/^\$\{\{ secrets\.\w+ \}\}$/) });
    }
  });

  test("then every script it runs exists, is executable and has its own tests", () => {
    const tested = fs.readFileSync(path.join(ROOT, "__tests__", "ci-scripts.test.ts"), "utf8");
    for (const [script] of read(file).matchAll(/scripts\/ci\/[\w-]+\.sh/g)) {
      fs.accessSync(path.join(ROOT, script), fs.constants.X_OK);
      expect(tested).toContain(script);
    }
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

test("given the pull request workflow, then it plans with the read-only credential and the deploy workflow applies with the deploy one", () => {
  expect(read("pull-request.yml")).toContain("secrets.AUTH0_READONLY_CLIENT_SECRET");
  expect(read("pull-request.yml")).not.toContain("secrets.AUTH0_CLIENT_SECRET");
  expect(read("deploy.yml")).toContain("secrets.AUTH0_CLIENT_SECRET");
  expect(read("deploy.yml")).toMatch(/concurrency:\n {2}group: deploy-\$\{\{ github\.ref \}\}\n {2}cancel-in-progress: false/);
});
