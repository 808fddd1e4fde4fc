import { ConfigError, formatJsonPath, ValidationFailedError } from "../errors";
import { ConfigSources, readDocument } from "../load/config-files";
import { JsonDocument, locateErrors } from "../load/json-document";
import { PlatformFile } from "../model/platform-file";
import { TenantFile } from "../model/tenant-file";
import type { Fleet } from "../model/types";
import { platformRuleErrors, toPlatform } from "./platform-rules";
import { parseWithSchema } from "./schema-issues";
import { findSecrets } from "./secrets";
import { duplicateTenantErrors, tenantRuleErrors, toTenant } from "./tenant-rules";

export interface FleetCheck {
  readonly fleet?: Fleet;
  /** Every problem in every file, each file's in line order. Empty when `fleet` is set. */
  readonly errors: readonly ConfigError[];
}

/**
 * Reads and checks the platform file and every tenant file, collecting all problems
 * instead of stopping at the first. Nothing is built and nothing is written here.
 */
export function checkFleet(sources: ConfigSources): FleetCheck {
  const platformResult = checkFile(sources.platformFile, (doc) => {
    const parsed = parseWithSchema(PlatformFile, doc.file, doc.value);
    if (!parsed.data) return { errors: parsed.errors };
    const ruleErrors = platformRuleErrors(doc.file, parsed.data);
    return ruleErrors.length ? { errors: ruleErrors } : { value: toPlatform(doc.file, parsed.data), errors: [] };
  });
  const platform = platformResult.value;

  const tenantResults = sources.tenantFiles.map((file) =>
    checkFile(file, (doc) => {
      const parsed = parseWithSchema(TenantFile, doc.file, doc.value);
      if (!parsed.data) return { errors: parsed.errors };
      // Without a valid platform file there is nothing to check references against.
      if (!platform) return { errors: [] };
      const ruleErrors = tenantRuleErrors(doc.file, parsed.data, platform);
      return ruleErrors.length ? { errors: ruleErrors } : { value: toTenant(doc.file, parsed.data), errors: [] };
    }),
  );

  const tenants = tenantResults.flatMap((r) => (r.value ? [r.value] : []));
  const allErrors = [...platformResult.errors, ...tenantResults.flatMap((r) => r.errors), ...duplicateTenantErrors(tenants)];
  const complete = platform !== undefined && tenants.length === sources.tenantFiles.length;
  return allErrors.length === 0 && complete ? { fleet: { platform, tenants }, errors: [] } : { errors: allErrors };
}

/** `checkFleet`, throwing `ValidationFailedError` with every problem. */
export function loadFleet(sources: ConfigSources): Fleet {
  const { fleet, errors } = checkFleet(sources);
  if (!fleet) throw new ValidationFailedError(errors);
  return fleet;
}

type Checked<T> = { readonly value?: T; readonly errors: readonly ConfigError[] };

function checkFile<T>(file: string, check: (doc: JsonDocument) => Checked<T>): Checked<T> {
  const doc = readDocument(file);
  if (!("locate" in doc)) return { errors: [doc] };
  const secrets = findSecrets(file, doc.value);
  const result = check(doc);
  // A secret is reported once, as a secret, not again as an unknown key at the same place.
  const secretPaths = new Set(secrets.map((e) => formatJsonPath(e.path)));
  const others = result.errors.filter((e) => !secretPaths.has(formatJsonPath(e.path)));
  const found = locateErrors(doc, [...secrets, ...others]).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return found.length ? { errors: found } : { value: result.value, errors: [] };
}
