import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { defaultSources, listTenantFiles, MAX_FILE_BYTES, readDocument, tenantsDirErrors } from "../src/load/config-files";
import { JsonDocument } from "../src/load/json-document";

/**
 * Where configuration is read from, and how one file is read: a regular file only, at most
 * MAX_FILE_BYTES, valid UTF-8 (the first bad byte named at its line and column), then JSON.
 */
let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-read-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};
/** Each error as `file:line:column: ...`, or the value read. */
const read = (file: string): string[] | { value: unknown } => {
  const result = readDocument(file);
  return Array.isArray(result) ? result.map((e) => e.format()) : { value: (result as JsonDocument).value };
};

describe("the default sources", () => {
  test("given no variables, then platform.json, the *.json of tenants/ and state-backend.json if there is one, from the working directory", () => {
    fs.mkdirSync(path.join(dir, "tenants"));
    write(path.join("tenants", "acme.json"), "{}");
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(defaultSources({})).toEqual({ platformFile: "platform.json", tenantFiles: [path.join("tenants", "acme.json")], tenantsDir: "tenants", stateBackendFile: undefined });
      write("state-backend.json", "{}");
      expect(defaultSources({}).stateBackendFile).toBe("state-backend.json");
    } finally {
      process.chdir(cwd);
    }
  });

  test("given PLATFORM_FILE, TENANTS_DIR and STATE_BACKEND_FILE, then those", () => {
    write("b.json", "{}");
    write("a.json", "{}");
    expect(defaultSources({ PLATFORM_FILE: "p.json", TENANTS_DIR: dir, STATE_BACKEND_FILE: "s.json" })).toEqual({
      platformFile: "p.json",
      tenantFiles: [path.join(dir, "a.json"), path.join(dir, "b.json")],
      tenantsDir: dir,
      stateBackendFile: "s.json",
    });
  });

  test("given variables set to empty strings, then the defaults, as if unset", () => {
    const sources = defaultSources({ PLATFORM_FILE: "", TENANTS_DIR: "", STATE_BACKEND_FILE: "" });
    expect([sources.platformFile, sources.tenantsDir]).toEqual(["platform.json", "tenants"]);
  });
});

describe("listing the tenants folder", () => {
  test("given JSON files, other files, dot files, a folder and a link, then every *.json entry not starting with '.', sorted", () => {
    write("b.json", "{}");
    write("a.json", "{}");
    write("notes.md", "");
    write("a.json.bak", "");
    write(".a.json", "{}");
    fs.mkdirSync(path.join(dir, "c.json"));
    fs.symlinkSync("/nowhere", path.join(dir, "d.json"));
    expect(listTenantFiles(dir)).toEqual(["a.json", "b.json", "c.json", "d.json"].map((f) => path.join(dir, f)));
  });

  test("given a folder that does not exist, or a file, then nothing", () => {
    expect(listTenantFiles(path.join(dir, "missing"))).toEqual([]);
    expect(listTenantFiles(write("a.json", "{}"))).toEqual([]);
  });

  test("given a missing folder, a file in its place, no tenant file, then each is one error; given files, none", () => {
    const missing = path.join(dir, "missing");
    const file = write("tenants", "");
    expect(tenantsDirErrors(missing, []).map((e) => e.problem)).toEqual(["the tenants folder does not exist"]);
    expect(tenantsDirErrors(file, []).map((e) => e.problem)).toEqual(["the tenants folder is not a folder"]);
    expect(tenantsDirErrors(dir, []).map((e) => [e.file, e.problem])).toEqual([[dir, "the tenants folder has no tenant file (*.json)"]]);
    expect(tenantsDirErrors(dir, [path.join(dir, "a.json")])).toEqual([]);
  });
});

describe("reading one file", () => {
  test("given a missing file, then it says the file does not exist", () => {
    const file = path.join(dir, "a.json");
    expect(read(file)).toEqual([`${file}: $: the file does not exist. Check the path (and PLATFORM_FILE, TENANTS_DIR, STATE_BACKEND_FILE if set).`]);
  });

  test("given a path through a file, then the system's code is named", () => {
    const file = path.join(write("a.json", "{}"), "b.json");
    expect(read(file)).toEqual([`${file}: $: cannot read the file: ENOTDIR. Check that the file exists and is readable.`]);
  });

  test("given a link to a valid file, then it is refused, naming where it points", () => {
    const target = write("real.json", "{}");
    const link = path.join(dir, "a.json");
    fs.symlinkSync(target, link);
    expect(read(link)).toEqual([
      `${link}: $: the file is a symbolic link (to ${JSON.stringify(target)}); configuration files must be regular files. Replace the link with the file itself: a link can point outside the repository, where a reviewer does not see what it holds.`,
    ]);
  });

  test("given a folder or a named pipe, then each is refused as not a file", () => {
    const folder = path.join(dir, "x.json");
    fs.mkdirSync(folder);
    const fifo = path.join(dir, "p.json");
    execFileSync("mkfifo", [fifo]);
    // A writer, so that opening the pipe for reading does not wait for one.
    const writer = fs.openSync(fifo, fs.constants.O_RDWR);
    try {
      expect([...(read(folder) as string[]), ...(read(fifo) as string[])].map((line) => line.split(". ")[0])).toEqual([`${folder}: $: expected a JSON file, found a folder`, `${fifo}: $: expected a JSON file, found not a regular file`]);
    } finally {
      fs.closeSync(writer);
    }
  });

  test("given a file of exactly MAX_FILE_BYTES, then it is read whole; one byte more is refused for its size", () => {
    const json = (bytes: number) => `{"a": "${"x".repeat(bytes - 10)}"}\n`;
    expect(Buffer.byteLength(json(MAX_FILE_BYTES))).toBe(MAX_FILE_BYTES);
    expect(read(write("a.json", json(MAX_FILE_BYTES)))).toEqual({ value: { a: "x".repeat(MAX_FILE_BYTES - 10) } });
    const over = write("b.json", json(MAX_FILE_BYTES + 1));
    expect(read(over)).toEqual([`${over}: $: the file is 1.0 MiB; configuration files are limited to 1.0 MiB. Check that this is the file you meant: a tenant with a thousand members is about 60 KiB.`]);
  });

  test("given a file the system says is empty that holds text (as /proc files do), then the text is read past its first byte", () => {
    // fstat gives size 0, so the buffer starts at one byte and grows as the text comes:
    // "<pid> (node) ..." parses as the number, then stops at the "(" after it.
    const [error] = readDocument("/proc/self/stat") as unknown as Array<{ line: number; column: number; problem: string }>;
    expect([error.line, error.column, error.problem]).toEqual([1, String(process.pid).length + 2, 'invalid JSON: unexpected character "("']);
  });

  test("given a file over the limit, then its size is the one the system gives, before reading it", () => {
    const file = path.join(dir, "a.json");
    fs.writeFileSync(file, "");
    fs.truncateSync(file, 3 * 1024 * 1024);
    expect(read(file)).toEqual([`${file}: $: the file is 3.0 MiB; configuration files are limited to 1.0 MiB. Check that this is the file you meant: a tenant with a thousand members is about 60 KiB.`]);
  });

  test("given a file the system says is empty that holds more than the limit (/proc/kallsyms), then it is refused for its size once read", () => {
    expect(read("/proc/kallsyms")).toEqual([
      "/proc/kallsyms: $: the file is 1.0 MiB; configuration files are limited to 1.0 MiB. Check that this is the file you meant: a tenant with a thousand members is about 60 KiB.",
    ]);
  });

  test("given files read, refused and broken, then none is left open", () => {
    const files = [write("a.json", "{}"), write("b.json", "{"), write("c.json", Buffer.from([0xff]))];
    fs.mkdirSync(path.join(dir, "d.json"));
    const open = () => fs.readdirSync("/proc/self/fd").length;
    const before = open();
    for (let i = 0; i < 5; i++) for (const file of [...files, path.join(dir, "d.json"), "/proc/self/mem"]) readDocument(file);
    expect(open()).toBe(before);
  });

  test("given a path through a link that points at itself, then it is refused as a link whose target cannot be read", () => {
    fs.symlinkSync("loop", path.join(dir, "loop"));
    const file = path.join(dir, "loop", "a.json");
    expect((read(file) as string[])[0]).toMatch(new RegExp(`^${file.replace(/[.]/g, "\\.")}: \\$: the file is a symbolic link \\(to "\\?"\\)`));
  });

  test("given a file whose reading fails after it was opened, then the system's code is named", () => {
    // /proc/self/mem opens as a regular file; reading its first page (never mapped) fails.
    expect(read("/proc/self/mem")).toEqual(["/proc/self/mem: $: cannot read the file: EIO. Check that the file exists and is readable."]);
  });
});

describe("bytes that are not UTF-8", () => {
  const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));
  const first = (content: Buffer) => {
    const file = write("a.json", content);
    return (read(file) as string[]).map((line) => line.slice(file.length + 1).split(". ")[0]);
  };

  test("given a Latin-1 byte after multi-byte characters on line 3, then its line and column count characters, not bytes", () => {
    expect(first(bytes('{\n "a": 1,\n "é€": "', [0xe9], '"\n}'))).toEqual(["3:9: $: the file is not valid UTF-8 (byte 0xe9)"]);
  });

  test("given a character outside the basic plane before it, then it counts two columns, as the JSON positions do", () => {
    expect(first(bytes('{"\u{1f600}', [0xff], '": 1}'))).toEqual(["1:5: $: the file is not valid UTF-8 (byte 0xff)"]);
  });

  test("given a lead byte followed by a byte that cannot continue it, then the lead byte is named, where it stands", () => {
    expect(first(bytes('{"a": "', [0xc3, 0x28], '"}'))).toEqual(["1:8: $: the file is not valid UTF-8 (byte 0xc3)"]);
  });

  test("given a three-byte sequence cut off at the end of the file, then its lead byte is named", () => {
    expect(first(bytes("{}\n", [0xe2, 0x82]))).toEqual(["2:1: $: the file is not valid UTF-8 (byte 0xe2)"]);
  });

  test("given a single byte under 0x10, then it is written with two hex digits", () => {
    expect(first(bytes("{}", [0xc0, 0x8a]))).toEqual(["1:3: $: the file is not valid UTF-8 (byte 0xc0)"]);
  });

  test("given a bad first byte, or a bad byte right after a complete multi-byte character, then that byte is named where it stands", () => {
    expect(first(bytes([0xff], "{}"))).toEqual(["1:1: $: the file is not valid UTF-8 (byte 0xff)"]);
    expect(first(bytes("\n\u00e9", [0x80]))).toEqual(["2:2: $: the file is not valid UTF-8 (byte 0x80)"]);
  });

  test("given a byte order mark, then it is dropped and the file is read", () => {
    expect(read(write("a.json", bytes([0xef, 0xbb, 0xbf], '{"a": 1}')))).toEqual({ value: { a: 1 } });
  });
});
