// The encoded GetProviderSchema answer is cached under a hash of what shapes it.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { schemaResponse } from "../src/schema-response";
import { schemaFile } from "../src/schema";

describe("schema response cache (one encoding per schema, shared by provider processes)", () => {
  const saved = process.env.AUTH0_SIM_SCHEMA;
  let dir: string;
  let proto: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sim-schema-cache-"));
    const schema = path.join(dir, "schema.json");
    fs.copyFileSync(schemaFile(), schema);
    proto = path.join(dir, "tfplugin6.proto");
    fs.writeFileSync(proto, 'syntax = "proto3";\n');
    process.env.AUTH0_SIM_SCHEMA = schema;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.AUTH0_SIM_SCHEMA;
    else process.env.AUTH0_SIM_SCHEMA = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const encoder = () => {
    const calls: object[] = [];
    return { calls, encode: (m: object) => (calls.push(m), Buffer.from(JSON.stringify(m))) };
  };

  test("given no cache, when asked twice, then the schema is encoded once and the second answer is the cached bytes", () => {
    const first = encoder();
    const bytes = schemaResponse(first.encode, [proto], dir);
    expect(first.calls).toHaveLength(1);
    const message = JSON.parse(bytes.toString()) as { resource_schemas: Record<string, unknown>; server_capabilities: unknown; diagnostics: unknown };
    expect(Object.keys(message.resource_schemas)).toContain("auth0_organization");
    expect(message.diagnostics).toEqual([]);
    expect(message.server_capabilities).toEqual({ plan_destroy: false, get_provider_schema_optional: false });
    expect(fs.readdirSync(dir).filter((f) => /^auth0-sim-schema-[0-9a-f]{32}\.bin$/.test(f))).toHaveLength(1);

    const second = encoder();
    expect(schemaResponse(second.encode, [proto], dir).equals(bytes)).toBe(true);
    expect(second.calls).toHaveLength(0);
  });

  test("given a cached answer, when the schema file or a proto file changes, then it is encoded again under a new name", () => {
    schemaResponse(encoder().encode, [proto], dir);
    fs.appendFileSync(process.env.AUTH0_SIM_SCHEMA!, "\n");
    const afterSchema = encoder();
    schemaResponse(afterSchema.encode, [proto], dir);
    fs.appendFileSync(proto, "// changed\n");
    const afterProto = encoder();
    schemaResponse(afterProto.encode, [proto], dir);
    expect([afterSchema.calls.length, afterProto.calls.length]).toEqual([1, 1]);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".bin"))).toHaveLength(3);
  });

  test("given no cache directory, when asked twice, then the schema is encoded each time and nothing is written", () => {
    const calls = encoder();
    schemaResponse(calls.encode, [proto], undefined);
    schemaResponse(calls.encode, [proto], undefined);
    expect(calls.calls).toHaveLength(2);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".bin"))).toEqual([]);
  });
});
