import { ConfigError, describeValue, errors, formatJsonPath, OutputNotWritableError, ValidationFailedError } from "../src/errors";

/**
 * The wording of every class of problem is part of the product: one line naming the file,
 * the line and column, the JSON path, the value received and what to do. Each factory's
 * line is written out here in full; the validation tests show which input leads to which.
 */
const FILE = "tenants/acme.json";
const PLATFORM = "platform.json";

/** [factory, a call of it (made in the test, not while the file loads), the exact line `format()` prints] */
const LINES: Array<[string, () => ConfigError, string]> = [
  ["fileUnreadable", () => errors.fileUnreadable(FILE, "EACCES"), `${FILE}: $: cannot read the file: EACCES. Check that the file exists and is readable.`],
  ["fileMissing", () => errors.fileMissing(FILE), `${FILE}: $: the file does not exist. Check the path (and PLATFORM_FILE, TENANTS_DIR, STATE_BACKEND_FILE if set).`],
  [
    "symbolicLink",
    () => errors.symbolicLink(FILE, "/etc/passwd"),
    `${FILE}: $: the file is a symbolic link (to "/etc/passwd"); configuration files must be regular files. Replace the link with the file itself: a link can point outside the repository, where a reviewer does not see what it holds.`,
  ],
  [
    "notAFile",
    () => errors.notAFile(FILE, "not a regular file"),
    `${FILE}: $: expected a JSON file, found not a regular file. Rename or move it: every *.json entry in the tenants folder must be a tenant file.`,
  ],
  [
    "fileTooLarge (MiB)",
    () => errors.fileTooLarge(FILE, 3 * 1024 * 1024 + 104858, 1024 * 1024),
    `${FILE}: $: the file is 3.1 MiB; configuration files are limited to 1.0 MiB. Check that this is the file you meant: a tenant with a thousand members is about 60 KiB.`,
  ],
  [
    "fileTooLarge (KiB, rounded up, just under 1 MiB)",
    () => errors.fileTooLarge(FILE, 1024 * 1024 - 1, 1025),
    `${FILE}: $: the file is 1024 KiB; configuration files are limited to 2 KiB. Check that this is the file you meant: a tenant with a thousand members is about 60 KiB.`,
  ],
  [
    "invalidUtf8",
    () => errors.invalidUtf8(FILE, 0x9, 3, 22),
    `${FILE}:3:22: $: the file is not valid UTF-8 (byte 0x09). Save the file as UTF-8 (your editor's "Save with encoding") and check the characters at this position.`,
  ],
  [
    "nestedTooDeep",
    () => errors.nestedTooDeep(FILE, 32, 1, 61),
    `${FILE}:1:61: $: objects and arrays are nested more than 32 levels deep. Compare the file with the schema in schemas/: no configuration file nests this deep.`,
  ],
  [
    "duplicateKey",
    () => errors.duplicateKey(FILE, ["status"], "status", 3, 9, 3),
    `${FILE}:9:3: $.status: key "status" appears twice (lines 3 and 9). Keep one of them: tools disagree on which one counts, so a reviewer may read the one that is ignored.`,
  ],
  [
    "hiddenCharacter",
    () => errors.hiddenCharacter(FILE, ["metadata", "plan"], "value", "gold\u200b", "\u200b", 4, 5, 25),
    `${FILE}:5:25: $.metadata.plan: the value contains a zero-width character, \\u200b, at character 5 (received "gold\\u200b"). Remove it (retype the text rather than pasting it): characters no one can see make two values that look the same differ, or show a reviewer something other than what is deployed.`,
  ],
  [
    "tenantsDirMissing",
    () => errors.tenantsDirMissing("tenantz"),
    "tenantz: $: the tenants folder does not exist. Run from the project folder, or set TENANTS_DIR to the folder that holds the tenant files. Nothing is built without it, so no tenant stack is dropped by mistake.",
  ],
  ["tenantsDirNotAFolder", () => errors.tenantsDirNotAFolder("tenants"), "tenants: $: the tenants folder is not a folder. Set TENANTS_DIR to the folder that holds the tenant files."],
  [
    "tenantsDirEmpty",
    () => errors.tenantsDirEmpty("tenants"),
    'tenants: $: the tenants folder has no tenant file (*.json). Add a tenant (npm run tenants -- new <name>) or set TENANTS_DIR to the folder that holds them. To offboard the last tenant, set its "status" to "decommissioned" rather than deleting the file.',
  ],
  ["emptyFile", () => errors.emptyFile(FILE), `${FILE}:1:1: $: the file is empty. Write a JSON object into it; copy an existing file in the same folder as a starting point.`],
  [
    "invalidJson",
    () => errors.invalidJson(FILE, "expected a value", 4, 2),
    `${FILE}:4:2: $: invalid JSON: expected a value. Fix the JSON syntax at this line and column (no comments or trailing commas are allowed).`,
  ],
  [
    "unknownKey without a near miss",
    () => errors.unknownKey(FILE, ["branding"], "font", ["logoUrl", "colors"]),
    `${FILE}: $.branding.font: unknown key "font" (received "font"). Remove it; the keys allowed here are: logoUrl, colors.`,
  ],
  ["missingField", () => errors.missingField(FILE, ["displayName"], "a string"), `${FILE}: $.displayName: required field is missing (expected a string). Add it.`],
  ["wrongType", () => errors.wrongType(FILE, ["members"], "an array", {}), `${FILE}: $.members: expected an array (received {}). Change the value to an array.`],
  [
    "nameMismatch with an invalid name",
    () => errors.nameMismatch(FILE, "Acme", "acme", false),
    `${FILE}: $.name: the organization name must equal the file name "acme" (received "Acme"). Set "name" to "acme".`,
  ],
  [
    "duplicateTenant",
    () => errors.duplicateTenant(FILE, "acme", "other/acme.json"),
    `${FILE}: $.name: the organization name is already used by other/acme.json (received "acme"). Each tenant must have exactly one file; remove or rename one of them.`,
  ],
  [
    "unknownReference without a near miss, nothing defined",
    () => errors.unknownReference(FILE, ["members", 0, "roles", 0], "role", "owner", [], PLATFORM),
    `${FILE}: $.members[0].roles[0]: role "owner" is not defined in ${PLATFORM} (received "owner"). Use one of: (none defined). To add a new role, change ${PLATFORM} first.`,
  ],
  [
    "memberIdentity",
    () => errors.memberIdentity(FILE, ["members", 0], {}),
    `${FILE}: $.members[0]: a member needs exactly one of "userId" or "email" (received {}). Give either "userId" (e.g. "auth0|64f1c0ffee") or "email" (e.g. "jane@example.com"), not both and not neither.`,
  ],
  [
    "duplicateEntry",
    () => errors.duplicateEntry(FILE, ["members", 3], "member", "auth0|1", ["members", 0]),
    `${FILE}: $.members[3]: the same member is listed twice (first at $.members[0]) (received "auth0|1"). Merge the two entries into one.`,
  ],
  [
    "invalidValue",
    () => errors.invalidValue(FILE, ["branding", "logoUrl"], "must use https", "http://x.example", "Serve it over https."),
    `${FILE}: $.branding.logoUrl: must use https (received "http://x.example"). Serve it over https.`,
  ],
  [
    "memberConnectionNeeded",
    () => errors.memberConnectionNeeded(FILE, ["members", 1], "jane@acme.example", ["acme-saml", "Username-Password-Authentication"]),
    `${FILE}: $.members[1]: this tenant links 2 connections, so a member given by email must say which one the user logs in with (the same email in two connections is two Auth0 users, and the lookup must find exactly one) (received "jane@acme.example"). Add "connection" with one of: acme-saml, Username-Password-Authentication; or give the member's "userId" instead of "email".`,
  ],
  [
    "memberConnectionNotLinked without a near miss",
    () => errors.memberConnectionNotLinked(FILE, ["members", 0, "connection"], "github", ["acme-saml", "google-oauth2"]),
    `${FILE}: $.members[0].connection: the member's connection is not one this tenant links, so the user could not log in to the organization with it (received "github"). Use one of: acme-saml, google-oauth2. Or link the connection under "connections" first.`,
  ],
  [
    "memberConnectionNotLinked with a near miss",
    () => errors.memberConnectionNotLinked(FILE, ["members", 0, "connection"], "acme-sam", ["acme-saml", "google-oauth2"]),
    `${FILE}: $.members[0].connection: the member's connection is not one this tenant links, so the user could not log in to the organization with it (received "acme-sam"). Did you mean "acme-saml"? Or link the connection under "connections" first.`,
  ],
  [
    "memberConnectionWithoutEmail",
    () => errors.memberConnectionWithoutEmail(FILE, ["members", 0, "connection"], "acme-saml"),
    `${FILE}: $.members[0].connection: "connection" only narrows the lookup of a member given by "email"; a "userId" already names one user (received "acme-saml"). Remove "connection" from this member.`,
  ],
  [
    "secretInFile",
    () => errors.secretInFile(FILE, ["agents", 0, "clientSecret"], 'the key "clientSecret" names a secret'),
    `${FILE}: $.agents[0].clientSecret: looks like a secret (the key "clientSecret" names a secret); secrets must never be written in configuration files. Remove it. Agents get their credentials from Auth0 (see README, "Agent credentials"); anything secret reaches Terraform as a sensitive variable from the environment.`,
  ],
  [
    "signupNeedsDatabase",
    () => errors.signupNeedsDatabase(FILE, ["connections", 0], "google-oauth2", "google-oauth2"),
    `${FILE}: $.connections[0].signupEnabled: "signupEnabled" only applies to database connections, and "google-oauth2" uses strategy "google-oauth2" (received true). Remove "signupEnabled" from this link or set it to false.`,
  ],
  [
    "signupNeedsMembership",
    () => errors.signupNeedsMembership(FILE, ["connections", 0]),
    `${FILE}: $.connections[0].signupEnabled: "signupEnabled" can only be true when "assignMembershipOnLogin" is true (an Auth0 rule) (received true). Set "assignMembershipOnLogin": true, or "signupEnabled": false.`,
  ],
  [
    "claimedTwice",
    () => errors.claimedTwice(FILE, ["discoveryDomains", 0, "domain"], "the domain", "acme.example", "tenants/beta.json", ["discoveryDomains", 2, "domain"], "Remove it from one file."),
    `${FILE}: $.discoveryDomains[0].domain: the domain is already claimed by tenants/beta.json at $.discoveryDomains[2].domain (received "acme.example"). Remove it from one file.`,
  ],
  [
    "platformConnectionClash",
    () => errors.platformConnectionClash(FILE, ["enterpriseConnection", "name"], "google-oauth2", PLATFORM),
    `${FILE}: $.enterpriseConnection.name: the connection name "google-oauth2" is a platform connection in ${PLATFORM} (received "google-oauth2"). Name the customer's connection after the customer, e.g. "acme-saml"; to link a platform connection, list it under "connections".`,
  ],
  [
    "samlSource",
    () => errors.samlSource(FILE, "give either a metadata URL or a sign-in URL", { metadataUrl: "https://idp.example/md" }),
    `${FILE}: $.enterpriseConnection: give either a metadata URL or a sign-in URL (received {"metadataUrl":"https://idp.example/md"}). Ask the customer for their SAML metadata URL, or for the sign-in URL and the signing certificate.`,
  ],
  [
    "tooManyConnections",
    () => errors.tooManyConnections(FILE, 11, 10),
    `${FILE}: $.connections: Auth0 allows at most 10 connections per organization, and this file links 11 (the listed ones and the enterprise connection) (received 11). Remove connection links.`,
  ],
  [
    "switchedFromSameMode",
    () => errors.switchedFromSameMode(FILE, "exclusive"),
    `${FILE}: $.connectionLinksSwitchedFrom: "connectionLinksSwitchedFrom" names the mode "connectionLinks" already has (received "exclusive"). Write the mode the organization had before this change, or remove "connectionLinksSwitchedFrom" once the switch has been deployed.`,
  ],
  [
    "switchedFromWithImport",
    () => errors.switchedFromWithImport(FILE),
    `${FILE}: $.connectionLinksSwitchedFrom: an organization adopted with "import" has no previous link mode to switch from. Remove "connectionLinksSwitchedFrom": "import" adopts the listed links into the mode given by "connectionLinks".`,
  ],
  [
    "scopeNotOnApi with a near miss",
    () => errors.scopeNotOnApi(PLATFORM, ["roles", "admin", "permissions", 1], "read:dta", ["read:data", "write:data"]),
    `${PLATFORM}: $.roles.admin.permissions[1]: scope "read:dta" is not defined on the API (received "read:dta"). Did you mean "read:data"? Or add it to "api.scopes" first.`,
  ],
  [
    "scopeNotOnApi without a near miss",
    () => errors.scopeNotOnApi(PLATFORM, ["roles", "admin", "permissions", 1], "delete:all", ["read:data", "write:data"]),
    `${PLATFORM}: $.roles.admin.permissions[1]: scope "delete:all" is not defined on the API (received "delete:all"). Use one of: read:data, write:data. Or add it to "api.scopes" first.`,
  ],
];

describe.each(LINES)("given the %s factory", (_factory, make, line) => {
  test("when formatted, then it is one line naming file, path, received value and fix, word for word", () => {
    expect(make().format()).toBe(line);
  });
});

describe("a near miss (an edit distance of at most 2, any case) is offered instead of the list", () => {
  const fixOf = (received: string, known: string[]) => errors.unknownKey(FILE, [], received, known).fix;

  test("given a key two edits from a known one, then that one is suggested", () => {
    expect(fixOf("dsplayNme", ["displayName", "name"])).toBe('Did you mean "displayName"?');
  });

  test("given a key three edits from every known one, then the allowed keys are listed", () => {
    expect(fixOf("dplyNme", ["displayName"])).toBe("Remove it; the keys allowed here are: displayName.");
  });

  test("given a key differing only in case, then the known spelling is suggested", () => {
    expect(fixOf("DISPLAYNAME", ["displayName"])).toBe('Did you mean "displayName"?');
  });

  test("given two near misses, then the closer one is suggested, whatever the order of the known keys", () => {
    expect(fixOf("membrs", ["member", "members"])).toBe('Did you mean "members"?');
    expect(fixOf("membrs", ["members", "member"])).toBe('Did you mean "members"?');
    expect(fixOf("metadat", ["metadatas", "metadata"])).toBe('Did you mean "metadata"?');
  });

  test("given a key that is a prefix or a suffix of a known one, then insertions and deletions at either end count one each", () => {
    expect(fixOf("role", ["roles"])).toBe('Did you mean "roles"?');
    expect(fixOf("xroles", ["roles"])).toBe('Did you mean "roles"?');
    expect(fixOf("oles", ["roles"])).toBe('Did you mean "roles"?');
    expect(fixOf("abc", ["xyz"])).toBe("Remove it; the keys allowed here are: xyz.");
    expect(fixOf("abcdef", ["ab"])).toBe("Remove it; the keys allowed here are: ab.");
    expect(fixOf("ab", ["abcdef"])).toBe("Remove it; the keys allowed here are: abcdef.");
  });
});

describe("JSON paths", () => {
  test("given keys that are identifiers, indexes and other strings, then each is written the way JavaScript reads it", () => {
    expect(formatJsonPath([])).toBe("$");
    expect(formatJsonPath(["members", 2, "email"])).toBe("$.members[2].email");
    expect(formatJsonPath(["metadata", "plan-tier", "_x", "$y", "a1"])).toBe('$.metadata["plan-tier"]._x.$y.a1');
    expect(formatJsonPath(["metadata", "1st", " x", "x "])).toBe('$.metadata["1st"][" x"]["x "]');
    expect(formatJsonPath(["a\"b"])).toBe('$["a\\"b"]');
    expect(formatJsonPath([0, "0", "x", 10])).toBe('$[0]["0"].x[10]');
  });
});

describe("received values", () => {
  test("given nothing, a string, an object, then each is shown as JSON (nothing as the word)", () => {
    expect(describeValue(undefined)).toBe("nothing");
    expect(describeValue("x")).toBe('"x"');
    expect(describeValue({ a: [1, null] })).toBe('{"a":[1,null]}');
  });

  test("given a value JSON cannot write, then it is shown as text", () => {
    expect(describeValue(() => 1)).toBe("() => 1");
  });

  test("given a value of exactly 80 characters as JSON, then it is shown whole; one more and it is cut at 80 with the length", () => {
    const at80 = "a".repeat(78);
    expect(describeValue(at80)).toBe(`"${at80}"`);
    expect(describeValue(`${at80}b`)).toBe(`"${at80}b… (81 characters)`);
  });

  test("given an escape such as \\u001b across the cut, then the cut drops it whole rather than leave half of it", () => {
    for (let before = 70; before <= 79; before++) {
      const shown = describeValue(`${"a".repeat(before)}\u001b${"b".repeat(20)}`);
      const kept = shown.slice(0, shown.indexOf("…"));
      expect(kept).toMatch(/^"a+(\\u001b(b*))?$/);
    }
    expect(describeValue(`${"a".repeat(74)}\u001b${"b".repeat(20)}`)).toBe(`"${"a".repeat(74)}… (102 characters)`);
    // A backslash (written \\ in JSON) whose second half would be cut off goes whole too.
    expect(describeValue(`${"a".repeat(78)}\\${"b".repeat(20)}`)).toBe(`"${"a".repeat(78)}… (102 characters)`);
  });
});

describe("a problem's location", () => {
  const missing = () => errors.missingField(FILE, ["displayName"], "a string");

  test("given no line, then the location is the file alone; given a line without a column, then column 1", () => {
    expect(missing().location).toBe(FILE);
    expect(new ConfigError({ file: FILE, path: [], problem: "p", fix: "f", line: 4 }).location).toBe(`${FILE}:4:1`);
  });

  test("given a located copy, then it keeps the file, path, problem, fix and received value, and adds line and column", () => {
    const located = errors.wrongType(FILE, ["members"], "an array", null).withLocation(9, 3);
    expect(located.format()).toBe(`${FILE}:9:3: $.members: expected an array (received null). Change the value to an array.`);
    expect(located.toJSON()).toEqual({ file: FILE, line: 9, column: 3, path: "$.members", problem: "expected an array", received: null, fix: "Change the value to an array." });
  });

  test("given a problem with nothing received, then its JSON has no received key and its line says nothing received", () => {
    const located = missing().withLocation(1, 1);
    expect(located.hasReceived).toBe(false);
    expect(Object.keys(located.toJSON())).toEqual(["file", "line", "column", "path", "problem", "fix"]);
    expect(located.describe()).toBe("$.displayName: required field is missing (expected a string). Add it.");
  });

  test("given a problem whose received value is undefined, then that counts as received: 'received nothing'", () => {
    const error = new ConfigError({ file: FILE, path: ["x"], problem: "p", fix: "F.", received: undefined });
    expect(error.describe()).toBe("$.x: p (received nothing). F.");
    expect(error.withLocation(2, 3).hasReceived).toBe(true);
  });

  test("given a line that would start a workflow command or hold a terminal escape, then describe() and format() print it inert", () => {
    const error = new ConfigError({ file: "::warning::x.json", path: ["a"], problem: "p ##[group]", fix: "F\u001b[2J." });
    expect(error.format()).toBe("\\u003a:warning::x.json: $.a: p #\\u0023[group]. F\\u001b[2J.");
    expect(error.describe()).toBe("$.a: p #\\u0023[group]. F\\u001b[2J.");
  });
});

describe("errors about a whole run", () => {
  test("given one problem, then the message says 'problem' and lists it indented; given two, 'problems'", () => {
    const one = new ValidationFailedError([errors.fileMissing("a.json")]);
    expect(one.message).toBe("1 problem in the tenant configuration:\n  a.json: $: the file does not exist. Check the path (and PLATFORM_FILE, TENANTS_DIR, STATE_BACKEND_FILE if set).");
    expect(one.name).toBe("ValidationFailedError");
    const two = new ValidationFailedError([errors.emptyFile("a.json"), errors.emptyFile("b.json")]);
    expect(two.message.split("\n")).toEqual([
      "2 problems in the tenant configuration:",
      "  a.json:1:1: $: the file is empty. Write a JSON object into it; copy an existing file in the same folder as a starting point.",
      "  b.json:1:1: $: the file is empty. Write a JSON object into it; copy an existing file in the same folder as a starting point.",
    ]);
  });

  test("given an output folder that cannot be written, then one line names the path, the code and what to do", () => {
    const error = new OutputNotWritableError("cdktf.out/stacks", "EACCES", "cdktf.out");
    expect(error.message).toBe(
      "cdktf.out/stacks: cannot write (EACCES); cdktf.out was left as it was. Make cdktf.out and the folder it is in writable by you (e.g. chmod -R u+w cdktf.out), or set CDKTF_OUTDIR to a folder you can write.",
    );
    expect(error.name).toBe("OutputNotWritableError");
  });
});
