import * as fs from "fs";
import * as path from "path";
import { minimalTenant, TempProject } from "./support/project";

/**
 * Validation of what the stacks rely on to behave on a real Auth0 tenant: a member found by
 * email resolves to one user, organization names follow Auth0's rule, adoption ids are well formed.
 */
const FIXTURE_PLATFORM = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "stacks", "platform.json"), "utf8"));

let project: TempProject;
beforeEach(() => (project = new TempProject(FIXTURE_PLATFORM)));
afterEach(() => project.remove());

const twoConnections = [{ name: "Username-Password-Authentication" }, { name: "google-oauth2" }];

/** Every error line for a tenant file, without the temp folder. */
function tenantErrors(name: string, file: Record<string, unknown>): string[] {
  const written = project.tenant(name, file);
  return project.check().errors.map((e) => e.format().replace(`${written}:`, ""));
}

function platformErrors(platform: Record<string, any>): string[] {
  project.remove();
  project = new TempProject(platform);
  project.tenant("acme", minimalTenant("acme"));
  return project.check().errors.map((e) => e.format().replace(`${project.platformFile}:`, ""));
}

describe("given a tenant that links two connections", () => {
  test("when a member is given by email without a connection, then it is an error naming both connections", () => {
    expect(tenantErrors("acme", { ...minimalTenant("acme"), connections: twoConnections, members: [{ email: "jane@acme.example" }] })).toEqual([
      '13:5: $.members[0]: this tenant links 2 connections, so a member given by email must say which one the user logs in with (the same email in two connections is two Auth0 users, and the lookup must find exactly one) (received "jane@acme.example"). Add "connection" with one of: Username-Password-Authentication, google-oauth2; or give the member\'s "userId" instead of "email".',
    ]);
  });

  test("when the member names one of them, or is given by user id, then the file is valid", () => {
    expect(
      tenantErrors("acme", {
        ...minimalTenant("acme"),
        connections: twoConnections,
        members: [{ email: "jane@acme.example", connection: "google-oauth2" }, { userId: "auth0|1" }],
      }),
    ).toEqual([]);
  });

  test("when the member names a connection the tenant does not link, then it is an error with a suggestion", () => {
    expect(tenantErrors("acme", { ...minimalTenant("acme"), connections: twoConnections, members: [{ email: "jane@acme.example", connection: "google-oauth" }] })).toEqual([
      '15:7: $.members[0].connection: the member\'s connection is not one this tenant links, so the user could not log in to the organization with it (received "google-oauth"). Did you mean "google-oauth2"? Or link the connection under "connections" first.',
    ]);
  });
});

describe("given a member with a user id and a connection", () => {
  test("then the connection is an error: a user id already names one user", () => {
    expect(tenantErrors("acme", { ...minimalTenant("acme"), members: [{ userId: "auth0|1", connection: "Username-Password-Authentication" }] })).toEqual([
      '12:7: $.members[0].connection: "connection" only narrows the lookup of a member given by "email"; a "userId" already names one user (received "Username-Password-Authentication"). Remove "connection" from this member.',
    ]);
  });
});

describe("given an organization name starting with '-', or with \"org_\" (which reads as an organization id at login)", () => {
  test.each([["-acme"], ["org_acme"]])("when the name is %s, then it is an error", (name) => {
    expect(tenantErrors(name, minimalTenant(name))).toEqual([
      `2:3: $.name: an organization name must be lowercase letters, digits, '-' or '_', start with a letter or digit, and not start with "org_" (received "${name}"). Write it like "acme-corp"; it must equal the file name.`,
    ]);
  });
});

describe("given a platform file that adopts existing objects", () => {
  const adopting = (how: unknown) => ({ ...FIXTURE_PLATFORM, connections: [{ name: "Username-Password-Authentication", strategy: "auth0", import: how }] });

  test("when a connection's import is not one of the allowed shapes, then it is an error saying which they are", () => {
    expect(platformErrors(adopting("yes"))).toEqual([
      expect.stringContaining(
        '$.connections[0].import: "import" is "by-name", false, or { "connectionId": "con_…" } (received "yes"). Write "by-name" to adopt the connection of this name, false to create it',
      ),
    ]);
  });

  test("when a connection id is malformed, then it is an error saying where to find it", () => {
    expect(platformErrors(adopting({ connectionId: "upa" }))).toEqual([
      expect.stringContaining('$.connections[0].import.connectionId: a connection id looks like "con_" followed by letters and digits (received "upa"). Copy it from the Auth0 dashboard'),
    ]);
  });

  test("when the login application's client id is malformed, then it is an error saying where to find it", () => {
    const platform = { ...FIXTURE_PLATFORM, loginApplication: { ...FIXTURE_PLATFORM.loginApplication, import: { clientId: "abc" } } };
    expect(platformErrors(platform)).toEqual([
      expect.stringContaining('$.loginApplication.import.clientId: an Auth0 client id is 32 letters and digits (received "abc"). Copy it from the Auth0 dashboard'),
    ]);
  });
});
