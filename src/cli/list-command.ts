import { parseArgs } from "util";
import { defaultSources } from "../load/config-files";
import { checkFleet } from "../validate/validate-fleet";
import { CliIo, EXIT_PROBLEMS, EXIT_USAGE, outputFormat } from "./io";

export const LIST_HELP = `Usage: tenants list [--format text|json]

Lists the tenants with their stack name, status and how many members, connections and
agents each has. Exits 1 (printing the problems) when a file is invalid, 2 on wrong usage.`;

export function listCommand(args: string[], io: CliIo): number {
  const { values } = parseArgs({ args, options: { format: { type: "string" } } });
  const format = outputFormat(io, "list", values.format);
  if (!format) return EXIT_USAGE;
  const { fleet, errors } = checkFleet(defaultSources(io.env));
  if (!fleet) {
    for (const error of errors) io.err(error.format());
    return EXIT_PROBLEMS;
  }
  const rows = fleet.tenants.map((t) => ({
    tenant: t.name,
    stack: t.stackName,
    status: t.status,
    members: t.members.length,
    connections: t.connections.length,
    agents: t.agents.length,
  }));
  if (format === "json") {
    io.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  const header = { tenant: "TENANT", stack: "STACK", status: "STATUS", members: "MEMBERS", connections: "CONNECTIONS", agents: "AGENTS" };
  const table = [header, ...rows].map((r) => Object.values(r).map(String));
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  for (const row of table) io.out(row.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd());
  io.out(`${rows.length} tenant${rows.length === 1 ? "" : "s"}`);
  return 0;
}
