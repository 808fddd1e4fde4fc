import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planSummaryCommand } from "../src/cli/plan-summary-command";
import { runCli } from "./support/cli";

/** `tenants plan-summary` as a gate: what lets a risky plan through, and what is written where. */
const RECORDED = path.join(__dirname, "fixtures", "plans", "recorded");
const decommission = path.join(RECORDED, "decommission", "tenant-globex.plan.json");
const widenGrant = path.join(RECORDED, "widen-grant", "tenant-acme.plan.json");
const summarize = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(planSummaryCommand, args, env);

test("given a high risk, --fail-on high and --allow-risk, when summarized, then it exits 0 saying the option allowed it", async () => {
  const { exitCode, err } = await summarize([decommission, "--fail-on", "high", "--allow-risk"]);
  expect({ exitCode, err }).toEqual({ exitCode: 0, err: ["tenants plan-summary: 2 risky change(s) allowed by --allow-risk."] });
});

test("given ALLOW_RISKY_PLAN set to anything but true, when failing on high, then the risk still blocks", async () => {
  expect((await summarize([decommission, "--fail-on", "high"], { ALLOW_RISKY_PLAN: "yes" })).exitCode).toBe(3);
});

test("given a medium risk, when failing on medium, then each blocking line names its level, stack and address", async () => {
  const { exitCode, err } = await summarize([widenGrant, "--fail-on", "medium"]);
  expect({ exitCode, err }).toEqual({
    exitCode: 3,
    err: [
      "tenants plan-summary: medium risk in tenant-acme: auth0_client_grant.agent-billing-sync-grant: grant of agent `acme billing-sync` widened: scopes `read:data` added",
      'tenants plan-summary: blocked. If these changes are intended, add the "allow-risky-plan" label to the pull request.',
    ],
  });
});

test("given --output, when summarized, then the file holds the Markdown stdout would have, ending with a line break", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-summary-gate-"));
  try {
    const file = path.join(dir, "summary.md");
    const printed = await summarize([widenGrant]);
    expect((await summarize([widenGrant, "--output", file])).out).toEqual([]);
    expect(fs.readFileSync(file, "utf8")).toBe(`${printed.out[0]}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.each([["platformx"], ["xplatform"], ["tenant-acme.old"]])("given a plan file named %s.plan.json, when summarized, then it is refused: the whole name must be a stack's", async (stack) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-summary-gate-"));
  try {
    const file = path.join(dir, `${stack}.plan.json`);
    fs.copyFileSync(widenGrant, file);
    expect((await summarize([file])).exitCode).toBe(1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("given a platform plan that only updates a role, when summarized with tenant files that do not validate, then they are not read: no tenant follows an update", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-summary-gate-"));
  try {
    fs.writeFileSync(path.join(dir, "broken.json"), "{");
    const plan = path.join(__dirname, "fixtures", "plans", "handwritten", "platform-role-described", "platform.plan.json");
    const { out } = await summarize([plan], { TENANTS_DIR: dir });
    expect(out.join("\n")).not.toContain("Tenants that follow the platform");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
