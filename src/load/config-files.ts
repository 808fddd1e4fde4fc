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
   * Where Terraform keeps state. @default "state-backend.json" if it exists, or $STATE_BACKEND_FILE;
   * without either, local state files
   */
  readonly stateBackendFile?: string;
}

export function defaultSources(env: NodeJS.ProcessEnv = process.env): ConfigSources {
  const tenantsDir = env.TENANTS_DIR || "tenants";
  const stateBackendFile = env.STATE_BACKEND_FILE || (fs.existsSync("state-backend.json") ? "state-backend.json" : undefined);
  return { platformFile: env.PLATFORM_FILE || "platform.json", tenantFiles: listTenantFiles(tenantsDir), stateBackendFile };
}

/** The `*.json` files of a folder, sorted; a missing folder has none. */
export function listTenantFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".json"))
    .map((entry) => path.join(dir, entry.name))
    .sort();
}

export function readDocument(file: string): JsonDocument | ConfigError {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    return errors.fileUnreadable(file, (error as NodeJS.ErrnoException).code ?? String(error));
  }
  return parseJsonDocument(file, text);
}
