import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { affectedStacks, decommissionedIn } from "../src/review/affected";

/**
 * Two synth output folders written by hand (a manifest and one JSON file per stack, as CDKTF
 * writes them), compared stack by stack: no synthesis, no git.
 */
const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "affected-stacks-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** An output folder holding these stacks, each with this Terraform JSON. */
function synthOutput(stacks: Record<string, unknown>): string {
  const dir = tempDir();
  const manifest: Record<string, unknown> = {};
  for (const [name, json] of Object.entries(stacks)) {
    const file = `stacks/${name}/cdk.tf.json`;
    fs.mkdirSync(path.join(dir, "stacks", name), { recursive: true });
    fs.writeFileSync(path.join(dir, file), JSON.stringify(json));
    manifest[name] = { synthesizedStackPath: file, dependencies: [] };
  }
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ version: "0.21.0", stacks: manifest }));
  return dir;
}

const org = (displayName: string) => ({ resource: { auth0_organization: { organization: { name: "x", display_name: displayName } } } });
const never = () => false;

describe("which stacks differ between two synth outputs", () => {
  test("given identical outputs, when compared, then nothing is affected", () => {
    const stacks = { platform: org("P"), "tenant-a": org("A") };
    expect(affectedStacks(synthOutput(stacks), synthOutput(stacks), never)).toEqual({ stacks: [], removed: [], deletedWithoutDecommission: [] });
  });

  test("given stacks changed and added, when compared, then they are listed platform first, then tenants by name", () => {
    const base = synthOutput({ "tenant-b": org("B"), platform: org("P"), "tenant-a": org("A"), "tenant-same": org("S") });
    const head = synthOutput({ "tenant-same": org("S"), "tenant-c": org("C"), "tenant-b": org("B2"), "tenant-a": org("A2"), platform: org("P2") });
    expect(affectedStacks(base, head, never).stacks).toEqual(["platform", "tenant-a", "tenant-b", "tenant-c"]);
  });

  test("given only CDKTF's // metadata differs, when compared, then the stack is not affected", () => {
    const base = synthOutput({ "tenant-a": { "//": { metadata: { version: "0.20.0" } }, ...org("A") } });
    const head = synthOutput({ "tenant-a": { "//": { metadata: { version: "0.21.0" } }, ...org("A") } });
    expect(affectedStacks(base, head, never).stacks).toEqual([]);
  });

  test("given stacks gone from the head, when compared, then decommissioned ones are removed and the others deleted without decommission, each sorted", () => {
    const base = synthOutput({ "tenant-z-old": org("Z"), "tenant-d": org("D"), "tenant-y-old": org("Y"), "tenant-c": org("C"), "tenant-kept": org("K") });
    const head = synthOutput({ "tenant-kept": org("K") });
    const asked: string[] = [];
    const wasDecommissioned = (stack: string) => (asked.push(stack), stack.endsWith("-old"));
    expect(affectedStacks(base, head, wasDecommissioned)).toEqual({
      stacks: [],
      removed: ["tenant-y-old", "tenant-z-old"],
      deletedWithoutDecommission: ["tenant-c", "tenant-d"],
    });
    expect(asked).not.toContain("tenant-kept");
  });
});

describe("whether the base's tenant file of a gone stack was decommissioned", () => {
  const baseTree = (files: Record<string, string>) => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "tenants"));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, "tenants", name), text);
    return dir;
  };

  test("given a tenant file with status decommissioned, when asked for its stack, then it was decommissioned", () => {
    const was = decommissionedIn(baseTree({ "acme.json": JSON.stringify({ name: "acme", status: "decommissioned" }) }), "tenants");
    expect(was("tenant-acme")).toBe(true);
  });

  test.each([
    ["an active tenant", { "acme.json": JSON.stringify({ name: "acme", status: "active" }) }],
    ["a tenant without a status", { "acme.json": JSON.stringify({ name: "acme" }) }],
    ["no file for the stack", { "other.json": JSON.stringify({ status: "decommissioned" }) }],
    ["a file that is not JSON", { "acme.json": "{ status: decommissioned" }],
  ])("given %s, when asked, then it was not decommissioned", (_, files) => {
    expect(decommissionedIn(baseTree(files), "tenants")("tenant-acme")).toBe(false);
  });

  test("given a tenant whose name contains tenant-, when asked for its stack, then only the stack prefix is taken off", () => {
    const was = decommissionedIn(baseTree({ "tenant-x.json": JSON.stringify({ status: "decommissioned" }) }), "tenants");
    expect(was("tenant-tenant-x")).toBe(true);
  });
});
