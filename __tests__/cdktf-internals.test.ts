import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Lazy, TerraformStack, Tokenization } from "cdktf";
import { buildApp } from "../src/app";
import { TenantStack } from "../src/stacks/tenant-stack";
import { withoutTokenStackTraces } from "../src/synth/without-token-stack-traces";
import { fixtureFleet } from "./support/project";

/**
 * The three places that rely on CDKTF internals (README, "CDKTF's future"). Each test
 * states what the code assumes about CDKTF 0.21.0; after an upgrade (or a move to CDK
 * Terrain) a failure here names the assumption that no longer holds and the module to revisit.
 */
jest.setTimeout(60_000);

describe("src/synth/without-token-stack-traces.ts: CDKTF captures a token's creation stack with Error.stackTraceLimit = MAX_SAFE_INTEGER", () => {
  const creationStack = (token: string) => Tokenization.reverseString(token).firstToken!.creationStack;

  test("given a token made normally, then CDKTF records its creation stack (else the patch has nothing to skip)", () => {
    expect(creationStack(Lazy.stringValue({ produce: () => "x" })).length).toBeGreaterThan(0);
  });

  test("given a token made while traces are skipped, then its creation stack is empty, and an ordinary error still has its stack", () => {
    const { token, error } = withoutTokenStackTraces(() => ({ token: Lazy.stringValue({ produce: () => "x" }), error: new Error("ordinary") }), {});
    expect(creationStack(token)).toEqual([]);
    expect(error.stack).toContain("cdktf-internals.test.ts");
  });

  test("given code that captures a stack itself (Error.captureStackTrace, as error classes do) while traces are skipped, then it still gets its stack", () => {
    const target: { stack?: string } = {};
    withoutTokenStackTraces(() => Error.captureStackTrace(target), {});
    expect(target.stack).toContain("cdktf-internals.test.ts");
  });

  test("given CDKTF_TOKEN_STACK_TRACES set (debugging a token that fails to resolve), then a token made inside keeps its creation stack", () => {
    const token = withoutTokenStackTraces(() => Lazy.stringValue({ produce: () => "x" }), { CDKTF_TOKEN_STACK_TRACES: "1" });
    expect(creationStack(token).length).toBeGreaterThan(0);
  });

  test("given the function has returned, then tokens record their creation stack again (the patch is undone)", () => {
    withoutTokenStackTraces(() => undefined, {});
    expect(creationStack(Lazy.stringValue({ produce: () => "x" })).length).toBeGreaterThan(0);
  });
});

describe("src/stacks/skip-cross-stack-pass.ts: App.synth() calls prepareStack(), which only ensures a backend and runs the cross-stack resolve pass", () => {
  test("given an app, when it synthesizes, then every stack's prepareStack is called once", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-internals-"));
    try {
      const app = new App({ outdir });
      const stack = new TerraformStack(app, "probe");
      const prepare = jest.spyOn(stack, "prepareStack");
      app.synth();
      expect(prepare).toHaveBeenCalledTimes(1);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test("given CDKTF's own prepareStack, then it is still exactly: ensure a backend, then resolve every element once", () => {
    const source = TerraformStack.prototype.prepareStack
      .toString()
      .replace(/\/\/.*$/gm, "")
      .replace(/\s+/g, " ")
      .trim();
    expect(source).toBe("prepareStack() { this.ensureBackendExists(); terraformElements(this).forEach((e) => (0, _tokens_1.resolve)(this, e.toTerraform(), true)); }");
  });

  test("given the fixture tenants, when their stacks skip the pass, then each synthesizes byte for byte as with CDKTF's own prepareStack", () => {
    // App.synth, not Testing.synth: only the former calls prepareStack. Without token traces, as synth runs it.
    const synthAll = () => {
      const app = withoutTokenStackTraces(() => {
        const built = buildApp(fixtureFleet(), { outdir: fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-internals-")) });
        built.synth();
        return built;
      });
      const stacksDir = path.join(app.outdir, "stacks");
      const stacks = Object.fromEntries(fs.readdirSync(stacksDir).map((name) => [name, fs.readFileSync(path.join(stacksDir, name, "cdk.tf.json"), "utf8")]));
      fs.rmSync(app.outdir, { recursive: true, force: true });
      return stacks;
    };
    const skipping = synthAll();
    const own = jest.spyOn(TenantStack.prototype, "prepareStack").mockImplementation(function (this: TenantStack) {
      TerraformStack.prototype.prepareStack.call(this);
    });
    try {
      expect(synthAll()).toEqual(skipping);
      expect(own).toHaveBeenCalled();
    } finally {
      own.mockRestore();
    }
  });
});

describe("scripts/generate-bindings.js: @cdktf/provider-generator turns a provider schema into bindings", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { generateBindings } = require("../scripts/generate-bindings.js") as { generateBindings: (o: { schemaFile: string; outdir: string }) => Promise<void> };

  test("given the pinned schema cut to one resource, when generating, then the provider and the resource class are written as the stacks import them", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-bindings-"));
    try {
      const pinned = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "provider-schema", "auth0-v1.55.0.json"), "utf8"));
      const auth0 = pinned.provider_schemas["registry.terraform.io/auth0/auth0"];
      const schemaFile = path.join(dir, "schema.json");
      const cut = { ...auth0, resource_schemas: { auth0_organization: auth0.resource_schemas.auth0_organization }, data_source_schemas: {} };
      fs.writeFileSync(schemaFile, JSON.stringify({ ...pinned, provider_schemas: { "registry.terraform.io/auth0/auth0": cut } }));
      await generateBindings({ schemaFile, outdir: path.join(dir, "gen") });

      const read = (file: string) => fs.readFileSync(path.join(dir, "gen", "providers", "auth0", file), "utf8");
      const organization = read("organization/index.ts");
      expect(organization).toContain("export class Organization extends cdktf.TerraformResource");
      expect(organization).toContain('public static readonly tfResourceType = "auth0_organization";');
      expect(organization).toContain("public set displayName(value: string)");
      const provider = read("provider/index.ts");
      expect(provider).toContain("export class Auth0Provider extends cdktf.TerraformProvider");
      expect(provider).toMatch(/providerVersionConstraint: '~> 1\.55'/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
