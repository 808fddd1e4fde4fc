// The pinned provider schema (the output of `terraform providers schema -json`) in two
// forms: as the proto Schema messages Terraform asks for, and as plain block
// descriptions the rest of the simulator walks to shape values.
import * as fs from "fs";
import * as path from "path";

export type TypeExpr = string | [string, TypeExpr | Record<string, TypeExpr> | TypeExpr[]];

export interface AttributeSchema {
  type: TypeExpr;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  deprecated?: boolean;
  /** Terraform 1.11 write-only argument: in the configuration only, never in plan or state. */
  write_only?: boolean;
}

export interface BlockTypeSchema {
  nesting_mode: "single" | "list" | "set" | "map" | "group";
  block: BlockSchema;
  min_items?: number;
  max_items?: number;
}

export interface BlockSchema {
  attributes?: Record<string, AttributeSchema>;
  block_types?: Record<string, BlockTypeSchema>;
  deprecated?: boolean;
}

export interface TypeSchema {
  version: number;
  block: BlockSchema;
}

export interface ProviderSchemas {
  provider: TypeSchema;
  resource_schemas: Record<string, TypeSchema>;
  data_source_schemas: Record<string, TypeSchema>;
}

const PROVIDER_ADDRESS = "registry.terraform.io/auth0/auth0";

// The project root is two folders up from sim/src (tests run the sources) and three from
// dist/sim/src (Terraform runs the compiled simulator).
const PROJECT = [path.resolve(__dirname, "../.."), path.resolve(__dirname, "../../..")].find((dir) => fs.existsSync(path.join(dir, "provider-schema")));
const DEFAULT_SCHEMA = path.join(PROJECT ?? path.resolve(__dirname, "../../.."), "provider-schema", "auth0-v1.55.0.json");

let loaded: ProviderSchemas | undefined;

/** The schema file the simulator serves: AUTH0_SIM_SCHEMA, else the pinned v1.55.0 schema. */
export const schemaFile = (): string => process.env.AUTH0_SIM_SCHEMA ?? DEFAULT_SCHEMA;

export function schemas(): ProviderSchemas {
  if (!loaded) {
    const file = schemaFile();
    const doc = JSON.parse(fs.readFileSync(file, "utf8")) as {
      provider_schemas: Record<string, ProviderSchemas>;
    };
    const found = doc.provider_schemas[PROVIDER_ADDRESS];
    if (!found) throw new Error(`${file} has no schema for ${PROVIDER_ADDRESS}`);
    loaded = found;
  }
  return loaded;
}

export function resourceSchema(typeName: string): TypeSchema | undefined {
  return schemas().resource_schemas[typeName];
}

export function dataSourceSchema(typeName: string): TypeSchema | undefined {
  return schemas().data_source_schemas[typeName];
}

// ---- proto form ----

interface ProtoAttribute {
  name: string;
  type: Buffer;
  required: boolean;
  optional: boolean;
  computed: boolean;
  sensitive: boolean;
  deprecated: boolean;
  write_only: boolean;
}

interface ProtoBlock {
  version: number;
  attributes: ProtoAttribute[];
  block_types: ProtoNestedBlock[];
  deprecated: boolean;
}

interface ProtoNestedBlock {
  type_name: string;
  block: ProtoBlock;
  nesting: string;
  min_items: number;
  max_items: number;
}

export interface ProtoSchema {
  version: number;
  block: ProtoBlock;
}

function protoBlock(block: BlockSchema, version: number): ProtoBlock {
  // Sorted names keep the response stable between runs.
  const attributes = Object.entries(block.attributes ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, a]) => ({
      name,
      type: Buffer.from(JSON.stringify(a.type)),
      required: a.required === true,
      optional: a.optional === true,
      computed: a.computed === true,
      sensitive: a.sensitive === true,
      deprecated: a.deprecated === true,
      write_only: a.write_only === true,
    }));
  const block_types = Object.entries(block.block_types ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type_name, bt]) => ({
      type_name,
      block: protoBlock(bt.block, 0),
      nesting: bt.nesting_mode.toUpperCase(),
      min_items: bt.min_items ?? 0,
      max_items: bt.max_items ?? 0,
    }));
  return { version, attributes, block_types, deprecated: block.deprecated === true };
}

function protoSchema(s: TypeSchema): ProtoSchema {
  return { version: s.version, block: protoBlock(s.block, s.version) };
}

export function protoSchemas(): {
  provider: ProtoSchema;
  resource_schemas: Record<string, ProtoSchema>;
  data_source_schemas: Record<string, ProtoSchema>;
} {
  const all = schemas();
  const map = (m: Record<string, TypeSchema>): Record<string, ProtoSchema> => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, protoSchema(v)]));
  return {
    provider: protoSchema(all.provider),
    resource_schemas: map(all.resource_schemas),
    data_source_schemas: map(all.data_source_schemas),
  };
}
