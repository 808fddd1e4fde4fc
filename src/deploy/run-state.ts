import * as fs from "fs";
import * as path from "path";

/** What happened to one stack in a run. */
export type StackStatus =
  | "applied" // deploy: changes applied
  | "unchanged" // deploy: the plan had no changes
  | "clean" // drift: no difference between Auth0 and the configuration
  | "drifted" // drift: Auth0 differs from the configuration
  | "failed"
  | "skipped" // not run because the platform failed
  | "interrupted"; // the run itself was stopped by a signal

/** A stack that finished this way needs nothing more from a resumed run. */
export const DONE: ReadonlySet<StackStatus> = new Set<StackStatus>(["applied", "unchanged", "clean", "drifted"]);

export interface StackResult {
  readonly stack: string;
  readonly status: StackStatus;
  /** Terraform commands run for it, retries included. */
  readonly commands: number;
  /** Rate-limited attempts that were retried. */
  readonly retries: number;
  /** Management API requests its plans account for. */
  readonly requests: number;
  readonly seconds: number;
  /** One line: which plan was applied, why it failed, what to do. */
  readonly note: string;
  /** An apply began and did not finish: Auth0 may hold objects state does not know. */
  readonly applyUnfinished?: boolean;
}

interface RunStateJson {
  readonly version: 1;
  /** Same key = same command on the same stacks with the same configuration: safe to resume. */
  readonly key: string;
  readonly results: Record<string, StackResult>;
}

/**
 * The state of a run, kept in a file after every stack, so that a run that failed or was
 * killed can be resumed: the next run with the same key does only the stacks not done.
 * The file is removed when a run ends with every stack done.
 */
export class RunStateFile {
  private results: Record<string, StackResult> = {};

  constructor(
    readonly file: string,
    readonly key: string,
  ) {
    if (!fs.existsSync(file)) return;
    try {
      const saved = JSON.parse(fs.readFileSync(file, "utf8")) as RunStateJson;
      if (saved.version === 1 && saved.key === key) {
        this.results = saved.results;
        this.earlier = new Map(Object.entries(saved.results));
      }
    } catch {
      // an unreadable file is a run we cannot resume: start over
    }
  }

  /** Every result of the earlier run with the same key, as it was when this run started. */
  readonly earlier: ReadonlyMap<string, StackResult> = new Map();

  /** Results of an earlier run with the same key that need nothing more. */
  doneEarlier(): StackResult[] {
    return Object.values(this.results).filter((r) => DONE.has(r.status));
  }

  record(result: StackResult): void {
    this.results[result.stack] = result;
    fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify({ version: 1, key: this.key, results: this.results } satisfies RunStateJson, null, 2)}\n`);
    fs.renameSync(tmp, this.file);
  }

  /** A run with nothing left to do leaves no file behind. */
  finish(): void {
    if (Object.values(this.results).every((r) => DONE.has(r.status))) fs.rmSync(this.file, { force: true });
  }
}
