import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

/** A fresh RSA public key in PEM (SPKI), as an agent's operator would paste it. */
export function publicKeyPem(): string {
  const { publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  return publicKey.export({ type: "spki", format: "pem" }).toString();
}

/**
 * An RSA 2048 public key in PEM (SPKI), made once with publicKeyPem() and kept as a file, for
 * fixtures that only need a valid key (making one takes up to a second).
 */
export const PUBLIC_KEY = fs.readFileSync(path.join(__dirname, "..", "fixtures", "enterprise", "agent-public-key.pem"), "utf8");

/** An identity provider's X.509 signing certificate (self-signed, valid until 2126). */
export const SIGNING_CERT = fs.readFileSync(path.join(__dirname, "..", "fixtures", "enterprise", "idp-signing-cert.pem"), "utf8");
