import * as fs from "fs";
import * as path from "path";
import { ConfigError, errors } from "../errors";
import { JsonDocument, parseJsonDocument } from "./json-document";

/** Where the configuration is read from. */
export interface ConfigSources {
  /** The platform file. @default "platform.json", or $PLATFORM_FILE */
  readonly platformFile: string;
  /** Tenant files, one per customer. @default every *.json in "tenants/", or in $TENANTS_DIR */
  readonly tenantFiles: readonly string[];
  /**
   * The folder `tenantFiles` were listed from. It must exist and hold at least one tenant
   * file: an empty list read from a mistyped folder would otherwise mean "no tenants" and
   * remove every tenant stack from the output.
   * @default - the files were named one by one; there is no folder to check
   */
  readonly tenantsDir?: string;
  /**
   * Where Terraform keeps state. @default "state-backend.json" if it exists, or $STATE_BACKEND_FILE;
   * without either, local state files
   */
  readonly stateBackendFile?: string;
}

/**
 * Largest configuration file read. The largest realistic tenant file (a thousand members)
 * is about 60 KiB; the limit stops a huge file before it costs minutes and gigabytes.
 */
export const MAX_FILE_BYTES = 1024 * 1024;

export function defaultSources(env: NodeJS.ProcessEnv = process.env): ConfigSources {
  const tenantsDir = env.TENANTS_DIR || "tenants";
  const stateBackendFile = env.STATE_BACKEND_FILE || (fs.existsSync("state-backend.json") ? "state-backend.json" : undefined);
  return { platformFile: env.PLATFORM_FILE || "platform.json", tenantFiles: listTenantFiles(tenantsDir), tenantsDir, stateBackendFile };
}

/**
 * Every entry of a folder whose name ends in `.json`, sorted; none for a missing folder.
 * Entries that are not regular files (links, folders) are listed too, so that reading them
 * reports them instead of skipping them silently. Names starting with "." (editor lock and
 * backup files) are not tenant files: a tenant's name cannot start with ".".
 */
export function listTenantFiles(dir: string): string[] {
  if (!isDirectory(dir)) return [];
  const names = fs.readdirSync(dir).filter((name) => name.endsWith(".json") && !name.startsWith("."));
  // Stryker disable next-line MethodExpression: this machine's file systems list names in order already; others need not
  return names.sort().map((name) => path.join(dir, name));
}

/** A missing tenants folder, or one without a tenant file. */
export function tenantsDirErrors(dir: string, files: readonly string[]): ConfigError[] {
  if (!fs.existsSync(dir)) return [errors.tenantsDirMissing(dir)];
  if (!isDirectory(dir)) return [errors.tenantsDirNotAFolder(dir)];
  return files.length === 0 ? [errors.tenantsDirEmpty(dir)] : [];
}

/**
 * Reads one configuration file strictly: a regular file (not a link or a folder), at most
 * MAX_FILE_BYTES, valid UTF-8, strict JSON.
 */
export function readDocument(file: string): JsonDocument | ConfigError[] {
  const bytes = readRegularFile(file);
  if (bytes instanceof ConfigError) return [bytes];
  const text = decodeUtf8(file, bytes);
  return typeof text === "string" ? parseJsonDocument(file, text) : [text];
}

function readRegularFile(file: string): Buffer | ConfigError {
  let fd: number;
  try {
    // O_NOFOLLOW: a link is refused when it is opened, not checked first and swapped after.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return errors.symbolicLink(file, linkTarget(file));
    if (code === "ENOENT") return errors.fileMissing(file);
    return errors.fileUnreadable(file, code ?? String(error));
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) return errors.notAFile(file, "a folder");
    if (!stat.isFile()) return errors.notAFile(file, "not a regular file");
    if (stat.size > MAX_FILE_BYTES) return errors.fileTooLarge(file, stat.size, MAX_FILE_BYTES);
    // Sized from fstat plus one byte, to notice a file that grows while it is read, and grown
    // up to one byte past the limit (a full buffer of that size then reads no more): a
    // limit-sized buffer per file was most of validating a large fleet (1,000 zero-filled MiB).
    // How big the buffer starts and when it grows decide only how often it is copied, not what is read:
    // Stryker disable next-line MethodExpression,ArithmeticOperator: see above
    let buffer = Buffer.allocUnsafe(Math.min(stat.size + 1, MAX_FILE_BYTES + 1));
    let length = 0;
    for (let n; (n = fs.readSync(fd, buffer, length, buffer.length - length, null)) > 0; ) {
      length += n;
      // Stryker disable next-line ConditionalExpression: see above
      if (length < buffer.length) continue;
      // Stryker disable next-line MethodExpression: see above
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_FILE_BYTES + 1));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    return length > MAX_FILE_BYTES ? errors.fileTooLarge(file, length, MAX_FILE_BYTES) : buffer.subarray(0, length);
  } catch (error) {
    return errors.fileUnreadable(file, (error as NodeJS.ErrnoException).code ?? String(error));
  } finally {
    fs.closeSync(fd);
  }
}

/** The text, or an error at the first byte that is not UTF-8 (never a silent U+FFFD). A leading byte order mark is dropped. */
function decodeUtf8(file: string, bytes: Buffer): string | ConfigError {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Find where: decode byte by byte until the decoder refuses one, and report the start
    // of the sequence it belongs to (a lead byte is refused only when the next byte comes).
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let line = 1;
    let column = 1;
    let start = { index: 0, line, column };
    for (const [i, byte] of bytes.entries()) {
      let chunk: string;
      try {
        chunk = decoder.decode(Uint8Array.of(byte), { stream: true });
      } catch {
        return errors.invalidUtf8(file, bytes[start.index], start.line, start.column);
      }
      for (const char of chunk) {
        if (char === "\n") (line++, (column = 1));
        else column += char.length;
      }
      // A character came out: its sequence ended, the next one starts at the next byte.
      if (chunk !== "") start = { index: i + 1, line, column };
    }
    return errors.invalidUtf8(file, bytes[start.index], start.line, start.column);
  }
}

function isDirectory(dir: string): boolean {
  return fs.existsSync(dir) && fs.statSync(dir).isDirectory();
}

function linkTarget(file: string): string {
  try {
    return fs.readlinkSync(file);
  } catch {
    return "?";
  }
}
