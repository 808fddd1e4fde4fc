import * as crypto from "crypto";

/**
 * Public keys and certificates in tenant files, read with node:crypto so that a key
 * Auth0 would refuse (a truncated block, lost line breaks) is caught on the pull request.
 */

function publicKeyOf(pem: string): crypto.KeyObject | undefined {
  try {
    // Accepts SPKI and PKCS#1 public keys and X.509 certificates, as Auth0 does.
    return crypto.createPublicKey(pem);
  }
  // Stryker disable next-line BlockStatement: an emptied catch block returns undefined all the same
  catch {
    return undefined;
  }
}

export const isPublicKeyPem = (pem: string): boolean => publicKeyOf(pem) !== undefined;

export function isCertificatePem(pem: string): boolean {
  try {
    new crypto.X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

/**
 * SHA-256 of the key's SPKI encoding: the same key written as a public key, a PKCS#1 key
 * or inside a certificate has one fingerprint. Undefined for a PEM that does not parse.
 */
export function publicKeyFingerprint(pem: string): string | undefined {
  const key = publicKeyOf(pem);
  return key && crypto.createHash("sha256").update(key.export({ type: "spki", format: "der" })).digest("hex");
}
