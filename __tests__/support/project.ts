import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
import { buildApp } from "../../src/app";
import { ConfigError } from "../../src/errors";
import { defaultSources, listTenantFiles } from "../../src/load/config-files";
import type { Fleet } from "../../src/model/types";
import { synthCommand } from "../../src/synth/synth-command";
import { withoutTokenStackTraces } from "../../src/synth/without-token-stack-traces";
import { checkFleet, loadFleet } from "../../src/validate/validate-fleet";

export const ROOT = path.resolve(__dirname, "..", "..");
export const EXAMPLE_PLATFORM_FILE = path.join(ROOT, "platform.json");
export const EXAMPLE_TENANTS_DIR = path.join(ROOT, "tenants");

/**
 * The tests' own tenants and platform file (copies of the examples plus a decommissioned
 * tenant). Tests that pin exact output read these, never `tenants/`, so onboarding, editing
 * or decommissioning a real tenant changes no test.
 */
export const FIXTURES_DIR = path.join(ROOT, "__tests__", "fixtures");
export const FIXTURE_PLATFORM_FILE = path.join(FIXTURES_DIR, "platform.json");
export const FIXTURE_TENANTS_DIR = path.join(FIXTURES_DIR, "tenants");
/** The environment that points the commands at the fixture files. */
export const FIXTURE_ENV = { PLATFORM_FILE: FIXTURE_PLATFORM_FILE, TENANTS_DIR: FIXTURE_TENANTS_DIR };

export const examplePlatform = (): Record<string, any> => JSON.parse(fs.readFileSync(EXAMPLE_PLATFORM_FILE, "utf8"));

/** The smallest valid tenant file: a name, a display name and one connection. */
export const minimalTenant = (name = "minimal"): Record<string, any> => ({
  name,
  displayName: "Minimal Ltd",
  connections: [{ name: "Username-Password-Authentication" }],
});

/** A throwaway project folder with a platform file, tenant files and an output folder. */
export class TempProject {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-"));
  readonly platformFile = path.join(this.dir, "platform.json");
  readonly tenantsDir = path.join(this.dir, "tenants");
  readonly outdir = path.join(this.dir, "cdktf.out");

  constructor(platform: Record<string, unknown> | string = examplePlatform()) {
    fs.mkdirSync(this.tenantsDir);
    this.write(this.platformFile, platform);
  }

  /** Write a tenant file: an object is written as JSON, a string as it is. */
  tenant(name: string, content: Record<string, unknown> | string): string {
    const file = path.join(this.tenantsDir, `${name}.json`);
    this.write(file, content);
    return file;
  }

  get env(): NodeJS.ProcessEnv {
    return { PLATFORM_FILE: this.platformFile, TENANTS_DIR: this.tenantsDir, CDKTF_OUTDIR: this.outdir };
  }

  check(extraEnv: NodeJS.ProcessEnv = {}): { fleet?: Fleet; errors: readonly ConfigError[] } {
    return checkFleet(defaultSources({ ...this.env, ...extraEnv }));
  }

  fleet(): Fleet {
    return loadFleet(defaultSources(this.env));
  }

  /** Run the synth command as `npm run synth` does; returns its exit code and messages. */
  async synth(): Promise<{ exitCode: number; output: string }> {
    const lines: string[] = [];
    const exitCode = await synthCommand({ env: this.env, log: (line) => lines.push(line) });
    return { exitCode, output: lines.join("\n") };
  }

  /** Every file under the project's output folder, relative to it. */
  outputFiles(): string[] {
    if (!fs.existsSync(this.outdir)) return [];
    return (fs.readdirSync(this.outdir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(this.outdir, f)).isFile()).sort();
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private write(file: string, content: Record<string, unknown> | string): void {
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
}

/** Synthesized Terraform JSON of every stack of a fleet, by stack name. */
export function synthFleet(fleet: Fleet): Record<string, Record<string, any>> {
  return synthSome(fleet, () => true);
}

/**
 * Synthesized Terraform JSON of one stack of a fleet: the same as `synthFleet(fleet)[name]`
 * (each stack synthesizes on its own), without the time the others take.
 */
export function synthStack(fleet: Fleet, name: string): Record<string, any> {
  return synthSome(fleet, (id) => id === name)[name];
}

/**
 * As synth builds them (synth-stacks.ts): without CDKTF's per-token stack traces, which under
 * jest are each mapped through source maps, most of a stack test's time. The output is the
 * same byte for byte (cdktf-internals.test.ts).
 */
function synthSome(fleet: Fleet, wanted: (id: string) => boolean): Record<string, Record<string, any>> {
  // The App creates its output folder, though Testing.synth writes nothing into it.
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-out-"));
  try {
    return withoutTokenStackTraces(() => {
      const stacks = buildApp(fleet, { outdir }).node.children.filter((stack) => wanted(stack.node.id));
      return Object.fromEntries(stacks.map((stack) => [stack.node.id, JSON.parse(Testing.synth(stack as TerraformStack))]));
    });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The example project in this repository, validated: for checks that hold for any number of valid tenant files. */
export function exampleFleet(): Fleet {
  return loadFleet({ platformFile: EXAMPLE_PLATFORM_FILE, tenantFiles: listTenantFiles(EXAMPLE_TENANTS_DIR) });
}

/** The fixture project, validated: for exact assertions and snapshots. */
export function fixtureFleet(): Fleet {
  return loadFleet({ platformFile: FIXTURE_PLATFORM_FILE, tenantFiles: listTenantFiles(FIXTURE_TENANTS_DIR) });
}
