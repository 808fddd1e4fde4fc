import * as fs from "fs";
import * as path from "path";
import { listCommand } from "../src/cli/list-command";
import { newCommand } from "../src/cli/new-command";
import { validateCommand } from "../src/cli/validate-command";
import { runCli } from "./support/cli";
import { FIXTURE_ENV, minimalTenant, TempProject } from "./support/project";

let project: TempProject;
beforeEach(() => (project = new TempProject()));
afterEach(() => project.remove());

const broken = () => ({ ...minimalTenant("broken"), displayName: "", members: [{ email: "nope", roles: ["admin"] }] });

describe("tenants validate", () => {
  test("given the fixture files, when validating, then it says all files are valid and exits 0", async () => {
    expect(await runCli(validateCommand, [], FIXTURE_ENV)).toEqual({ exitCode: 0, out: ["5 files valid."], err: [] });
  });

  test("given a file with two problems, when validating, then each is one line starting with file:line:column, and it exits 1", async () => {
    const file = project.tenant("broken", broken());
    const { exitCode, out } = await runCli(validateCommand, [], project.env);
    expect(exitCode).toBe(1);
    expect(out).toEqual([
      `${file}:3:3: $.displayName: the display name is empty (received ""). Write the customer's name as users should see it.`,
      `${file}:11:7: $.members[0].email: must be an email address (received "nope"). Write the address the user logs in with, e.g. "jane@example.com".`,
      "2 problems in 1 of 2 files.",
    ]);
  });

  test("given files named on the command line, when validating, then only those tenant files and the platform file are checked", async () => {
    const good = project.tenant("good", minimalTenant("good"));
    project.tenant("broken", broken());
    expect(await runCli(validateCommand, [good], project.env)).toEqual({ exitCode: 0, out: ["2 files valid."], err: [] });
  });

  test("given --format json, when validating a broken file, then the errors are machine-readable", async () => {
    const file = project.tenant("broken", broken());
    const { exitCode, out } = await runCli(validateCommand, ["--format", "json"], project.env);
    expect(exitCode).toBe(1);
    const report = JSON.parse(out.join("\n"));
    expect(report.valid).toBe(false);
    expect(report.errors[1]).toEqual({
      file,
      line: 11,
      column: 7,
      path: "$.members[0].email",
      problem: "must be an email address",
      received: "nope",
      fix: 'Write the address the user logs in with, e.g. "jane@example.com".',
    });
  });

  test("given GitHub Actions and --format json, when validating a broken file, then stdout is the JSON report alone and the annotations go to stderr", async () => {
    project.tenant("broken", broken());
    const { exitCode, out, err } = await runCli(validateCommand, ["--format", "json"], { ...project.env, GITHUB_ACTIONS: "true" });
    expect(exitCode).toBe(1);
    expect(JSON.parse(out.join("\n")).errors).toHaveLength(2);
    expect(err).toHaveLength(2);
    expect(err.every((line) => line.startsWith("::error file="))).toBe(true);
  });

  test("given a file whose name is \"NewCo\", when validating newco.json, then the hints agree: set the name to the file name, never rename the file to an invalid name", async () => {
    const file = project.tenant("newco", { ...minimalTenant("newco"), name: "NewCo" });
    const { exitCode, out } = await runCli(validateCommand, [], project.env);
    expect(exitCode).toBe(1);
    expect(out).toEqual([
      `${file}:2:3: $.name: an organization name must be lowercase letters, digits, '-' or '_', start with a letter or digit, and not start with "org_" (received "NewCo"). Write it like "acme-corp"; it must equal the file name.`,
      `${file}:2:3: $.name: the organization name must equal the file name "newco" (received "NewCo"). Set "name" to "newco".`,
      "2 problems in 1 of 2 files.",
    ]);
  });

  test("given GitHub Actions, when validating a broken file, then each problem is also an ::error annotation on its file and line, on stderr", async () => {
    const file = project.tenant("broken", broken());
    const { err } = await runCli(validateCommand, [], { ...project.env, GITHUB_ACTIONS: "true" });
    expect(err).toContain(
      `::error file=${file},line=11,col=7,title=$.members[0].email::$.members[0].email: must be an email address (received "nope"). Write the address the user logs in with, e.g. "jane@example.com".`,
    );
  });
});

describe("tenants list", () => {
  test("given the fixture files, when listing, then each tenant shows its stack, status and counts", async () => {
    const { exitCode, out } = await runCli(listCommand, [], FIXTURE_ENV);
    expect(exitCode).toBe(0);
    expect(out).toEqual([
      "TENANT   STACK           STATUS          MEMBERS  CONNECTIONS  SSO  DOMAINS  AGENTS",
      "acme     tenant-acme     active          4        3            -    0        2",
      "globex   tenant-globex   active          1        1            -    0        0",
      "initech  tenant-initech  active          2        1            -    0        0",
      "leaving  tenant-leaving  decommissioned  0        1            -    0        0",
      "4 tenants",
    ]);
  });

  test("given --format json, when listing, then the rows are JSON", async () => {
    const { out } = await runCli(listCommand, ["--format", "json"], FIXTURE_ENV);
    expect(JSON.parse(out.join("\n"))[0]).toEqual({
      tenant: "acme",
      stack: "tenant-acme",
      status: "active",
      members: 4,
      connections: 3,
      enterpriseConnection: null,
      discoveryDomains: 0,
      pendingDomains: 0,
      agents: 2,
    });
  });

  describe("given enterprise customers", () => {
    beforeEach(() => {
      project.tenant("saml", {
        ...minimalTenant("saml"),
        enterpriseConnection: { name: "saml-sso", strategy: "samlp", metadataUrl: "https://idp.saml.example/metadata.xml" },
        discoveryDomains: [{ domain: "saml.example", status: "verified" }, { domain: "saml-labs.example" }],
      });
      project.tenant("okta", { ...minimalTenant("okta"), enterpriseConnection: { name: "okta-sso", strategy: "okta", domain: "okta-co.okta.com", clientId: "0oa1" } });
      project.tenant("plain", { ...minimalTenant("plain"), discoveryDomains: [{ domain: "plain.example", status: "verified" }] });
    });

    test("when listing, then CONNECTIONS counts the enterprise connection, SSO names its strategy and DOMAINS counts the domains, pending ones in brackets", async () => {
      const { exitCode, out } = await runCli(listCommand, [], project.env);
      expect(exitCode).toBe(0);
      expect(out).toEqual([
        "TENANT  STACK         STATUS  MEMBERS  CONNECTIONS  SSO    DOMAINS        AGENTS",
        "okta    tenant-okta   active  0        2            okta   0              0",
        "plain   tenant-plain  active  0        1            -      1              0",
        "saml    tenant-saml   active  0        2            samlp  2 (1 pending)  0",
        "3 tenants",
      ]);
    });

    test("when listing as JSON, then each row names the enterprise connection and counts all and pending domains", async () => {
      const { out } = await runCli(listCommand, ["--format", "json"], project.env);
      expect(JSON.parse(out.join("\n")).map((r: any) => [r.tenant, r.connections, r.enterpriseConnection, r.discoveryDomains, r.pendingDomains])).toEqual([
        ["okta", 2, { name: "okta-sso", strategy: "okta" }, 0, 0],
        ["plain", 1, null, 1, 0],
        ["saml", 2, { name: "saml-sso", strategy: "samlp" }, 2, 1],
      ]);
    });
  });
});

describe("tenants new", () => {
  test("given a new name, when creating, then a valid tenant file is written from the template", async () => {
    const result = await runCli(newCommand, ["northwind-traders"], project.env);
    const file = path.join(project.tenantsDir, "northwind-traders.json");
    expect(result).toEqual({ exitCode: 0, out: [`Wrote ${file}. Add members and agents, then run: npm run tenants -- validate ${file}`], err: [] });
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual({
      $schema: "../schemas/tenant.schema.json",
      name: "northwind-traders",
      displayName: "Northwind Traders",
      connections: [{ name: "Username-Password-Authentication" }],
      members: [],
      agents: [],
    });
    expect((await runCli(validateCommand, [file], project.env)).exitCode).toBe(0);
  });

  test("given an existing tenant, when creating it again, then it refuses and leaves the file alone", async () => {
    const file = project.tenant("taken", minimalTenant("taken"));
    const before = fs.readFileSync(file, "utf8");
    expect(await runCli(newCommand, ["taken"], project.env)).toEqual({ exitCode: 1, out: [], err: [`tenants new: ${file} already exists; edit it instead.`] });
    expect(fs.readFileSync(file, "utf8")).toBe(before);
  });

  test("given a name that breaks Auth0's rules, when creating, then it refuses and writes nothing", async () => {
    const result = await runCli(newCommand, ["Bad Name"], project.env);
    expect(result.exitCode).toBe(2);
    expect(result.err[0]).toContain('"Bad Name" is not a valid organization name');
    expect(fs.readdirSync(project.tenantsDir)).toEqual([]);
  });
});
