import { execFileSync, StdioOptions } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** The base could not be built or synthesized with its own code. */
export class BaseSynthError extends Error {}

/**
 * Synthesizes the project as it was at a commit, with that commit's own code and files, so
 * a change to the code shows up as well as a change to a tenant file. The commit's tree is
 * extracted into `work` (a private folder of this run: code built from a shared,
 * predictable path could be planted there by another user of the machine), with this
 * checkout's node_modules linked in, and built with its own tsconfig.
 */
export function synthAtCommit(projectDir: string, commit: string, work: string, outdir: string, log: (line: string) => void): { readonly baseDir: string } {
  const baseDir = path.join(work, "base-tree");
  const app = path.join(baseDir, "dist", "main.js");
  const short = commit.slice(0, 12);

  log(`Building ${short}…`);
  fs.mkdirSync(baseDir);
  // Run in the project's folder, `git archive <commit>` writes that folder's files only, at
  // their paths relative to it (a tree-ish `<commit>:<folder>` would be filtered by the
  // folder's path a second time, leaving nothing in a project that is not the repository root).
  const tar = execFileSync("git", ["archive", "--format=tar", commit], { cwd: projectDir, maxBuffer: 512 * 1024 * 1024 });
  execFileSync("tar", ["-x", "-C", baseDir], { input: tar });
  fs.symlinkSync(path.join(projectDir, "node_modules"), path.join(baseDir, "node_modules"), "dir");
  if (fs.existsSync(path.join(baseDir, "scripts", "generate-bindings.js"))) run(baseDir, process.execPath, ["scripts/generate-bindings.js"], `generate the bindings of ${short}`);
  try {
    run(baseDir, path.join(projectDir, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json"], `compile ${short}`);
  } catch (error) {
    // tsc still writes JavaScript when only types are wrong: the base is what was merged, not this change.
    if (!fs.existsSync(app)) throw error;
    log(`${short} has type errors; synthesizing it anyway.`);
  }
  log(`Synthesizing ${short}…`);
  run(baseDir, process.execPath, [app], `synthesize ${short} with its own code`, { CDKTF_OUTDIR: outdir });
  return { baseDir };
}

/** No input; output and messages captured for the error. */
// Stryker disable next-line ArrayDeclaration: without it messages are captured too (and also shown on the terminal, which is not observable in process); no base step reads input
const CAPTURE: StdioOptions = ["ignore", "pipe", "pipe"];

function run(cwd: string, command: string, args: string[], what: string, env: Record<string, string> = {}): void {
  // The base reads its own files, at their default places in its own tree.
  const { TENANTS_DIR: _tenants, PLATFORM_FILE: _platform, CDKTF_OUTDIR: _outdir, STATE_BACKEND_FILE: _backend, ...inherited } = process.env;
  try {
    execFileSync(command, args, { cwd, env: { ...inherited, CHECKPOINT_DISABLE: "1", ...env }, stdio: CAPTURE });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: Buffer; stdout?: Buffer };
    const first = `${stderr ?? ""}${stdout ?? ""}`.split("\n").find((line) => line.trim()) ?? "no output";
    throw new BaseSynthError(`could not ${what}: ${first.trim()}`);
  }
}
