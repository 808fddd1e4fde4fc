import * as fs from "fs";
import * as path from "path";
import { ROOT } from "./project";

/**
 * Where the pinned provider schema marks an argument sensitive or write-only, the
 * synthesized value must be a reference to a sensitive variable (write-only: also
 * ephemeral, so the value reaches neither the plan file nor state), never a literal.
 */
const providerSchema = JSON.parse(fs.readFileSync(path.join(ROOT, "provider-schema", "auth0-v1.55.0.json"), "utf8")).provider_schemas[
  "registry.terraform.io/auth0/auth0"
];

type SchemaBlock = {
  attributes?: Record<string, { sensitive?: boolean; write_only?: boolean }>;
  block_types?: Record<string, { block: SchemaBlock }>;
};

interface SecretArgument {
  readonly path: string[];
  readonly writeOnly: boolean;
}

function secretArguments(block: SchemaBlock, prefix: string[] = []): SecretArgument[] {
  const own = Object.entries(block.attributes ?? {})
    .filter(([, a]) => a.sensitive || a.write_only)
    .map(([name, a]) => ({ path: [...prefix, name], writeOnly: a.write_only === true }));
  const nested = Object.entries(block.block_types ?? {}).flatMap(([name, b]) => secretArguments(b.block, [...prefix, name]));
  return [...own, ...nested];
}

function valueAt(config: unknown, attributePath: string[]): unknown {
  return attributePath.reduce<unknown>((value, key) => {
    const object = Array.isArray(value) ? value[0] : value;
    return object && typeof object === "object" ? (object as Record<string, unknown>)[key] : undefined;
  }, config);
}

/** Every sensitive or write-only argument of a synthesized stack that is not set from a suitable variable. */
export function secretsInClear(stack: Record<string, any>): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  for (const [type, blocks] of Object.entries<any>(stack.resource ?? {})) {
    for (const [name, config] of Object.entries(blocks)) {
      for (const argument of secretArguments(providerSchema.resource_schemas[type].block)) {
        const value = valueAt(config, argument.path);
        if (value === undefined) continue;
        const variable = stack.variable?.[/^\$\{var\.([\w-]+)\}$/.exec(String(value))?.[1] ?? ""];
        const fromVariable = variable?.sensitive === true && (!argument.writeOnly || variable.ephemeral === true);
        if (!fromVariable) found.push({ resource: `${type}.${name}`, argument: argument.path.join("."), value });
      }
    }
  }
  return found;
}

/** Counts of sensitive and write-only arguments set in a stack (so a test can show it checked something). */
export function secretArgumentsSet(stack: Record<string, any>): number {
  return Object.entries<any>(stack.resource ?? {}).reduce(
    (n, [type, blocks]) =>
      n +
      Object.values(blocks).reduce<number>(
        (m, config) => m + secretArguments(providerSchema.resource_schemas[type].block).filter((a) => valueAt(config, a.path) !== undefined).length,
        0,
      ),
    0,
  );
}
