import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { withPrivateFiles, writePrivateFile } from "../src/private-file";

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "private-file-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe("given a plan JSON to write", () => {
  test("when the file is new, then only its owner can read it (0600)", () => {
    const file = path.join(dir, "tenant-acme.plan.json");
    writePrivateFile(file, '{"planned_values":{}}');
    expect(mode(file)).toBe(0o600);
    expect(fs.readFileSync(file, "utf8")).toBe('{"planned_values":{}}');
  });

  test("when an earlier run left it world-readable, then it is narrowed to 0600 and rewritten", () => {
    const file = path.join(dir, "tenant-acme.plan.json");
    fs.writeFileSync(file, "old, longer content", { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    writePrivateFile(file, "new");
    expect(mode(file)).toBe(0o600);
    expect(fs.readFileSync(file, "utf8")).toBe("new");
  });
});

describe("given a child process that writes files (as Terraform writes plans and local state)", () => {
  test("when it runs inside withPrivateFiles, then what it creates is 0600, and the umask is restored afterwards", () => {
    const before = process.umask(0o022);
    try {
      const file = path.join(dir, "local.tfplan");
      withPrivateFiles(() => execFileSync("sh", ["-c", `echo plan > "${file}"`]));
      expect(mode(file)).toBe(0o600);
      const after = path.join(dir, "after");
      execFileSync("sh", ["-c", `echo x > "${after}"`]);
      expect(mode(after)).toBe(0o644);
    } finally {
      process.umask(before);
    }
  });
});
