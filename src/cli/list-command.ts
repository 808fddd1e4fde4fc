import { parseArgs } from "util";
import { defaultSources } from "../load/config-files";
import { checkFleet } from "../validate/validate-fleet";
import { CliIo, EXIT_PROBLEMS, EXIT_USAGE, outputFormat } from "./io";

export const LIST_HELP = `Usage: tenants list [--format text|json]

Lists the tenants with their stack name, status and how many members, connections and
agents each has; CONNECTIONS counts every connection linked to the organization, the
enterprise connection included, SSO is its strategy (samlp, oidc, okta, waad) and DOMAINS
the discovery domains (those still pending verification in brackets). Exits 1 (printing the problems) when a file is invalid, 2 on wrong usage.`;

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
    // The enterprise connection is linked to the organization too (and counts toward Auth0's 10).
    connections: t.connections.length + (t.enterpriseConnection ? 1 : 0),
    enterpriseConnection: t.enterpriseConnection ? { name: t.enterpriseConnection.name, strategy: t.enterpriseConnection.strategy } : null,
    discoveryDomains: t.discoveryDomains.length,
    pendingDomains: t.discoveryDomains.filter((d) => d.status !== "verified").length,
    agents: t.agents.length,
  }));
  if (format === "json") {
    io.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  const header = ["TENANT", "STACK", "STATUS", "MEMBERS", "CONNECTIONS", "SSO", "DOMAINS", "AGENTS"];
  const cells = rows.map((r) => [
    r.tenant,
    r.stack,
    r.status,
    String(r.members),
    String(r.connections),
    r.enterpriseConnection?.strategy ?? "-",
    r.pendingDomains ? `${r.discoveryDomains} (${r.pendingDomains} pending)` : String(r.discoveryDomains),
    String(r.agents),
  ]);
  const table = [header, ...cells];
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  for (const row of table) io.out(row.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd());
  io.out(`${rows.length} tenant${rows.length === 1 ? "" : "s"}`);
  return 0;
}
