import * as fs from "fs";
import * as path from "path";
import { printableText, workflowCommand } from "../src/cli/io";
import { validateCommand } from "../src/cli/validate-command";
import { MAX_FILE_BYTES } from "../src/load/config-files";
import { runCli } from "./support/cli";
import { PUBLIC_KEY } from "./support/keys";
import { minimalTenant, TempProject } from "./support/project";

/**
 * Tenant files are attacker input: what a reviewer reads must be what is deployed, and
 * nothing in a file may reach a terminal or a CI log as a command. One test per class of
 * bad input: synth exits 1, the message names file, line, path and what to do, shows hidden
 * characters escaped, and nothing is written.
 */
let project: TempProject;
beforeEach(() => (project = new TempProject()));
afterEach(() => project.remove());

const FIXTURES = path.join(__dirname, "fixtures", "strict-input");
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");
/** A tenant file as text, so the test shows exactly which bytes are on which line. */
const acmeText = (...lines: string[]) =>
  ["{", '  "name": "acme",', '  "displayName": "Acme",', '  "connections": [{ "name": "Username-Password-Authentication" }],', ...lines, "}"].join("\n");

/** No line a CI runner or terminal would act on: no raw control or hidden character, no workflow command except our own annotations. */
function expectInert(lines: readonly string[]): void {
  for (const line of lines.flatMap((l) => l.split("\n"))) {
    expect(line).not.toMatch(/[\p{Cc}\p{Cf}\u2028\u2029]/u);
    expect(line).not.toContain("##[");
    if (/^\s*::/.test(line)) expect(line).toMatch(/^::error file=[^:]*::/);
  }
}

/** [situation, file content, expected text after "<file>:"] */
const CASES: Array<[string, string | Buffer, string]> = [
  [
    'the key "status" twice, active at the top and decommissioned at the bottom',
    fixture("duplicate-status.json"),
    `9:3: $.status: key "status" appears twice (lines 3 and 9). Keep one of them: tools disagree on which one counts, so a reviewer may read the one that is ignored.`,
  ],
  [
    "a member with the key userId twice",
    acmeText('  "members": [', '    { "userId": "auth0|1",', '      "userId": "auth0|2" }', "  ]"),
    '7:7: $.members[0].userId: key "userId" appears twice (lines 6 and 7).',
  ],
  [
    "a bidi override in the display name",
    acmeText('  "metadata": { "note": "paid \\u202e00.001$" }'),
    '5:25: $.metadata.note: the value contains a bidirectional-text control (it reorders what a reviewer sees), \\u202e, at character 6 (received "paid \\u202e00.001$"). Remove it',
  ],
  [
    "an escape sequence (ESC) in the display name",
    '{\n  "name": "acme",\n  "displayName": "Acme \\u001b[2J\\u001b[31mAll good",\n  "connections": [{ "name": "Username-Password-Authentication" }]\n}',
    '3:18: $.displayName: the value contains the escape character (it starts terminal control sequences), \\u001b, at character 6 (received "Acme \\u001b[2J\\u001b[31mAll good").',
  ],
  [
    "a C1 control (CSI, U+009B) in a metadata value",
    acmeText('  "metadata": { "plan": "gold\\u009b2J" }'),
    '5:25: $.metadata.plan: the value contains a control character, \\u009b, at character 5 (received "gold\\u009b2J").',
  ],
  [
    "a word joiner (U+2060) in an email",
    acmeText('  "members": [{ "email": "jane\\u2060@acme.example" }]'),
    '5:26: $.members[0].email: the value contains a zero-width character, \\u2060, at character 5 (received "jane\\u2060@acme.example").',
  ],
  [
    "a soft hyphen (another invisible format character) in an agent name",
    acmeText('  "agents": [{ "name": "re\\u00adporter", "scopes": ["read:data"] }]'),
    '5:24: $.agents[0].name: the value contains an invisible formatting character, \\u00ad, at character 3 (received "re\\u00adporter").',
  ],
  [
    "a zero-width space in a metadata key",
    acmeText('  "metadata": { "pl\\u200ban": "gold" }'),
    '5:17: $.metadata["pl\\u200ban"]: the key contains a zero-width character, \\u200b, at character 3 (received "pl\\u200ban").',
  ],
  [
    "a raw escape byte inside a string",
    '{\n  "name": "acme",\n  "displayName": "Acme \u001b[31m"\n}',
    "3:24: $: invalid JSON: a raw control character \\u001b. Fix the JSON syntax at this line and column",
  ],
  [
    "bytes that are not UTF-8 (Latin-1 é)",
    Buffer.concat([Buffer.from('{\n  "name": "acme",\n  "displayName": "Caf'), Buffer.from([0xe9]), Buffer.from('"\n}')]),
    "3:22: $: the file is not valid UTF-8 (byte 0xe9). Save the file as UTF-8",
  ],
  [
    "arrays nested 2,000 deep",
    `{"name": "acme", "metadata": ${"[".repeat(2000)}${"]".repeat(2000)}}`,
    "1:61: $: objects and arrays are nested more than 32 levels deep. Compare the file with the schema in schemas/",
  ],
];

describe.each(CASES)("given a tenant file with %s", (_situation, content, expected) => {
  test("when synthesizing, then it exits 1 with one line naming file, line, path and fix, hidden characters escaped, and writes nothing", async () => {
    const file = path.join(project.tenantsDir, "acme.json");
    fs.writeFileSync(file, content);
    const { exitCode, output } = await project.synth();
    expect(exitCode).toBe(1);
    expect(output).toContain(`  ${file}:${expected}`);
    expect(output).toContain("Nothing was written.");
    expectInert([output]);
    expect(project.outputFiles()).toEqual([]);
  });
});

describe("given a tenant file whose second member differs from the first only by a zero-width space", () => {
  test("when validating, then the hidden character is the error (not a second member), and the bidi override in the display name too", async () => {
    const file = project.tenant("acme", fixture("hidden-characters.json"));
    const { exitCode, out } = await runCli(validateCommand, [], project.env);
    expect(exitCode).toBe(1);
    expect(out.filter((l) => l.startsWith(file)).map((l) => l.slice(file.length).split(" (received")[0])).toEqual([
      ":3:18: $.displayName: the value contains a bidirectional-text control (it reorders what a reviewer sees), \\u202e, at character 6",
      ":7:17: $.members[1].userId: the value contains a zero-width character, \\u200b, at character 7",
    ]);
  });
});

describe("given a PEM public key written with \\n line breaks", () => {
  test("when validating, then the line breaks are accepted there (and only there)", () => {
    const pem = PUBLIC_KEY.replace("\n", "\r\n");
    project.tenant("acme", { ...minimalTenant("acme"), agents: [{ name: "signer", scopes: ["read:data"], authentication: { method: "private_key_jwt", publicKeys: [{ name: "k1", pem }] } }] });
    expect(project.check().errors).toEqual([]);
  });
});

describe("given a tenant file that starts with a UTF-8 byte order mark", () => {
  test("when validating, then it is read like any other UTF-8 file", () => {
    fs.writeFileSync(path.join(project.tenantsDir, "acme.json"), `\ufeff${JSON.stringify(minimalTenant("acme"))}`);
    expect(project.check().errors).toEqual([]);
  });
});

describe("given a key that holds workflow commands and a terminal escape, in GitHub Actions", () => {
  const env = () => ({ ...project.env, GITHUB_ACTIONS: "true" });

  test("when validating, then no line is a workflow command but the one ::error annotation per problem, and nothing is raw", async () => {
    const file = project.tenant("acme", fixture("workflow-command-key.json"));
    const { exitCode, out, err } = await runCli(validateCommand, [], env());
    expect(exitCode).toBe(1);
    expectInert([...out, ...err]);
    expect(out.filter((l) => l.startsWith("::"))).toEqual([]); // annotations go to stderr, so stdout stays the report
    expect(err.filter((l) => l.startsWith("::"))).toEqual([
      `::error file=${file},line=6,col=5,title=$.metadata["plan\\n%3A%3Aadd-mask%3A%3Aghp_all\\n%3A%3Awarning title=All checks passed%3A%3ANothing to see\\n\\u001b[2J"]::` +
        '$.metadata["plan\\n::add-mask::ghp_all\\n::warning title=All checks passed::Nothing to see\\n\\u001b[2J"]: the key contains a control character, \\u000a, at character 5 ' +
        '(received "plan\\n::add-mask::ghp_all\\n::warning title=All checks passed::Nothing to see\\n… (89 characters)). Remove it (retype the text rather than pasting it): ' +
        "characters no one can see make two values that look the same differ, or show a reviewer something other than what is deployed.",
    ]);
  });

  test("when validating with --format json, then the output is still JSON holding the key as written", async () => {
    project.tenant("acme", fixture("workflow-command-key.json"));
    const { out } = await runCli(validateCommand, ["--format", "json"], env());
    const json = JSON.parse(out[0]);
    expect(json.errors[0].path).toBe('$.metadata["plan\\n::add-mask::ghp_all\\n::warning title=All checks passed::Nothing to see\\n\\u001b[2J"]');
    expectInert(out);
  });

  test("when synthesizing, then every problem is one inert line and nothing is written", async () => {
    project.tenant("acme", fixture("workflow-command-key.json"));
    const { exitCode, output } = await project.synth();
    expect(exitCode).toBe(1);
    expectInert([output]);
    expect(output.split("\n")).toHaveLength(3);
    expect(project.outputFiles()).toEqual([]);
  });
});

describe("given a file name that starts with '::' given on the command line", () => {
  test("when validating, then the line shows the colon escaped and is not a workflow command", async () => {
    const file = "::warning::x.json";
    const { out } = await runCli(validateCommand, [file], project.env, project.dir);
    expect(out[0]).toMatch(/^\\u003a:warning::x\.json: \$: the file does not exist\./);
    expectInert(out);
  });
});

describe("given arrays nested 2,000 deep in one file and an unknown key in another", () => {
  test("when synthesizing, then each file's problem is one line, without a stack trace, in the same run", async () => {
    const deep = project.tenant("acme", `{"name": "acme", "metadata": ${"[".repeat(2000)}${"]".repeat(2000)}}`);
    const beta = project.tenant("beta", { ...minimalTenant("beta"), colour: "red" });
    const { exitCode, output } = await project.synth();
    expect(exitCode).toBe(1);
    expect(output.split("\n")).toEqual([
      "2 problems in the tenant configuration:",
      `  ${deep}:1:61: $: objects and arrays are nested more than 32 levels deep. Compare the file with the schema in schemas/: no configuration file nests this deep.`,
      expect.stringMatching(new RegExp(`^  ${beta}:9:3: \\$\\.colour: unknown key "colour"`)),
      "Nothing was written. Fix the problems above and run again.",
    ]);
  });
});

describe("given a tenant file of 18 MB with 200,000 members", () => {
  test("when synthesizing, then the size limit refuses it at once, in one line", async () => {
    const members = Array.from({ length: 200_000 }, (_, i) => ({ email: `user${i}@acme.example`, roles: ["member"] }));
    const file = project.tenant("acme", { ...minimalTenant("acme"), members });
    const started = Date.now();
    const { exitCode, output } = await project.synth();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(exitCode).toBe(1);
    expect(output).toContain(`  ${file}: $: the file is 18.4 MiB; configuration files are limited to 1.0 MiB. Check that this is the file you meant`);
    expect(project.outputFiles()).toEqual([]);
  });
});

describe("given tenant files at the size limit", () => {
  const padded = (bytes: number) => {
    const json = JSON.stringify(minimalTenant("acme"), null, 2);
    return json + " ".repeat(bytes - Buffer.byteLength(json));
  };

  test("when a file is exactly 1 MiB, then it is read whole and valid", () => {
    project.tenant("acme", padded(MAX_FILE_BYTES));
    const { fleet, errors } = project.check();
    expect(errors).toEqual([]);
    expect(fleet?.tenants.map((t) => t.name)).toEqual(["acme"]);
  });

  test("when a file is one byte over 1 MiB, then it is refused for its size", () => {
    const file = project.tenant("acme", padded(MAX_FILE_BYTES + 1));
    const { errors } = project.check();
    expect(errors.map((e) => [e.file, e.problem])).toEqual([[file, "the file is 1.0 MiB; configuration files are limited to 1.0 MiB"]]);
  });
});

describe("given tenant entries that are not regular files", () => {
  test("when synthesizing, then a symbolic link and a folder named x.json are each an error, and nothing is written", async () => {
    const outside = path.join(project.dir, "outside.json");
    fs.writeFileSync(outside, JSON.stringify(minimalTenant("acme")));
    const link = path.join(project.tenantsDir, "acme.json");
    fs.symlinkSync(outside, link);
    const folder = path.join(project.tenantsDir, "x.json");
    fs.mkdirSync(folder);
    project.tenant("beta", minimalTenant("beta"));
    const { exitCode, output } = await project.synth();
    expect(exitCode).toBe(1);
    expect(output.split("\n").slice(1, 3)).toEqual([
      `  ${link}: $: the file is a symbolic link (to "${outside}"); configuration files must be regular files. Replace the link with the file itself: a link can point outside the repository, where a reviewer does not see what it holds.`,
      `  ${folder}: $: expected a JSON file, found a folder. Rename or move it: every *.json entry in the tenants folder must be a tenant file.`,
    ]);
    expect(project.outputFiles()).toEqual([]);
  });

  test("when listing the folder, then editor lock and backup files (names starting with '.') are not tenant files", () => {
    project.tenant("acme", minimalTenant("acme"));
    fs.symlinkSync("user@host.1234", path.join(project.tenantsDir, ".#acme.json"));
    expect(project.check().errors).toEqual([]);
  });
});

describe("given an earlier successful synth", () => {
  const earlier = async () => {
    project.tenant("acme", minimalTenant("acme"));
    expect((await project.synth()).exitCode).toBe(0);
    return Object.fromEntries(project.outputFiles().map((f) => [f, fs.readFileSync(path.join(project.outdir, f), "utf8")]));
  };
  const current = () => Object.fromEntries(project.outputFiles().map((f) => [f, fs.readFileSync(path.join(project.outdir, f), "utf8")]));

  test("when TENANTS_DIR points nowhere, then synth exits 1 in one line and every tenant stack stays in cdktf.out", async () => {
    const before = await earlier();
    const missing = path.join(project.dir, "tenantz");
    const lines: string[] = [];
    const { synthCommand } = await import("../src/synth/synth-command");
    const exitCode = await synthCommand({ env: { ...project.env, TENANTS_DIR: missing }, log: (l) => lines.push(l) });
    expect(exitCode).toBe(1);
    expect(lines.join("\n")).toContain(
      `  ${missing}: $: the tenants folder does not exist. Run from the project folder, or set TENANTS_DIR to the folder that holds the tenant files.`,
    );
    expect(current()).toEqual(before);
    expect(before["stacks/tenant-acme/cdk.tf.json"]).toBeDefined();
  });

  test("when the tenants folder is emptied, then synth exits 1 saying so and every tenant stack stays in cdktf.out", async () => {
    const before = await earlier();
    fs.rmSync(path.join(project.tenantsDir, "acme.json"));
    const { exitCode, output } = await project.synth();
    expect(exitCode).toBe(1);
    expect(output).toContain(`  ${project.tenantsDir}: $: the tenants folder has no tenant file (*.json).`);
    expect(current()).toEqual(before);
  });
});

describe("printing to a terminal", () => {
  test("given text with ESC, a bidi override and a line break, then only the line break stays raw", () => {
    expect(printableText("a\u001b[31mb\u202ec\nd\u0085")).toBe("a\\u001b[31mb\\u202ec\nd\\u0085");
  });

  test("given a workflow command's message and properties with %, CR, LF, ':' and ',', then each is escaped as the runner unescapes it", () => {
    expect(workflowCommand("error", { file: "a:b,c.json", line: 3, title: "100%" }, "x%y\r\n::add-mask::z")).toBe(
      "::error file=a%3Ab%2Cc.json,line=3,title=100%25::x%25y%0D%0A::add-mask::z",
    );
  });
});
