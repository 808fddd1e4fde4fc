import { fleetRuleErrors } from "../src/validate/fleet-rules";
import { TenantRuleView } from "../src/validate/tenant-rule-view";
import { PUBLIC_KEY } from "./support/keys";

/**
 * Values unique across the fleet (`src/validate/fleet-rules.ts`): what claims a connection
 * name, a discovery domain, a public key or a secret variable, and what does not (entries
 * the schema refuses, settings without a secret). In-process on the lenient view of each
 * file, as `checkFleet` runs the rules; the exact lines across real files are in
 * `enterprise-validation.test.ts`.
 */
const tenant = (name: string | undefined, extra: Record<string, unknown>) => ({
  file: `tenants/${name ?? "nameless"}.json`,
  data: TenantRuleView.parse({ name, ...extra }),
});
const problems = (...tenants: ReturnType<typeof tenant>[]) => fleetRuleErrors(tenants).map((e) => e.format());
const secretAgent = (name: unknown) => ({
  agents: [
    {
      name,
      scopes: ["read:data"],
      authentication: { method: "client_secret", secretVersion: 1 },
    },
  ],
});
const okta = (name: string) => ({
  enterpriseConnection: {
    name,
    strategy: "okta",
    domain: "x.okta.com",
    clientId: "x",
  },
});
const keys = (...publicKeys: unknown[]) => ({
  agents: [
    {
      name: "sync",
      scopes: ["read:data"],
      authentication: { method: "private_key_jwt", publicKeys },
    },
  ],
});

describe("given two tenants whose values would clash", () => {
  test("when the enterprise connection names differ only in case, then the second claims what the first has", () => {
    expect(problems(tenant("alpha", okta("Corp-SSO")), tenant("beta", okta("corp-sso")))).toEqual([
      'tenants/beta.json: $.enterpriseConnection.name: the connection name is already claimed by tenants/alpha.json at $.enterpriseConnection.name (received "corp-sso"). Connection names are unique in the Auth0 tenant: name this one after its own customer, e.g. "acme-saml".',
    ]);
  });

  test("when discovery domains differ only in case, then the second claims what the first has", () => {
    expect(
      problems(
        tenant("alpha", { discoveryDomains: [{ domain: "acme.example" }] }),
        tenant("beta", {
          discoveryDomains: [{ domain: "x.example" }, { domain: "ACME.example" }],
        })
      )
    ).toEqual([
      'tenants/beta.json: $.discoveryDomains[1].domain: the discovery domain is already claimed by tenants/alpha.json at $.discoveryDomains[0].domain (received "ACME.example"). A domain can route its users to one organization only: find out which customer owns it and remove it from the other file.',
    ]);
  });

  test("when agents' secrets would be read from one variable, then the second names the first", () => {
    expect(problems(tenant("ab-c", secretAgent("x")), tenant("ab_c", secretAgent("x")))).toEqual([
      "tenants/ab_c.json: $.agents[0].name: the secret variable is already claimed by tenants/ab-c.json at $.agents[0].name (received \"TF_VAR_agent_client_secret_ab_c_x\"). Two secrets would be read from the same environment variable: rename this tenant or agent so that the names differ by more than '-' and '_'.",
    ]);
  });

  test("when identity provider secrets would be read from one variable, then the second names the first", () => {
    expect(problems(tenant("ab-c", okta("one")), tenant("ab_c", okta("two")))).toEqual([
      "tenants/ab_c.json: $.enterpriseConnection: the secret variable is already claimed by tenants/ab-c.json at $.enterpriseConnection (received \"TF_VAR_sso_client_secret_ab_c\"). Two secrets would be read from the same environment variable: rename this tenant or agent so that the names differ by more than '-' and '_'.",
    ]);
  });
});

describe("given two tenants with settings that claim no secret variable", () => {
  test.each<[string, Record<string, unknown>]>([
    ["SAML connections (no client secret)", { enterpriseConnection: { name: "x", strategy: "samlp" } }],
    ["enterprise connections without a strategy", { enterpriseConnection: { name: "x" } }],
    ["agents whose secret Auth0 generates (no secretVersion)", { agents: [{ name: "x", scopes: ["read:data"] }] }],
    [
      "agents with a secret version but without a name",
      {
        agents: [
          {
            scopes: ["read:data"],
            authentication: { method: "client_secret", secretVersion: 1 },
          },
        ],
      },
    ],
  ])("when they are %s, and the tenant names differ only in '-' and '_', then nothing clashes", (_what, extra) => {
    const named = (name: string) => ({
      ...extra,
      enterpriseConnection: extra.enterpriseConnection && {
        ...(extra.enterpriseConnection as object),
        name: `${name}-sso`,
      },
    });
    expect(problems(tenant("ab-c", named("one")), tenant("ab_c", named("two")))).toEqual([]);
  });

  test("when the files give no organization name, then their agents claim no secret variable", () => {
    expect(problems(tenant(undefined, secretAgent("x")), tenant(undefined, secretAgent("x")))).toEqual([]);
  });
});

describe("given entries the schema refuses, in two tenants", () => {
  test.each<[string, Record<string, unknown>]>([
    ["discovery domains without a domain, or not objects", { discoveryDomains: [{ status: "verified" }, "acme.example", null] }],
    ["agents that are not objects, or without authentication", { agents: ["sync", { name: "x", scopes: ["read:data"] }] }],
    ["keys without a PEM, or not objects", keys({ name: "k" }, "k", null)],
    [
      "keys whose PEM is no readable key",
      keys({
        name: "k",
        pem: "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n",
      }),
    ],
  ])("when they are %s, then they claim nothing (the schema reports them)", (_what, extra) => {
    expect(problems(tenant("alpha", extra), tenant("beta", extra))).toEqual([]);
  });

  test("when one readable key sits next to them in both, then only that key clashes", () => {
    const extra = keys({ name: "k" }, { name: "k2", pem: PUBLIC_KEY });
    expect(problems(tenant("alpha", extra), tenant("beta", extra))).toEqual([
      expect.stringMatching(
        /^tenants\/beta\.json: \$\.agents\[0\]\.authentication\.publicKeys\[1\]\.pem: this public key is already claimed by tenants\/alpha\.json at \$\.agents\[0\]\.authentication\.publicKeys\[1\]\.pem \(received "SHA-256 [0-9a-f]{16}…"\)\. Every agent needs its own key pair/
      ),
    ]);
  });
});
