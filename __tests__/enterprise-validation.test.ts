import { PUBLIC_KEY, publicKeyPem, SIGNING_CERT } from "./support/keys";
import { minimalTenant, TempProject } from "./support/project";

/**
 * Bad enterprise input: each class of problem is one error that names the file, the path
 * and what to do; problems that span files name both files.
 */
let project: TempProject;
beforeEach(() => (project = new TempProject()));
afterEach(() => project.remove());

const tenant = (name: string, extra: Record<string, unknown>) => ({ ...minimalTenant(name), ...extra });
const keyAgent = (name: string, publicKeys: unknown[]) => ({ name, scopes: ["read:data"], authentication: { method: "private_key_jwt", publicKeys } });

/** Every problem of the fleet, one formatted line each, with the temporary folder shortened. */
function problems(): string[] {
  const { fleet, errors } = project.check();
  if (errors.length === 0) expect(fleet).toBeDefined();
  return errors.map((e) => e.format().replaceAll(project.dir + "/", ""));
}

describe("given a SAML connection", () => {
  test("when it has neither a metadata URL nor a sign-in URL with certificate, then that is the error", () => {
    project.tenant("ent", tenant("ent", { enterpriseConnection: { name: "ent-saml", strategy: "samlp", signInUrl: "https://idp.ent.example/sso" } }));
    expect(problems()).toEqual([
      `tenants/ent.json:9:3: $.enterpriseConnection: a SAML connection needs "metadataUrl", or both "signInUrl" and "signingCert" (received {"signInUrl":"https://idp.ent.example/sso"}). Ask the customer for their SAML metadata URL, or for the sign-in URL and the signing certificate.`,
    ]);
  });

  test("when it has both a metadata URL and a sign-in URL, then it must choose", () => {
    project.tenant("ent", tenant("ent", { enterpriseConnection: { name: "ent-saml", strategy: "samlp", metadataUrl: "https://idp.ent.example/m.xml", signInUrl: "https://idp.ent.example/sso", signingCert: SIGNING_CERT } }));
    expect(problems()[0]).toContain('$.enterpriseConnection: give either "metadataUrl" or "signInUrl" with "signingCert", not both');
  });

  test("when its certificate is cut short, then it is not a readable X.509 certificate", () => {
    const cut = SIGNING_CERT.slice(0, 200) + "\n-----END CERTIFICATE-----\n";
    project.tenant("ent", tenant("ent", { enterpriseConnection: { name: "ent-saml", strategy: "samlp", signInUrl: "https://idp.ent.example/sso", signingCert: cut } }));
    expect(problems()).toEqual([expect.stringMatching(/^tenants\/ent\.json:13:5: \$\.enterpriseConnection\.signingCert: is not a readable X\.509 certificate \(received "-----BEGIN CERTIFICATE-----.*Paste the whole PEM block/)]);
  });

  test("when its sign-in URL is plain http, then it must use https", () => {
    project.tenant("ent", tenant("ent", { enterpriseConnection: { name: "ent-saml", strategy: "samlp", signInUrl: "http://idp.ent.example/sso", signingCert: SIGNING_CERT } }));
    expect(problems()).toEqual([`tenants/ent.json:12:5: $.enterpriseConnection.signInUrl: must use https (received "http://idp.ent.example/sso"). Ask the customer for the "https://" address.`]);
  });
});

describe("given enterprise connection names", () => {
  test("when a tenant names its connection like a platform connection, then it clashes with the platform file", () => {
    project.tenant("ent", tenant("ent", { enterpriseConnection: { name: "google-OAUTH2", strategy: "samlp", metadataUrl: "https://idp.ent.example/m.xml" } }));
    expect(problems()).toEqual([
      `tenants/ent.json:10:5: $.enterpriseConnection.name: the connection name "google-OAUTH2" is a platform connection in platform.json (received "google-OAUTH2"). Name the customer's connection after the customer, e.g. "acme-saml"; to link a platform connection, list it under "connections".`,
    ]);
  });

  test("when two tenants name their connections alike, then the second names the first file", () => {
    project.tenant("alpha", tenant("alpha", { enterpriseConnection: { name: "corp-sso", strategy: "samlp", metadataUrl: "https://idp.alpha.example/m.xml" } }));
    project.tenant("beta", tenant("beta", { enterpriseConnection: { name: "Corp-SSO", strategy: "okta", domain: "beta.okta.com", clientId: "x" } }));
    expect(problems()).toEqual([
      `tenants/beta.json:10:5: $.enterpriseConnection.name: the connection name is already claimed by tenants/alpha.json at $.enterpriseConnection.name (received "Corp-SSO"). Connection names are unique in the Auth0 tenant: name this one after its own customer, e.g. "acme-saml".`,
    ]);
  });

  test("when the enterprise connection is the eleventh link, then the organization's connection limit counts it", () => {
    const links = ["Username-Password-Authentication", "google-oauth2", "Partners-Database"].map((name) => ({ name }));
    project.remove();
    const platform = require("./support/project").examplePlatform();
    platform.connections.push(...Array.from({ length: 7 }, (_, i) => ({ name: `db-${i}`, strategy: "auth0" })));
    project = new TempProject(platform);
    project.tenant("ent", tenant("ent", { connections: [...links, ...Array.from({ length: 7 }, (_, i) => ({ name: `db-${i}` }))], enterpriseConnection: { name: "ent-saml", strategy: "samlp", metadataUrl: "https://idp.ent.example/m.xml" } }));
    expect(problems()).toEqual([
      "tenants/ent.json:4:3: $.connections: Auth0 allows at most 10 connections per organization, and this file links 11 (the listed ones and the enterprise connection) (received 11). Remove connection links.",
    ]);
  });
});

describe("given discovery domains", () => {
  test("when one domain is claimed by two tenants, then the second names the first file", () => {
    project.tenant("alpha", tenant("alpha", { discoveryDomains: [{ domain: "shared.example" }] }));
    project.tenant("beta", tenant("beta", { discoveryDomains: [{ domain: "beta.example" }, { domain: "shared.example", status: "verified" }] }));
    expect(problems()).toEqual([
      `tenants/beta.json:14:7: $.discoveryDomains[1].domain: the discovery domain is already claimed by tenants/alpha.json at $.discoveryDomains[0].domain (received "shared.example"). A domain can route its users to one organization only: find out which customer owns it and remove it from the other file.`,
    ]);
  });

  test.each([["https://ent.example"], ["Ent.Example"], ["localhost"], ["ent..example"], ["-ent.example"]])("when the domain is %p, then its syntax is an error", (domain) => {
    project.tenant("ent", tenant("ent", { discoveryDomains: [{ domain }] }));
    expect(problems()).toEqual([
      `tenants/ent.json:11:7: $.discoveryDomains[0].domain: a discovery domain must be a lowercase DNS name such as "acme.example" (received ${JSON.stringify(domain)}). Write the bare domain, without https:// or a path, in lowercase.`,
    ]);
  });
});

describe("given connection link modes", () => {
  test("when the switch names the mode the file already has, then it is an error", () => {
    project.tenant("ent", tenant("ent", { connectionLinks: "additive", connectionLinksSwitchedFrom: "additive" }));
    expect(problems()).toEqual([
      `tenants/ent.json:10:3: $.connectionLinksSwitchedFrom: "connectionLinksSwitchedFrom" names the mode "connectionLinks" already has (received "additive"). Write the mode the organization had before this change, or remove "connectionLinksSwitchedFrom" once the switch has been deployed.`,
    ]);
  });

  test("when an adopted organization also switches, then there is nothing to switch from", () => {
    project.tenant("ent", tenant("ent", { import: { organizationId: "org_Ab12" }, connectionLinks: "additive", connectionLinksSwitchedFrom: "exclusive" }));
    expect(problems()).toEqual([
      `tenants/ent.json:13:3: $.connectionLinksSwitchedFrom: an organization adopted with "import" has no previous link mode to switch from. Remove "connectionLinksSwitchedFrom": "import" adopts the listed links into the mode given by "connectionLinks".`,
    ]);
  });
});

describe("given agent keys", () => {
  test("when a key has expired, then it must be removed", () => {
    project.tenant("ent", tenant("ent", { agents: [keyAgent("sync", [{ name: "old", pem: PUBLIC_KEY, expiresAt: "2020-01-01T00:00:00Z" }])] }));
    expect(problems()).toEqual([
      `tenants/ent.json:21:13: $.agents[0].authentication.publicKeys[0].expiresAt: this key has expired (received "2020-01-01T00:00:00Z"). Remove the key from the file; add its successor first if the agent still uses it.`,
    ]);
  });

  test("when an expiry is not a date, then it must be ISO 8601", () => {
    project.tenant("ent", tenant("ent", { agents: [keyAgent("sync", [{ name: "k", pem: PUBLIC_KEY, expiresAt: "next year" }])] }));
    expect(problems()[0]).toContain('$.agents[0].authentication.publicKeys[0].expiresAt: must be an ISO 8601 date and time (received "next year"). For example "2027-06-30T00:00:00Z".');
  });

  test("when an agent lists three keys, then Auth0's limit of two is the error", () => {
    project.tenant("ent", tenant("ent", { agents: [keyAgent("sync", [1, 2, 3].map((i) => ({ name: `k${i}`, pem: publicKeyPem() })))] }));
    expect(problems()[0]).toMatch(/^tenants\/ent\.json:\d+:\d+: \$\.agents\[0\]\.authentication\.publicKeys: Auth0 accepts at most two keys per agent \(received \[.*Keep the key agents sign with now and its successor/);
  });

  test("when a PEM block is damaged, then it is not a readable key", () => {
    const damaged = PUBLIC_KEY.replace(/\n/g, "");
    project.tenant("ent", tenant("ent", { agents: [keyAgent("sync", [{ name: "k", pem: damaged }])] }));
    expect(problems()).toEqual([expect.stringMatching(/^tenants\/ent\.json:20:13: \$\.agents\[0\]\.authentication\.publicKeys\[0\]\.pem: is not a readable PEM public key or certificate \(received "-----BEGIN PUBLIC KEY-----.*Paste the whole PEM block unchanged/)]);
  });

  test("when two agents of two tenants share one key, then the second names the first file", () => {
    project.tenant("alpha", tenant("alpha", { agents: [keyAgent("sync", [{ name: "k", pem: PUBLIC_KEY }])] }));
    project.tenant("beta", tenant("beta", { agents: [keyAgent("import", [{ name: "k", pem: PUBLIC_KEY }])] }));
    expect(problems()).toEqual([
      expect.stringMatching(
        /^tenants\/beta\.json:20:13: \$\.agents\[0\]\.authentication\.publicKeys\[0\]\.pem: this public key is already claimed by tenants\/alpha\.json at \$\.agents\[0\]\.authentication\.publicKeys\[0\]\.pem \(received "SHA-256 [0-9a-f]{16}…"\)\. Every agent needs its own key pair/,
      ),
    ]);
  });

  test("when one agent lists the same key twice, then the second is the error", () => {
    project.tenant("ent", tenant("ent", { agents: [keyAgent("sync", [{ name: "a", pem: PUBLIC_KEY }, { name: "b", pem: PUBLIC_KEY }])] }));
    expect(problems()).toEqual([expect.stringContaining("tenants/ent.json:24:13: $.agents[0].authentication.publicKeys[1].pem: this public key is already claimed by tenants/ent.json at $.agents[0].authentication.publicKeys[0].pem")]);
  });
});

describe("given secrets read from the environment", () => {
  test("when two tenants' names differ only in '-' and '_', then their identity provider secrets would share one variable", () => {
    const okta = (name: string) => ({ enterpriseConnection: { name, strategy: "okta", domain: `${name}.okta.com`, clientId: "x" } });
    project.tenant("ab-c", tenant("ab-c", okta("abc-one")));
    project.tenant("ab_c", tenant("ab_c", okta("abc-two")));
    expect(problems()).toEqual([
      `tenants/ab_c.json:9:3: $.enterpriseConnection: the secret variable is already claimed by tenants/ab-c.json at $.enterpriseConnection (received "TF_VAR_sso_client_secret_ab_c"). Two secrets would be read from the same environment variable: rename this tenant or agent so that the names differ by more than '-' and '_'.`,
    ]);
  });

  test("when tenant acme's agent x-y and tenant acme-x's agent y would read one variable (agent_client_secret_acme_x_y), then one file is refused naming the other", () => {
    const agent = (name: string) => ({ agents: [{ name, scopes: ["read:data"], authentication: { method: "client_secret", secretVersion: 1 } }] });
    project.tenant("acme", tenant("acme", agent("x-y")));
    project.tenant("acme-x", tenant("acme-x", agent("y")));
    expect(problems()).toEqual([
      `tenants/acme.json:11:7: $.agents[0].name: the secret variable is already claimed by tenants/acme-x.json at $.agents[0].name (received "TF_VAR_agent_client_secret_acme_x_y"). Two secrets would be read from the same environment variable: rename this tenant or agent so that the names differ by more than '-' and '_'.`,
    ]);
  });

  test("when an agent's secret has version 0, then versions start at 1", () => {
    project.tenant("ent", tenant("ent", { agents: [{ name: "sync", scopes: ["read:data"], authentication: { method: "client_secret", secretVersion: 0 } }] }));
    expect(problems()).toEqual([
      "tenants/ent.json:17:9: $.agents[0].authentication.secretVersion: the secret version starts at 1 (received 0). Write 1 for the first secret you set, and add 1 each time you rotate it.",
    ]);
  });
});

describe("given a file with an enterprise problem", () => {
  test("when synthesizing, then it exits 1 and writes nothing", async () => {
    project.tenant("alpha", tenant("alpha", { discoveryDomains: [{ domain: "shared.example" }] }));
    project.tenant("beta", tenant("beta", { discoveryDomains: [{ domain: "shared.example" }] }));
    const { exitCode, output } = await project.synth();
    expect(exitCode).toBe(1);
    expect(output).toContain("the discovery domain is already claimed by");
    expect(project.outputFiles()).toEqual([]);
  });
});
