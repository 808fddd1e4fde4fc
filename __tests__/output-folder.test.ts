import * as fs from "fs";
import * as path from "path";
import { minimalTenant, TempProject } from "./support/project";

// The module object itself, so that spies reach every caller (the namespace import is read-only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs: typeof fs = require("fs");

/**
 * `cdktf.out` is replaced all or nothing: the stacks are written into a sibling folder that
 * takes the place of the old one only when complete. Permission errors are one line.
 */
let project: TempProject;
beforeEach(() => {
  project = new TempProject();
  project.tenant("alpha", minimalTenant("alpha"));
  project.tenant("beta", minimalTenant("beta"));
});
afterEach(() => {
  jest.restoreAllMocks();
  project.remove();
});

const stackDir = (stack: string) => path.join(project.outdir, "stacks", stack);
/** Every file under the output folder with its content, `.terraform` included. */
const contents = () =>
  Object.fromEntries(
    (fs.readdirSync(project.outdir, { recursive: true }) as string[])
      .filter((f) => fs.statSync(path.join(project.outdir, f)).isFile())
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(project.outdir, f), "utf8")]),
  );
/** Folders next to the output folder (a leftover staging folder would show here). */
const siblings = () => fs.readdirSync(project.dir).sort();

/** An earlier synth, after which Terraform ran in two stacks (init, plan). */
async function earlierSynthAndTerraform(): Promise<void> {
  expect((await project.synth()).exitCode).toBe(0);
  for (const stack of ["tenant-alpha", "tenant-beta"]) {
    fs.mkdirSync(path.join(stackDir(stack), ".terraform", "providers"), { recursive: true });
    fs.writeFileSync(path.join(stackDir(stack), ".terraform", "providers", "auth0"), `provider for ${stack}`);
    fs.writeFileSync(path.join(stackDir(stack), ".terraform.lock.hcl"), `lock for ${stack}`);
    fs.writeFileSync(path.join(stackDir(stack), "local.tfplan"), "a plan of the old configuration");
  }
}

const permissionDenied = (file: string) => Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: "EACCES", path: file });

describe("given an earlier synth after which Terraform ran in the stack folders", () => {
  test("when synthesizing again, then Terraform's working data stays with each stack, old plans and removed stacks are gone, and no staging folder is left", async () => {
    await earlierSynthAndTerraform();
    fs.rmSync(path.join(project.tenantsDir, "beta.json"));
    project.tenant("alpha", { ...minimalTenant("alpha"), displayName: "Alpha Renamed" });

    expect((await project.synth()).exitCode).toBe(0);
    expect(Object.keys(contents())).toEqual([
      "manifest.json",
      "stacks/platform/cdk.tf.json",
      "stacks/tenant-alpha/.terraform.lock.hcl",
      "stacks/tenant-alpha/.terraform/providers/auth0",
      "stacks/tenant-alpha/cdk.tf.json",
    ]);
    expect(contents()["stacks/tenant-alpha/.terraform/providers/auth0"]).toBe("provider for tenant-alpha");
    expect(contents()["stacks/tenant-alpha/cdk.tf.json"]).toContain("Alpha Renamed");
    expect(siblings()).toEqual(["cdktf.out", "platform.json", "tenants"]);
  });

  test("when writing a stack fails with a permission error, then synth exits 1 with one line naming the path, and cdktf.out is exactly as before", async () => {
    await earlierSynthAndTerraform();
    const before = contents();
    project.tenant("alpha", { ...minimalTenant("alpha"), displayName: "Alpha Renamed" });
    const write = fs.writeFileSync;
    jest.spyOn(nodeFs, "writeFileSync").mockImplementation((file, ...rest) => {
      if (String(file).endsWith(path.join("tenant-beta", "cdk.tf.json"))) throw permissionDenied(String(file));
      return write(file, ...rest);
    });

    const { exitCode, output } = await project.synth();
    expect(exitCode).toBe(1);
    expect(output.split("\n")).toEqual([
      expect.stringMatching(
        new RegExp(`^${project.outdir}\\.new-\\w+/stacks/tenant-beta/cdk\\.tf\\.json: cannot write \\(EACCES\\); ${project.outdir} was left as it was\\. Make ${project.outdir} and the folder it is in writable`),
      ),
    ]);
    expect(contents()).toEqual(before);
    expect(siblings()).toEqual(["cdktf.out", "platform.json", "tenants"]);
  });

  test("when a stack folder's working data cannot be moved (a read-only folder), then nothing is half old, half new: cdktf.out is exactly as before", async () => {
    await earlierSynthAndTerraform();
    const before = contents();
    project.tenant("alpha", { ...minimalTenant("alpha"), displayName: "Alpha Renamed" });
    const rename = fs.renameSync;
    // tenant-alpha's data moves first; tenant-beta's folder refuses, so alpha's must go back.
    jest.spyOn(nodeFs, "renameSync").mockImplementation((from, to) => {
      if (String(from).startsWith(stackDir("tenant-beta"))) throw permissionDenied(String(from));
      return rename(from, to);
    });

    const { exitCode, output } = await project.synth();
    expect(exitCode).toBe(1);
    expect(output).toBe(
      `${stackDir("tenant-beta")}/.terraform: cannot write (EACCES); ${project.outdir} was left as it was. ` +
        `Make ${project.outdir} and the folder it is in writable by you (e.g. chmod -R u+w ${project.outdir}), or set CDKTF_OUTDIR to a folder you can write.`,
    );
    expect(contents()).toEqual(before);
    expect(siblings()).toEqual(["cdktf.out", "platform.json", "tenants"]);
  });

  // Root ignores permissions, so this one runs only for an ordinary user (the cases above simulate it).
  (process.getuid?.() === 0 ? test.skip : test)("when a stack folder is really read-only, then synth exits 1 in one line and cdktf.out is exactly as before", async () => {
    await earlierSynthAndTerraform();
    const before = contents();
    project.tenant("alpha", { ...minimalTenant("alpha"), displayName: "Alpha Renamed" });
    fs.chmodSync(stackDir("tenant-beta"), 0o555);
    try {
      const { exitCode, output } = await project.synth();
      expect(exitCode).toBe(1);
      expect(output.split("\n")).toHaveLength(1);
      expect(output).toContain("cannot write (EACCES)");
      expect(contents()).toEqual(before);
    } finally {
      fs.chmodSync(stackDir("tenant-beta"), 0o755);
    }
  });
});

describe("given a project folder where no new folder can be made", () => {
  test("when synthesizing, then it exits 1 with one line naming the place and what to do, not a stack trace", async () => {
    jest.spyOn(nodeFs, "mkdtempSync").mockImplementation((prefix) => {
      throw permissionDenied(String(prefix));
    });
    const { exitCode, output } = await project.synth();
    expect(exitCode).toBe(1);
    expect(output).toBe(
      `${project.outdir}.new-: cannot write (EACCES); ${project.outdir} was left as it was. ` +
        `Make ${project.outdir} and the folder it is in writable by you (e.g. chmod -R u+w ${project.outdir}), or set CDKTF_OUTDIR to a folder you can write.`,
    );
  });
});
