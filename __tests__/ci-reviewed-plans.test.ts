import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { collectReviewedPlans, openReviewedPlans, sealReviewedPlans, writeReviewedPlans } from "../src/ci/reviewed-plans";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-reviewed-"));
  fs.mkdirSync(path.join(dir, "plans"));
  fs.writeFileSync(path.join(dir, "plans", "tenant-acme.plan.json"), '{"variables":{"google_oauth2_client_secret":{"value":"s3cret"}}}');
  fs.writeFileSync(path.join(dir, "plans", "notes.txt"), "not a plan");
  fs.mkdirSync(path.join(dir, "stacks", "tenant-acme"), { recursive: true });
  fs.writeFileSync(path.join(dir, "stacks", "tenant-acme", "plan.tfplan"), "PK binary plan");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const collect = (riskApproved: boolean) =>
  collectReviewedPlans({ plansDir: path.join(dir, "plans"), stacksDir: path.join(dir, "stacks"), headSha: "a".repeat(40), riskApproved });

test("given the planned stacks, when collected, then each stack's saved plan and JSON are there with the planned commit, and the approval only when given", () => {
  expect([...collect(true).keys()].sort()).toEqual(["head-sha", "risk-approved", "tenant-acme.plan.json", "tenant-acme.tfplan"]);
  expect(collect(false).has("risk-approved")).toBe(false);
  expect(collect(false).get("head-sha")!.toString()).toBe(`${"a".repeat(40)}\n`);
});

test("given a sealed bundle, when opened with the same key, then the files come back, written readable by their owner only; the secret is nowhere in the bundle in clear", () => {
  const bundle = sealReviewedPlans(collect(true), "key-1");
  expect(bundle.includes("s3cret")).toBe(false);
  const files = openReviewedPlans(bundle, "key-1");
  expect(files.get("tenant-acme.tfplan")!.toString()).toBe("PK binary plan");
  writeReviewedPlans(files, path.join(dir, "out"));
  expect(fs.statSync(path.join(dir, "out", "tenant-acme.plan.json")).mode & 0o777).toBe(0o600);
});

test.each([
  ["another key", (b: Buffer) => b, "key-2"],
  ["a byte changed after sealing", (b: Buffer) => (b[b.length - 1] ^= 1, b), "key-1"],
])("given %s, when opened, then it is refused with one line saying to plan again", (_, change, key) => {
  const bundle = change(sealReviewedPlans(collect(false), "key-1"));
  expect(() => openReviewedPlans(bundle, key)).toThrow(
    "reviewed plans: the bundle does not open with PLAN_ARTIFACT_KEY (another key, or changed after sealing); plan again instead.",
  );
});

test("given a file name that is not a stack's plan, when sealed and opened, then it is refused (a bundle names nothing outside its folder)", () => {
  const bundle = sealReviewedPlans(new Map([["../../.bashrc", Buffer.from("x")]]), "k");
  expect(() => openReviewedPlans(bundle, "k")).toThrow('reviewed plans: unexpected file "../../.bashrc" in the bundle.');
});

test("given no key, when sealing, then it says where to set one", () => {
  expect(() => sealReviewedPlans(collect(false), "")).toThrow("PLAN_ARTIFACT_KEY is empty; set it in both the pull-request-plan and production environments.");
});
