import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PlanFileError, readPlanFile, stackOfPlanFile } from "../src/review/plan-file";

/**
 * `terraform show -json` plans written here, each with only what one reading rule looks at:
 * what becomes a change, what is left out, the names of ids, and each refusal's exact line.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-file-reading-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const MAKE_ONE = "Write it with `terraform show -json <planfile> > <stack>.plan.json` (Terraform 1.x); a plan the summary cannot read never passes.";

let written = 0;
function planFile(content: unknown, name = "tenant-acme.plan.json"): string {
  const sub = path.join(dir, String(written++));
  fs.mkdirSync(sub);
  const file = path.join(sub, name);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}
const resourceChange = (address: string, actions: string[], change: Record<string, unknown> = {}, mode = "managed") => ({
  address,
  mode,
  type: address.split(".")[0],
  change: { actions, before: null, after: null, ...change },
});
const read = (resourceChanges: unknown[], more: Record<string, unknown> = {}) => readPlanFile(planFile({ format_version: "1.2", resource_changes: resourceChanges, ...more }));
const refusal = (file: string): string => {
  try {
    readPlanFile(file);
  } catch (error) {
    expect(error).toBeInstanceOf(PlanFileError);
    return (error as Error).message;
  }
  throw new Error(`${file} was read`);
};

describe("what becomes a change", () => {
  test("given each action list Terraform writes, when read, then creates, updates, replaces, deletes and forgets are changes, no-ops unchanged, reads and data sources left out", () => {
    const plan = read([
      resourceChange("auth0_role.c", ["create"]),
      resourceChange("auth0_role.u", ["update"]),
      resourceChange("auth0_role.dc", ["delete", "create"]),
      resourceChange("auth0_role.cd", ["create", "delete"]),
      resourceChange("auth0_role.d", ["delete"]),
      resourceChange("auth0_role.f", ["forget"]),
      resourceChange("auth0_role.n", ["no-op"]),
      resourceChange("auth0_role.r", ["read"]),
      resourceChange("auth0_user.lookup", ["no-op"], {}, "data"),
    ]);
    expect(plan.changes.map((c) => [c.address, c.action])).toEqual([
      ["auth0_role.c", "create"],
      ["auth0_role.u", "update"],
      ["auth0_role.dc", "replace"],
      ["auth0_role.cd", "replace"],
      ["auth0_role.d", "delete"],
      ["auth0_role.f", "forget"],
    ]);
    expect(plan.unchanged.map((c) => c.address)).toEqual(["auth0_role.n"]);
  });

  test("given an import, with or without changes, when read, then both are changes marked importing; an importing null is no import", () => {
    const plan = read([
      resourceChange("auth0_role.adopted", ["no-op"], { importing: { id: "rol_1" } }),
      resourceChange("auth0_role.adopted-and-changed", ["update"], { importing: { id: "rol_2" } }),
      resourceChange("auth0_role.kept", ["no-op"], { importing: null }),
    ]);
    expect(plan.changes.map((c) => [c.address, c.action, c.importing])).toEqual([
      ["auth0_role.adopted", "no-op", true],
      ["auth0_role.adopted-and-changed", "update", true],
    ]);
    expect(plan.unchanged.map((c) => [c.address, c.importing])).toEqual([["auth0_role.kept", false]]);
  });

  test("given a change with every field, when read, then values, unknowns, sensitivity and the replaced attributes (first step, once each) are kept", () => {
    const [c] = read([
      resourceChange("auth0_client.agent", ["delete", "create"], {
        before: { name: "a", client_secret: "s" },
        after: { name: "b" },
        after_unknown: { client_id: true },
        before_sensitive: { client_secret: true },
        after_sensitive: { client_secret: true },
        replace_paths: [["name"], ["name", 0], [0, "x"], ["app_type"]],
      }),
    ]).changes;
    expect(c).toEqual({
      address: "auth0_client.agent",
      type: "auth0_client",
      action: "replace",
      importing: false,
      before: { name: "a", client_secret: "s" },
      after: { name: "b" },
      afterUnknown: { client_id: true },
      beforeSensitive: { client_secret: true },
      afterSensitive: { client_secret: true },
      replacedBecause: ["name", "0", "app_type"],
    });
  });

  test("given a resource that does not exist on one side and no unknown or sensitive values, when read, then that side and the markings are empty objects", () => {
    const [c] = read([resourceChange("auth0_role.r", ["create"], { after: { name: "r" }, after_unknown: false, before_sensitive: false, after_sensitive: false })]).changes;
    expect([c.before, c.afterUnknown, c.beforeSensitive, c.afterSensitive, c.replacedBecause]).toEqual([{}, {}, {}, {}, []]);
  });

  test("given a resource whose whole value is sensitive (true), when read, then every attribute of that side is marked sensitive", () => {
    const [c] = read([resourceChange("auth0_client.x", ["update"], { before: { name: "a", secret: "s" }, after: { name: "a", secret: "t" }, before_sensitive: true, after_sensitive: true })]).changes;
    expect([c.beforeSensitive, c.afterSensitive]).toEqual([
      { name: true, secret: true },
      { name: true, secret: true },
    ]);
  });

  test("given a plan without resource changes, when read, then it has none", () => {
    expect(readPlanFile(planFile({ format_version: "1.2", planned_values: {} }))).toMatchObject({ stack: "tenant-acme", changes: [], unchanged: [] });
  });
});

describe("the names of ids", () => {
  test("given user lookups and platform outputs in the prior state, when read, then ids map to emails, role keys and connection names", () => {
    const resources = [
      { type: "auth0_user", mode: "data", values: { user_id: "auth0|1", id: "ignored", email: "jane@acme.example" } },
      { type: "auth0_user", mode: "data", values: { id: "auth0|2", email: "joe@acme.example" } },
      { type: "auth0_user", mode: "data", values: { user_id: "", id: "auth0|3", email: "ann@acme.example" } },
      { type: "auth0_user", mode: "data", values: { user_id: "auth0|4" } },
      { type: "auth0_user", mode: "data", values: { user_id: 5, email: "num@acme.example" } },
      { type: "auth0_user", mode: "managed", values: { user_id: "auth0|6", email: "managed@acme.example" } },
      { type: "terraform_remote_state", mode: "data", values: { outputs: { role_ids: { admin: "rol_1", count: 2 }, connection_ids: { "google-oauth2": "con_1" }, note: "text" } } },
      { type: "terraform_remote_state", mode: "managed", values: { outputs: { role_ids: { managed: "rol_9" } } } },
      { type: "auth0_role", mode: "data", values: { id: "rol_7", name: "other" } },
      { type: "auth0_organization", mode: "data", values: { id: "org_1", email: "org@acme.example" } },
      { type: "auth0_tenant", mode: "data", values: { outputs: { role_ids: { fake: "rol_8" } } } },
      { type: "auth0_user", mode: "data" },
      { type: "terraform_remote_state", mode: "data" },
    ];
    const { names } = read([], { prior_state: { values: { root_module: { resources } } } });
    expect([...names]).toEqual([
      ["auth0|1", "jane@acme.example"],
      ["auth0|2", "joe@acme.example"],
      ["auth0|3", "ann@acme.example"],
      ["rol_1", "admin"],
      ["con_1", "google-oauth2"],
    ]);
  });

  test.each([[{ values: { root_module: {} } }], [{ values: {} }], [{}]])("given a prior state %j, when read, then no names", (priorState) => {
    expect(read([], { prior_state: priorState }).names.size).toBe(0);
  });
});

describe("the stack a plan file is for", () => {
  test.each([
    ["plans/tenant-acme.plan.json", "tenant-acme"],
    ["platform.json", "platform"],
    ["/tmp/x/tenant-a.json.plan.json", "tenant-a.json"],
    ["tenant-b", "tenant-b"],
  ])("given %s, then the stack is %s", (file, stack) => {
    expect(stackOfPlanFile(file)).toBe(stack);
  });
});

describe("files that are not a readable plan", () => {
  test("given no such file, when read, then it says the file cannot be read and why", () => {
    const file = path.join(dir, "missing.plan.json");
    expect(refusal(file)).toBe(`${file}: $: cannot read the file (ENOENT). Check the path of the plan file.`);
  });

  test("given a file that is not JSON, when read, then it names the line and column of the JSON error", () => {
    const file = planFile("{ not json");
    expect(refusal(file)).toBe(`${file}:1:3: $: invalid JSON: unexpected character "n". Fix the JSON syntax at this line and column (no comments or trailing commas are allowed).`);
  });

  test.each([
    ["null", null],
    ["no format_version", { planned_values: {}, resource_changes: [] }],
    ["a format_version that is not a string", { format_version: 1, planned_values: {} }],
    ["neither planned_values nor resource_changes", { format_version: "1.2" }],
    ["a JSON list", [1]],
  ])("given %s, when read, then it is not a plan", (_, content) => {
    const file = planFile(content);
    expect(refusal(file)).toBe(`${file}: $: this is not a plan from \`terraform show -json <planfile>\` (no format_version and planned_values). ${MAKE_ONE}`);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ["a format 2.0", { format_version: "2.0", planned_values: {} }, '2:3: $.format_version: must be a plan format 1.x, as Terraform 1.x writes it (received "2.0")'],
    ["a change without an address", { format_version: "1.2", resource_changes: [{ mode: "managed", type: "t", change: { actions: ["create"] } }] }, "4:5: $.resource_changes[0].address: required, expected a string (received nothing)"],
    ["an empty type", { format_version: "1.2", resource_changes: [{ address: "a.b", mode: "managed", type: "", change: { actions: ["create"] } }] }, '7:7: $.resource_changes[0].type: Too small: expected string to have >=1 characters (received "")'],
    ["a mode Terraform does not write", { format_version: "1.2", resource_changes: [{ address: "a.b", mode: "other", type: "t", change: { actions: ["create"] } }] }, '6:7: $.resource_changes[0].mode: Invalid option: expected one of "managed"|"data" (received "other")'],
    ["after_unknown as a number", { format_version: "1.2", resource_changes: [{ address: "a.b", mode: "managed", type: "t", change: { actions: ["create"], after_unknown: 1 } }] }, "12:9: $.resource_changes[0].change.after_unknown: Invalid input (received 1)"],
    ["a format 21.0", { format_version: "21.0", planned_values: {} }, '2:3: $.format_version: must be a plan format 1.x, as Terraform 1.x writes it (received "21.0")'],
    ["a format 10", { format_version: "10", planned_values: {} }, '2:3: $.format_version: must be a plan format 1.x, as Terraform 1.x writes it (received "10")'],
    ["an empty address", { format_version: "1.2", resource_changes: [{ address: "", mode: "managed", type: "t", change: { actions: ["create"] } }] }, '5:7: $.resource_changes[0].address: Too small: expected string to have >=1 characters (received "")'],
    ["a change that is not an object", { format_version: "1.2", resource_changes: [{ address: "a.b", mode: "managed", type: "t", change: "x" }] }, '8:7: $.resource_changes[0].change: expected an object (received "x")'],
    ["before as a string", { format_version: "1.2", resource_changes: [{ address: "a.b", mode: "managed", type: "t", change: { actions: ["update"], before: "x" } }] }, '12:9: $.resource_changes[0].change.before: expected an object (received "x")'],
    ["importing as true", { format_version: "1.2", resource_changes: [{ address: "a.b", mode: "managed", type: "t", change: { actions: ["update"], importing: true } }] }, "12:9: $.resource_changes[0].change.importing: expected an object (received true)"],
    [
      "an action Terraform does not have",
      { format_version: "1.2", resource_changes: [{ address: "a.b", mode: "managed", type: "t", change: { actions: ["destroy"] } }] },
      '9:9: $.resource_changes[0].change.actions: must be one of Terraform\'s action lists ["no-op"], ["create"], ["read"], ["update"], ["delete"], ["forget"], ["delete","create"], ["create","delete"] (received ["destroy"])',
    ],
    ["resource_changes as an object", { format_version: "1.2", resource_changes: {} }, "3:3: $.resource_changes: expected a list (received {})"],
    ["a replace path of booleans", { format_version: "1.2", resource_changes: [{ address: "a.b", mode: "managed", type: "t", change: { actions: ["create"], replace_paths: [[true]] } }] }, "14:13: $.resource_changes[0].change.replace_paths[0][0]: Invalid input (received true)"],
  ])("given %s, when read, then one line names the file, line, JSON path, problem and value", (_, content, expected) => {
    const file = planFile(content);
    expect(refusal(file)).toBe(`${file}:${expected}. ${MAKE_ONE}`);
  });
});
