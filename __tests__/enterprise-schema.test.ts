import { EnterpriseConnectionData, needsClientSecret, samlSourceProblem } from "../src/model/enterprise";
import { TenantFile } from "../src/model/tenant-file";
import { parseWithSchema } from "../src/validate/schema-issues";
import { SIGNING_CERT } from "./support/keys";

/**
 * Each rule of the enterprise parts of a tenant file (`src/model/enterprise.ts`) on its
 * own: a value it refuses, with the exact line a person reads, and a value it accepts.
 * In-process on the schema alone; the rules across files are in `enterprise-validation.test.ts`.
 */
const FILE = "tenants/ent.json";
const ent = (extra: Record<string, unknown>) => ({
  name: "ent",
  displayName: "Ent",
  connections: [{ name: "Username-Password-Authentication" }],
  ...extra,
});
const saml = (extra: Record<string, unknown>) =>
  ent({
    enterpriseConnection: {
      name: "ent-saml",
      strategy: "samlp",
      metadataUrl: "https://idp.ent.example/m.xml",
      ...extra,
    },
  });
const oidc = (extra: Record<string, unknown>) =>
  ent({
    enterpriseConnection: {
      name: "ent-oidc",
      strategy: "oidc",
      discoveryUrl: "https://idp.ent.example/.well-known/openid-configuration",
      clientId: "abc",
      ...extra,
    },
  });
const okta = (extra: Record<string, unknown>) =>
  ent({
    enterpriseConnection: {
      name: "ent-okta",
      strategy: "okta",
      domain: "ent.okta.com",
      clientId: "abc",
      ...extra,
    },
  });
const entra = (extra: Record<string, unknown>) =>
  ent({
    enterpriseConnection: {
      name: "ent-entra",
      strategy: "waad",
      domain: "ent.onmicrosoft.com",
      clientId: "abc",
      ...extra,
    },
  });

function problems(value: unknown): string[] {
  return parseWithSchema(TenantFile, FILE, value).errors.map((e) => e.describe());
}

const notUrl = (path: string, example: string) => `$.enterpriseConnection.${path}: must be an absolute URL (received "idp"). Write a full URL such as "${example}".`;
const notHttps = (path: string, value: string) => `$.enterpriseConnection.${path}: must use https (received "${value}"). Ask the customer for the "https://" address.`;
const FIX_DOMAIN = "Write the bare domain, without https:// or a path, in lowercase.";

/** [rule, a file it refuses, every line it says] */
const REFUSED: Array<[string, Record<string, unknown>, string[]]> = [
  ["a SAML metadata URL that is not a URL", saml({ metadataUrl: "idp" }), [notUrl("metadataUrl", "https://idp.acme.example/saml/metadata.xml"), notHttps("metadataUrl", "idp")]],
  ["a SAML metadata URL over http", saml({ metadataUrl: "http://idp.ent.example/m.xml" }), [notHttps("metadataUrl", "http://idp.ent.example/m.xml")]],
  [
    "a SAML sign-in URL that is not a URL",
    saml({
      metadataUrl: undefined,
      signInUrl: "idp",
      signingCert: SIGNING_CERT,
    }),
    [notUrl("signInUrl", "https://idp.acme.example/saml/sso"), notHttps("signInUrl", "idp")],
  ],
  ["a SAML sign-out URL that is not a URL", saml({ signOutUrl: "idp" }), [notUrl("signOutUrl", "https://idp.acme.example/saml/slo"), notHttps("signOutUrl", "idp")]],
  [
    "an OpenID discovery URL that is not a URL",
    oidc({ discoveryUrl: "idp" }),
    [notUrl("discoveryUrl", "https://idp.acme.example/.well-known/openid-configuration"), notHttps("discoveryUrl", "idp")],
  ],
  [
    "a signing certificate that is a public key",
    saml({
      metadataUrl: undefined,
      signInUrl: "https://idp.ent.example/sso",
      signingCert: "-----BEGIN PUBLIC KEY-----\nMIIB",
    }),
    [
      '$.enterpriseConnection.signingCert: must be a PEM certificate (received "-----BEGIN PUBLIC KEY-----\\nMIIB"). Paste the X.509 signing certificate, starting with "-----BEGIN CERTIFICATE-----".',
      '$.enterpriseConnection.signingCert: is not a readable X.509 certificate (received "-----BEGIN PUBLIC KEY-----\\nMIIB"). Paste the whole PEM block the customer sent, with its line breaks written as \\n in JSON.',
    ],
  ],
  [
    "an empty client id",
    oidc({ clientId: "" }),
    ['$.enterpriseConnection.clientId: the client id is empty (received ""). Ask the customer for the client id of the application they registered for you.'],
  ],
  [
    "an Okta domain with https://",
    okta({ domain: "https://ent.okta.com" }),
    [`$.enterpriseConnection.domain: an Okta domain must be a lowercase DNS name such as "acme.okta.com" (received "https://ent.okta.com"). ${FIX_DOMAIN}`],
  ],
  [
    "an Entra ID domain in capitals",
    entra({ domain: "Ent.onmicrosoft.com" }),
    [`$.enterpriseConnection.domain: a Microsoft Entra ID domain must be a lowercase DNS name such as "acme.onmicrosoft.com" (received "Ent.onmicrosoft.com"). ${FIX_DOMAIN}`],
  ],
  [
    "a discovery domain of one label",
    ent({ discoveryDomains: [{ domain: "localhost" }] }),
    [`$.discoveryDomains[0].domain: a discovery domain must be a lowercase DNS name such as "acme.example" (received "localhost"). ${FIX_DOMAIN}`],
  ],
  [
    "a connection name over 128 characters",
    saml({ name: "a".repeat(129) }),
    [`$.enterpriseConnection.name: a connection name is at most 128 characters (received "${"a".repeat(79)}… (131 characters)). Shorten it.`],
  ],
  [
    "a connection name with a double dash",
    saml({ name: "ent--saml" }),
    ['$.enterpriseConnection.name: a connection name is letters, digits and single dashes (received "ent--saml"). For example "acme-saml".'],
  ],
];

describe.each(REFUSED)("given a tenant file with %s", (_rule, file, lines) => {
  test("when parsed, then those are its errors, in the schema's own words", () => {
    expect(problems(file)).toEqual(lines);
  });
});

const ACCEPTED: Array<[string, Record<string, unknown>]> = [
  ["a SAML connection by metadata URL, with a sign-out URL and a display name", saml({ signOutUrl: "https://idp.ent.example/slo", displayName: "Ent SSO" })],
  [
    "a SAML connection by sign-in URL and certificate",
    saml({
      metadataUrl: undefined,
      signInUrl: "https://idp.ent.example/sso",
      signingCert: SIGNING_CERT,
    }),
  ],
  ["an OpenID connection", oidc({})],
  ["an Okta connection", okta({})],
  ["an Entra ID connection with a connection name of 128 characters", entra({ name: "a".repeat(128) })],
  [
    "verified and pending discovery domains",
    ent({
      discoveryDomains: [{ domain: "ent.example", status: "verified" }, { domain: "mail.ent.example" }],
    }),
  ],
  [
    "a switch from exclusive to additive links",
    ent({
      connectionLinks: "additive",
      connectionLinksSwitchedFrom: "exclusive",
    }),
  ],
];

describe.each(ACCEPTED)("given a tenant file with %s", (_rule, file) => {
  test("when parsed, then it is accepted", () => {
    expect(problems(file)).toEqual([]);
  });
});

describe("given an enterprise connection with only what it needs", () => {
  test("when parsed, then members join on login and the connection is a button, and a discovery domain is pending", () => {
    const { data } = parseWithSchema(TenantFile, FILE, okta({ displayName: undefined }));
    expect(data?.enterpriseConnection).toEqual({
      name: "ent-okta",
      strategy: "okta",
      domain: "ent.okta.com",
      clientId: "abc",
      assignMembershipOnLogin: true,
      showAsButton: true,
    });
    expect(parseWithSchema(TenantFile, FILE, ent({ discoveryDomains: [{ domain: "ent.example" }] })).data?.discoveryDomains).toEqual([
      { domain: "ent.example", status: "pending" },
    ]);
  });
});

describe("given where a SAML connection's identity provider settings come from", () => {
  const cert = "-----BEGIN CERTIFICATE-----";
  test.each([
    ["the metadata URL alone", { metadataUrl: "m" }, undefined],
    ["the sign-in URL with the certificate", { signInUrl: "s", signingCert: cert }, undefined],
    ["nothing", {}, 'a SAML connection needs "metadataUrl", or both "signInUrl" and "signingCert"'],
    ["the sign-in URL alone", { signInUrl: "s" }, 'a SAML connection needs "metadataUrl", or both "signInUrl" and "signingCert"'],
    ["the certificate alone", { signingCert: cert }, 'a SAML connection needs "metadataUrl", or both "signInUrl" and "signingCert"'],
    ["the metadata URL and the sign-in URL", { metadataUrl: "m", signInUrl: "s" }, 'give either "metadataUrl" or "signInUrl" with "signingCert", not both'],
    ["the metadata URL and the certificate", { metadataUrl: "m", signingCert: cert }, 'give either "metadataUrl" or "signInUrl" with "signingCert", not both'],
  ])("when it is %s, then the problem is %p", (_what, connection, problem) => {
    expect(samlSourceProblem(connection)).toBe(problem);
  });
});

describe("given each strategy", () => {
  test("then only SAML needs no client secret from the environment", () => {
    const strategies = ["samlp", "oidc", "okta", "waad"] as const;
    expect(strategies.filter((strategy) => needsClientSecret({ strategy } as EnterpriseConnectionData))).toEqual(["oidc", "okta", "waad"]);
  });
});
