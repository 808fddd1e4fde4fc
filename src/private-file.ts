import * as fs from "fs";

/**
 * Files holding sensitive values (plan JSON has every attribute Terraform knows; plans and
 * local state hold secrets) are readable by their owner only: mode 0600, on a shared
 * machine or a runner as much as on a laptop.
 */

/** Writes `data` to `file` with mode 0600, also when the file existed with wider permissions. */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  const fd = fs.openSync(file, "w", 0o600);
  try {
    // `mode` applies only to a new file; an existing one is narrowed before anything is written.
    fs.fchmodSync(fd, 0o600);
    fs.writeFileSync(fd, data);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Runs `run` with umask 077, so every file it creates, and every file a child process it
 * starts synchronously creates (Terraform's plan files and local state), is private.
 */
export function withPrivateFiles<T>(run: () => T): T {
  const previous = process.umask(0o077);
  try {
    return run();
  } finally {
    process.umask(previous);
  }
}
