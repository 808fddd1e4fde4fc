import * as fs from "fs";
import * as path from "path";
import { connectionAdoption, ConnectionData, PlatformFile } from "../src/model/platform-file";
import { parseWithSchema } from "../src/validate/schema-issues";

/**
 * Each rule of the platform file's schema (`src/model/platform-file.ts`) that carries its
 * own wording: a value it refuses, with the exact line a person reads, and a value it
 * accepts. In-process on the schema alone, from the tests' own platform file; bounds,
 * patterns and defaults are pinned by the published JSON Schema (`json-schemas.test.ts`).
 */
const FILE = "platform.json";
const FIXTURE: Record<string, any> = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "platform.json"), "utf8"));
const platform = (change: (p: Record<string, any>) => void) => {
  const copy = structuredClone(FIXTURE);
  change(copy);
  return copy;
};
const database = (extra: Record<string, unknown>) =>
  platform(
    (p) =>
      (p.connections = [
        {
          name: "Username-Password-Authentication",
          strategy: "auth0",
          ...extra,
        },
      ])
  );

function problems(value: unknown): string[] {
  return parseWithSchema(PlatformFile, FILE, value).errors.map((e) => e.describe());
}

const IMPORT_SHAPES =
  '"import" is "by-name", false, or { "connectionId": "con_…" } (received %s). Write "by-name" to adopt the connection of this name, false to create it, or { "connectionId": "con_a17f21fdb24d48a0" } to adopt that one.';

/** [rule, a file it refuses, every line it says] */
const REFUSED: Array<[string, Record<string, unknown>, string[]]> = [
  [
    "a support URL that is not a URL",
    platform((p) => (p.tenantSettings.supportUrl = "support")),
    [
      '$.tenantSettings.supportUrl: must be an absolute URL (received "support"). Write a full URL such as "https://app.example.com/callback".',
      '$.tenantSettings.supportUrl: must use https (received "support"). Use an "https://" URL.',
    ],
  ],
  [
    "an error page over http",
    platform((p) => (p.tenantSettings.errorPage.url = "http://app.example.com/e")),
    ['$.tenantSettings.errorPage.url: must use https (received "http://app.example.com/e"). Use an "https://" URL.'],
  ],
  [
    "a callback over http",
    platform((p) => (p.loginApplication.callbacks = ["http://app.example.com/cb"])),
    ['$.loginApplication.callbacks[0]: must use https (received "http://app.example.com/cb"). Use an "https://" URL.'],
  ],
  [
    "a support email that is not one",
    platform((p) => (p.tenantSettings.supportEmail = "support")),
    ['$.tenantSettings.supportEmail: must be an email address (received "support"). For example "support@example.com".'],
  ],
  [
    "an API identifier that is not a URI",
    platform((p) => (p.api.identifier = "example api")),
    ['$.api.identifier: an API identifier is a URI (received "example api"). For example "https://api.example.com".'],
  ],
  [
    "a scope with a space",
    platform((p) => (p.api.scopes[0].value = "read data")),
    ['$.api.scopes[0].value: a scope is letters, digits and . _ : - (received "read data"). For example "read:data".'],
  ],
  [
    "a connection name with a trailing dash",
    database({ name: "Partners-" }),
    ['$.connections[0].name: a connection name is letters, digits and single dashes (received "Partners-"). For example "Username-Password-Authentication".'],
  ],
  ["a connection import of true", database({ import: true }), [`$.connections[0].import: ${IMPORT_SHAPES.replace("%s", "true")}`]],
  ["a connection import by id", database({ import: "con_a17f21fdb24d48a0" }), [`$.connections[0].import: ${IMPORT_SHAPES.replace("%s", '"con_a17f21fdb24d48a0"')}`]],
  [
    "a connection id without con_",
    database({ import: { connectionId: "a17f21fdb24d48a0" } }),
    [
      '$.connections[0].import.connectionId: a connection id looks like "con_" followed by letters and digits (received "a17f21fdb24d48a0"). Copy it from the Auth0 dashboard (Authentication → the connection → Identifier).',
    ],
  ],
  [
    "a login application client id of 31 characters",
    platform((p) => (p.loginApplication.import = { clientId: "a".repeat(31) })),
    [
      `$.loginApplication.import.clientId: an Auth0 client id is 32 letters and digits (received "${"a".repeat(
        31
      )}"). Copy it from the Auth0 dashboard (Applications → the application → Client ID).`,
    ],
  ],
];

describe.each(REFUSED)("given a platform file with %s", (_rule, file, lines) => {
  test("when parsed, then those are its errors, in the schema's own words", () => {
    expect(problems(file)).toEqual(lines);
  });
});

const ACCEPTED: Array<[string, Record<string, unknown>]> = [
  ["the tests' own platform file", FIXTURE],
  [
    "connections adopted by name, by id, or created",
    platform((p) => ((p.connections[0].import = "by-name"), (p.connections[1].import = { connectionId: "con_a17f21fdb24d48a0" }), (p.connections[2].import = false))),
  ],
  ["a login application adopted by its client id", platform((p) => (p.loginApplication.import = { clientId: "Ab0".repeat(10) + "xy" }))],
  ["a scope with every allowed character", platform((p) => (p.api.scopes[0].value = "Read_all.v2:data-1"))],
];

describe.each(ACCEPTED)("given a platform file with %s", (_rule, file) => {
  test("when parsed, then it is accepted", () => {
    expect(problems(file)).toEqual([]);
  });
});

describe("given how a platform connection comes under management", () => {
  const connection = (name: string, adopt?: ConnectionData["import"]) => ({ name, strategy: "auth0", import: adopt } as ConnectionData);

  test.each([
    ["the default database without import", connection("Username-Password-Authentication"), "by-name"],
    ["another connection without import", connection("Partners-Database"), false],
    ["the default database created", connection("Username-Password-Authentication", false), false],
    ["another connection adopted by name", connection("Partners-Database", "by-name"), "by-name"],
    ["a connection adopted by id", connection("Partners-Database", { connectionId: "con_1" }), { connectionId: "con_1" }],
  ])("when it is %s, then it is adopted %p", (_what, given, adoption) => {
    expect(connectionAdoption(given)).toEqual(adoption);
  });
});
