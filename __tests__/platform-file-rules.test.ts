import * as fs from "fs";
import * as path from "path";
import { PlatformFile, PlatformFileData } from "../src/model/platform-file";
import { platformRuleErrors, sortBy, toPlatform } from "../src/validate/platform-rules";

/**
 * The platform file's rules across entries (`src/validate/platform-rules.ts`): each
 * duplicate a schema cannot see, with the exact line a person reads, and the model built
 * from a valid file, every list in a fixed order. In-process, from the tests' own platform file.
 */
const FILE = "platform.json";
const FIXTURE: PlatformFileData = PlatformFile.parse(JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "platform.json"), "utf8")));
const platform = (change: (p: PlatformFileData) => void): PlatformFileData => {
  const copy = structuredClone(FIXTURE);
  change(copy);
  return copy;
};
const problems = (data: PlatformFileData) => platformRuleErrors(FILE, data).map((e) => e.describe());

describe("given the tests' own platform file", () => {
  test("then it breaks no rule", () => {
    expect(problems(FIXTURE)).toEqual([]);
  });
});

describe("given an entry listed twice", () => {
  test.each<[string, (p: PlatformFileData) => void, string]>([
    [
      "a scope",
      (p) => p.api.scopes.push({ value: "read:data", description: "again" }),
      '$.api.scopes[4].value: the same scope is listed twice (first at $.api.scopes[0].value) (received "read:data"). Merge the two entries into one.',
    ],
    [
      "a role key",
      (p) => p.roles.push({ ...p.roles[1], name: "Another Member" }),
      '$.roles[3].key: the same role key is listed twice (first at $.roles[1].key) (received "member"). Merge the two entries into one.',
    ],
    [
      "a role name, in other capitals",
      (p) =>
        p.roles.push({
          ...p.roles[2],
          key: "billing2",
          name: "BILLING viewer",
        }),
      '$.roles[3].name: the same role name is listed twice (first at $.roles[2].name) (received "billing viewer"). Merge the two entries into one.',
    ],
    [
      "a connection name, in other capitals",
      (p) => p.connections.push({ ...p.connections[1], name: "partners-database" }),
      '$.connections[3].name: the same connection name is listed twice (first at $.connections[1].name) (received "partners-database"). Merge the two entries into one.',
    ],
    [
      "a permission of one role",
      (p) => p.roles[2].permissions.push("read:reports"),
      '$.roles[2].permissions[1]: the same permission is listed twice (first at $.roles[2].permissions[0]) (received "read:reports"). Merge the two entries into one.',
    ],
  ])("when it is %s, then the second is the error, naming the first", (_what, change, line) => {
    expect(problems(platform(change))).toEqual([line]);
  });

  test("when two roles grant the same permission, then that is no duplicate", () => {
    expect(problems(platform((p) => p.roles[1].permissions.push("read:reports")))).toEqual([]);
  });
});

describe("given a role that grants a scope the API does not define", () => {
  test("then that permission is the error, with the API's scopes in the file's order", () => {
    expect(problems(platform((p) => p.roles[1].permissions.push("read:everything")))).toEqual([
      '$.roles[1].permissions[1]: scope "read:everything" is not defined on the API (received "read:everything"). Use one of: read:data, write:data, read:reports, manage:members. Or add it to "api.scopes" first.',
    ]);
  });
});

describe("given a valid platform file in any order", () => {
  test("when it becomes the model, then scopes, roles (and their permissions) and connections are sorted by key, and $schema is gone", () => {
    const model = toPlatform(FILE, {
      ...FIXTURE,
      $schema: "./schemas/platform.schema.json",
    });
    expect(model.file).toBe(FILE);
    expect("$schema" in model).toBe(false);
    expect(model.api.scopes.map((s) => s.value)).toEqual(["manage:members", "read:data", "read:reports", "write:data"]);
    expect(model.roles.map((r) => [r.key, r.permissions])).toEqual([
      ["admin", ["manage:members", "read:data", "read:reports", "write:data"]],
      ["billing", ["read:reports"]],
      ["member", ["read:data"]],
    ]);
    expect(model.connections.map((c) => c.name)).toEqual(["Partners-Database", "Username-Password-Authentication", "google-oauth2"]);
    expect(model.tenantSettings).toEqual(FIXTURE.tenantSettings);
  });

  test("when it becomes the model, then the file's own lists are left as they were", () => {
    const data = structuredClone(FIXTURE);
    toPlatform(FILE, data);
    expect(data).toEqual(FIXTURE);
  });
});

describe("given entries sorted by a key", () => {
  test("then they come in code-unit order (capitals first), and entries with equal keys keep their order", () => {
    const items = [
      { key: "b", n: 1 },
      { key: "a", n: 2 },
      { key: "B", n: 3 },
      { key: "a", n: 4 },
    ];
    expect(sortBy(items, (i) => i.key).map((i) => i.n)).toEqual([3, 2, 4, 1]);
    expect(items.map((i) => i.n)).toEqual([1, 2, 3, 4]);
  });
});
