import * as os from "os";
import { OutputNotWritableError, ValidationFailedError } from "../errors";
import { defaultSources } from "../load/config-files";
import type { Fleet } from "../model/types";
import { loadFleet } from "../validate/validate-fleet";
import { replaceOutputFolder } from "./output-folder";
import { canStartWorkers, synthInWorkers } from "./parallel-synth";
import { synthStacks } from "./synth-stacks";

export interface SynthCommandProps {
  /**
   * Environment: TENANTS_DIR, PLATFORM_FILE, CDKTF_OUTDIR and SYNTH_WORKERS are read from it.
   * @default process.env
   */
  readonly env?: NodeJS.ProcessEnv;
  /** Where messages go. @default process.stderr */
  readonly log?: (line: string) => void;
}

/** Below this many tenants, starting worker threads costs more than it saves. */
const PARALLEL_FROM_TENANTS = 200;
const MAX_WORKERS = 4;

/** Resolves to the process exit code of {@link synthesize}. */
export async function synthCommand(props: SynthCommandProps = {}): Promise<number> {
  return (await synthesize(props)) ? 0 : 1;
}

/**
 * Load, validate, then build and write: the three steps are separate, so a file with any
 * problem stops the run before a single construct exists and `cdktf.out` stays as it was;
 * the output replaces `cdktf.out` only once every stack is written.
 * Resolves to the validated fleet, or undefined when a file had problems (they are logged).
 */
export async function synthesize(props: SynthCommandProps = {}): Promise<Fleet | undefined> {
  const env = props.env ?? process.env;
  const log = props.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let fleet;
  try {
    fleet = loadFleet(defaultSources(env));
  } catch (error) {
    if (!(error instanceof ValidationFailedError)) throw error;
    log(error.message);
    log("Nothing was written. Fix the problems above and run again.");
    return undefined;
  }
  const outdir = env.CDKTF_OUTDIR || "cdktf.out";
  try {
    await replaceOutputFolder(outdir, (dir) => writeStacks(fleet, dir, env));
  } catch (error) {
    if (!(error instanceof OutputNotWritableError)) throw error;
    log(error.message);
    return undefined;
  }
  return fleet;
}

/** Builds and writes the stacks of a validated fleet, in worker threads when it is large; returns their names. */
export async function writeStacks(fleet: Fleet, outdir: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const workers = workerCount(fleet, env);
  return workers > 1 ? synthInWorkers(fleet, outdir, workers) : synthStacks(fleet, outdir, env);
}

/** SYNTH_WORKERS=n forces n threads; by default a large fleet uses every core (up to 4). */
function workerCount(fleet: Fleet, env: NodeJS.ProcessEnv): number {
  // Run from TypeScript sources (ts-node, jest) there is no compiled worker to start.
  if (!canStartWorkers()) return 1;
  const forced = Number(env.SYNTH_WORKERS);
  if (Number.isInteger(forced) && forced > 0) return forced;
  return fleet.tenants.length >= PARALLEL_FROM_TENANTS ? Math.min(os.availableParallelism(), MAX_WORKERS) : 1;
}
