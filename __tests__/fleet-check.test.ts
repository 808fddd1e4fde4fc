import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkFleet, loadFleet } from "../src/validate/validate-fleet";

/**
 * How `checkFleet` (`src/validate/validate-fleet.ts`) puts the checks together: which rules
 * run when another file is broken, that every problem of every file comes out in one run
 * in line and column order, a secret reported once, and a fleet only when nothing is wrong.
 * In-process, with files of the test's own in a temporary folder.
 */
const PLATFORM: Record<string, any> = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "platform.json"), "utf8"));
const acme = (extra: Record<string, unknown> = {}) => ({ name: "acme", displayName: "Acme", connections: [{ name: "Username-Password-Authentication" }], ...extra });

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-check-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes the files (objects as indented JSON, strings as they are) and returns their paths. */
function write(files: Record<string, Record<string, unknown> | string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(files).map(([name, content]) => {
      const file = path.join(dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
      return [name, file];
    })
  );
}

/** Checks a platform file and tenant files (named under tenants/), each error as one line with the folder shortened. */
function check(platform: Record<string, unknown> | string, tenants: Record<string, Record<string, unknown> | string>, extra: { stateBackend?: Record<string, unknown> } = {}) {
  const written = write({ "platform.json": platform, ...Object.fromEntries(Object.entries(tenants).map(([name, content]) => [`tenants/${name}.json`, content])) });
  const backend = extra.stateBackend && write({ "state-backend.json": extra.stateBackend })["state-backend.json"];
  const result = checkFleet({
    platformFile: written["platform.json"],
    tenantFiles: Object.keys(tenants).map((name) => written[`tenants/${name}.json`]),
    tenantsDir: path.join(dir, "tenants"),
    stateBackendFile: backend,
  });
  return { fleet: result.fleet, errors: result.errors.map((e) => e.format().replaceAll(`${dir}/`, "")) };
}

describe("given a valid platform file and valid tenant files", () => {
  test("then the fleet holds the platform, every tenant and the default local state, and there is no error", () => {
    const { fleet, errors } = check(PLATFORM, { acme: acme(), beta: acme({ name: "beta" }) });
    expect(errors).toEqual([]);
    expect(fleet?.platform.file).toBe(path.join(dir, "platform.json"));
    expect(fleet?.tenants.map((t) => t.name)).toEqual(["acme", "beta"]);
    expect(fleet?.stateBackend).toEqual({ type: "local", stateDir: "terraform-state" });
  });

  test("when a state-backend.json is given, then the fleet uses it", () => {
    const { fleet } = check(PLATFORM, { acme: acme() }, { stateBackend: { type: "s3", bucket: "states", region: "eu-west-1" } });
    expect(fleet?.stateBackend).toEqual({ type: "s3", bucket: "states", region: "eu-west-1", keyPrefix: "" });
  });
});

describe("given a platform file the schema refuses", () => {
  test("then its error is reported, tenant files are still read against their schema, and references are not checked against it", () => {
    const { fleet, errors } = check({ ...PLATFORM, api: { ...PLATFORM.api, scopes: [] } }, { acme: acme({ displayName: "", members: [{ userId: "auth0|1", roles: ["owner"] }] }) });
    expect(fleet).toBeUndefined();
    expect(errors).toEqual([
      "platform.json:23:5: $.api.scopes: must have at least 1 entry (received []). Change the value to fit the bound.",
      `tenants/acme.json:3:3: $.displayName: the display name is empty (received ""). Write the customer's name as users should see it.`,
    ]);
  });
});

describe("given a platform file that breaks a rule across its entries", () => {
  test("then that is the error, and valid tenant files make no fleet without it", () => {
    const platform = { ...PLATFORM, roles: [...PLATFORM.roles, { ...PLATFORM.roles[0], name: "Other" }] };
    const { fleet, errors } = check(platform, { acme: acme() });
    expect(fleet).toBeUndefined();
    expect(errors).toEqual(['platform.json:71:7: $.roles[3].key: the same role key is listed twice (first at $.roles[0].key) (received "admin"). Merge the two entries into one.']);
  });
});

describe("given a tenant file with problems of the schema and of the references", () => {
  test("then both are reported, in line and column order, also when they share a line", () => {
    const oneLine = '{"status":"gone","connections":[{"name":"github"}],"name":"acme","displayName":""}';
    const { fleet, errors } = check(PLATFORM, { acme: oneLine, beta: acme({ name: "beta", members: [{ userId: "auth0|1", roles: ["owner"] }], displayName: "" }) });
    expect(fleet).toBeUndefined();
    expect(errors).toEqual([
      'tenants/acme.json:1:2: $.status: must be one of "active", "decommissioned" (received "gone"). Use one of the listed values.',
      'tenants/acme.json:1:34: $.connections[0].name: connection "github" is not defined in platform.json (received "github"). Use one of: Partners-Database, Username-Password-Authentication, google-oauth2. To add a new connection, change platform.json first.',
      `tenants/acme.json:1:66: $.displayName: the display name is empty (received ""). Write the customer's name as users should see it.`,
      `tenants/beta.json:3:3: $.displayName: the display name is empty (received ""). Write the customer's name as users should see it.`,
      'tenants/beta.json:13:9: $.members[0].roles[0]: role "owner" is not defined in platform.json (received "owner"). Use one of: admin, billing, member. To add a new role, change platform.json first.',
    ]);
  });

  test("when only a reference is wrong, then it alone is the error and no fleet is made", () => {
    const { fleet, errors } = check(PLATFORM, { acme: acme({ connections: [{ name: "github" }] }) });
    expect(fleet).toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});

describe("given problems found by the rules above problems found by the schema", () => {
  test("then they are still reported in line order", () => {
    const { errors } = check(PLATFORM, { acme: acme({ connections: [{ name: "github" }], members: [{ email: "jane@" }] }) });
    expect(errors.map((e) => e.split(": ").slice(0, 2).join(": "))).toEqual(["tenants/acme.json:6:7: $.connections[0].name", "tenants/acme.json:11:7: $.members[0].email"]);
  });
});

describe("given secrets in a tenant file", () => {
  const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
  const secretLine = (at: string, path: string) => `tenants/acme.json:${at}: $.${path}: looks like a secret (a JSON Web Token)`;

  test("when an API key is an eleventh metadata key, then it is the one error: the other ten are within Auth0's limit", () => {
    const metadata = { ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, "v"])), api_key: "abc" };
    const { errors } = check(PLATFORM, { acme: acme({ metadata }) });
    expect(errors).toEqual([expect.stringMatching(/^tenants\/acme\.json:20:5: \$\.metadata\.api_key: looks like a secret \(the key "api_key" names an API key\)/)]);
  });

  test("when a null sits next to a secret, then both are reported", () => {
    const { errors } = check(PLATFORM, { acme: acme({ tokenQuota: null, metadata: { api_key: "abc" } }) });
    expect(errors).toEqual([
      "tenants/acme.json:9:3: $.tokenQuota: expected an object (received null). Change the value to an object.",
      expect.stringMatching(/^tenants\/acme\.json:11:5: \$\.metadata\.api_key: looks like a secret/),
    ]);
  });

  test("when a token is the display name, then it is reported as a secret only, not also as a missing display name", () => {
    const { errors } = check(PLATFORM, { acme: acme({ displayName: JWT }) });
    expect(errors).toEqual([expect.stringContaining(secretLine("3:3", "displayName"))]);
  });

  test("when a token is where a member's email goes, then the member is checked without it, and lacks an identity", () => {
    const { errors } = check(PLATFORM, { acme: acme({ members: [{ email: JWT }] }) });
    expect(errors).toEqual([
      'tenants/acme.json:10:5: $.members[0]: a member needs exactly one of "userId" or "email" (received {}). Give either "userId" (e.g. "auth0|64f1c0ffee") or "email" (e.g. "jane@example.com"), not both and not neither.',
      expect.stringContaining(secretLine("11:7", "members[0].email")),
    ]);
  });
});

describe("given a hidden character in an agent name", () => {
  test("then the hidden character is the one error, not also the name's pattern", () => {
    const { errors } = check(PLATFORM, { acme: acme({ agents: [{ name: "re\u00adporter", scopes: ["read:data"] }] }) });
    expect(errors).toEqual([expect.stringMatching(/^tenants\/acme\.json:\d+:\d+: \$\.agents\[0\]\.name: the value contains an invisible formatting character/)]);
  });
});

describe("given a secret inside a list entry", () => {
  test("then it is reported once as a secret, and the entry is otherwise checked as if it were not there", () => {
    const { errors } = check(PLATFORM, { acme: acme({ members: [{ userId: "auth0|1", password: "hunter2" }, { userId: "auth0|1" }] }) });
    expect(errors).toEqual([
      'tenants/acme.json:12:7: $.members[0].password: looks like a secret (the key "password" names a password); secrets must never be written in configuration files. Remove it. Agents get their credentials from Auth0 (see README, "Agent credentials"); anything secret reaches Terraform as a sensitive variable from the environment.',
      'tenants/acme.json:14:5: $.members[1]: the same member is listed twice (first at $.members[0]) (received "auth0|1"). Merge the two entries into one.',
    ]);
  });
});

describe("given a tenant file that is not JSON next to two that clash", () => {
  test("then the unreadable one is reported and left out of the fleet-wide rules, and the clash is located in its file", () => {
    const domain = { discoveryDomains: [{ domain: "shared.example" }] };
    const { errors } = check(PLATFORM, {
      acme: acme(domain),
      broken: "{",
      zeta: acme({ name: "zeta", discoveryDomains: [{ domain: "zeta.example" }, { domain: "shared.example" }] }),
    });
    expect(errors).toEqual([
      expect.stringMatching(/^tenants\/broken\.json:1:2: \$: invalid JSON: /),
      'tenants/zeta.json:14:7: $.discoveryDomains[1].domain: the discovery domain is already claimed by tenants/acme.json at $.discoveryDomains[0].domain (received "shared.example"). A domain can route its users to one organization only: find out which customer owns it and remove it from the other file.',
    ]);
  });
});

describe("given tenant files named one by one, without a folder", () => {
  test("then no folder is checked and the fleet is made from them", () => {
    const written = write({ "platform.json": PLATFORM, "acme.json": acme() });
    expect(loadFleet({ platformFile: written["platform.json"], tenantFiles: [written["acme.json"]] }).tenants.map((t) => t.file)).toEqual([written["acme.json"]]);
  });
});

describe("given a tenants folder that does not exist", () => {
  test("then that is the error and no fleet is made", () => {
    const written = write({ "platform.json": PLATFORM });
    const result = checkFleet({ platformFile: written["platform.json"], tenantFiles: [], tenantsDir: path.join(dir, "tenants") });
    expect(result.fleet).toBeUndefined();
    expect(result.errors.map((e) => e.format().replaceAll(`${dir}/`, ""))).toEqual([expect.stringContaining("tenants")]);
  });
});

describe("given a state-backend.json the schema refuses", () => {
  test("then its error is reported and no fleet is made", () => {
    const { fleet, errors } = check(PLATFORM, { acme: acme() }, { stateBackend: { type: "s3", bucket: "st" } });
    expect(fleet).toBeUndefined();
    expect(errors).toEqual([
      "state-backend.json:1:1: $.region: required field is missing (expected a string). Add it.",
      'state-backend.json:3:3: $.bucket: must be at least 3 characters long (received "st"). Change the value to fit the bound.',
    ]);
  });
});

describe("loading a fleet with a problem", () => {
  test("then it throws with every problem", () => {
    const written = write({ "platform.json": PLATFORM, "tenants/acme.json": acme({ displayName: "" }) });
    expect(() => loadFleet({ platformFile: written["platform.json"], tenantFiles: [written["tenants/acme.json"]] })).toThrow(/1 problem/);
  });
});
