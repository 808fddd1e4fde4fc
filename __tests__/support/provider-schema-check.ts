import * as fs from "fs";
import * as path from "path";

/** `terraform providers schema -json` of the auth0 provider version the stacks pin. */
export const PINNED_SCHEMA_FILE = path.resolve(__dirname, "..", "..", "provider-schema", "auth0-v1.55.0.json");

const PROVIDER_ADDRESS = "registry.terraform.io/auth0/auth0";
const REQUIRED_PROVIDER = { source: "auth0/auth0", version: "~> 1.55" };

// Terraform's own arguments, not the provider's. `//` is a comment anywhere in Terraform JSON.
const NESTED_META_ARGUMENTS: ReadonlySet<string> = new Set(["//"]);
const DATA_META_ARGUMENTS: ReadonlySet<string> = new Set(["//", "count", "depends_on", "for_each", "lifecycle", "provider"]);
const RESOURCE_META_ARGUMENTS: ReadonlySet<string> = new Set([...DATA_META_ARGUMENTS, "connection", "provisioner"]);
const PROVIDER_META_ARGUMENTS: ReadonlySet<string> = new Set(["//", "alias", "version"]);

export type SchemaType = string | ["list" | "set" | "map", SchemaType] | ["object", Record<string, SchemaType>];

interface SchemaAttribute {
  type: SchemaType;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
}

interface SchemaBlockType {
  nesting_mode: "single" | "list" | "set" | "map";
  min_items?: number;
  max_items?: number;
  block: SchemaBlock;
}

interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  block_types?: Record<string, SchemaBlockType>;
}

interface Schema {
  block: SchemaBlock;
}

export interface ProviderSchemaJson {
  provider_schemas: Record<string, { provider: Schema; resource_schemas: Record<string, Schema>; data_source_schemas: Record<string, Schema> }>;
}

export function readPinnedProviderSchema(): ProviderSchemaJson {
  return JSON.parse(fs.readFileSync(PINNED_SCHEMA_FILE, "utf8"));
}

/**
 * Problems Terraform would report at plan time about the auth0 parts of one synthesized
 * stack (Terraform JSON): unknown arguments, computed-only attributes set, required ones
 * missing, wrong value kinds, wrong block counts. Empty when the stack conforms.
 */
export function checkAgainstProviderSchema(stackJson: Record<string, unknown>, schemaJson: ProviderSchemaJson, stackName: string): string[] {
  const auth0 = schemaJson.provider_schemas[PROVIDER_ADDRESS];
  if (!auth0) throw new Error(`the schema has no ${PROVIDER_ADDRESS} provider`);
  return [
    ...checkRequiredProvider(stackJson),
    ...checkProviderConfigs(stackJson.provider, auth0.provider),
    ...checkInstances(stackJson.resource, "", "resource type", auth0.resource_schemas, RESOURCE_META_ARGUMENTS),
    ...checkInstances(stackJson.data, "data.", "data source type", auth0.data_source_schemas, DATA_META_ARGUMENTS),
  ].map((problem) => `${stackName}: ${problem}`);
}

function checkRequiredProvider(stackJson: Record<string, unknown>): string[] {
  const found = dig(stackJson, "terraform", "required_providers", "auth0");
  // Field by field, not util.isDeepStrictEqual: that also compares prototypes, which differ
  // for a stack copied across realms (structuredClone inside jest's sandbox).
  const pinned = isObject(found) && Object.keys(found).length === 2 && found.source === REQUIRED_PROVIDER.source && found.version === REQUIRED_PROVIDER.version;
  if (pinned) return [];
  return [`terraform.required_providers.auth0: expected ${JSON.stringify(REQUIRED_PROVIDER)}, found ${JSON.stringify(found) ?? "nothing"}`];
}

function checkProviderConfigs(providers: unknown, schema: Schema): string[] {
  const configs = dig(providers, "auth0");
  // No configuration is fine: Terraform then uses an empty one.
  if (configs === undefined) return [];
  return blockInstances("list", configs, "provider.auth0").flatMap(([address, config]) =>
    checkBlock(schema.block, config, "", PROVIDER_META_ARGUMENTS).map((problem) => `${address}: ${problem}`),
  );
}

/** Every `<type>.<name>` of an auth0 type in the stack's `resource` or `data` section. */
function checkInstances(section: unknown, addressPrefix: string, kind: string, schemas: Record<string, Schema>, metaArguments: ReadonlySet<string>): string[] {
  return entriesOf(section)
    .filter(([type]) => type.startsWith("auth0_"))
    .flatMap(([type, instances]) =>
      entriesOf(instances).flatMap(([name, body]) => {
        const schema = schemas[type];
        const problems = schema ? checkBlock(schema.block, body, "", metaArguments) : [`the auth0 provider has no ${kind} ${type}`];
        return problems.map((problem) => `${addressPrefix}${type}.${name}: ${problem}`);
      }),
    );
}

function checkBlock(block: SchemaBlock, body: unknown, path: string, metaArguments = NESTED_META_ARGUMENTS): string[] {
  if (!isObject(body)) return [at(path, `expected a block (object), found ${kindOf(body)}`)];
  const attributes = block.attributes ?? {};
  const blockTypes = block.block_types ?? {};
  // Terraform treats a null argument as not set.
  const given = Object.entries(body).filter(([name, value]) => !metaArguments.has(name) && value !== null);
  const isGiven = (name: string) => given.some(([givenName]) => givenName === name);

  const wrong = given.flatMap(([name, value]) => {
    const argumentPath = member(path, name);
    if (Object.hasOwn(attributes, name)) return checkAttribute(attributes[name], value, argumentPath);
    if (Object.hasOwn(blockTypes, name)) return checkNestedBlocks(blockTypes[name], value, argumentPath);
    return [`${argumentPath}: unknown argument`];
  });
  const missingAttributes = Object.entries(attributes)
    .filter(([name, attribute]) => attribute.required && !isGiven(name))
    .map(([name]) => `${member(path, name)}: required argument is missing`);
  const missingBlocks = Object.entries(blockTypes)
    .filter(([name, blockType]) => (blockType.min_items ?? 0) >= 1 && !isGiven(name))
    .map(([name]) => `${member(path, name)}: required block is missing`);
  return [...wrong, ...missingAttributes, ...missingBlocks];
}

function checkAttribute(attribute: SchemaAttribute, value: unknown, path: string): string[] {
  if (attribute.computed && !attribute.optional && !attribute.required) return [`${path}: computed-only attribute cannot be set`];
  return checkValue(attribute.type, value, path);
}

function checkNestedBlocks(blockType: SchemaBlockType, value: unknown, path: string): string[] {
  const instances = blockInstances(blockType.nesting_mode, value, path);
  const min = blockType.min_items ?? 0;
  const max = blockType.max_items ?? (blockType.nesting_mode === "single" ? 1 : Infinity);
  const count = instances.length;
  const countProblems =
    count < min ? [`${path}: expected at least ${blocks(min)}, found ${count}`] : count > max ? [`${path}: expected at most ${blocks(max)}, found ${count}`] : [];
  return [...countProblems, ...instances.flatMap(([instancePath, body]) => checkBlock(blockType.block, body, instancePath))];
}

/**
 * The blocks a Terraform JSON value stands for, each with its path: an array is one block
 * per element, a map block is an object by label, anything else is one block.
 */
function blockInstances(nestingMode: SchemaBlockType["nesting_mode"], value: unknown, path: string): [string, unknown][] {
  if (nestingMode === "map" && isObject(value)) return Object.entries(value).map(([label, body]) => [member(path, label), body]);
  if (Array.isArray(value)) return value.map((body, index) => [`${path}[${index}]`, body]);
  return [[path, value]];
}

function checkValue(type: SchemaType, value: unknown, path: string): string[] {
  // A reference is resolved at plan time, so its type is Terraform's to check.
  if (isReference(value)) return [];
  const mismatch = [`${path}: expected ${typeName(type)}, found ${kindOf(value)}`];
  if (typeof type === "string") return kindOf(value) === type ? [] : mismatch;
  switch (type[0]) {
    case "list":
    case "set": {
      const elementType = type[1];
      return Array.isArray(value) ? value.flatMap((element, index) => checkValue(elementType, element, `${path}[${index}]`)) : mismatch;
    }
    case "map": {
      const elementType = type[1];
      return isObject(value) ? Object.entries(value).flatMap(([key, element]) => checkValue(elementType, element, member(path, key))) : mismatch;
    }
    case "object":
      return isObject(value) ? checkObjectValue(type[1], value, path) : mismatch;
  }
}

/** Terraform converts a JSON object to an object type only with exactly the type's attributes. */
function checkObjectValue(attributeTypes: Record<string, SchemaType>, value: Record<string, unknown>, path: string): string[] {
  const unknown = Object.keys(value)
    .filter((name) => !Object.hasOwn(attributeTypes, name))
    .map((name) => `${member(path, name)}: unknown attribute`);
  const checked = Object.entries(attributeTypes).flatMap(([name, type]) => {
    if (!Object.hasOwn(value, name)) return [`${member(path, name)}: missing attribute`];
    return value[name] === null ? [] : checkValue(type, value[name], member(path, name));
  });
  return [...unknown, ...checked];
}

/** A string with a `${...}` interpolation; `$${` is an escaped, literal `${`. */
function isReference(value: unknown): boolean {
  return typeof value === "string" && /(?<!\$)\$\{/.test(value);
}

function typeName(type: SchemaType): string {
  if (typeof type === "string") return type;
  return type[0] === "object" ? "object" : `${type[0]} of ${typeName(type[1])}`;
}

/** The kind of a JSON value, in Terraform's words where they exist. */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "boolean") return "bool";
  return typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function entriesOf(value: unknown): [string, unknown][] {
  return isObject(value) ? Object.entries(value) : [];
}

function dig(value: unknown, ...keys: string[]): unknown {
  return keys.reduce((current, key) => (isObject(current) ? current[key] : undefined), value);
}

/** JSON path of `key` inside `path`: `a.b` for plain names, `a["x y"]` otherwise. */
function member(path: string, key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}

function at(path: string, message: string): string {
  return path ? `${path}: ${message}` : message;
}

function blocks(count: number): string {
  return count === 1 ? "1 block" : `${count} blocks`;
}
