// In-process driver for the simulator's tests: a temporary store, and create/update/
// delete as Terraform would ask for them (plan, then apply), without Terraform.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { onApiCall, type ApiCall } from "../src/engine/api";
import { apply, plan, read } from "../src/engine/resources";
import type { Diagnostic } from "../src/diagnostics";
import { resourceSchema } from "../src/schema";
import { loadWorld, saveWorld, type World } from "../src/store";
import { isObject, isUnknown, normalizeBlock, type ObjectValue, type Value } from "../src/values";

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** A fresh store file for the current test; `resources` omitted means a new Auth0 tenant. */
export function useTenant(initial?: Partial<World>): { dir: string; world: () => World; calls: ApiCall[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sim-test-"));
  process.env.AUTH0_SIM_STATE = path.join(dir, "auth0.json");
  process.env.AUTH0_SIM_LOG = path.join(dir, "sim.log");
  delete process.env.AUTH0_SIM_TENANT;
  if (initial) fs.writeFileSync(process.env.AUTH0_SIM_STATE, JSON.stringify(initial));
  const calls: ApiCall[] = [];
  const stop = onApiCall((call) => {
    calls.push(call);
    return undefined;
  });
  cleanups.push(() => {
    stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { dir, world: loadWorld, calls };
}

export function saveTenant(world: World): void {
  saveWorld(world);
}

/** Terraform's proposed new state: the configuration, with computed attributes it leaves null taken from the prior state. */
function proposed(type: string, config: ObjectValue, prior: ObjectValue | null): ObjectValue {
  const block = resourceSchema(type)!.block;
  const out = normalizeBlock(config, block)!;
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (attr.computed && out[name] === null && prior) out[name] = prior[name];
  }
  return out;
}

export interface Step {
  planned: ObjectValue;
  requiresReplace: string[];
  state: ObjectValue | null;
  diagnostics: Diagnostic[];
}

/** Plans and applies `config` over `prior` (null: create). */
export function applyConfig(type: string, config: ObjectValue, prior: ObjectValue | null = null): Step {
  const p = plan(type, prior, proposed(type, config, prior));
  const planned = p.value as ObjectValue;
  const block = resourceSchema(type)!.block;
  const r = apply(type, prior, planned, normalizeBlock(config, block));
  return { planned, requiresReplace: p.requiresReplace.map((x) => x.steps.map((s) => s.attribute_name).join(".")), state: r.value as ObjectValue | null, diagnostics: r.diagnostics };
}

export function destroy(type: string, prior: ObjectValue): Diagnostic[] {
  return apply(type, prior, null).diagnostics;
}

export function readBack(type: string, state: ObjectValue): ObjectValue | null {
  return read(type, state).value as ObjectValue | null;
}

/** Creates and expects no error; returns the new state. */
export function created(type: string, config: ObjectValue): ObjectValue {
  const step = applyConfig(type, config);
  expect(step.diagnostics).toEqual([]);
  return step.state!;
}

export const summaries = (d: Diagnostic[]): string[] => d.map((x) => x.summary);

export function unknownPaths(v: Value, at = ""): string[] {
  if (isUnknown(v)) return [at];
  if (Array.isArray(v)) return v.flatMap((e, i) => unknownPaths(e, `${at}[${i}]`));
  if (isObject(v)) return Object.entries(v).flatMap(([k, e]) => unknownPaths(e, at ? `${at}.${k}` : k));
  return [];
}
