import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { ValidationFailedError } from "../errors";
import { defaultSources } from "../load/config-files";
import { AffectedStacks, affectedStacks, decommissionedIn } from "../review/affected";
import { BaseSynthError, synthAtCommit } from "../review/base-synth";
import { changeScope } from "../review/change-scope";
import { changedFiles, fileAt, resolveCommit, UnknownRefError } from "../review/git-changes";
import { compareWithThisCode } from "../review/same-code-comparison";
import { synthCommand } from "../synth/synth-command";
import { CliIo, EXIT_USAGE, outputFormat, progress, usageError } from "./io";

export const AFFECTED_HELP = `Usage: tenants affected --base <git ref> [--format text|json] [--full]

Lists the stacks whose synthesized Terraform JSON differs between <ref> and the working
tree (platform first).

When only tenant files changed, only those tenants are built, on each side, with this
checkout's code. When the platform or backend file changed too, every stack is built on
each side with this checkout's code. When code changed, each side is built with its own
code and files: a change to the code that alters every tenant stack lists them all.

  --format text   one affected stack a line, then the removed ones; says so when none
  --format json   { "stacks": [...], "tenants": [...], "platform": bool, "removed": [...] }
                  for a CI matrix
  --full          always compare the whole fleet, each side built with its own code

A tenant file deleted while the tenant was still active is an error (exit 1): its stack
would keep its resources and its state. Decommission it first ("status": "decommissioned"),
deploy, then delete the file. Exit 2: an unknown ref or option.`;

export async function affectedCommand(args: string[], io: CliIo): Promise<number> {
  // -h/--help is answered by main, for every command.
  const { values } = parseArgs({ args, options: { base: { type: "string" }, format: { type: "string", default: "text" }, full: { type: "boolean" } } });
  if (!values.base) return usageError(io, "affected", "--base <git ref> is required.");
  const format = outputFormat(io, "affected", values.format);
  if (!format) return EXIT_USAGE;
  let commit: string;
  try {
    commit = resolveCommit(io.cwd, values.base);
  } catch (error) {
    if (!(error instanceof UnknownRefError)) throw error;
    return usageError(io, "affected", `--base: ${error.message}. Fetch it first (git fetch origin main) or name a branch, tag or commit.`);
  }

  // Private to this run (mkdtemp makes it 0700): the base's code is built and run from here.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-affected-"));
  try {
    const result = await compare(io, commit, work, values.full === true);
    if (result === undefined) return 1;
    for (const stack of result.deletedWithoutDecommission) {
      io.err(
        `tenants affected: the file of ${stack} was deleted, but the tenant was not decommissioned first: its stack would keep its resources and state. ` +
          `Restore the file, set "status": "decommissioned", deploy, then delete the file.`,
      );
    }
    if (format === "json") {
      const tenants = result.stacks.filter((s) => s.startsWith("tenant-"));
      io.out(JSON.stringify({ stacks: result.stacks, tenants, platform: result.stacks.includes("platform"), removed: result.removed }));
    } else {
      printText(io, result, values.base);
    }
    return result.deletedWithoutDecommission.length > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof BaseSynthError)) throw error;
    io.err(`tenants affected: ${error.message}`);
    return 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * With this checkout's code on both sides when only files changed (and only the changed
 * tenants when only tenant files changed), else each side with its own code. Undefined
 * when the working tree is invalid (its problems are printed).
 */
async function compare(io: CliIo, commit: string, work: string, full: boolean): Promise<AffectedStacks | undefined> {
  const log = progress(io);
  const change = full || !defaultLayout(io, commit) ? { kind: "code" as const } : changeScope(changedFiles(io.cwd, commit));
  if (change.kind !== "code") {
    const onlyTenants = change.kind === "tenants" ? change.tenants : undefined;
    log(onlyTenants ? `Only tenant files changed: building ${onlyTenants.length} tenant(s) on each side.` : "No code changed: building both sides with this checkout's code.");
    const headSources = defaultSources(headEnvironment(io));
    const result = await compareWithThisCode({ projectDir: io.cwd, commit, headSources, onlyTenants, work, env: io.env });
    if (result.kind === "compared") return result.affected;
    if (result.kind === "head-invalid") {
      io.err(new ValidationFailedError(result.errors).message);
      return undefined;
    }
    log("The base's files do not validate with this code; building the base with its own code.");
  }
  return compareInFull(io, commit, work);
}

async function compareInFull(io: CliIo, commit: string, work: string): Promise<AffectedStacks | undefined> {
  const headOut = path.join(work, "head");
  progress(io)("Synthesizing the working tree…");
  if ((await synthCommand({ env: { ...headEnvironment(io), CDKTF_OUTDIR: headOut }, log: io.err })) !== 0) return undefined;
  const baseOut = path.join(work, "base");
  const { baseDir } = synthAtCommit(io.cwd, commit, work, baseOut, progress(io));
  return affectedStacks(baseOut, headOut, decommissionedIn(baseDir, "tenants"));
}

/**
 * The proportional comparison assumes the files at their default places, as the base reads
 * them; a backend file git ignores would differ from the base's without showing as a change.
 */
function defaultLayout(io: CliIo, commit: string): boolean {
  if (io.env.TENANTS_DIR || io.env.PLATFORM_FILE || io.env.STATE_BACKEND_FILE) return false;
  const backend = backendFileIn(io.cwd);
  return !backend || fileAt(io.cwd, commit, "state-backend.json")?.equals(fs.readFileSync(backend)) === true;
}

function printText(io: CliIo, result: AffectedStacks, base: string): void {
  if (result.stacks.length === 0 && result.removed.length === 0 && result.deletedWithoutDecommission.length === 0) {
    io.out(`No stack is affected: the synthesized Terraform JSON is the same as at ${base}.`);
    return;
  }
  for (const stack of result.stacks) io.out(stack);
  for (const stack of result.removed) io.out(`${stack} (removed: decommissioned, then its file deleted; nothing to deploy)`);
}


function backendFileIn(dir: string): string | undefined {
  const file = path.join(dir, "state-backend.json");
  return fs.existsSync(file) ? file : undefined;
}

/** The working tree's files, found from the project folder whatever the process's own working directory. */
function headEnvironment(io: CliIo): NodeJS.ProcessEnv {
  return {
    ...io.env,
    TENANTS_DIR: path.resolve(io.cwd, io.env.TENANTS_DIR || "tenants"),
    PLATFORM_FILE: path.resolve(io.cwd, io.env.PLATFORM_FILE || "platform.json"),
    STATE_BACKEND_FILE: io.env.STATE_BACKEND_FILE || backendFileIn(io.cwd),
  };
}
