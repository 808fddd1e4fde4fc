import * as fs from "fs";
import * as path from "path";
import { OutputNotWritableError } from "../errors";

/** What Terraform keeps in a stack folder between runs; carried over so a synth does not force `terraform init` again. */
const TERRAFORM_WORKING_DATA = [".terraform", ".terraform.lock.hcl"];

/** Errors that mean "you may not write here", reported as one line instead of a stack trace. */
const NOT_WRITABLE = new Set(["EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT"]);

/**
 * Replaces `outdir` all or nothing. `write` fills a fresh sibling folder (same file system,
 * so it can be renamed); only when it has written every stack is that folder put in place
 * of `outdir`, with the Terraform working data of stacks that still exist carried over.
 * Any failure leaves `outdir` exactly as it was, never half old and half new, and a stack
 * removed from the configuration is gone from the output because the old folder is.
 * Resolves to the stack names `write` returned.
 */
export async function replaceOutputFolder(outdir: string, write: (dir: string) => Promise<string[]> | string[]): Promise<string[]> {
  const target = path.resolve(outdir);
  let staging: string;
  try {
    staging = fs.mkdtempSync(`${target}.new-`);
  } catch (error) {
    throw asOutputError(error, outdir);
  }
  const undo: Array<() => void> = [];
  try {
    const stackNames = await write(staging);
    for (const stack of stackNames) carryOver(path.join(target, "stacks", stack), path.join(staging, "stacks", stack), undo);
    swap(target, staging, undo);
    return stackNames;
  } catch (error) {
    for (const step of undo.reverse()) step();
    throw asOutputError(error, outdir);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Moves Terraform's working data from the old stack folder into the new one. */
function carryOver(from: string, to: string, undo: Array<() => void>): void {
  for (const name of TERRAFORM_WORKING_DATA) {
    const source = path.join(from, name);
    const destination = path.join(to, name);
    if (!fs.existsSync(source)) continue;
    fs.renameSync(source, destination);
    undo.push(() => fs.renameSync(destination, source));
  }
}

/** Old folder aside, new folder in, old folder removed: two renames, each undone on failure. */
function swap(target: string, staging: string, undo: Array<() => void>): void {
  const previous = fs.existsSync(target) ? `${staging}.old` : undefined;
  if (previous) {
    fs.renameSync(target, previous);
    undo.push(() => fs.renameSync(previous, target));
  }
  fs.renameSync(staging, target);
  undo.length = 0;
  // Stryker disable next-line ConditionalExpression: without it rmSync(undefined) throws, which the catch below ignores as well.
  if (!previous) return;
  try {
    fs.rmSync(previous, { recursive: true });
  } catch {
    // The new output is in place; an old folder that cannot be removed only costs disk space.
  }
}

function asOutputError(error: unknown, outdir: string): unknown {
  const { code, path: where } = error as NodeJS.ErrnoException;
  return code && NOT_WRITABLE.has(code) ? new OutputNotWritableError(where ?? outdir, code, outdir) : error;
}
