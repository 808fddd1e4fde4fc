#!/usr/bin/env node
import { ADOPT_HELP, adoptCommand } from "../deploy/adopt-command";
import { DEPLOY_HELP, DRIFT_HELP, deployCommand, driftCommand } from "../deploy/deploy-command";
import { AFFECTED_HELP, affectedCommand } from "./affected-command";
import { CliIo, Command, processIo } from "./io";
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
  "Run tenants <command> --help for a command's options.",
].join("\n");

export async function main(args: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === "--help" || name === "-h" || name === "help") return (io.out(HELP), 0);
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    io.err(name === undefined ? HELP : `tenants: unknown command "${name}".\n\n${HELP}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    // parseArgs rejects unknown options by throwing; that is a usage error, not a crash.
    if ((error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`tenants ${name}: ${(error as Error).message}\n\n${command.help}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), processIo).then((code) => (process.exitCode = code));
}
