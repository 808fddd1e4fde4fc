import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "./workspace";

/**
 * Tenant files of enterprise customers for the end-to-end story, one per identity
 * provider strategy, with discovery domains, link modes and rotating agent credentials.
 */

export const SIGNING_CERT = fs.readFileSync(path.join(ROOT, "__tests__", "fixtures", "enterprise", "idp-signing-cert.pem"), "utf8");

export function publicKeyPem(): string {
  const { publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  return publicKey.export({ type: "spki", format: "pem" }).toString();
}

const tenant = (name: string, extra: Record<string, unknown>) => ({
  name,
  displayName: `${name[0].toUpperCase()}${name.slice(1)} Inc.`,
  connections: [{ name: "Username-Password-Authentication" }],
  ...extra,
});

/** SAML and a discovery domain; one agent with a key, one with a secret the team sets. */
export const northwind = (firstKey: string) =>
  tenant("northwind", {
    enterpriseConnection: { name: "northwind-saml", strategy: "samlp", signInUrl: "https://sso.northwind.example/saml/sso", signingCert: SIGNING_CERT },
    discoveryDomains: [{ domain: "northwind.example" }],
    agents: [
      { name: "sync", scopes: ["read:data"], authentication: { method: "private_key_jwt", publicKeys: [{ name: "sync-1", pem: firstKey }] } },
      { name: "ledger", scopes: ["read:reports"], authentication: { method: "client_secret", secretVersion: 1 } },
    ],
  });

/** Exclusive links today; switched to additive while a self-service link exists. */
export const hooli = () => tenant("hooli", { connections: [{ name: "Username-Password-Authentication" }, { name: "google-oauth2", assignMembershipOnLogin: true }] });

export const contoso = () =>
  tenant("contoso", {
    connectionLinks: "additive",
    enterpriseConnection: { name: "contoso-entra", strategy: "waad", domain: "contoso.onmicrosoft.com", clientId: "6731de76-14a6-49ae-97bc-6eba6914391e" },
  });

export const initrode = () =>
  tenant("initrode", {
    enterpriseConnection: { name: "initrode-oidc", strategy: "oidc", discoveryUrl: "https://idp.initrode.example/.well-known/openid-configuration", clientId: "initrode-app" },
  });

export const vandelay = () => tenant("vandelay", { enterpriseConnection: { name: "vandelay-okta", strategy: "okta", domain: "vandelay.okta.com", clientId: "0oa1vandelay" } });

/** Replaces the workspace's tenant files by these. */
export function writeTenants(tenantsDir: string, tenants: ReadonlyArray<Record<string, unknown>>): void {
  fs.rmSync(tenantsDir, { recursive: true, force: true });
  fs.mkdirSync(tenantsDir);
  for (const t of tenants) fs.writeFileSync(path.join(tenantsDir, `${t.name}.json`), JSON.stringify(t, null, 2));
}
