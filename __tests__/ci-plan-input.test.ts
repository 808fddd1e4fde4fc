import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { changesStateBackend, installPlanInput, PLAN_INPUT_LIMITS, readPlanInput } from "../src/ci/plan-input";

/** The artifact as the unprivileged job writes it; each test then changes one thing, as an attacker would. */
let dir: string;
const SHA = "c".repeat(40);
const write = (rel: string, content: string | Buffer) => {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), content);
};
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-plan-input-"));
  write("pr.json", JSON.stringify({ number: 7, headSha: SHA }));
  write("platform.json", "{}");
  write("affected.json", JSON.stringify({ stacks: ["platform", "tenant-acme"] }));
  write("tenants/acme.json", '{"name":"acme"}');
  write("tenants/globex.json", '{"name":"globex"}');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const refusal = () => {
  try {
    readPlanInput(dir);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the artifact to be refused");
};

test("given the artifact the pull request job writes, when read, then it names the pull request and the files", () => {
  expect(readPlanInput(dir)).toEqual({
    pr: { number: 7, headSha: SHA },
    files: { platformFile: "platform.json", tenantFiles: ["acme.json", "globex.json"], stateBackendFile: undefined, claimedAffected: ["platform", "tenant-acme"] },
  });
});

test("given a run that failed before collecting files, when read, then only the pull request is named", () => {
  for (const f of ["platform.json", "affected.json", "tenants"]) fs.rmSync(path.join(dir, f), { recursive: true });
  expect(readPlanInput(dir)).toEqual({ pr: { number: 7, headSha: SHA } });
});

describe("given an artifact crafted by the branch's author", () => {
  test("when a tenant file is a symbolic link (to a runner secret, say), then it is refused", () => {
    fs.symlinkSync("/etc/passwd", path.join(dir, "tenants", "evil.json"));
    expect(refusal()).toBe('plan input "tenants/evil.json": is a symbolic link. The artifact is refused and nothing is planned.');
  });

  test("when a directory is named like a tenant file, then it is refused", () => {
    fs.mkdirSync(path.join(dir, "tenants", "x.json"));
    expect(refusal()).toBe('plan input "tenants/x.json": is not a regular file. The artifact is refused and nothing is planned.');
  });

  test.each(["Acme.json", "acme.json.sh", "a b.json", ".hidden.json", "acme"])("when a tenant file is named %j, then it is refused", (name) => {
    write(`tenants/${name}`, "{}");
    expect(refusal()).toBe(`plan input ${JSON.stringify(`tenants/${name}`)}: is not a tenant file name (^[a-z0-9_-]+\\.json$). The artifact is refused and nothing is planned.`);
  });

  test("when an extra file is added next to the expected ones (a script, a .npmrc), then it is refused", () => {
    write(".npmrc", "registry=https://evil.example");
    expect(refusal()).toBe('plan input ".npmrc": is not one of pr.json, platform.json, state-backend.json, affected.json, tenants/. The artifact is refused and nothing is planned.');
  });

  test("when a file is over the size limit, then it is refused", () => {
    write("tenants/huge.json", Buffer.alloc(PLAN_INPUT_LIMITS.fileBytes + 1, " "));
    expect(refusal()).toBe(`plan input "tenants/huge.json": is ${PLAN_INPUT_LIMITS.fileBytes + 1} bytes, over the limit of ${PLAN_INPUT_LIMITS.fileBytes}. The artifact is refused and nothing is planned.`);
  });

  test.each([
    ["a pull request number that is a string", { number: "7", headSha: SHA }],
    ["a short SHA", { number: 7, headSha: "ccccccc" }],
    ["an extra key", { number: 7, headSha: SHA, comment: "hi" }],
  ])("when pr.json has %s, then it is refused", (_, pr) => {
    write("pr.json", JSON.stringify(pr));
    expect(refusal()).toBe('plan input "pr.json": must be exactly {"number": <positive integer>, "headSha": "<40 lowercase hex>"}. The artifact is refused and nothing is planned.');
  });

  test("when the affected list names a stack with shell in it, then it is refused", () => {
    write("affected.json", JSON.stringify({ stacks: ["tenant-acme $(id>/tmp/x)"] }));
    expect(refusal()).toBe('plan input "affected.json": must have "stacks": a list of stack names matching ^(platform|tenant-[a-z0-9_-]+)$. The artifact is refused and nothing is planned.');
  });

  test("when pr.json is missing, then it is refused", () => {
    fs.rmSync(path.join(dir, "pr.json"));
    expect(refusal()).toBe('plan input "pr.json": is missing. The artifact is refused and nothing is planned.');
  });
});

describe("given an accepted artifact and a checkout of the default branch", () => {
  let project: string;
  beforeEach(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-project-"));
    fs.mkdirSync(path.join(project, "tenants"));
    fs.writeFileSync(path.join(project, "tenants", "initech.json"), "{}");
    fs.writeFileSync(path.join(project, "platform.json"), '{"old":true}');
    fs.writeFileSync(path.join(project, "state-backend.json"), '{"type":"s3"}');
  });
  afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

  test("when installed, then the tenants folder and the platform file are exactly the pull request's (a file it deleted is gone)", () => {
    installPlanInput(dir, readPlanInput(dir).files!, project);
    expect(fs.readdirSync(path.join(project, "tenants")).sort()).toEqual(["acme.json", "globex.json"]);
    expect(fs.readFileSync(path.join(project, "platform.json"), "utf8")).toBe("{}");
  });

  test("when the pull request brings its own state-backend.json, then it is never installed, and the change is reported", () => {
    write("state-backend.json", '{"type":"local"}');
    const files = readPlanInput(dir).files!;
    installPlanInput(dir, files, project);
    expect(fs.readFileSync(path.join(project, "state-backend.json"), "utf8")).toBe('{"type":"s3"}');
    expect(changesStateBackend(dir, files, project)).toBe(true);
    write("state-backend.json", '{"type":"s3"}');
    expect(changesStateBackend(dir, files, project)).toBe(false);
  });
});
