import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { OutputNotWritableError } from "../src/errors";
import { replaceOutputFolder } from "../src/synth/output-folder";

// The module object itself, so that spies reach every caller (the namespace import is read-only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs: typeof fs = require("fs");

/** Which failures to write the output are reported as one line (OutputNotWritableError), and which are not. */
let dir: string;
let outdir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-not-writable-"));
  outdir = path.join(dir, "cdktf.out");
  fs.mkdirSync(path.join(outdir, "stacks", "tenant-alpha"), { recursive: true });
  fs.writeFileSync(path.join(outdir, "manifest.json"), "the previous manifest");
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const failure = (code: string, file?: string) => Object.assign(new Error(`${code}: failed`), { code, ...(file && { path: file }) });
/** What the project folder holds afterwards: the old output only, no staging folder. */
const left = () => ({ siblings: fs.readdirSync(dir), manifest: fs.readFileSync(path.join(outdir, "manifest.json"), "utf8") });

describe("given writing a stack fails", () => {
  test.each([["EACCES"], ["EPERM"], ["EROFS"], ["ENOSPC"], ["EDQUOT"]])(
    "when the error is %s (not allowed, read-only, disk full, over quota), then it is one line naming the file and the code, and the old output is kept",
    async (code) => {
      const write = () => {
        throw failure(code, "/somewhere/stacks/tenant-alpha/cdk.tf.json");
      };
      const error = await replaceOutputFolder(outdir, write).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OutputNotWritableError);
      expect(error).toMatchObject({ target: "/somewhere/stacks/tenant-alpha/cdk.tf.json", code, outdir });
      expect(left()).toEqual({ siblings: ["cdktf.out"], manifest: "the previous manifest" });
    },
  );

  test("when the error has a code but no path, then the line names the output folder", async () => {
    const error = await replaceOutputFolder(outdir, () => Promise.reject(failure("ENOSPC"))).catch((e: unknown) => e);
    expect(error).toMatchObject({ target: outdir, code: "ENOSPC", outdir });
  });

  test.each([
    ["another file-system code (EISDIR)", failure("EISDIR", "/somewhere/stacks")],
    ["an error without a code", new Error("a bug in a stack")],
  ])("when it is %s, then that error itself comes out, with its stack (not a 'may not write here' error), and the old output is kept", async (_what, thrown) => {
    await expect(replaceOutputFolder(outdir, () => Promise.reject(thrown))).rejects.toBe(thrown);
    expect(left()).toEqual({ siblings: ["cdktf.out"], manifest: "the previous manifest" });
  });
});

describe("given writing succeeds", () => {
  test("when the output folder did not exist, then it is made with what was written and the names are returned", async () => {
    fs.rmSync(outdir, { recursive: true });
    const names = await replaceOutputFolder(outdir, (staging) => {
      fs.writeFileSync(path.join(staging, "manifest.json"), "new");
      return ["platform"];
    });
    expect(names).toEqual(["platform"]);
    expect(left()).toEqual({ siblings: ["cdktf.out"], manifest: "new" });
  });
});

describe("given Terraform's working data in the old output and a new folder that cannot take the old one's place", () => {
  test("when the last rename fails, then the old folder is back in place with its working data, and the error is one line", async () => {
    const lock = path.join(outdir, "stacks", "tenant-alpha", ".terraform.lock.hcl");
    fs.writeFileSync(lock, "the lock file");
    const rename = fs.renameSync;
    // The staging folder refuses to become cdktf.out, after the working data moved into it and the old folder was set aside.
    jest.spyOn(nodeFs, "renameSync").mockImplementation((from, to) => {
      if (String(to) === outdir && String(from).includes(".new-") && !String(from).endsWith(".old")) throw failure("EACCES", String(from));
      return rename(from, to);
    });

    const error = await replaceOutputFolder(outdir, (staging) => {
      fs.mkdirSync(path.join(staging, "stacks", "tenant-alpha"), { recursive: true });
      fs.writeFileSync(path.join(staging, "manifest.json"), "new");
      return ["tenant-alpha"];
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OutputNotWritableError);
    expect(left()).toEqual({ siblings: ["cdktf.out"], manifest: "the previous manifest" });
    expect(fs.readFileSync(lock, "utf8")).toBe("the lock file");
  });
});
