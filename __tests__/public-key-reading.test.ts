import * as crypto from "crypto";
import { isCertificatePem, isPublicKeyPem, publicKeyFingerprint } from "../src/model/public-key";
import { PUBLIC_KEY, SIGNING_CERT } from "./support/keys";

/**
 * Public keys and certificates as tenant files carry them (`src/model/public-key.ts`): what
 * reads as a key or a certificate, and one fingerprint per key whatever its wrapping.
 */
const damaged = PUBLIC_KEY.replace(/\n/g, "");
const certificateKey = new crypto.X509Certificate(SIGNING_CERT).publicKey;
/** `openssl x509 -pubkey -noout -in idp-signing-cert.pem | openssl pkey -pubin -outform der | sha256sum` */
const CERTIFICATE_KEY_SHA256 = "3a897e36ddede7b3cf34fd2f23d9e838a263b27950666ee39058901061a1d5fa";

describe("given a PEM from a tenant file", () => {
  test("when it is a public key or a certificate, then it reads as a public key; a key whose line breaks were lost does not", () => {
    expect([PUBLIC_KEY, SIGNING_CERT, damaged, "not a key"].map(isPublicKeyPem)).toEqual([true, true, false, false]);
  });

  test("when it is a certificate, then it reads as one; a bare public key or a damaged one does not", () => {
    expect([SIGNING_CERT, PUBLIC_KEY, damaged].map(isCertificatePem)).toEqual([true, false, false]);
  });
});

describe("given the same key written two ways", () => {
  test("when fingerprinted, then a certificate and its bare public key share the SHA-256 of the key's SPKI encoding", () => {
    const bare = certificateKey.export({ type: "spki", format: "pem" }).toString();
    expect(publicKeyFingerprint(SIGNING_CERT)).toBe(CERTIFICATE_KEY_SHA256);
    expect(publicKeyFingerprint(bare)).toBe(CERTIFICATE_KEY_SHA256);
    expect(publicKeyFingerprint(PUBLIC_KEY)).not.toBe(publicKeyFingerprint(SIGNING_CERT));
  });

  test("when the PEM does not parse, then there is no fingerprint", () => {
    expect(publicKeyFingerprint(damaged)).toBeUndefined();
  });
});
