import * as path from "path";
import { parseArgs } from "util";
import { ConfigError } from "../errors";
import { ConfigSources, defaultSources } from "../load/config-files";
import { checkFleet } from "../validate/validate-fleet";
import { CliIo, workflowCommand } from "./io";

export const VALIDATE_HELP = `Usage: tenants validate [files...] [--format text|json]

Checks the platform file and the given tenant files (default: every file in the tenants
folder) exactly as synth does, without synthesizing. Prints every problem, one per line,
starting with file:line:column. Exits 1 when there is any problem.

  --format json   machine-readable: { "valid": boolean, "files": n, "errors": [...] }

In GitHub Actions (GITHUB_ACTIONS=true) each problem is also printed as an ::error
annotation, so it shows on the pull request's diff.`;

export function validateCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: "string", default: "text" }, help: { type: "boolean" } } });
  if (values.help) return io.out(VALIDATE_HELP), 0;
  if (values.format !== "text" && values.format !== "json") return io.err(`tenants validate: --format must be text or json, got "${values.format}"`), 2;

  const sources = sourcesFor(positionals, io.env);
  const { errors } = checkFleet(sources);
  const files = sources.tenantFiles.length + 1;
  if (values.format === "json") {
    io.out(JSON.stringify({ valid: errors.length === 0, files, errors: errors.map((e) => e.toJSON()) }, null, 2));
  } else {
    for (const error of errors) io.out(error.format());
    io.out(errors.length === 0 ? `${files} files valid.` : `${errors.length} problem${errors.length === 1 ? "" : "s"} in ${new Set(errors.map((e) => e.file)).size} of ${files} files.`);
  }
  if (io.env.GITHUB_ACTIONS === "true") for (const error of errors) io.out(githubAnnotation(error));
  return errors.length === 0 ? 0 : 1;
}

/** Files named on the command line; the platform file is always checked, since tenants refer to it. */
function sourcesFor(files: string[], env: NodeJS.ProcessEnv): ConfigSources {
  if (files.length === 0) return defaultSources(env);
  const platformFile = env.PLATFORM_FILE || "platform.json";
  return { platformFile, tenantFiles: files.filter((f) => path.resolve(f) !== path.resolve(platformFile)) };
}

/** An `::error` annotation on the file and line of the problem. */
export function githubAnnotation(error: ConfigError): string {
  return workflowCommand("error", { file: error.file, line: error.line, col: error.column, title: error.jsonPath }, error.describe());
}
