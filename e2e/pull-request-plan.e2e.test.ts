import * as fs from "fs";
import * as path from "path";
import { ciMain } from "../src/ci/main";
import { fakeGitHub } from "../__tests__/support/fake-github";
import { appliedWorkspace, describeWithTerraform, terraformBinary } from "./support/terraform-suite";

/**
 * The privileged plan job's own scripts with the real Terraform CLI against the Auth0
 * simulator: scripts/ci/plan-affected.sh → plan-stacks.sh → tenants plan-summary, then the
 * risk gate on the plan Terraform wrote. The GitHub API is the in-memory fake.
 */
describeWithTerraform("the pull request plan job under real Terraform", () => {
  const workspace = appliedWorkspace(["platform", "tenant-globex"]);

  test("given globex decommissioned in a pull request by its author, when planned by the scripts and gated, then the summary flags the destroyed organization, the author's own label does not allow it and a code owner's does", async () => {
    const ws = workspace();
    ws.editTenant("globex", (tenant) => (tenant.status = "decommissioned"));
    await ws.synth();
    const work = path.join(ws.root, "plan-work");
    fs.mkdirSync(work);
    fs.writeFileSync(path.join(work, "affected.json"), JSON.stringify({ stacks: ["tenant-globex"] }));

    const run = ws.script("plan-affected.sh", [path.join(work, "affected.json"), path.join(work, "plans"), path.join(work, "plan-summary.md")], {
      ...ws.terraformEnv("tenant-globex"),
      TERRAFORM_BINARY_NAME: terraformBinary,
      GITHUB_ACTIONS: "",
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    expect(fs.readFileSync(path.join(work, "plan-summary.md"), "utf8")).toContain(
      "- **HIGH** `tenant-globex` `auth0_organization.organization`: organization `globex` will be destroyed",
    );

    const headSha = "1".repeat(40);
    fs.writeFileSync(path.join(work, "context.json"), JSON.stringify({ number: 7, headSha, author: "alice", labels: ["allow-risky-plan"], checksPassed: true, notes: [] }));
    fs.mkdirSync(path.join(ws.root, ".github"));
    fs.writeFileSync(path.join(ws.root, ".github", "CODEOWNERS"), "/tenants/ @carol\n");
    const gate = async (labelledBy: string) => {
      const { api } = fakeGitHub({
        "GET /repos/acme/auth0-tenants/issues/7/events": [{ event: "labeled", label: { name: "allow-risky-plan" }, actor: { login: labelledBy }, created_at: "2026-11-27T02:00:00Z" }],
        [`GET /repos/acme/auth0-tenants/actions/runs?head_sha=${headSha}`]: { workflow_runs: [{ created_at: "2026-11-27T01:00:00Z" }] },
        "GET /repos/acme/auth0-tenants/pulls/7/reviews": [],
      });
      const lines: string[] = [];
      const env = { PLAN_WORK: work, GITHUB_REPOSITORY: "acme/auth0-tenants" };
      const status = await ciMain(["gate", path.join(work, "plans", "tenant-globex.plan.json")], { out: (l) => lines.push(l), err: (l) => lines.push(l), env, cwd: ws.root, api, teamsApi: api });
      return { status, first: lines[0] };
    };
    expect(await gate("alice")).toEqual({ status: 3, first: "**Blocked: 2 high risks.**" });
    expect(await gate("carol")).toEqual({ status: 0, first: "**2 high risks, allowed.**" });
  });
});
