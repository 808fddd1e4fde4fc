import * as fs from "fs";
import * as path from "path";

/**
 * The artifact the unprivileged pull-request job uploads for the privileged plan job. The
 * pull request's workflow file may have been rewritten by its author, so every byte of it
 * is attacker input: the plan job accepts only this layout, as data, and never runs it.
 *
 *   pr.json               { "number": <pull request>, "headSha": "<40 hex>" }
 *   platform.json         the platform file
 *   state-backend.json    optional; compared with the default branch's, never used
 *   affected.json         optional; the branch's own `tenants affected --format json`, a hint only
 *   tenants/<name>.json   the tenant files
 */
export interface PlanInput {
  readonly pr: PullRequestRef;
  /** Absent when the pull request's checks failed before the files were collected. */
  readonly files?: PlanInputFiles;
}

export interface PullRequestRef {
  readonly number: number;
  readonly headSha: string;
}

export interface PlanInputFiles {
  readonly platformFile: string;
  /** Tenant file names, sorted (`acme.json`). */
  readonly tenantFiles: readonly string[];
  readonly stateBackendFile?: string;
  /** Stacks the branch's own code said it affects; checked by name, then only compared. */
  readonly claimedAffected?: readonly string[];
}

export const PLAN_INPUT_LIMITS = {
  /** Bytes per file; a tenant file near this size is already far past Auth0's limits. */
  fileBytes: 1024 * 1024,
  /** Bytes in all. */
  totalBytes: 64 * 1024 * 1024,
  tenantFiles: 10_000,
};

export const TENANT_FILE_NAME = /^[a-z0-9_-]+\.json$/;
export const STACK_NAME = /^(platform|tenant-[a-z0-9_-]+)$/;
const SHA = /^[0-9a-f]{40}$/;
const TOP_LEVEL = new Set(["pr.json", "platform.json", "state-backend.json", "affected.json", "tenants"]);

/** One line, naming the entry and what is wrong; the whole artifact is refused. */
export class PlanInputError extends Error {
  constructor(entry: string, problem: string) {
    super(`plan input ${JSON.stringify(entry)}: ${problem}. The artifact is refused and nothing is planned.`);
    this.name = "PlanInputError";
  }
}

/**
 * Checks the downloaded artifact folder and returns what it holds. Every entry is looked at
 * with lstat: a symbolic link, a device or an unexpected name anywhere is refused, so no
 * later copy can follow a link out of the folder.
 */
export function readPlanInput(dir: string): PlanInput {
  let total = 0;
  const regularFile = (rel: string): string => {
    const stat = fs.lstatSync(path.join(dir, rel));
    if (!stat.isFile()) throw new PlanInputError(rel, stat.isSymbolicLink() ? "is a symbolic link" : "is not a regular file");
    if (stat.size > PLAN_INPUT_LIMITS.fileBytes) throw new PlanInputError(rel, `is ${stat.size} bytes, over the limit of ${PLAN_INPUT_LIMITS.fileBytes}`);
    total += stat.size;
    if (total > PLAN_INPUT_LIMITS.totalBytes) throw new PlanInputError(rel, `brings the artifact over ${PLAN_INPUT_LIMITS.totalBytes} bytes`);
    return rel;
  };
  const entries = fs.readdirSync(dir).sort();
  for (const name of entries) if (!TOP_LEVEL.has(name)) throw new PlanInputError(name, "is not one of pr.json, platform.json, state-backend.json, affected.json, tenants/");
  if (!entries.includes("pr.json")) throw new PlanInputError("pr.json", "is missing");
  const pr = readPullRequestRef(path.join(dir, regularFile("pr.json")));
  if (!entries.includes("platform.json")) return { pr };

  const tenantsStat = fs.lstatSync(path.join(dir, "tenants"), { throwIfNoEntry: false });
  if (!tenantsStat?.isDirectory()) throw new PlanInputError("tenants", tenantsStat ? "is not a folder" : "is missing");
  const tenantFiles = fs.readdirSync(path.join(dir, "tenants")).sort();
  if (tenantFiles.length > PLAN_INPUT_LIMITS.tenantFiles) throw new PlanInputError("tenants", `holds ${tenantFiles.length} entries, over the limit of ${PLAN_INPUT_LIMITS.tenantFiles}`);
  for (const name of tenantFiles) {
    if (!TENANT_FILE_NAME.test(name)) throw new PlanInputError(`tenants/${name}`, `is not a tenant file name (${TENANT_FILE_NAME.source})`);
    regularFile(`tenants/${name}`);
  }
  return {
    pr,
    files: {
      platformFile: regularFile("platform.json"),
      tenantFiles,
      stateBackendFile: entries.includes("state-backend.json") ? regularFile("state-backend.json") : undefined,
      claimedAffected: entries.includes("affected.json") ? readClaimedAffected(path.join(dir, regularFile("affected.json"))) : undefined,
    },
  };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new PlanInputError(path.basename(file), `is not JSON (${(error as Error).message})`);
  }
}

function readPullRequestRef(file: string): PullRequestRef {
  const value = readJson(file) as Record<string, unknown>;
  const keys = value && typeof value === "object" ? Object.keys(value).sort().join(",") : "";
  if (keys !== "headSha,number" || !Number.isSafeInteger(value.number) || (value.number as number) < 1 || typeof value.headSha !== "string" || !SHA.test(value.headSha)) {
    throw new PlanInputError("pr.json", 'must be exactly {"number": <positive integer>, "headSha": "<40 lowercase hex>"}');
  }
  return { number: value.number as number, headSha: value.headSha };
}

function readClaimedAffected(file: string): string[] {
  const stacks = (readJson(file) as { stacks?: unknown })?.stacks;
  if (!Array.isArray(stacks) || !stacks.every((s) => typeof s === "string" && STACK_NAME.test(s))) {
    throw new PlanInputError("affected.json", `must have "stacks": a list of stack names matching ${STACK_NAME.source}`);
  }
  return stacks;
}

/**
 * Puts the pull request's files in place of the default branch's in `projectDir`: the
 * platform file and the tenants folder are replaced whole, so a deleted tenant file is
 * deleted here too. `state-backend.json` is never taken: state stays where the default
 * branch keeps it.
 */
export function installPlanInput(dir: string, files: PlanInputFiles, projectDir: string): void {
  const tenantsDir = path.join(projectDir, "tenants");
  fs.rmSync(tenantsDir, { recursive: true, force: true });
  fs.mkdirSync(tenantsDir);
  for (const name of files.tenantFiles) fs.copyFileSync(path.join(dir, "tenants", name), path.join(tenantsDir, name));
  fs.copyFileSync(path.join(dir, files.platformFile), path.join(projectDir, "platform.json"));
}

/** Whether the pull request changes where state is kept; the plan uses the default branch's backend either way. */
export function changesStateBackend(dir: string, files: PlanInputFiles, projectDir: string): boolean {
  const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined);
  const theirs = files.stateBackendFile ? read(path.join(dir, files.stateBackendFile)) : undefined;
  return theirs !== read(path.join(projectDir, "state-backend.json"));
}
