import { CliIo } from "../../src/cli/io";

/** Runs a command in-process and keeps what it printed. */
export async function runCli(
  command: (args: string[], io: CliIo) => number | Promise<number>,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
): Promise<{ exitCode: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const exitCode = await command(args, { out: (l) => out.push(l), err: (l) => err.push(l), env, cwd });
  return { exitCode, out, err };
}
