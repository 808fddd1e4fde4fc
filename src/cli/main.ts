#!/usr/bin/env node
import * as fs from "fs";
import * as path from "path";
import { ADOPT_HELP, adoptCommand } from "../deploy/adopt-command";
import { DEPLOY_HELP, DRIFT_HELP, deployCommand, driftCommand } from "../deploy/deploy-command";
import { AFFECTED_HELP, affectedCommand } from "./affected-command";
import { CliIo, Command, EXIT_OK, EXIT_USAGE, processIo, usageError } from "./io";
import { LIST_HELP, listCommand } from "./list-command";
import { LOCAL_HELP, localCommand } from "./local-command";
import { NEW_HELP, newCommand } from "./new-command";
import { PLAN_SUMMARY_HELP, planSummaryCommand } from "./plan-summary-command";
import { VALIDATE_HELP, validateCommand } from "./validate-command";

interface CommandEntry {
  readonly run: Command;
  readonly help: string;
  /** One line for the command list. */
  readonly summary: string;
}

const COMMANDS: Record<string, CommandEntry> = {
  new: { run: newCommand, help: NEW_HELP, summary: "write a new tenant file from the template" },
  validate: { run: validateCommand, help: VALIDATE_HELP, summary: "check tenant files and the platform file, all problems at once" },
  list: { run: listCommand, help: LIST_HELP, summary: "tenants with their stack and counts" },
  affected: { run: affectedCommand, help: AFFECTED_HELP, summary: "stacks whose Terraform JSON differs from a git ref" },
  "plan-summary": { run: planSummaryCommand, help: PLAN_SUMMARY_HELP, summary: "Markdown review of terraform show -json plans, risks on top" },
  local: { run: localCommand, help: LOCAL_HELP, summary: "plan and apply stacks against the local Auth0 simulator" },
  deploy: { run: deployCommand, help: DEPLOY_HELP, summary: "apply stacks: platform first, then tenants in parallel within Auth0's rate limit" },
  drift: { run: driftCommand, help: DRIFT_HELP, summary: "report stacks whose Auth0 objects differ from their configuration" },
  adopt: { run: adoptCommand, help: ADOPT_HELP, summary: "import objects a killed apply left in Auth0 that state does not know" },
};

export const HELP = [
  "Usage: tenants <command> [options]",
  "",
  ...Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(14)}${summary}`),
  "",
  "Run tenants <command> --help (or -h) for a command's options; tenants --version for the version.",
  "Exit codes: 0 done, 1 problems found (invalid files, a failed plan), 2 wrong usage (nothing was done),",
  "3 risky plan (plan-summary --fail-on).",
].join("\n");

const isHelp = (arg: string) => arg === "--help" || arg === "-h";

/** This project's version, from its package.json (found from dist/src/cli or src/cli). */
export function version(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  // Stryker disable next-line StringLiteral: without an encoding JSON.parse reads the Buffer as UTF-8 text all the same
  return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version;
}

export async function main(args: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || isHelp(name) || name === "help") {
    (name === undefined ? io.err : io.out)(HELP);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === "--version" || name === "-v") return (io.out(`tenants ${version()}`), EXIT_OK);
  const command = COMMANDS[name];
  if (!command) return (io.err(`tenants: unknown command ${JSON.stringify(name)}; the commands are ${Object.keys(COMMANDS).join(", ")}. Run \`tenants --help\` for usage.`), EXIT_USAGE);
  // Every command answers -h/--help, wherever it stands among the arguments.
  if (rest.some(isHelp)) return (io.out(command.help), EXIT_OK);
  try {
    return await command.run(rest, io);
  } catch (error) {
    // parseArgs rejects unknown options and missing option values by throwing; that is a usage error, not a crash.
    if ((error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) return usageError(io, name, (error as Error).message.split("\n")[0]);
    throw error;
  }
}

// Stryker disable all: run as a program only; compiled-app.test.ts runs it from dist/, which Stryker does not rebuild per mutant
if (require.main === module) {
  main(process.argv.slice(2), processIo()).then((code) => (process.exitCode = code));
}
// Stryker restore all
