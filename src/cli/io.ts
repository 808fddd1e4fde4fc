/** What a command may touch, so tests can run commands in-process and read what they print. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** The project folder (git commands run here). */
  readonly cwd: string;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
};

/** Progress lines for people at a terminal; CI logs stay quiet. */
export function progress(io: CliIo): (line: string) => void {
  const interactive = process.stderr.isTTY && !io.env.CI;
  return interactive ? (line) => io.err(line) : () => undefined;
}

export type Command = (args: string[], io: CliIo) => number | Promise<number>;
