import * as fs from "fs";
import * as path from "path";

/**
 * A realistic fleet for the benchmark: a platform file with 3 roles and 4 scopes, and `n`
 * valid tenant files, each with branding, 5 metadata keys, 2 connection links, 10 members
 * with 1 to 3 roles (user ids and emails mixed) and 1 agent.
 */
export function writeBenchFleet(dir: string, n: number): { platformFile: string; tenantsDir: string } {
  const platformFile = path.join(dir, "platform.json");
  const tenantsDir = path.join(dir, "tenants");
  fs.mkdirSync(tenantsDir, { recursive: true });
  fs.writeFileSync(platformFile, JSON.stringify(PLATFORM, null, 2));
  for (let i = 0; i < n; i++) {
    const name = `customer-${String(i).padStart(5, "0")}`;
    fs.writeFileSync(path.join(tenantsDir, `${name}.json`), JSON.stringify(tenant(name, i), null, 2));
  }
  return { platformFile, tenantsDir };
}

const SCOPES = ["read:data", "write:data", "read:reports", "manage:members"];
const ROLES = ["admin", "member", "billing"];

const PLATFORM = {
  tenantSettings: {
    friendlyName: "Bench Cloud",
    supportEmail: "support@bench.example",
    supportUrl: "https://support.bench.example",
    errorPage: { url: "https://app.bench.example/error" },
  },
  api: {
    identifier: "https://api.bench.example",
    name: "Bench API",
    scopes: SCOPES.map((value) => ({ value, description: `Allows ${value}` })),
  },
  roles: [
    { key: "admin", name: "Admin", permissions: SCOPES },
    { key: "member", name: "Member", permissions: ["read:data"] },
    { key: "billing", name: "Billing", permissions: ["read:reports"] },
  ],
  connections: [
    { name: "Username-Password-Authentication", strategy: "auth0" },
    { name: "Partners-Database", strategy: "auth0" },
  ],
  loginApplication: { name: "Bench App", callbacks: ["https://app.bench.example/callback"] },
};

function tenant(name: string, i: number) {
  return {
    name,
    displayName: `Customer ${i}`,
    branding: { logoUrl: `https://cdn.bench.example/${name}.png`, colors: { primary: "#0059d6", pageBackground: "#ffffff" } },
    metadata: { plan: ["free", "team", "enterprise"][i % 3], region: "eu", crm: `acct-${i}`, tier: "gold", owner: `owner-${i % 17}` },
    connections: [
      { name: "Username-Password-Authentication" },
      { name: "Partners-Database", assignMembershipOnLogin: true, signupEnabled: true },
    ],
    members: Array.from({ length: 10 }, (_, m) => ({
      ...(m % 2 === 0 ? { userId: `auth0|${name}-${m}` } : { email: `user${m}@${name}.example`, connection: "Username-Password-Authentication" }),
      roles: ROLES.slice(0, 1 + ((i + m) % 3)),
    })),
    agents: [{ name: "sync", description: "Nightly sync", scopes: ["read:data", "read:reports"] }],
  };
}
