import * as fs from "fs";
import * as path from "path";
import { listCommand } from "../src/cli/list-command";
import { newCommand } from "../src/cli/new-command";
import { githubAnnotation, validateCommand } from "../src/cli/validate-command";
import { errors } from "../src/errors";
import { runCli } from "./support/cli";
import { FIXTURE_ENV, minimalTenant, TempProject } from "./support/project";

/**
 * `tenants validate`, `list` and `new` at their edges: one problem or one tenant (singular
 * words), the exact JSON they print, files named on the command line, where `new` writes and
 * what its template holds. cli-tenants.test.ts has the main cases.
 */
let project: TempProject;
beforeEach(() => (project = new TempProject()));
afterEach(() => project.remove());

describe("tenants validate", () => {
  test("given one problem, when validating, then the summary says 'problem' in the singular", async () => {
    const file = project.tenant("acme", { ...minimalTenant("acme"), displayName: "" });
    expect(await runCli(validateCommand, [], project.env)).toEqual({
      exitCode: 1,
      out: [`${file}:3:3: $.displayName: the display name is empty (received ""). Write the customer's name as users should see it.`, "1 problem in 1 of 2 files."],
      err: [],
    });
  });

  test("given problems in two files, when validating, then the summary counts the problems and the files they are in", async () => {
    project.tenant("acme", { ...minimalTenant("acme"), displayName: "" });
    project.tenant("beta", { ...minimalTenant("beta"), displayName: "", metadata: { k: "x".repeat(256) } });
    project.tenant("good", minimalTenant("good"));
    const { exitCode, out } = await runCli(validateCommand, [], project.env);
    expect({ exitCode, summary: out[out.length - 1] }).toEqual({ exitCode: 1, summary: "3 problems in 2 of 4 files." });
  });

  test("given files named on the command line and no PLATFORM_FILE, when validating, then platform.json of the working directory is the platform file", async () => {
    const file = project.tenant("acme", minimalTenant("acme"));
    expect(await runCli(validateCommand, [file], {})).toEqual({ exitCode: 0, out: ["2 files valid."], err: [] });
    expect(await runCli(validateCommand, [file, "platform.json"], {})).toEqual({ exitCode: 0, out: ["2 files valid."], err: [] });
  });

  test("given valid files and --format json, when validating, then the report is indented JSON saying valid, with the number of files", async () => {
    expect(await runCli(validateCommand, ["--format", "json"], FIXTURE_ENV)).toEqual({ exitCode: 0, out: ['{\n  "valid": true,\n  "files": 5,\n  "errors": []\n}'], err: [] });
  });

  test("given the platform file named among the files, when validating, then it is checked once, as the platform file", async () => {
    const good = project.tenant("good", minimalTenant("good"));
    expect(await runCli(validateCommand, [project.platformFile, good], project.env)).toEqual({ exitCode: 0, out: ["2 files valid."], err: [] });
  });

  test("given GITHUB_ACTIONS set to anything but true, when validating a broken file, then no annotation is printed", async () => {
    project.tenant("acme", { ...minimalTenant("acme"), displayName: "" });
    const { exitCode, err } = await runCli(validateCommand, [], { ...project.env, GITHUB_ACTIONS: "false" });
    expect({ exitCode, err }).toEqual({ exitCode: 1, err: [] });
  });

  test("given a problem without a line (a missing tenants folder), then its annotation names the file alone", () => {
    expect(githubAnnotation(errors.tenantsDirMissing("tenantz"))).toBe(
      "::error file=tenantz,title=$::$: the tenants folder does not exist. Run from the project folder, or set TENANTS_DIR to the folder that holds the tenant files. Nothing is built without it, so no tenant stack is dropped by mistake.",
    );
  });
});

describe("tenants list", () => {
  test("given one tenant, when listing, then the count says 'tenant' in the singular", async () => {
    project.tenant("acme", minimalTenant("acme"));
    expect(await runCli(listCommand, [], project.env)).toEqual({
      exitCode: 0,
      out: ["TENANT  STACK        STATUS  MEMBERS  CONNECTIONS  SSO  DOMAINS  AGENTS", "acme    tenant-acme  active  0        1            -    0        0", "1 tenant"],
      err: [],
    });
  });

  test("given --format json, when listing, then the rows are indented JSON", async () => {
    project.tenant("acme", minimalTenant("acme"));
    expect((await runCli(listCommand, ["--format", "json"], project.env)).out).toEqual([
      JSON.stringify(
        [{ tenant: "acme", stack: "tenant-acme", status: "active", members: 0, connections: 1, enterpriseConnection: null, discoveryDomains: 0, pendingDomains: 0, agents: 0 }],
        null,
        2,
      ),
    ]);
  });

  test("given an invalid file, when listing, then each problem is printed on stderr, nothing on stdout, and it exits 1", async () => {
    const file = project.tenant("acme", "{");
    expect(await runCli(listCommand, [], project.env)).toEqual({
      exitCode: 1,
      out: [],
      err: [`${file}:1:2: $: invalid JSON: expected '}' to close the object. Fix the JSON syntax at this line and column (no comments or trailing commas are allowed).`],
    });
  });
});

describe("tenants new", () => {
  const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

  test("given --display-name, when creating, then the file has that display name", async () => {
    const { exitCode } = await runCli(newCommand, ["acme", "--display-name", "ACME & Sons"], project.env);
    expect(exitCode).toBe(0);
    expect(read(path.join(project.tenantsDir, "acme.json")).displayName).toBe("ACME & Sons");
  });

  test("given a name with underscores and repeated dashes, when creating, then the display name is each word capitalized", async () => {
    await runCli(newCommand, ["big_co--labs-"], project.env);
    expect(read(path.join(project.tenantsDir, "big_co--labs-.json")).displayName).toBe("Big Co Labs");
  });

  test("given a tenants folder that does not exist yet and a platform file elsewhere, when creating, then the folder is made and $schema points from it to the platform's schemas", async () => {
    const tenantsDir = path.join(project.dir, "config", "customers");
    fs.mkdirSync(path.join(project.dir, "shared"));
    const platformFile = path.join(project.dir, "shared", "platform.json");
    fs.writeFileSync(platformFile, JSON.stringify({ connections: [{ name: "Partners-Database" }, { name: "google-oauth2" }] }));
    const result = await runCli(newCommand, ["acme"], { TENANTS_DIR: tenantsDir, PLATFORM_FILE: platformFile });
    const file = path.join(tenantsDir, "acme.json");
    expect(result).toEqual({ exitCode: 0, out: [`Wrote ${file}. Add members and agents, then run: npm run tenants -- validate ${file}`], err: [] });
    expect(fs.readFileSync(file, "utf8")).toBe(
      JSON.stringify(
        { $schema: "../../shared/schemas/tenant.schema.json", name: "acme", displayName: "Acme", connections: [{ name: "Partners-Database" }], members: [], agents: [] },
        null,
        2,
      ) + "\n",
    );
  });

  test.each([
    ["does not exist", undefined],
    ["is not JSON", "{"],
    ["has no connections", "{}"],
    ["has an empty list of connections", '{"connections": []}'],
    ["names its first connection with a number", '{"connections": [{"name": 7}]}'],
  ])("given a platform file that %s, when creating, then the template links Username-Password-Authentication", async (_situation, platform) => {
    const platformFile = path.join(project.dir, "other.json");
    if (platform !== undefined) fs.writeFileSync(platformFile, platform);
    await runCli(newCommand, ["acme"], { ...project.env, PLATFORM_FILE: platformFile });
    expect(read(path.join(project.tenantsDir, "acme.json")).connections).toEqual([{ name: "Username-Password-Authentication" }]);
  });

  test("given neither TENANTS_DIR nor PLATFORM_FILE, when creating, then tenants/ and platform.json of the working directory are used", async () => {
    fs.writeFileSync(project.platformFile, JSON.stringify({ connections: [{ name: "google-oauth2" }] }));
    const cwd = process.cwd();
    process.chdir(project.dir);
    try {
      expect(await runCli(newCommand, ["acme"], {})).toEqual({ exitCode: 0, out: ["Wrote tenants/acme.json. Add members and agents, then run: npm run tenants -- validate tenants/acme.json"], err: [] });
    } finally {
      process.chdir(cwd);
    }
    expect(read(path.join(project.tenantsDir, "acme.json"))).toMatchObject({ $schema: "../schemas/tenant.schema.json", connections: [{ name: "google-oauth2" }] });
  });

  test("given a file that appears after the check for it, when writing, then it is not overwritten", async () => {
    const file = project.tenant("acme", "{}");
    // As if another process wrote it between the check and the write.
    jest.spyOn(jest.requireActual<typeof fs>("fs"), "existsSync").mockReturnValueOnce(false);
    try {
      expect(() => newCommand(["acme"], { out: () => undefined, err: () => undefined, env: project.env, cwd: project.dir })).toThrow(expect.objectContaining({ code: "EEXIST" }));
    } finally {
      jest.restoreAllMocks();
    }
    expect(fs.readFileSync(file, "utf8")).toBe("{}");
  });

  test("given a name that breaks Auth0's rules, when creating, then one line says what a name may hold, and it exits 2", async () => {
    expect(await runCli(newCommand, ["Bad Name"], project.env)).toEqual({
      exitCode: 2,
      out: [],
      err: [`tenants new: "Bad Name" is not a valid organization name: use at most 50 lowercase letters, digits, '-' or '_', starting with a letter or digit.`],
    });
  });

  test("given two names, when creating, then it is a usage error and nothing is written", async () => {
    expect(await runCli(newCommand, ["a", "b"], project.env)).toEqual({
      exitCode: 2,
      out: [],
      err: ["tenants new: give exactly one tenant name (received 2), e.g. tenants new newco. Run `tenants new --help` for usage."],
    });
    expect(fs.readdirSync(project.tenantsDir)).toEqual([]);
  });
});
