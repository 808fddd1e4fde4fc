// The server certificate for go-plugin's mutual TLS. Generating a key pair takes a
// noticeable fraction of a second, and Terraform starts the provider several times per
// command, so the certificate is cached in this user's cache directory until close to expiry.
// `selfsigned` (node-forge) is loaded only when a certificate is made: requiring it costs
// about 0.2 CPU-seconds, a third of a provider start, and the cache makes it rare.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

export interface ServerCert {
  certPem: string;
  keyPem: string;
}

const CACHE_NAME = "auth0-sim-provider-cert-v1.json";
const DAY_MS = 24 * 3600 * 1000;

function cachedCert(cacheFile: string): ServerCert | undefined {
  try {
    const cached = JSON.parse(fs.readFileSync(cacheFile, "utf8")) as ServerCert;
    const x509 = new crypto.X509Certificate(cached.certPem);
    if (Date.parse(x509.validTo) - Date.now() > DAY_MS) return cached;
  } catch {
    // missing or unreadable cache: make a new certificate
  }
  return undefined;
}

/** `cacheDir` undefined: a new certificate every time. */
export async function serverCert(cacheDir: string | undefined): Promise<ServerCert> {
  const cacheFile = cacheDir === undefined ? undefined : path.join(cacheDir, CACHE_NAME);
  const cached = cacheFile === undefined ? undefined : cachedCert(cacheFile);
  if (cached) return cached;
  const notBeforeDate = new Date(Date.now() - 60_000);
  const selfsigned = await import("selfsigned");
  const pems = await selfsigned.generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 30 * DAY_MS),
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
      { name: "extKeyUsage", serverAuth: true, clientAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
    ],
  });
  const cert: ServerCert = { certPem: pems.cert, keyPem: pems.private };
  if (cacheFile === undefined) return cert;
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, JSON.stringify(cert), { mode: 0o600 });
    fs.renameSync(tmp, cacheFile);
  } catch {
    // caching is an optimisation only
  }
  return cert;
}

/** The handshake carries the certificate as unpadded base64 DER. */
export function certHandshakeField(certPem: string): string {
  return new crypto.X509Certificate(certPem).raw.toString("base64").replace(/=+$/, "");
}
