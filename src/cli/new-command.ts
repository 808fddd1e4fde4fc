import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { readDocument } from "../load/config-files";
import { isOrganizationName, ORGANIZATION_NAME_MAX } from "../model/auth0-limits";
import { CliIo, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, usageError } from "./io";

export const NEW_HELP = `Usage: tenants new <name> [--display-name "Name"]

Writes tenants/<name>.json from a template, valid as written: the organization with its
display name and the platform's first connection, no members and no agents yet. Edit it,
run \`tenants validate\`, open a pull request. Refuses an existing tenant (exit 1) or an
invalid name (exit 2).`;

export function newCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { "display-name": { type: "string" } } });
  const [name] = positionals;
  if (positionals.length !== 1) return usageError(io, "new", `give exactly one tenant name (received ${positionals.length}), e.g. tenants new newco.`);
  if (!isOrganizationName(name)) {
    io.err(`tenants new: "${name}" is not a valid organization name: use at most ${ORGANIZATION_NAME_MAX} lowercase letters, digits, '-' or '_', starting with a letter or digit.`);
    return EXIT_USAGE;
  }
  const tenantsDir = io.env.TENANTS_DIR || "tenants";
  const file = path.join(tenantsDir, `${name}.json`);
  if (fs.existsSync(file)) return io.err(`tenants new: ${file} already exists; edit it instead.`), EXIT_PROBLEMS;

  const schema = path.relative(tenantsDir, path.join(path.dirname(io.env.PLATFORM_FILE || "platform.json"), "schemas", "tenant.schema.json"));
  const tenant = {
    $schema: schema.split(path.sep).join("/"),
    name,
    displayName: values["display-name"] ?? titleCase(name),
    connections: [{ name: firstPlatformConnection(io.env) }],
    members: [],
    agents: [],
  };
  fs.mkdirSync(tenantsDir, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(tenant, null, 2)}\n`, { flag: "wx" });
  io.out(`Wrote ${file}. Add members and agents, then run: npm run tenants -- validate ${file}`);
  return EXIT_OK;
}

function titleCase(name: string): string {
  return name
    .split(/[-_]/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(" ");
}

/** The template links the platform's first connection, so the new file is valid as written. */
function firstPlatformConnection(env: NodeJS.ProcessEnv): string {
  const doc = readDocument(env.PLATFORM_FILE || "platform.json");
  const connections = "value" in doc ? (doc.value as { connections?: Array<{ name?: unknown }> }).connections : undefined;
  const name = connections?.[0]?.name;
  return typeof name === "string" ? name : "Username-Password-Authentication";
}
