import * as fs from "fs";
import * as path from "path";
import { buildApp } from "./app";
import { ValidationFailedError } from "./errors";
import { defaultSources } from "./load/config-files";
import { loadFleet } from "./validate/validate-fleet";

export interface SynthCommandProps {
  /** Environment: TENANTS_DIR, PLATFORM_FILE and CDKTF_OUTDIR are read from it. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Where messages go. @default process.stderr */
  readonly log?: (line: string) => void;
}

/**
 * Load, validate, then build and write: the three steps are separate, so a file with any
 * problem stops the run before a single construct exists and `cdktf.out` stays as it was.
 * Returns the process exit code.
 */
export function synthCommand(props: SynthCommandProps = {}): number {
  const env = props.env ?? process.env;
  const log = props.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let fleet;
  try {
    fleet = loadFleet(defaultSources(env));
  } catch (error) {
    if (!(error instanceof ValidationFailedError)) throw error;
    log(error.message);
    log("Nothing was written. Fix the problems above and run again.");
    return 1;
  }
  const outdir = env.CDKTF_OUTDIR || "cdktf.out";
  const app = buildApp(fleet, { outdir });
  app.synth();
  removeStaleStacks(outdir, new Set(app.node.children.map((stack) => stack.node.id)));
  return 0;
}

/** A deleted tenant's folder must not linger in the output, or `cdktf deploy` could still find it. */
function removeStaleStacks(outdir: string, current: ReadonlySet<string>): void {
  const stacksDir = path.join(outdir, "stacks");
  for (const entry of fs.readdirSync(stacksDir, { withFileTypes: true })) {
    if (entry.isDirectory() && !current.has(entry.name)) fs.rmSync(path.join(stacksDir, entry.name), { recursive: true });
  }
}
