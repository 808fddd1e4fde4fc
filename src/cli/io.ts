import { escapeHidden } from "../load/visible-text";

/** What a command may touch, so tests can run commands in-process and read what they print. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** The project folder (git commands run here). */
  readonly cwd: string;
}

/**
 * Exit codes of every `tenants` command (README, "The `tenants` command"): 1 when the
 * command ran and found problems (invalid files, a failed plan), 2 when it was called wrong
 * (unknown command, option or format, a missing argument); nothing was done then.
 */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** Prints a usage error as one line, naming the command and where its usage is, and returns {@link EXIT_USAGE}. */
export function usageError(io: CliIo, command: string, message: string): number {
  io.err(`tenants ${command}: ${message} Run \`tenants ${command} --help\` for usage.`);
  return EXIT_USAGE;
}

export type OutputFormat = "text" | "json";

/** The `--format` option: text or json; anything else is a usage error (undefined, after printing it). */
export function outputFormat(io: CliIo, command: string, value: string | undefined): OutputFormat | undefined {
  if (value === undefined || value === "text" || value === "json") return value ?? "text";
  usageError(io, command, `--format must be text or json (received ${JSON.stringify(value)}).`);
  return undefined;
}

/**
 * stdout and stderr of this process. Writes to the terminal never carry a hidden
 * character: controls (ESC starts terminal escape sequences), zero-width and bidi
 * characters are shown escaped (`\u001b`), whatever value a message quotes. Line breaks
 * stay: a message may be several lines (JSON output). A reader that goes away
 * (`tenants list | head -1`) closes the pipe: further output is dropped instead of
 * crashing with EPIPE, and the command still finishes and exits with its own code.
 */
export function processIo(): CliIo {
  let stdoutClosed = false;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    stdoutClosed = true;
  });
  return {
    out: (line) => void (stdoutClosed || process.stdout.write(`${printableText(line)}\n`)),
    err: (line) => void process.stderr.write(`${printableText(line)}\n`),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Progress lines for people at a terminal; CI logs stay quiet. */
export function progress(io: CliIo): (line: string) => void {
  const interactive = process.stderr.isTTY && !io.env.CI;
  return interactive ? (line) => io.err(line) : () => undefined;
}

export type Command = (args: string[], io: CliIo) => number | Promise<number>;

/** `text` with every hidden character but the line break escaped. */
export function printableText(text: string): string {
  return text.split("\n").map(escapeHidden).join("\n");
}

/**
 * A GitHub Actions workflow command such as an `::error` annotation, escaped the way the
 * runner unescapes it, so a value can neither end the command nor start another one:
 * `%`, CR and LF in the message; also `:` and `,` in property values.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
export function workflowCommand(command: string, properties: Record<string, string | number | undefined>, message: string): string {
  const escapeData = (s: string) => escapeHidden(s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
  const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== "")
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(",");
  return `::${command}${props ? ` ${props}` : ""}::${escapeData(message)}`;
}
