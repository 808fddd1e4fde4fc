import * as fs from "fs";
import * as path from "path";
import { checkFleet } from "../src/validate/validate-fleet";
import { examplePlatform, minimalTenant, TempProject } from "./support/project";

/**
 * One test per class of bad input: synth exits 1, the message names the file, the line and
 * column, the JSON path, what was received and what to do, and nothing is written.
 */
let project: TempProject;
beforeEach(() => (project = new TempProject()));
afterEach(() => project.remove());

const acme = (extra: Record<string, unknown> = {}) => ({ ...minimalTenant("acme"), ...extra });
const PLATFORM = "platform.json";

/** [situation, file content (object: written as indented JSON), expected line after "<file>:"] */
const CASES: Array<[string, Record<string, unknown> | string, string]> = [
  ["a file that is not valid JSON (a missing comma)", '{\n  "name": "acme"\n  "displayName": "Acme"\n}\n', "3:3: $: invalid JSON: expected ',' between entries. Fix the JSON syntax at this line and column"],
  ["a file with a trailing comma", '{\n  "name": "acme",\n}\n', "3:1: $: invalid JSON: expected a property name in double quotes."],
  ["an empty file", "  \n", "1:1: $: the file is empty. Write a JSON object into it"],
  ["a misspelled key", acme({ displayNme: "x" }), '9:3: $.displayNme: unknown key "displayNme" (received "displayNme"). Did you mean "displayName"?'],
  ["a missing required field", { name: "acme", connections: [{ name: "Username-Password-Authentication" }] }, "1:1: $.displayName: required field is missing (expected a string). Add it."],
  ["members given as an object", acme({ members: { jane: "admin" } }), '9:3: $.members: expected an array (received {"jane":"admin"}). Change the value to an array.'],
  [
    "a flag given as a string",
    acme({ connections: [{ name: "Username-Password-Authentication", assignMembershipOnLogin: "yes" }] }),
    '7:7: $.connections[0].assignMembershipOnLogin: expected true or false (received "yes"). Change the value to true or false.',
  ],
  [
    "an organization name with capitals and a space",
    acme({ name: "Acme Corp" }),
    `2:3: $.name: an organization name must be lowercase letters, digits, '-' or '_', start with a letter or digit, and not start with \"org_\" (received "Acme Corp"). Write it like "acme-corp"; it must equal the file name.`,
  ],
  ["an organization name over 50 characters", acme({ name: "a".repeat(51) }), `2:3: $.name: an organization name is at most 50 characters (received "${"a".repeat(51)}"). Shorten it`],
  ["a name that does not match the file name", acme({ name: "acme-corp" }), '2:3: $.name: the organization name must equal the file name "acme" (received "acme-corp"). Rename the file to acme-corp.json or set "name" to "acme".'],
  ["a display name over 255 characters", acme({ displayName: "x".repeat(256) }), "3:3: $.displayName: a display name is at most 255 characters (received"],
  ["an empty display name", acme({ displayName: "" }), `3:3: $.displayName: the display name is empty (received ""). Write the customer's name as users should see it.`],
  [
    "11 metadata keys",
    acme({ metadata: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"])) }),
    "9:3: $.metadata: Auth0 allows at most 10 metadata keys per organization (received {",
  ],
  ["a metadata value over 255 characters", acme({ metadata: { notes: "x".repeat(256) } }), "10:5: $.metadata.notes: Auth0 limits metadata values to 255 characters (received"],
  [
    "a logo URL over http",
    acme({ branding: { logoUrl: "http://cdn.acme.example/logo.png" } }),
    '10:5: $.branding.logoUrl: must use https (received "http://cdn.acme.example/logo.png"). Serve the file over https',
  ],
  ["a colour that is not hex", acme({ branding: { colors: { primary: "red" } } }), '11:7: $.branding.colors.primary: must be a hex colour (received "red"). Write it as "#RRGGBB", e.g. "#0059d6".'],
  [
    "a role the platform does not define",
    acme({ members: [{ userId: "auth0|1", roles: ["admn"] }] }),
    `13:9: $.members[0].roles[0]: role "admn" is not defined in ${PLATFORM} (received "admn"). Did you mean "admin"? To add a new role, change ${PLATFORM} first.`,
  ],
  [
    "a connection the platform does not define",
    acme({ connections: [{ name: "github" }] }),
    `6:7: $.connections[0].name: connection "github" is not defined in ${PLATFORM} (received "github"). Use one of: Partners-Database, Username-Password-Authentication, google-oauth2.`,
  ],
  [
    "an agent scope the API does not define",
    acme({ agents: [{ name: "bot", scopes: ["delete:everything"] }] }),
    '13:9: $.agents[0].scopes[0]: scope "delete:everything" is not defined on the API (received "delete:everything"). Use one of: manage:members, read:data, read:reports, write:data.',
  ],
  [
    "the same member twice, by email in different case",
    acme({ members: [{ email: "Jane@Acme.example" }, { email: "jane@acme.example" }] }),
    '13:5: $.members[1]: the same member is listed twice (first at $.members[0]) (received "jane@acme.example"). Merge the two entries into one.',
  ],
  ["the same member twice, by user id", acme({ members: [{ userId: "auth0|1" }, { userId: "auth0|1" }] }), '13:5: $.members[1]: the same member is listed twice (first at $.members[0]) (received "auth0|1").'],
  [
    "a member with both a user id and an email",
    acme({ members: [{ userId: "auth0|1", email: "a@b.example" }] }),
    '10:5: $.members[0]: a member needs exactly one of "userId" or "email" (received {"userId":"auth0|1","email":"a@b.example"}).',
  ],
  ["a member with neither a user id nor an email", acme({ members: [{ roles: ["admin"] }] }), '10:5: $.members[0]: a member needs exactly one of "userId" or "email" (received {}).'],
  ["an email that is not one", acme({ members: [{ email: "jane@" }] }), '11:7: $.members[0].email: must be an email address (received "jane@"). Write the address the user logs in with'],
  [
    "a client secret on an agent",
    acme({ agents: [{ name: "bot", scopes: ["read:data"], clientSecret: "s3cr3t" }] }),
    '15:7: $.agents[0].clientSecret: looks like a secret (the key "clientSecret" names a secret); secrets must never be written in configuration files. Remove it.',
  ],
  ["a password on a member", acme({ members: [{ userId: "auth0|1", password: "hunter2" }] }), '12:7: $.members[0].password: looks like a secret (the key "password" names a password)'],
  ["an API key in metadata", acme({ metadata: { api_key: "abc" } }), '10:5: $.metadata.api_key: looks like a secret (the key "api_key" names an API key)'],
  ["a private key as a value", acme({ metadata: { key: "-----BEGIN RSA PRIVATE KEY-----\nMIIE" } }), "10:5: $.metadata.key: looks like a secret (a PEM private key)"],
  [
    "more connections than Auth0 allows",
    acme({ connections: Array.from({ length: 11 }, (_, i) => ({ name: `c${i}` })) }),
    "4:3: $.connections: Auth0 allows at most 10 connections per organization (received [",
  ],
  [
    "sign-up without membership on login",
    acme({ connections: [{ name: "Partners-Database", signupEnabled: true }] }),
    '7:7: $.connections[0].signupEnabled: "signupEnabled" can only be true when "assignMembershipOnLogin" is true (an Auth0 rule) (received true).',
  ],
];

describe.each(CASES)("given a tenant file with %s", (_situation, content, expected) => {
  test("when synthesizing, then it exits 1 naming file, line, path, value and fix, and writes nothing", async () => {
    const file = project.tenant("acme", content);
    const { exitCode, output } = await project.synth();
    expect(exitCode).toBe(1);
    expect(output.replaceAll(project.platformFile, PLATFORM)).toContain(`${file}:${expected}`);
    expect(output).toContain("Nothing was written.");
    expect(project.outputFiles()).toEqual([]);
  });
});

describe("given a secret under a key the schema does not know", () => {
  test("then it is reported once, as a secret, not again as an unknown key", async () => {
    project.tenant("acme", acme({ clientSecret: "s3cr3t" }));
    const { output } = await project.synth();
    expect(output).toContain("$.clientSecret: looks like a secret");
    expect(output).not.toContain("unknown key");
  });
});

describe("given an earlier successful synth and then a broken file", () => {
  test("when synthesizing again, then the earlier output is left byte for byte as it was", async () => {
    project.tenant("acme", acme());
    expect((await project.synth()).exitCode).toBe(0);
    const snapshot = () => Object.fromEntries(project.outputFiles().map((f) => [f, fs.readFileSync(path.join(project.outdir, f), "utf8")]));
    const before = snapshot();

    project.tenant("acme", acme({ displayName: "" }));
    project.tenant("beta", minimalTenant("beta"));
    expect((await project.synth()).exitCode).toBe(1);
    expect(snapshot()).toEqual(before);
  });
});

describe("given two broken files with several problems each", () => {
  test("when synthesizing, then every problem is reported in one run, each file's in line order", async () => {
    const acmeFile = project.tenant("acme", acme({ displayName: "", members: [{ email: "jane@", roles: ["owner"] }], agents: [{ name: "bot", scopes: ["nope"] }] }));
    const betaFile = project.tenant("beta", { ...minimalTenant("beta"), colour: "red" });
    const { exitCode, output } = await project.synth();
    expect(exitCode).toBe(1);
    const lines = output.split("\n").filter((l) => l.startsWith("  /"));
    expect(lines.map((l) => l.trim().split(": ").slice(0, 2).join(": "))).toEqual([
      `${acmeFile}:3:3: $.displayName`,
      `${acmeFile}:11:7: $.members[0].email`,
      `${acmeFile}:13:9: $.members[0].roles[0]`,
      `${acmeFile}:21:9: $.agents[0].scopes[0]`,
      `${betaFile}:9:3: $.colour`,
    ]);
    expect(output).toContain("5 problems in the tenant configuration:");
  });
});

describe("given the same organization in two files of different folders", () => {
  test("when checking them together, then the second is reported as a duplicate of the first", () => {
    const first = path.join(project.dir, "a", "acme.json");
    const second = path.join(project.dir, "b", "acme.json");
    for (const file of [first, second]) {
      fs.mkdirSync(path.dirname(file));
      fs.writeFileSync(file, JSON.stringify(acme(), null, 2));
    }
    const { errors } = checkFleet({ platformFile: project.platformFile, tenantFiles: [first, second] });
    expect(errors.map((e) => e.format())).toEqual([
      `${second}:2:3: $.name: the organization name is already used by ${first} (received "acme"). Each tenant must have exactly one file; remove or rename one of them.`,
    ]);
  });
});

describe("given a platform file whose role grants a scope the API does not define", () => {
  test("when synthesizing, then the platform file is named with the path, and nothing is written", async () => {
    project.remove();
    const platform = examplePlatform();
    platform.roles[1].permissions = ["read:everything"];
    project = new TempProject(platform);
    project.tenant("acme", acme());
    const { exitCode, output } = await project.synth();
    expect(exitCode).toBe(1);
    expect(output).toContain(`${project.platformFile}:59:9: $.roles[1].permissions[0]: scope "read:everything" is not defined on the API (received "read:everything").`);
    expect(project.outputFiles()).toEqual([]);
  });
});
