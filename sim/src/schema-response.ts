// GetProviderSchema's answer, encoded once and kept in this user's cache directory.
//
// Terraform starts the provider several times per command (plan: 3, apply: 2, show: 1) and
// asks every process for the schema. Parsing the 330 KB schema file, turning it into proto
// messages and encoding them (113 KB) cost about 0.15 CPU-seconds per process, a quarter
// of a provider start; the encoded bytes depend only on the schema file, the proto files
// and the constant fields below, so they are cached under a hash of exactly those.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { protoSchemas, schemaFile } from "./schema";

/** Fields of the answer that are not the schema itself. */
const CONSTANT = { diagnostics: [], server_capabilities: { plan_destroy: false, get_provider_schema_optional: false } };
const FORMAT = "auth0-sim-schema-response-v1";

/**
 * The encoded GetProviderSchema response, from the cache when its inputs did not change.
 * `cacheDir` undefined: no cache.
 */
export function schemaResponse(encode: (message: object) => Buffer, protoFiles: readonly string[], cacheDir: string | undefined): Buffer {
  if (cacheDir === undefined) return encode({ ...protoSchemas(), ...CONSTANT });
  const hash = createHash("sha256").update(FORMAT).update(JSON.stringify(CONSTANT));
  for (const file of [schemaFile(), ...protoFiles]) hash.update("\0").update(fs.readFileSync(file));
  const cacheFile = path.join(cacheDir, `auth0-sim-schema-${hash.digest("hex").slice(0, 32)}.bin`);
  try {
    return fs.readFileSync(cacheFile);
  } catch {
    // not cached yet (or unreadable): encode it
  }
  const encoded = encode({ ...protoSchemas(), ...CONSTANT });
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, encoded, { mode: 0o600 });
    fs.renameSync(tmp, cacheFile);
  } catch {
    // caching is an optimisation only
  }
  return encoded;
}
