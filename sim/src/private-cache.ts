// Where the simulator keeps its caches: the server certificate with its private key, and
// the encoded schema answer. The temp directory is shared by every user of the machine, so
// a file planted there (a certificate whose key another user knows, a different schema)
// must never be read: the caches live in a directory this user owns and only this user can
// enter. When that cannot be had, the simulator works without caching.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** This user's private cache directory under `root`, created if missing; undefined when unsafe. */
export function privateCacheDir(root = os.tmpdir()): string | undefined {
  const uid = process.getuid?.();
  // No owner to check (Windows): no cache.
  if (uid === undefined) return undefined;
  const dir = path.join(root, `auth0-sim-cache-${uid}`);
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") return undefined;
  }
  // lstat: a symbolic link planted under our name is not followed.
  const stat = fs.lstatSync(dir);
  return stat.isDirectory() && stat.uid === uid && (stat.mode & 0o077) === 0 ? dir : undefined;
}
