import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * Synthesizes the project as it was at a git ref, with that ref's own code and files, so
 * a change to the code shows up as well as a change to a tenant file. The ref's tree is
 * extracted once per commit into a cache folder, with this checkout's node_modules linked
 * in, and built with its own tsconfig.
 */
export function synthAtRef(projectDir: string, ref: string, outdir: string, log: (line: string) => void): { readonly baseDir: string } {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: projectDir, encoding: "utf8" }).trim();
  const commit = git("rev-parse", "--verify", `${ref}^{commit}`);
  const prefix = git("rev-parse", "--show-prefix");
  const baseDir = path.join(os.tmpdir(), `auth0-tenants-base-${commit}`);
  const app = path.join(baseDir, "dist", "main.js");

  if (!fs.existsSync(app)) {
    log(`Building ${ref} (${commit.slice(0, 12)})…`);
    fs.rmSync(baseDir, { recursive: true, force: true });
    fs.mkdirSync(baseDir, { recursive: true });
    const tar = execFileSync("git", ["archive", "--format=tar", `${commit}:${prefix}`], { cwd: projectDir, maxBuffer: 512 * 1024 * 1024 });
    execFileSync("tar", ["-x", "-C", baseDir], { input: tar });
    fs.symlinkSync(path.join(projectDir, "node_modules"), path.join(baseDir, "node_modules"), "dir");
    if (fs.existsSync(path.join(baseDir, "scripts", "generate-bindings.js"))) run(baseDir, process.execPath, ["scripts/generate-bindings.js"]);
    try {
      run(baseDir, path.join(projectDir, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json"]);
    } catch (error) {
      // tsc still writes JavaScript when only types are wrong: the base is what was merged, not this change.
      if (!fs.existsSync(app)) throw error;
      log(`${ref} has type errors; synthesizing it anyway.`);
    }
  }
  log(`Synthesizing ${ref}…`);
  run(baseDir, process.execPath, [app], { CDKTF_OUTDIR: outdir });
  return { baseDir };
}

function run(cwd: string, command: string, args: string[], env: Record<string, string> = {}): void {
  // The base reads its own files, at their default places in its own tree.
  const { TENANTS_DIR: _tenants, PLATFORM_FILE: _platform, CDKTF_OUTDIR: _outdir, ...inherited } = process.env;
  try {
    execFileSync(command, args, { cwd, env: { ...inherited, CHECKPOINT_DISABLE: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: Buffer; stdout?: Buffer };
    throw new Error(`${path.basename(command)} ${args.join(" ")} failed in ${cwd}:\n${stderr ?? ""}${stdout ?? ""}`);
  }
}
