import { ConfigError, formatJsonPath, JsonPath, ValidationFailedError } from "../errors";
import { ConfigSources, readDocument, tenantsDirErrors } from "../load/config-files";
import { JsonDocument, locateErrors } from "../load/json-document";
import { PlatformFile } from "../model/platform-file";
import { DEFAULT_STATE_BACKEND, StateBackendConfig, StateBackendFile } from "../model/state-backend-file";
import { TenantFile } from "../model/tenant-file";
import type { Fleet, Tenant } from "../model/types";
import { platformRuleErrors, toPlatform } from "./platform-rules";
import { parseWithSchema } from "./schema-issues";
import { fleetRuleErrors } from "./fleet-rules";
import { findSecrets } from "./secrets";
import { TenantRuleView } from "./tenant-rule-view";
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
  const platformFile = sources.platformFile;
  const platformResult = checkFile(platformFile, (value) => {
    const parsed = parseWithSchema(PlatformFile, platformFile, value);
    if (!parsed.data) return { errors: parsed.errors };
    const ruleErrors = platformRuleErrors(platformFile, parsed.data);
    return ruleErrors.length ? { errors: ruleErrors } : { value: toPlatform(platformFile, parsed.data), errors: [] };
  });
  const platform = platformResult.value;

  const tenantResults = sources.tenantFiles.map((file) =>
    checkFile(file, (value) => {
      const parsed = parseWithSchema(TenantFile, file, value);
      // Without a valid platform file there is nothing to check references against.
      const ruleErrors = platform ? tenantRuleErrors(file, TenantRuleView.parse(value), platform) : [];
      if (!parsed.data || ruleErrors.length) return { errors: [...parsed.errors, ...ruleErrors] };
      return platform ? { value: toTenant(file, parsed.data), errors: [] } : { errors: [] };
    }),
  );

  const backendFile = sources.stateBackendFile;
  const backendResult: Checked<StateBackendConfig> = backendFile
    ? checkFile(backendFile, (value) => {
        const parsed = parseWithSchema(StateBackendFile, backendFile, value);
        return parsed.data ? { value: parsed.data, errors: [] } : { errors: parsed.errors };
      })
    : { value: DEFAULT_STATE_BACKEND, errors: [] };

  const tenants = tenantResults.map((r) => r.value).filter((tenant): tenant is Tenant => tenant !== undefined);
  // Every readable file takes part in the fleet-wide rules, so one run shows every clash.
  const docs = tenantResults.map((r) => r.doc).filter((doc): doc is JsonDocument => doc !== undefined);
  const views = docs.map((doc) => ({ file: doc.file, data: TenantRuleView.parse(doc.value) }));
  // These rules read only files that were read, so each error's file is among the documents.
  const locate = (e: ConfigError) => locateErrors(docs.find((doc) => doc.file === e.file)!, [e])[0];
  const duplicates = [...duplicateTenantErrors(tenants), ...fleetRuleErrors(views)].map(locate);
  const folderErrors = sources.tenantsDir === undefined ? [] : tenantsDirErrors(sources.tenantsDir, sources.tenantFiles);
  const allErrors = [...platformResult.errors, ...folderErrors, ...tenantResults.flatMap((r) => r.errors), ...duplicates, ...backendResult.errors];
  if (allErrors.length > 0) return { errors: allErrors };
  // A file read without errors has its value, so here the platform and the state backend are
  // there (and every tenant, the tenant files needing only the platform): the test is for the type checker.
  const stateBackend = backendResult.value;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,ObjectLiteral: unreachable without an error, which returned above
  if (!platform || !stateBackend) return { errors: allErrors };
  return { fleet: { platform, tenants, stateBackend }, errors: [] };
}

/** `checkFleet`, throwing `ValidationFailedError` with every problem. */
export function loadFleet(sources: ConfigSources): Fleet {
  const { fleet, errors } = checkFleet(sources);
  if (!fleet) throw new ValidationFailedError(errors);
  return fleet;
}

type Checked<T> = { readonly value?: T; readonly errors: readonly ConfigError[]; readonly doc?: JsonDocument };

function checkFile<T>(file: string, check: (value: unknown) => Checked<T>): Checked<T> {
  const doc = readDocument(file);
  if (Array.isArray(doc)) return { errors: doc };
  const secrets = findSecrets(file, doc.value);
  // The rest of the file is still checked without the secrets, so every other problem shows
  // up in the same run; a secret is reported once, not again as an unknown key.
  const secretPaths = new Set(secrets.map((e) => formatJsonPath(e.path)));
  const result = check(withoutPaths(doc.value, secretPaths));
  // A key given twice or a hidden character is reported as that, not again as what the schema makes of it.
  const textPaths = new Set(doc.problems.map((e) => formatJsonPath(e.path)));
  const others = result.errors.filter((e) => !secretPaths.has(formatJsonPath(e.path)) && !textPaths.has(formatJsonPath(e.path)));
  const found = locateErrors(doc, [...doc.problems, ...secrets, ...others]).sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return found.length ? { errors: found, doc } : { value: result.value, errors: [], doc };
}

/** A copy of `value` without the entries at the given paths (as `formatJsonPath` writes them). */
function withoutPaths(value: unknown, paths: ReadonlySet<string>, at: JsonPath = []): unknown {
  // Stryker disable next-line ConditionalExpression: with no path to remove the walk would copy the value unchanged; returning it saves the walk
  if (paths.size === 0) return value;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item, i) => withoutPaths(item, paths, [...at, i]));
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !paths.has(formatJsonPath([...at, key])))
      .map(([key, child]) => [key, withoutPaths(child, paths, [...at, key])]),
  );
}
