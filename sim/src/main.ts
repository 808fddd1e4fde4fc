// Entry point Terraform runs (through bin/terraform-provider-auth0): serves tfplugin6
// over gRPC with go-plugin's mutual TLS and announces itself with the handshake line.
// stdout carries only that line, or, when startup fails, one error line in its place.
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import * as path from "path";
import { certHandshakeField, serverCert } from "./cert";
import { readData } from "./datasources";
import { error, type Diagnostic } from "./diagnostics";
import { log } from "./log";
import { privateCacheDir } from "./private-cache";
import { apply, importState, plan, read, upgradeState } from "./engine/resources";
import { RateLimitedError, takeRequests } from "./rate-limit";
import { schemaResponse } from "./schema-response";
import { storePath } from "./store";
import { decodeDynamic, encodeDynamic, type DynamicValue } from "./values";

const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
// dist/sim/src/main.js -> sim/proto/
const PROTO_DIR = path.resolve(__dirname, "../../../sim/proto");

type Req = Record<string, unknown> & { type_name: string };
type Handler = (req: Req) => Record<string, unknown>;

const dyn = (v: unknown): DynamicValue => v as DynamicValue;

function internalError(e: unknown): Diagnostic {
  const err = e instanceof Error ? e : new Error(String(e));
  return error("Auth0 simulator failed", `${err.message}\n${err.stack ?? ""}`);
}

const PROTO_FILES = ["tfplugin6.proto", "grpc_controller.proto"];

/** Set once the service is defined: the schema answer, already encoded (see schema-response.ts). */
let encodeSchemaResponse: ((message: object) => Buffer) | undefined;

const handlers: Record<string, { handler: Handler; diagField: string }> = {
  GetProviderSchema: {
    diagField: "diagnostics",
    handler: () =>
      schemaResponse(
        encodeSchemaResponse!,
        PROTO_FILES.map((f) => path.join(PROTO_DIR, f)),
        privateCacheDir(),
      ) as unknown as Record<string, unknown>,
  },
  ValidateProviderConfig: { diagField: "diagnostics", handler: () => ({ diagnostics: [] }) },
  ValidateResourceConfig: { diagField: "diagnostics", handler: () => ({ diagnostics: [] }) },
  ValidateDataResourceConfig: { diagField: "diagnostics", handler: () => ({ diagnostics: [] }) },
  // No credentials are needed: the tenant is the store file.
  ConfigureProvider: { diagField: "diagnostics", handler: () => ({ diagnostics: [] }) },
  UpgradeResourceState: {
    diagField: "diagnostics",
    handler: (req) => {
      const raw = req.raw_state as { json?: Buffer } | null;
      const json = raw?.json && raw.json.length > 0 ? raw.json.toString("utf8") : "null";
      return { upgraded_state: encodeDynamic(upgradeState(req.type_name, json)), diagnostics: [] };
    },
  },
  ReadResource: {
    diagField: "diagnostics",
    handler: (req) => {
      const r = read(req.type_name, decodeDynamic(dyn(req.current_state)));
      return { new_state: encodeDynamic(r.value), diagnostics: r.diagnostics, private: req.private };
    },
  },
  PlanResourceChange: {
    diagField: "diagnostics",
    handler: (req) => {
      const r = plan(req.type_name, decodeDynamic(dyn(req.prior_state)), decodeDynamic(dyn(req.proposed_new_state)));
      return {
        planned_state: encodeDynamic(r.value),
        requires_replace: r.requiresReplace,
        planned_private: req.prior_private,
        diagnostics: r.diagnostics,
        // As terraform-plugin-sdk v2 (the real provider) declares: Terraform then tolerates
        // a state read back after apply that differs from the plan (kept values, adoption).
        legacy_type_system: true,
      };
    },
  },
  ApplyResourceChange: {
    diagField: "diagnostics",
    handler: (req) => {
      const r = apply(req.type_name, decodeDynamic(dyn(req.prior_state)), decodeDynamic(dyn(req.planned_state)), decodeDynamic(dyn(req.config)));
      return { new_state: encodeDynamic(r.value), private: req.planned_private, diagnostics: r.diagnostics, legacy_type_system: true };
    },
  },
  ImportResourceState: {
    diagField: "diagnostics",
    handler: (req) => {
      const r = importState(req.type_name, req.id as string);
      const imported = r.value === null ? [] : [{ type_name: req.type_name, state: encodeDynamic(r.value) }];
      return { imported_resources: imported, diagnostics: r.diagnostics };
    },
  },
  ReadDataSource: {
    diagField: "diagnostics",
    handler: (req) => {
      const r = readData(req.type_name, decodeDynamic(dyn(req.config)));
      return { state: encodeDynamic(r.value), diagnostics: r.diagnostics };
    },
  },
  StopProvider: { diagField: "Error", handler: () => ({}) },
};

/**
 * The Management API requests each call stands for (provider v1.55.0): one GET per read,
 * import and data source; a create or update is the write plus the read-back its
 * Create/Update function ends with; a delete is one DELETE.
 */
function apiRequests(name: string, req: Req): { kind: string; requests: number } | undefined {
  switch (name) {
    case "ReadResource":
    case "ReadDataSource":
      return { kind: `read ${req.type_name}`, requests: 1 };
    case "ImportResourceState":
      return { kind: `import ${req.type_name}`, requests: 1 };
    case "ApplyResourceChange": {
      if (decodeDynamic(dyn(req.planned_state)) === null) return { kind: `delete ${req.type_name}`, requests: 1 };
      const create = decodeDynamic(dyn(req.prior_state)) === null;
      return { kind: `${create ? "create" : "update"} ${req.type_name}`, requests: 2 };
    }
    default:
      return undefined;
  }
}

/** Takes the call's requests from the shared rate limit; a diagnostic when Auth0 would still answer 429. */
function rateLimited(name: string, req: Req): Diagnostic | undefined {
  const api = apiRequests(name, req);
  if (!api) return undefined;
  try {
    takeRequests(api.kind, api.requests);
    return undefined;
  } catch (e) {
    if (!(e instanceof RateLimitedError)) throw e;
    return error(e.message, `The simulated Management API rate limit (AUTH0_SIM_RATE_LIMIT) stayed exceeded; retry after ${e.retryAfterSeconds.toFixed(1)} s.`);
  }
}

/**
 * AUTH0_SIM_LOSE_ANSWER=<type>: applying that type changes the store but the answer never
 * comes back, as when Auth0 acted and the connection dropped. Terraform then cannot record
 * the object, which is what a crash mid-apply leaves; the crash-recovery test needs that
 * moment to be certain rather than a race with Terraform's state writes.
 */
function answerLost(name: string, req: Req): boolean {
  return name === "ApplyResourceChange" && req.type_name === process.env.AUTH0_SIM_LOSE_ANSWER;
}

function service(): grpc.UntypedServiceImplementation {
  const impl: grpc.UntypedServiceImplementation = {};
  for (const [name, { handler, diagField }] of Object.entries(handlers)) {
    impl[name] = (call: grpc.ServerUnaryCall<Req, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      try {
        const limited = rateLimited(name, call.request);
        const answer = limited ? { [diagField]: [limited] } : handler(call.request);
        if (!limited && answerLost(name, call.request)) return log(`${name} ${call.request.type_name}: applied, answer withheld (AUTH0_SIM_LOSE_ANSWER)`);
        callback(null, answer);
      } catch (e) {
        log(`${name} ${call.request?.type_name ?? ""} failed: ${e instanceof Error ? e.stack : String(e)}`);
        callback(null, diagField === "Error" ? { Error: String(e) } : { [diagField]: [internalError(e)] });
      }
    };
  }
  return impl;
}

let handshakeDone = false;

function fail(message: string): never {
  const line = `terraform-provider-auth0 (simulator): ${message}`;
  process.stderr.write(`${line}\n`);
  // Terraform hides plugin stderr but quotes a non-handshake first stdout line in its
  // error ("Unrecognized remote plugin message: ..."), so a startup failure goes there too.
  if (!handshakeDone && process.env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE) process.stdout.write(`${line.replace(/\n/g, " ")}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    fail("this is a Terraform plugin: Terraform starts it (see dev_overrides), it is not run by hand.");
  }
  if (!(process.env.PLUGIN_PROTOCOL_VERSIONS ?? "6").split(",").includes("6")) {
    fail(`Terraform offers plugin protocols ${process.env.PLUGIN_PROTOCOL_VERSIONS}; this provider speaks only 6.`);
  }
  try {
    storePath();
  } catch (e) {
    fail((e as Error).message);
  }
  const clientCert = process.env.PLUGIN_CLIENT_CERT;
  if (!clientCert) fail("PLUGIN_CLIENT_CERT is not set: Terraform always sends its client certificate.");

  const definition = protoLoader.loadSync(PROTO_FILES, {
    includeDirs: [PROTO_DIR],
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    tfplugin6: { Provider: grpc.ServiceClientConstructor };
    plugin: { GRPCController: grpc.ServiceClientConstructor };
  };
  const cert = await serverCert(privateCacheDir());
  const server = new grpc.Server({ "grpc.max_receive_message_length": 256 * 1024 * 1024, "grpc.max_send_message_length": 256 * 1024 * 1024 });
  const provider = pkg.tfplugin6.Provider.service;
  const schemaMethod = provider.GetProviderSchema;
  encodeSchemaResponse = (message) => schemaMethod.responseSerialize(message);
  // The schema handler answers with bytes already encoded; every other answer is a message.
  const passEncoded = { ...schemaMethod, responseSerialize: (v: unknown) => (Buffer.isBuffer(v) ? v : schemaMethod.responseSerialize(v)) };
  server.addService({ ...provider, GetProviderSchema: passEncoded }, service());
  server.addService(pkg.plugin.GRPCController.service, {
    // Terraform asks its plugins to exit this way, and kills them two seconds later.
    Shutdown: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      callback(null, {});
      setTimeout(() => process.exit(0), 20);
    },
  });
  const credentials = grpc.ServerCredentials.createSsl(
    Buffer.from(clientCert),
    [{ cert_chain: Buffer.from(cert.certPem), private_key: Buffer.from(cert.keyPem) }],
    true,
  );
  const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", credentials, (err, p) => (err ? reject(err) : resolve(p))));
  process.stdout.write(`1|6|tcp|127.0.0.1:${port}|grpc|${certHandshakeField(cert.certPem)}\n`);
  handshakeDone = true;
  log(`listening on 127.0.0.1:${port}, store ${storePath()}`);

  // Terraform kills its plugins; if Terraform itself dies first, do not linger.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, 2000).unref();
}

main().catch((e: unknown) => fail(e instanceof Error ? (e.stack ?? e.message) : String(e)));
