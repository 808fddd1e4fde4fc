// The simulator's caches are read only from a directory this user owns and alone can enter.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { serverCert } from "../src/cert";
import { privateCacheDir } from "../src/private-cache";

describe("the simulator's private cache directory", () => {
  let root: string;
  const mine = () => path.join(root, `auth0-sim-cache-${process.getuid!()}`);
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), "sim-private-cache-"))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test("given no cache directory yet, when asked for it, then it is created for this user with mode 0700", () => {
    expect(privateCacheDir(root)).toBe(mine());
    expect(fs.statSync(mine()).mode & 0o777).toBe(0o700);
  });

  test("given the directory exists with its right mode, when asked again, then the same directory is returned", () => {
    privateCacheDir(root);
    expect(privateCacheDir(root)).toBe(mine());
  });

  test("given the directory readable by others (planted or loosened), when asked for it, then there is no cache", () => {
    fs.mkdirSync(mine(), { mode: 0o755 });
    fs.chmodSync(mine(), 0o755);
    expect(privateCacheDir(root)).toBeUndefined();
  });

  test("given a symbolic link under the directory's name, when asked for it, then it is not followed and there is no cache", () => {
    const elsewhere = fs.mkdtempSync(path.join(root, "elsewhere-"));
    fs.chmodSync(elsewhere, 0o700);
    fs.symlinkSync(elsewhere, mine());
    expect(privateCacheDir(root)).toBeUndefined();
  });

  test("given a file under the directory's name, when asked for it, then there is no cache", () => {
    fs.writeFileSync(mine(), "");
    expect(privateCacheDir(root)).toBeUndefined();
  });

  test("given no cache directory, when two certificates are made, then each is new and nothing is written", async () => {
    const [first, second] = [await serverCert(undefined), await serverCert(undefined)];
    expect(first.keyPem).not.toBe(second.keyPem);
    expect(fs.readdirSync(root)).toEqual([]);
  });

  test("given a cache directory, when two certificates are asked for, then the second is the cached first, kept with mode 0600", async () => {
    const dir = privateCacheDir(root)!;
    const first = await serverCert(dir);
    expect(await serverCert(dir)).toEqual(first);
    expect(fs.statSync(path.join(dir, "auth0-sim-provider-cert-v1.json")).mode & 0o777).toBe(0o600);
  });
});
