import { TenantFile } from "../src/model/tenant-file";
import { parseWithSchema } from "../src/validate/schema-issues";
import { PUBLIC_KEY } from "./support/keys";

/**
 * Each rule of the tenant file's schema (`src/model/tenant-file.ts`) on its own: a value it
 * refuses, with the exact line a person reads (path, problem, received value, fix), and the
 * nearest value it accepts. In-process on the schema alone; the rules that need the
 * platform file are in `validation-errors.test.ts`, the published JSON Schema (bounds,
 * patterns, defaults, descriptions) in `json-schemas.test.ts`.
 */
const FILE = "tenants/acme.json";
const acme = (extra: Record<string, unknown> = {}) => ({
  name: "acme",
  displayName: "Acme",
  connections: [{ name: "Username-Password-Authentication" }],
  ...extra,
});
const member = (extra: Record<string, unknown>) => acme({ members: [{ userId: "auth0|1", ...extra }] });
const agent = (extra: Record<string, unknown>) => acme({ agents: [{ name: "bot", scopes: ["read:data"], ...extra }] });
const keyAgent = (...publicKeys: Record<string, unknown>[]) => agent({ authentication: { method: "private_key_jwt", publicKeys } });
const key = (extra: Record<string, unknown> = {}) => ({
  name: "k1",
  pem: PUBLIC_KEY,
  ...extra,
});
const times = <T>(n: number, item: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => item(i));

function problems(value: unknown): string[] {
  return parseWithSchema(TenantFile, FILE, value).errors.map((e) => e.describe());
}

/** [rule, a file it refuses, the one line it says] */
const REFUSED: Array<[string, Record<string, unknown>, string | string[]]> = [
  [
    "a logo URL that is not a URL",
    acme({ branding: { logoUrl: "logo.png" } }),
    [
      '$.branding.logoUrl: must be an absolute URL (received "logo.png"). Write a full URL such as "https://cdn.example.com/logo.png".',
      '$.branding.logoUrl: must use https (received "logo.png"). Serve the file over https and write the URL with "https://".',
    ],
  ],
  [
    "a logo URL over http",
    acme({ branding: { logoUrl: "http://cdn.acme.example/logo.png" } }),
    '$.branding.logoUrl: must use https (received "http://cdn.acme.example/logo.png"). Serve the file over https and write the URL with "https://".',
  ],
  [
    "a logo URL that has https:// only further on",
    acme({ branding: { logoUrl: "http://cdn.acme.example/https://logo.png" } }),
    '$.branding.logoUrl: must use https (received "http://cdn.acme.example/https://logo.png"). Serve the file over https and write the URL with "https://".',
  ],
  [
    "a background colour that is a colour name",
    acme({
      branding: { colors: { primary: "#fff", pageBackground: "white" } },
    }),
    '$.branding.colors.pageBackground: must be a hex colour (received "white"). Write it as "#RRGGBB", e.g. "#0059d6".',
  ],
  ["a role key over 40 characters", member({ roles: ["a".repeat(41)] }), `$.members[0].roles[0]: a role key is at most 40 characters (received "${"a".repeat(41)}"). Shorten it.`],
  [
    "a role key with a capital",
    member({ roles: ["Admin"] }),
    `$.members[0].roles[0]: a role key must be lowercase letters, digits, '-' or '_', starting with a letter (received "Admin"). For example "admin".`,
  ],
  [
    "51 roles on one member",
    member({ roles: times(51, (i) => `r${i}`) }),
    `$.members[0].roles: Auth0 allows at most 50 roles per organization member (received ${JSON.stringify(times(15, (i) => `r${i}`)).slice(
      0,
      -1
    )}… (297 characters)). Remove roles.`,
  ],
  [
    "a user id without its provider",
    member({ userId: "64f1c0ffee" }),
    '$.members[0].userId: an Auth0 user id is "<provider>|<id>" (received "64f1c0ffee"). Copy it from the Auth0 dashboard, e.g. "auth0|64f1c0ffee".',
  ],
  [
    "a user id with a space",
    member({ userId: "auth0|64f1 c0ffee" }),
    '$.members[0].userId: an Auth0 user id is "<provider>|<id>" (received "auth0|64f1 c0ffee"). Copy it from the Auth0 dashboard, e.g. "auth0|64f1c0ffee".',
  ],
  [
    "an email without a domain",
    acme({ members: [{ email: "jane@" }] }),
    '$.members[0].email: must be an email address (received "jane@"). Write the address the user logs in with, e.g. "jane@example.com".',
  ],
  ["an agent name over 40 characters", agent({ name: "b".repeat(41) }), `$.agents[0].name: an agent name is at most 40 characters (received "${"b".repeat(41)}"). Shorten it.`],
  [
    "an agent name starting with a digit",
    agent({ name: "1bot" }),
    `$.agents[0].name: an agent name must be lowercase letters, digits, '-' or '_', starting with a letter (received "1bot"). For example "billing-sync".`,
  ],
  ["an agent without scopes", agent({ scopes: [] }), '$.agents[0].scopes: an agent needs at least one scope (received []). List the API scopes it may use, e.g. ["read:data"].'],
  [
    "a secret version 0",
    agent({ authentication: { method: "client_secret", secretVersion: 0 } }),
    "$.agents[0].authentication.secretVersion: the secret version starts at 1 (received 0). Write 1 for the first secret you set, and add 1 each time you rotate it.",
  ],
  [
    "a private_key_jwt agent without keys",
    keyAgent(),
    "$.agents[0].authentication.publicKeys: a private_key_jwt agent needs a public key (received []). List the public half of the agent's key pair.",
  ],
  [
    "three keys on one agent",
    keyAgent(key({ name: "k1" }), key({ name: "k2" }), key({ name: "k3" })),
    `$.agents[0].authentication.publicKeys: Auth0 accepts at most two keys per agent (received ${JSON.stringify([key({ name: "k1" })]).slice(
      0,
      80
    )}… (1450 characters)). Keep the key agents sign with now and its successor; remove the older one once agents use the new key.`,
  ],
  [
    "a private key where the public key goes",
    keyAgent(key({ pem: "-----BEGIN PRIVATE KEY-----\nMIIE" })),
    [
      '$.agents[0].authentication.publicKeys[0].pem: must be a PEM public key or certificate (received "-----BEGIN PRIVATE KEY-----\\nMIIE"). Paste the public half only, starting with "-----BEGIN PUBLIC KEY-----".',
      '$.agents[0].authentication.publicKeys[0].pem: is not a readable PEM public key or certificate (received "-----BEGIN PRIVATE KEY-----\\nMIIE"). Paste the whole PEM block unchanged, with its line breaks written as \\n in JSON.',
    ],
  ],
  [
    "a public key block that is cut short",
    keyAgent(
      key({
        pem: "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n",
      })
    ),
    '$.agents[0].authentication.publicKeys[0].pem: is not a readable PEM public key or certificate (received "-----BEGIN PUBLIC KEY-----\\nMIIB\\n-----END PUBLIC KEY-----\\n"). Paste the whole PEM block unchanged, with its line breaks written as \\n in JSON.',
  ],
  [
    "an expiry that is a date without a time",
    keyAgent(key({ expiresAt: "2099-06-30" })),
    '$.agents[0].authentication.publicKeys[0].expiresAt: must be an ISO 8601 date and time (received "2099-06-30"). For example "2027-06-30T00:00:00Z".',
  ],
  [
    "an expiry in the past",
    keyAgent(key({ expiresAt: "2001-01-01T00:00:00Z" })),
    '$.agents[0].authentication.publicKeys[0].expiresAt: this key has expired (received "2001-01-01T00:00:00Z"). Remove the key from the file; add its successor first if the agent still uses it.',
  ],
  [
    "an adopted organization id without org_",
    acme({ import: { organizationId: "acme" } }),
    '$.import.organizationId: an organization id looks like "org_" followed by letters and digits (received "acme"). Copy it from the Auth0 dashboard (Organizations → the organization → Settings).',
  ],
  [
    "an adopted organization id with a dash",
    acme({ import: { organizationId: "org_ab-c" } }),
    '$.import.organizationId: an organization id looks like "org_" followed by letters and digits (received "org_ab-c"). Copy it from the Auth0 dashboard (Organizations → the organization → Settings).',
  ],
  [
    "an organization name over 50 characters",
    acme({ name: "a".repeat(51) }),
    `$.name: an organization name is at most 50 characters (received "${"a".repeat(51)}"). Shorten it; it must equal the file name.`,
  ],
  [
    "an organization name with a capital",
    acme({ name: "Acme" }),
    `$.name: an organization name must be lowercase letters, digits, '-' or '_', start with a letter or digit, and not start with "org_" (received "Acme"). Write it like "acme-corp"; it must equal the file name.`,
  ],
  ["an empty display name", acme({ displayName: "" }), `$.displayName: the display name is empty (received ""). Write the customer's name as users should see it.`],
  [
    "a display name over 255 characters",
    acme({ displayName: "x".repeat(256) }),
    `$.displayName: a display name is at most 255 characters (received "${"x".repeat(79)}… (258 characters)). Shorten it.`,
  ],
  [
    "a metadata key over 255 characters",
    acme({ metadata: { ["k".repeat(256)]: "v" } }),
    `$.metadata.${"k".repeat(256)}: a metadata key is at most 255 characters (received "${"k".repeat(79)}… (258 characters)). Shorten the key.`,
  ],
  [
    "a metadata value over 255 characters",
    acme({ metadata: { notes: "x".repeat(256) } }),
    `$.metadata.notes: Auth0 limits metadata values to 255 characters (received "${"x".repeat(79)}… (258 characters)). Shorten the value or keep it outside Auth0.`,
  ],
  [
    "11 metadata keys",
    acme({ metadata: Object.fromEntries(times(11, (i) => [`k${i}`, "v"])) }),
    `$.metadata: Auth0 allows at most 10 metadata keys per organization (received ${JSON.stringify(Object.fromEntries(times(9, (i) => [`k${i}`, "v"]))).slice(
      0,
      80
    )}… (101 characters)). Remove keys or combine them.`,
  ],
  [
    "no connection",
    acme({ connections: [] }),
    '$.connections: an organization needs at least one connection (received []). Link a platform connection, e.g. { "name": "Username-Password-Authentication" }.',
  ],
  [
    "11 connections",
    acme({ connections: times(11, (i) => ({ name: `c${i}` })) }),
    `$.connections: Auth0 allows at most 10 connections per organization (received ${JSON.stringify(times(11, (i) => ({ name: `c${i}` }))).slice(
      0,
      80
    )}… (156 characters)). Remove connections.`,
  ],
  [
    "101 agents",
    acme({
      agents: times(101, (i) => ({ name: `bot${i}`, scopes: ["read:data"] })),
    }),
    `$.agents: Auth0 allows at most 100 machine-to-machine grants per organization (received ${JSON.stringify(times(3, (i) => ({ name: `bot${i}`, scopes: ["read:data"] }))).slice(
      0,
      80
    )}… (4032 characters)). Remove agents.`,
  ],
];

describe.each(REFUSED)("given a tenant file with %s", (_rule, file, line) => {
  test("when parsed, then that is its one error, in the schema's own words", () => {
    expect(problems(file)).toEqual(typeof line === "string" ? [line] : line);
  });
});

/** [rule, a file at or next to the bound that it accepts] */
const ACCEPTED: Array<[string, Record<string, unknown>]> = [
  [
    "an https logo URL and short and long hex colours",
    acme({
      branding: {
        logoUrl: "https://cdn.acme.example/logo.png",
        colors: { primary: "#fff", pageBackground: "#0059D6" },
      },
    }),
  ],
  ["a role key of 40 characters and 50 roles", member({ roles: [...times(49, (i) => `r${i}`), "a".repeat(40)] })],
  ["a user id of a social provider", member({ userId: "google-oauth2|1234" })],
  [
    "a member by email with its connection",
    acme({
      members: [
        {
          email: "jane@acme.example",
          connection: "Username-Password-Authentication",
        },
      ],
    }),
  ],
  ["an agent name of 40 characters with '-' and '_'", agent({ name: `b-_${"b".repeat(37)}` })],
  ["a secret version 1", agent({ authentication: { method: "client_secret", secretVersion: 1 } })],
  ["two keys on one agent, one with a future expiry", keyAgent(key({ name: "k1", expiresAt: "2099-01-01T00:00:00+02:00" }), key({ name: "k2" }))],
  ["an adopted organization id", acme({ import: { organizationId: "org_Ab12" } })],
  ["an organization name of 50 characters with a digit first", acme({ name: `1${"a".repeat(49)}` })],
  ["a display name of 255 characters", acme({ displayName: "x".repeat(255) })],
  [
    "10 metadata keys with a key and a value of 255 characters",
    acme({
      metadata: Object.fromEntries([...times(9, (i) => [`k${i}`, "v"]), ["k".repeat(255), "v".repeat(255)]]),
    }),
  ],
  ["10 connections", acme({ connections: times(10, (i) => ({ name: `c${i}` })) })],
  [
    "100 agents",
    acme({
      agents: times(100, (i) => ({ name: `bot${i}`, scopes: ["read:data"] })),
    }),
  ],
  [
    "a decommissioned tenant with a token quota",
    acme({
      status: "decommissioned",
      tokenQuota: { clientCredentials: { perDay: 1000, perHour: 100 } },
    }),
  ],
];

describe.each(ACCEPTED)("given a tenant file with %s", (_rule, file) => {
  test("when parsed, then it is accepted", () => {
    expect(problems(file)).toEqual([]);
  });
});

describe("given a key whose expiry is this very second", () => {
  afterEach(() => jest.useRealTimers());

  test("when parsed, then it has expired (Auth0 no longer accepts it), and one second later it has not", () => {
    jest.useFakeTimers({ now: Date.parse("2027-06-30T00:00:00Z") });
    expect(problems(keyAgent(key({ expiresAt: "2027-06-30T00:00:00Z" })))).toEqual([
      '$.agents[0].authentication.publicKeys[0].expiresAt: this key has expired (received "2027-06-30T00:00:00Z"). Remove the key from the file; add its successor first if the agent still uses it.',
    ]);
    expect(problems(keyAgent(key({ expiresAt: "2027-06-30T00:00:01Z" })))).toEqual([]);
  });
});

describe("given the smallest tenant file", () => {
  test("when parsed, then every default is filled in: active, exclusive links, no members, agents, domains or metadata", () => {
    expect(parseWithSchema(TenantFile, FILE, acme({ agents: [{ name: "bot", scopes: ["read:data"] }] })).data).toEqual({
      name: "acme",
      displayName: "Acme",
      status: "active",
      connections: [
        {
          name: "Username-Password-Authentication",
          assignMembershipOnLogin: false,
          showAsButton: true,
          signupEnabled: false,
        },
      ],
      metadata: {},
      discoveryDomains: [],
      connectionLinks: "exclusive",
      members: [],
      agents: [
        {
          name: "bot",
          scopes: ["read:data"],
          authentication: { method: "client_secret" },
        },
      ],
    });
  });
});
