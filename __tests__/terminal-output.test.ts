import { CliIo, outputFormat, processIo, progress, usageError, workflowCommand } from "../src/cli/io";

/**
 * What every `tenants` command prints through: this process's stdout and stderr (hidden
 * characters escaped, a closed pipe tolerated), progress lines for people at a terminal only,
 * and one wording for usage errors.
 */
const recorder = (env: NodeJS.ProcessEnv = {}) => {
  const err: string[] = [];
  const io: CliIo = { out: () => undefined, err: (line) => err.push(line), env, cwd: "/" };
  return { io, err };
};

describe("this process's output", () => {
  let written: Array<[string, string]>;
  let listeners: Function[];
  beforeEach(() => {
    written = [];
    listeners = process.stdout.listeners("error");
    for (const stream of ["stdout", "stderr"] as const) {
      jest.spyOn(process[stream], "write").mockImplementation((chunk: any) => (written.push([stream, String(chunk)]), true));
    }
  });
  afterEach(() => {
    jest.restoreAllMocks();
    for (const listener of process.stdout.listeners("error")) if (!listeners.includes(listener)) process.stdout.off("error", listener as (e: Error) => void);
  });

  test("given lines with ESC, a bidi override and a line break, when printed, then each ends with a line break and only that stays raw", () => {
    const io = processIo();
    io.out("a\u001b[2Jb\nc");
    io.err("d\u202ee");
    expect(written).toEqual([
      ["stdout", "a\\u001b[2Jb\nc\n"],
      ["stderr", "d\\u202ee\n"],
    ]);
    expect([io.env, io.cwd]).toEqual([process.env, process.cwd()]);
  });

  test("given a reader that has gone away (EPIPE), when printing more, then stdout is dropped, stderr still written, and nothing is thrown", () => {
    const io = processIo();
    io.out("before");
    process.stdout.emit("error", Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
    io.out("after");
    io.err("still here");
    expect(written).toEqual([
      ["stdout", "before\n"],
      ["stderr", "still here\n"],
    ]);
  });

  test("given any other error on stdout, then it is not swallowed", () => {
    processIo();
    const error = Object.assign(new Error("write EIO"), { code: "EIO" });
    expect(() => process.stdout.emit("error", error)).toThrow(error);
  });
});

describe("progress lines", () => {
  const tty = process.stderr.isTTY;
  afterEach(() => (process.stderr.isTTY = tty));

  test("given a terminal and no CI, then progress lines are printed on stderr", () => {
    process.stderr.isTTY = true;
    const { io, err } = recorder({});
    progress(io)("Synthesizing…");
    expect(err).toEqual(["Synthesizing…"]);
  });

  test("given a terminal in CI, or no terminal, then progress lines are dropped", () => {
    process.stderr.isTTY = true;
    const ci = recorder({ CI: "true" });
    progress(ci.io)("Synthesizing…");
    process.stderr.isTTY = false;
    const piped = recorder({});
    progress(piped.io)("Synthesizing…");
    expect([ci.err, piped.err]).toEqual([[], []]);
  });
});

describe("usage errors", () => {
  test("given a usage error, then one line names the command and where its usage is, and the exit code is 2", () => {
    const { io, err } = recorder();
    expect(usageError(io, "list", "--base is required.")).toBe(2);
    expect(err).toEqual(["tenants list: --base is required. Run `tenants list --help` for usage."]);
  });

  test("given no --format, text or json, then that format; anything else is a usage error quoting it", () => {
    const { io, err } = recorder();
    expect([outputFormat(io, "list", undefined), outputFormat(io, "list", "text"), outputFormat(io, "list", "json")]).toEqual(["text", "text", "json"]);
    expect(err).toEqual([]);
    expect(outputFormat(io, "list", "")).toBeUndefined();
    expect(err).toEqual(['tenants list: --format must be text or json (received ""). Run `tenants list --help` for usage.']);
  });
});

describe("workflow commands", () => {
  test("given properties without a value (undefined or empty), then they are left out; 0 is a value", () => {
    expect(workflowCommand("error", { file: "a.json", line: undefined, col: "", title: "t", endLine: 0 }, "m")).toBe("::error file=a.json,title=t,endLine=0::m");
  });

  test("given no property at all, then the command is followed directly by its message", () => {
    expect(workflowCommand("error", { line: undefined }, "m")).toBe("::error::m");
    expect(workflowCommand("notice", {}, "")).toBe("::notice::");
  });
});
