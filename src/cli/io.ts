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
 * Writes to the terminal never carry a hidden character: controls (ESC starts terminal
 * escape sequences), zero-width and bidi characters are shown escaped (`\u001b`), whatever
 * value a message quotes. Line breaks stay: a message may be several lines (JSON output).
 */
export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${printableText(line)}\n`),
  err: (line) => process.stderr.write(`${printableText(line)}\n`),
  env: process.env,
  cwd: process.cwd(),
};

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
