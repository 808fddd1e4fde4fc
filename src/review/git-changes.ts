import { execFileSync, StdioOptions } from "child_process";

/** A git ref that does not name a commit: a usage error, not a crash. */
export class UnknownRefError extends Error {
  constructor(readonly ref: string) {
    super(`"${ref}" is not a commit in this repository`);
  }
}

/** No input; output read; git's own messages captured with the error (callers report failures in their words), or dropped. */
// Stryker disable next-line ArrayDeclaration,StringLiteral: git reads no input, and where its messages go is not observable in process
const [CAPTURE_MESSAGES, DROP_MESSAGES]: StdioOptions[] = [["ignore", "pipe", "pipe"], ["ignore", "pipe", "ignore"]];

const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", stdio: CAPTURE_MESSAGES });

/** The commit a ref names; throws {@link UnknownRefError} when it names none. */
export function resolveCommit(projectDir: string, ref: string): string {
  try {
    return git(projectDir, "rev-parse", "--verify", "--end-of-options", `${ref}^{commit}`).trim();
  } catch {
    throw new UnknownRefError(ref);
  }
}

/**
 * Every project file that differs between `commit` and the working tree, relative to the
 * project: tracked files changed, added or deleted (renames as both paths) and untracked
 * files git does not ignore. Ignored files (node_modules, dist, cdktf.out) are derived.
 */
export function changedFiles(projectDir: string, commit: string): string[] {
  const lines = (out: string) => out.split("\0").filter(Boolean);
  const tracked = lines(git(projectDir, "diff", "--name-only", "--no-renames", "--relative", "-z", commit, "--"));
  const untracked = lines(git(projectDir, "ls-files", "--others", "--exclude-standard", "-z"));
  return [...new Set([...tracked, ...untracked])].sort();
}

/** A file's content at `commit`, or undefined when it did not exist there. */
export function fileAt(projectDir: string, commit: string, relativePath: string): Buffer | undefined {
  try {
    return execFileSync("git", ["show", `${commit}:./${relativePath}`], { cwd: projectDir, stdio: DROP_MESSAGES, maxBuffer: 64 * 1024 * 1024 });
  }
  // Stryker disable next-line BlockStatement: an emptied catch block returns undefined all the same; the return says it
  catch {
    return undefined;
  }
}

/** The `*.json` files directly in a folder at `commit`, as project-relative paths, sorted. */
export function tenantFilesAt(projectDir: string, commit: string, dir: string): string[] {
  let out: string;
  try {
    // --full-tree: from a subfolder, ls-tree would otherwise list only the entries under that
    // subfolder's path inside the tree it is given, so none of `dir`'s.
    out = git(projectDir, "ls-tree", "-z", "--full-tree", "--name-only", `${commit}:./${dir}`);
  } catch {
    return []; // no such folder at that commit
  }
  return out
    .split("\0")
    .filter((name) => name.endsWith(".json"))
    .map((name) => `${dir}/${name}`);
}
