/**
 * The convergence story's files: every optional field of both file formats set ("full"),
 * then removed again. Shared by the simulator test (convergence.e2e.test.ts) and the real
 * Auth0 test (auth0.real.test.ts); `prefix` makes every Auth0 name unique per run there.
 *
 * Three steps per file: `full` sets every optional field; `emptied` removes every optional
 * field but keeps the entries that hold them (a member without roles, an agent without
 * description or keys), so a field's removal is applied to an object that stays; `minimal`
 * removes the optional entries too (members, agents, links).
 */

/** A public key for the private_key_jwt agent (the public half only; nothing secret). */
export const AGENT_PUBLIC_KEY =
  "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u\n+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyeh\nkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ\n0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwxXFg0x/XFw005UWVRIkdg\ncKWTjpBP2dPwVZ4WWC+9aGVd+Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbc\nmwIDAQAB\n-----END PUBLIC KEY-----\n";

export interface StoryNames {
  /** Prefix of every name this run creates in Auth0 ("" in the simulator). */
  readonly prefix: string;
  /** The tenant file's name (organization name). */
  readonly tenant: string;
  /** The database connection both steps link (the adopted default one in the simulator). */
  readonly database: string;
  /** The database connection exists before the run and is adopted by name ("import": "by-name"). */
  readonly adoptDatabase?: boolean;
  /** A second database connection, linked only in the full step. */
  readonly partners: string;
  /** A Google connection, when the run may create one (not on a real tenant, which has its own). */
  readonly google?: string;
  /** A member's email and the connection it signs up with. */
  readonly memberEmail: string;
  /** A member given by user id. */
  readonly memberUserId: string;
  /** Leave the organization's token quota out (a tenant without that feature refuses it). */
  readonly withoutTokenQuota?: boolean;
}

export function platformFile(names: StoryNames, step: "full" | "emptied" | "minimal"): Record<string, any> {
  const p = names.prefix;
  const full = step === "full";
  const google = names.google === undefined ? [] : [{ name: names.google, strategy: "google-oauth2", ...(full && { clientId: "e2e-client.apps.googleusercontent.com" }) }];
  return {
    tenantSettings: {
      friendlyName: `${p}Convergence Cloud`,
      supportEmail: "support@convergence.example",
      supportUrl: "https://support.convergence.example",
      errorPage: { url: "https://app.convergence.example/error", ...(full && { showLogLink: true }) },
      ...(full && { sessionLifetimeHours: 24, idleSessionLifetimeHours: 12, enabledLocales: ["en", "de"] }),
    },
    api: {
      identifier: `https://${p}api.convergence.example`,
      name: `${p}Convergence API`,
      ...(full && { tokenLifetimeSeconds: 3600 }),
      scopes: [
        { value: "read:data", description: "Read data" },
        { value: "write:data", description: "Write data" },
      ],
    },
    roles: [
      { key: "admin", name: `${p}Convergence Admin`, permissions: ["read:data", "write:data"], ...(full && { description: "Everything" }) },
      { key: "member", name: `${p}Convergence Member`, permissions: ["read:data"], ...(full && { description: "Reads" }) },
    ],
    connections: [
      { name: names.database, strategy: "auth0", ...(names.adoptDatabase && { import: "by-name" }), ...(full && { passwordPolicy: "excellent", bruteForceProtection: false, disableSignup: false }) },
      { name: names.partners, strategy: "auth0" },
      ...google,
    ],
    loginApplication: {
      name: `${p}Convergence App`,
      callbacks: ["https://app.convergence.example/callback"],
      ...(full && {
        allowedLogoutUrls: ["https://app.convergence.example"],
        webOrigins: ["https://app.convergence.example"],
        organizationUsage: "allow",
        organizationRequireBehavior: "pre_login_prompt",
      }),
    },
  };
}

export function tenantFile(names: StoryNames, step: "full" | "emptied" | "minimal"): Record<string, any> {
  const full = step === "full";
  const base = { name: names.tenant, displayName: "Convergence Ltd" };
  if (step === "minimal") return { ...base, connections: [{ name: names.database }] };
  return {
    ...base,
    ...(full && {
      branding: { logoUrl: "https://cdn.convergence.example/logo.png", colors: { primary: "#0059d6", pageBackground: "#ffffff" } },
      metadata: { plan: "enterprise", region: "eu" },
      ...(!names.withoutTokenQuota && { tokenQuota: { clientCredentials: { perDay: 1000, perHour: 100, enforce: false } } }),
    }),
    connections: [
      { name: names.database, ...(full && { assignMembershipOnLogin: true, showAsButton: false, signupEnabled: true }) },
      ...(full ? [{ name: names.partners }] : []),
    ],
    members: [
      { email: names.memberEmail, ...(full && { connection: names.database, roles: ["admin"] }) },
      { userId: names.memberUserId, ...(full && { roles: ["member"] }) },
    ],
    agents: [
      {
        name: "sync",
        scopes: ["read:data"],
        ...(full && { description: "Nightly sync", authentication: { method: "private_key_jwt", publicKeys: [{ name: "sync-2026", pem: AGENT_PUBLIC_KEY }] } }),
      },
    ],
  };
}
