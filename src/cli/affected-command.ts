import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { affectedStacks, decommissionedIn } from "../review/affected";
import { synthAtRef } from "../review/base-synth";
import { synthCommand } from "../synth/synth-command";
import { CliIo, progress } from "./io";

export const AFFECTED_HELP = `Usage: tenants affected --base <git ref> [--format text|json]

Lists the stacks whose synthesized Terraform JSON differs between <ref> and the working
tree (platform first), built with each side's own code and files: a change to the
platform file or to the code that alters every tenant stack lists them all.

  --format json   { "stacks": [...], "tenants": [...], "platform": bool, "removed": [...] }
                  for a CI matrix

A tenant file deleted while the tenant was still active is an error (exit 1): its stack
would keep its resources and its state. Decommission it first ("status": "decommissioned"),
deploy, then delete the file.`;

function backendFileIn(dir: string): string | undefined {
  const file = path.join(dir, "state-backend.json");
  return fs.existsSync(file) ? file : undefined;
}

export async function affectedCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { base: { type: "string" }, format: { type: "string", default: "text" }, help: { type: "boolean" } } });
  if (values.help) return io.out(AFFECTED_HELP), 0;
  if (!values.base) return io.err(`tenants affected: --base <git ref> is required\n\n${AFFECTED_HELP}`), 2;
  const log = progress(io);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-affected-"));
  try {
    const headOut = path.join(work, "head");
    log("Synthesizing the working tree…");
    const headEnv = {
      ...io.env,
      TENANTS_DIR: path.resolve(io.cwd, io.env.TENANTS_DIR || "tenants"),
      PLATFORM_FILE: path.resolve(io.cwd, io.env.PLATFORM_FILE || "platform.json"),
      STATE_BACKEND_FILE: io.env.STATE_BACKEND_FILE || backendFileIn(io.cwd),
      CDKTF_OUTDIR: headOut,
    };
    if ((await synthCommand({ env: headEnv, log: io.err })) !== 0) return 1;
    const baseOut = path.join(work, "base");
    const { baseDir } = synthAtRef(io.cwd, values.base, baseOut, log);
    const result = affectedStacks(baseOut, headOut, decommissionedIn(baseDir, "tenants"));

    for (const stack of result.deletedWithoutDecommission) {
      io.err(
        `tenants affected: the file of ${stack} was deleted, but the tenant was not decommissioned first: its stack would keep its resources and state. ` +
          `Restore the file, set "status": "decommissioned", deploy, then delete the file.`,
      );
    }
    if (values.format === "json") {
      const tenants = result.stacks.filter((s) => s.startsWith("tenant-"));
      io.out(JSON.stringify({ stacks: result.stacks, tenants, platform: result.stacks.includes("platform"), removed: result.removed }));
    } else {
      for (const stack of result.stacks) io.out(stack);
    }
    return result.deletedWithoutDecommission.length > 0 ? 1 : 0;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
