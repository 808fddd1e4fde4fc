import { ConfigError, errors, JsonPath } from "../errors";

/**
 * Finds values that look like secrets anywhere in a file, including inside metadata where
 * the schema accepts any key. Runs before the schema so that a `clientSecret` is reported
 * as a secret, not merely as an unknown key.
 */

// The end of a key, with case and separators removed: clientSecret, client_secret, CLIENT-SECRET
// (but not passwordPolicy, which only describes passwords).
const SECRET_KEY_ENDINGS: ReadonlyArray<[string, string]> = [
  ["secret", "a secret"],
  ["password", "a password"],
  ["passwd", "a password"],
  ["passphrase", "a passphrase"],
  ["apikey", "an API key"],
  ["privatekey", "a private key"],
  ["accesstoken", "a token"],
  ["refreshtoken", "a token"],
  ["bearertoken", "a token"],
  ["sessiontoken", "a token"],
];

const SECRET_VALUES: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, why: "a PEM private key" },
  { pattern: /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]*$/, why: "a JSON Web Token" },
  // No end anchor: one character after the blanks is enough (`\S+` would match the same texts).
  { pattern: /^Bearer\s+\S/i, why: "a bearer token" },
];

export function findSecrets(file: string, value: unknown, path: JsonPath = []): ConfigError[] {
  if (typeof value === "string") {
    const hit = SECRET_VALUES.find(({ pattern }) => pattern.test(value));
    return hit ? [errors.secretInFile(file, path, hit.why)] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => findSecrets(file, item, [...path, index]));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, child]) => {
      const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, "");
      const hit = SECRET_KEY_ENDINGS.find(([ending]) => normalized.endsWith(ending));
      return hit ? [errors.secretInFile(file, [...path, key], `the key "${key}" names ${hit[1]}`)] : findSecrets(file, child, [...path, key]);
    });
  }
  return [];
}
