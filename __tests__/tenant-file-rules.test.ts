import * as fs from "fs";
import * as path from "path";
import { PlatformFile } from "../src/model/platform-file";
import { TenantFile } from "../src/model/tenant-file";
import type { Tenant } from "../src/model/types";
import { toPlatform } from "../src/validate/platform-rules";
import { TenantRuleView } from "../src/validate/tenant-rule-view";
import { duplicateTenantErrors, tenantRuleErrors, toTenant } from "../src/validate/tenant-rules";

/**
 * The rules a tenant file must meet against the platform file (`src/validate/tenant-rules.ts`,
 * `enterprise-rules.ts`), each with a file that breaks it (the exact line a person reads)
 * and one that does not, and the model built from a valid file. In-process: the rules run
 * on the lenient view of the file, as `checkFleet` runs them, against the tests' own platform file.
 */
const FILE = "tenants/acme.json";
const PLATFORM = toPlatform("platform.json", PlatformFile.parse(JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "platform.json"), "utf8"))));
const acme = (extra: Record<string, unknown> = {}) => ({
  name: "acme",
  displayName: "Acme",
  connections: [{ name: "Username-Password-Authentication" }],
  ...extra,
});
const twoLinks = [{ name: "Username-Password-Authentication" }, { name: "google-oauth2" }];

function problems(value: unknown, file = FILE): string[] {
  return tenantRuleErrors(file, TenantRuleView.parse(value), PLATFORM).map((e) => e.describe());
}

/** [rule, a file that breaks it, every line it says] */
const BROKEN: Array<[string, Record<string, unknown>, string[]]> = [
  [
    "a name that is not the file's",
    acme({ name: "acme-corp" }),
    ['$.name: the organization name must equal the file name "acme" (received "acme-corp"). Rename the file to acme-corp.json or set "name" to "acme".'],
  ],
  [
    "a name that is neither the file's nor a valid name",
    acme({ name: "Acme Corp" }),
    ['$.name: the organization name must equal the file name "acme" (received "Acme Corp"). Set "name" to "acme".'],
  ],
  [
    "a connection linked twice",
    acme({
      connections: [...twoLinks, { name: "google-oauth2", showAsButton: false }],
    }),
    ['$.connections[2].name: the same connection is listed twice (first at $.connections[1].name) (received "google-oauth2"). Merge the two entries into one.'],
  ],
  [
    "sign-up on a Google connection",
    acme({
      connections: [
        {
          name: "google-oauth2",
          signupEnabled: true,
          assignMembershipOnLogin: true,
        },
      ],
    }),
    [
      '$.connections[0].signupEnabled: "signupEnabled" only applies to database connections, and "google-oauth2" uses strategy "google-oauth2" (received true). Remove "signupEnabled" from this link or set it to false.',
    ],
  ],
  [
    "sign-up without membership on login",
    acme({ connections: [{ name: "Partners-Database", signupEnabled: true }] }),
    [
      '$.connections[0].signupEnabled: "signupEnabled" can only be true when "assignMembershipOnLogin" is true (an Auth0 rule) (received true). Set "assignMembershipOnLogin": true, or "signupEnabled": false.',
    ],
  ],
  [
    "a member with neither user id nor email, twice",
    acme({ members: [{ roles: ["admin"] }, { roles: ["member"] }] }),
    [0, 1].map(
      (i) =>
        `$.members[${i}]: a member needs exactly one of "userId" or "email" (received {}). Give either "userId" (e.g. "auth0|64f1c0ffee") or "email" (e.g. "jane@example.com"), not both and not neither.`
    ),
  ],
  [
    "a member with both user id and email, in a tenant that links two connections",
    acme({ connections: twoLinks, members: [{ userId: "auth0|1", email: "jane@acme.example" }] }),
    [
      '$.members[0]: a member needs exactly one of "userId" or "email" (received {"userId":"auth0|1","email":"jane@acme.example"}). Give either "userId" (e.g. "auth0|64f1c0ffee") or "email" (e.g. "jane@example.com"), not both and not neither.',
    ],
  ],
  [
    "a member with neither user id nor email, in a tenant that links two connections",
    acme({ connections: twoLinks, members: [{ roles: ["admin"] }] }),
    [
      '$.members[0]: a member needs exactly one of "userId" or "email" (received {}). Give either "userId" (e.g. "auth0|64f1c0ffee") or "email" (e.g. "jane@example.com"), not both and not neither.',
    ],
  ],
  [
    "a member by user id with a connection",
    acme({
      members: [{ userId: "auth0|1", connection: "Username-Password-Authentication" }],
    }),
    [
      '$.members[0].connection: "connection" only narrows the lookup of a member given by "email"; a "userId" already names one user (received "Username-Password-Authentication"). Remove "connection" from this member.',
    ],
  ],
  [
    "a member by email whose connection the tenant does not link",
    acme({
      members: [{ email: "jane@acme.example", connection: "Partners-Database" }],
    }),
    [
      '$.members[0].connection: the member\'s connection is not one this tenant links, so the user could not log in to the organization with it (received "Partners-Database"). Use one of: Username-Password-Authentication. Or link the connection under "connections" first.',
    ],
  ],
  [
    "a member by email without a connection, in a tenant that links two",
    acme({ connections: twoLinks, members: [{ email: "jane@acme.example" }] }),
    [
      '$.members[0]: this tenant links 2 connections, so a member given by email must say which one the user logs in with (the same email in two connections is two Auth0 users, and the lookup must find exactly one) (received "jane@acme.example"). Add "connection" with one of: Username-Password-Authentication, google-oauth2; or give the member\'s "userId" instead of "email".',
    ],
  ],
  [
    "the same member by email in other capitals",
    acme({
      members: [{ email: "Jane@Acme.example" }, { email: "jane@acme.EXAMPLE" }],
    }),
    ['$.members[1]: the same member is listed twice (first at $.members[0]) (received "jane@acme.example"). Merge the two entries into one.'],
  ],
  [
    "a role given twice to a member",
    acme({
      members: [{ userId: "auth0|1", roles: ["admin", "member", "admin"] }],
    }),
    ['$.members[0].roles[2]: the same role is listed twice (first at $.members[0].roles[0]) (received "admin"). Merge the two entries into one.'],
  ],
  [
    "a role the platform does not define",
    acme({ members: [{ userId: "auth0|1", roles: ["member", "owner"] }] }),
    ['$.members[0].roles[1]: role "owner" is not defined in platform.json (received "owner"). Use one of: admin, billing, member. To add a new role, change platform.json first.'],
  ],
  [
    "an agent name given twice",
    acme({
      agents: [
        { name: "bot", scopes: ["read:data"] },
        { name: "bot", scopes: ["write:data"] },
      ],
    }),
    ['$.agents[1].name: the same agent is listed twice (first at $.agents[0].name) (received "bot"). Merge the two entries into one.'],
  ],
  [
    "a scope given twice to an agent",
    acme({ agents: [{ name: "bot", scopes: ["read:data", "read:data"] }] }),
    ['$.agents[0].scopes[1]: the same scope is listed twice (first at $.agents[0].scopes[0]) (received "read:data"). Merge the two entries into one.'],
  ],
  [
    "an agent scope the API does not define",
    acme({
      agents: [{ name: "bot", scopes: ["read:data", "delete:everything"] }],
    }),
    [
      '$.agents[0].scopes[1]: scope "delete:everything" is not defined on the API (received "delete:everything"). Use one of: manage:members, read:data, read:reports, write:data. Or add it to "api.scopes" first.',
    ],
  ],
];

describe.each(BROKEN)("given a tenant file with %s", (_rule, file, lines) => {
  test("when its rules are checked, then those are the errors", () => {
    expect(problems(file)).toEqual(lines);
  });
});

/** [rule, a file that meets it] */
const MET: Array<[string, Record<string, unknown>]> = [
  [
    "sign-up on a database connection with membership on login",
    acme({
      connections: [
        {
          name: "Partners-Database",
          signupEnabled: true,
          assignMembershipOnLogin: true,
        },
      ],
    }),
  ],
  ["sign-up switched off on a Google connection", acme({ connections: [{ name: "google-oauth2", signupEnabled: false }] })],
  ["a member by email, with the tenant's one connection taken for it", acme({ members: [{ email: "jane@acme.example" }] })],
  [
    "members by email in a tenant that links two, each naming one",
    acme({
      connections: twoLinks,
      members: [{ email: "jane@acme.example", connection: "google-oauth2" }, { userId: "auth0|1" }],
    }),
  ],
  [
    "two members and two agents with different keys and the same roles and scopes",
    acme({
      members: [
        { userId: "auth0|1", roles: ["admin"] },
        { userId: "auth0|2", roles: ["admin"] },
      ],
      agents: [
        { name: "a", scopes: ["read:data"] },
        { name: "b", scopes: ["read:data"] },
      ],
    }),
  ],
];

describe.each(MET)("given a tenant file with %s", (_rule, file) => {
  test("when its rules are checked, then there is no error", () => {
    expect(problems(file)).toEqual([]);
  });
});

describe("given entries of the wrong shape", () => {
  test("when its rules are checked, then those entries are left to the schema and the others still checked", () => {
    expect(
      problems(
        acme({
          connections: [1, { name: "github" }],
          members: ["jane", { userId: "auth0|1", roles: [7, "owner"] }],
          agents: [null, { name: "bot", scopes: [1, "nope"] }],
        })
      )
    ).toEqual([
      '$.connections[1].name: connection "github" is not defined in platform.json (received "github"). Use one of: Partners-Database, Username-Password-Authentication, google-oauth2. To add a new connection, change platform.json first.',
      '$.members[1].roles[1]: role "owner" is not defined in platform.json (received "owner"). Use one of: admin, billing, member. To add a new role, change platform.json first.',
      '$.agents[1].scopes[1]: scope "nope" is not defined on the API (received "nope"). Use one of: manage:members, read:data, read:reports, write:data. Or add it to "api.scopes" first.',
    ]);
  });

  test("when the whole file is not an object, then there is nothing for these rules to check (the schema reports it)", () => {
    expect(problems(["acme"] as unknown as Record<string, unknown>)).toEqual([]);
    expect(TenantRuleView.parse("acme")).toEqual({ connections: [], members: [], agents: [], discoveryDomains: [] });
  });

  test("when connection links have no name, then they are neither unknown nor duplicates", () => {
    expect(problems(acme({ connections: [{ showAsButton: true }, { showAsButton: false }] }))).toEqual([]);
  });

  test("when a link without a name sits next to one named link, then a member by email needs no connection: the tenant links one", () => {
    expect(problems(acme({ connections: [{ name: "Username-Password-Authentication" }, { showAsButton: true }], members: [{ email: "jane@acme.example" }] }))).toEqual([]);
  });
});

describe("given a valid tenant file", () => {
  const model = (value: Record<string, unknown>) => toTenant(FILE, TenantFile.parse(value));

  test("when it becomes the model, then every list is sorted by its key, and metadata by key", () => {
    const tenant = model(
      acme({
        $schema: "../schemas/tenant.schema.json",
        connections: [{ name: "google-oauth2" }, { name: "Username-Password-Authentication" }],
        metadata: { region: "eu", tier: "gold", account: "42" },
        members: [
          { email: "Jane@Acme.example", connection: "google-oauth2" },
          { userId: "auth0|2", roles: ["member", "admin"] },
        ],
        agents: [
          { name: "zeta", scopes: ["write:data", "read:data"] },
          { name: "alpha", scopes: ["read:data"] },
        ],
        discoveryDomains: [{ domain: "b.acme.example" }, { domain: "a.acme.example" }],
      })
    );
    expect(tenant.file).toBe(FILE);
    expect(tenant.stackName).toBe("tenant-acme");
    expect("$schema" in tenant).toBe(false);
    expect(tenant.connections.map((c) => c.name)).toEqual(["Username-Password-Authentication", "google-oauth2"]);
    expect(Object.entries(tenant.metadata)).toEqual([
      ["account", "42"],
      ["region", "eu"],
      ["tier", "gold"],
    ]);
    expect(tenant.members).toEqual([
      {
        userId: "auth0|2",
        key: "auth0|2",
        addressKey: "auth0_2-5d3fa7e9",
        connection: undefined,
        roles: ["admin", "member"],
      },
      {
        email: "Jane@Acme.example",
        key: "jane@acme.example",
        addressKey: "jane_at_acme_example-cd5decc9",
        connection: "google-oauth2",
        roles: [],
      },
    ]);
    expect(tenant.agents.map((a) => [a.name, a.scopes])).toEqual([
      ["alpha", ["read:data"]],
      ["zeta", ["read:data", "write:data"]],
    ]);
    expect(tenant.discoveryDomains.map((d) => d.domain)).toEqual(["a.acme.example", "b.acme.example"]);
  });

  test("when a member by email names no connection, then the tenant's only link is its connection; with two links none is guessed, and a member by user id has none", () => {
    expect(model(acme({ members: [{ email: "jane@acme.example" }] })).members[0].connection).toBe("Username-Password-Authentication");
    expect(model(acme({ members: [{ userId: "auth0|1" }] })).members[0].connection).toBeUndefined();
    expect(
      toTenant(FILE, {
        ...TenantFile.parse(acme({ connections: twoLinks })),
        members: [{ email: "jane@acme.example", roles: [] }],
      }).members[0].connection
    ).toBeUndefined();
  });
});

describe("given two tenant files for the same organization", () => {
  test("then the second is the error, naming the first, and other names are no duplicates", () => {
    const tenant = (file: string, name: string) => ({ file, name } as Tenant);
    const errors = duplicateTenantErrors([tenant("a/acme.json", "acme"), tenant("beta.json", "beta"), tenant("b/acme.json", "acme")]);
    expect(errors.map((e) => e.format())).toEqual([
      'b/acme.json: $.name: the organization name is already used by a/acme.json (received "acme"). Each tenant must have exactly one file; remove or rename one of them.',
    ]);
  });
});

describe("given an enterprise connection and connection links", () => {
  const sso = {
    name: "acme-saml",
    strategy: "samlp",
    metadataUrl: "https://idp.acme.example/m.xml",
  };
  const links = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `db-${i}` }));
  const connectionLimit = (value: Record<string, unknown>) => problems(value).filter((line) => line.startsWith("$.connections:"));

  test("when the enterprise connection is named like a platform connection in other capitals, then it clashes with the platform file", () => {
    expect(problems(acme({ enterpriseConnection: { ...sso, name: "google-OAUTH2" } }))).toEqual([
      '$.enterpriseConnection.name: the connection name "google-OAUTH2" is a platform connection in platform.json (received "google-OAUTH2"). Name the customer\'s connection after the customer, e.g. "acme-saml"; to link a platform connection, list it under "connections".',
    ]);
  });

  test("when a SAML connection has a sign-in URL without its certificate, then where its settings come from is the error", () => {
    expect(problems(acme({ enterpriseConnection: { name: "acme-saml", strategy: "samlp", signInUrl: "https://idp.acme.example/sso" } }))).toEqual([
      '$.enterpriseConnection: a SAML connection needs "metadataUrl", or both "signInUrl" and "signingCert" (received {"signInUrl":"https://idp.acme.example/sso"}). Ask the customer for their SAML metadata URL, or for the sign-in URL and the signing certificate.',
    ]);
  });

  test("when an OpenID connection has neither metadata nor sign-in URL, then that is no SAML problem", () => {
    expect(problems(acme({ enterpriseConnection: { name: "acme-oidc", strategy: "oidc" } }))).toEqual([]);
  });

  test("when nine links and the enterprise connection make ten, then that is within Auth0's limit", () => {
    expect(connectionLimit(acme({ connections: links(9), enterpriseConnection: sso }))).toEqual([]);
  });

  test("when ten links and the enterprise connection make eleven, then the limit is the error", () => {
    expect(connectionLimit(acme({ connections: links(10), enterpriseConnection: sso }))).toEqual([
      "$.connections: Auth0 allows at most 10 connections per organization, and this file links 11 (the listed ones and the enterprise connection) (received 11). Remove connection links.",
    ]);
  });

  test("when the listed links alone are over the limit, then it is left to the schema, which reports the list", () => {
    expect(connectionLimit(acme({ connections: links(11), enterpriseConnection: sso }))).toEqual([]);
  });

  test("when the switch names the default mode of a file that gives none, then it names the mode the file already has", () => {
    expect(problems(acme({ connectionLinksSwitchedFrom: "exclusive" }))).toEqual([
      '$.connectionLinksSwitchedFrom: "connectionLinksSwitchedFrom" names the mode "connectionLinks" already has (received "exclusive"). Write the mode the organization had before this change, or remove "connectionLinksSwitchedFrom" once the switch has been deployed.',
    ]);
  });

  test("when an adopted organization also switches modes, then there is nothing to switch from", () => {
    expect(problems(acme({ import: { organizationId: "org_Ab12" }, connectionLinks: "additive", connectionLinksSwitchedFrom: "exclusive" }))).toEqual([
      '$.connectionLinksSwitchedFrom: an organization adopted with "import" has no previous link mode to switch from. Remove "connectionLinksSwitchedFrom": "import" adopts the listed links into the mode given by "connectionLinks".',
    ]);
  });

  test("when a file switches from the other mode, or an adopted organization does not switch, then there is no error", () => {
    expect(
      problems(
        acme({
          connectionLinks: "additive",
          connectionLinksSwitchedFrom: "exclusive",
        })
      )
    ).toEqual([]);
    expect(problems(acme({ connectionLinksSwitchedFrom: "additive" }))).toEqual([]);
    expect(
      problems(
        acme({
          import: { organizationId: "org_Ab12" },
          connectionLinks: "additive",
        })
      )
    ).toEqual([]);
  });
});
