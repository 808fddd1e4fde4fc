import * as fs from "fs";
import * as path from "path";
import { readPlanFile } from "../review/plan-file";
import { planRisks } from "../review/plan-risks";
import { Auth0Finder, describe, NATURAL_KEY, NaturalKey } from "./adopt-finders";
import { describeRisks } from "./scheduler";
import { TerraformRun, TerraformRunner } from "./terraform-runner";

/** The import blocks adopt writes next to cdk.tf.json while it runs. */
export const ADOPT_FILE = "adopt-imports.tf.json";

export interface AdoptProps {
  readonly stack: string;
  readonly stackDir: string;
  readonly runner: TerraformRunner;
  readonly finder: Auth0Finder;
  /** Where the adopt plan is kept as `<stack>.adopt.plan.json`. */
  readonly planDir: string;
  readonly log: (line: string) => void;
}

export interface AdoptResult {
  /** Address and id of each object taken into state. */
  readonly imported: ReadonlyArray<{ readonly address: string; readonly id: string }>;
  /** Resources state lacks that Auth0 does not have either: the next deploy creates them. */
  readonly absent: readonly string[];
}

export class AdoptError extends Error {}

interface PlanJson {
  readonly resource_changes?: ReadonlyArray<{
    readonly address: string;
    readonly type: string;
    readonly mode?: string;
    readonly change: { readonly actions: readonly string[]; readonly after?: Record<string, unknown> | null; readonly after_unknown?: Record<string, unknown> };
  }>;
  readonly prior_state?: { readonly values?: { readonly root_module?: { readonly resources?: ReadonlyArray<{ address: string; values?: Record<string, unknown> }> } } };
  readonly configuration?: { readonly root_module?: { readonly resources?: ReadonlyArray<{ address: string; expressions?: Record<string, { references?: string[] }> }> } };
}

/**
 * After an apply was killed, Auth0 holds objects that state does not know, and every
 * later apply fails with "already exists". Adopt plans the stack, takes every resource
 * the plan would create, looks for it in Auth0 by what identifies it (NATURAL_KEY; a
 * reference to another adopted object is resolved to that object's id), and imports what
 * it finds with Terraform import blocks: a plan limited to those resources, then apply.
 * Nothing is created or destroyed; an import whose plan would destroy or replace
 * something (a high risk) stops before apply.
 */
export async function adopt({ stack, stackDir, runner, finder, planDir, log }: AdoptProps): Promise<AdoptResult> {
  const importsFile = path.join(stackDir, ADOPT_FILE);
  fs.rmSync(importsFile, { force: true });
  const must = async (args: string[]): Promise<TerraformRun> => {
    const r = await runner.run(stack, args);
    if (r.status !== 0 || r.signal) {
      const why = r.signal ? `killed by ${r.signal}` : (/Error: (.*)/.exec(`${r.stderr}\n${r.stdout}`)?.[1] ?? `exit code ${r.status}`);
      throw new AdoptError(`terraform ${args[0]} in ${stack} failed: ${why.trim()}`);
    }
    return r;
  };
  if (!fs.existsSync(path.join(stackDir, ".terraform"))) await must(["init", "-input=false"]);
  await must(["plan", "-input=false", "-out=adopt.tfplan"]);
  const plan = JSON.parse((await must(["show", "-json", "adopt.tfplan"])).stdout) as PlanJson;

  const known = new Map<string, Record<string, unknown>>((plan.prior_state?.values?.root_module?.resources ?? []).map((r) => [r.address, r.values ?? {}]));
  const expressions = new Map((plan.configuration?.root_module?.resources ?? []).map((r) => [r.address, r.expressions ?? {}]));
  let pending = (plan.resource_changes ?? []).filter((rc) => rc.mode !== "data" && rc.change.actions.join() === "create");
  const imported: Array<{ address: string; id: string }> = [];
  const absent: string[] = [];

  /** A key attribute's value: planned, or taken from the object a reference points to. */
  const valueOf = (address: string, attribute: string, after: Record<string, unknown>): string | undefined => {
    if (typeof after[attribute] === "string") return after[attribute] as string;
    for (const ref of expressions.get(address)?.[attribute]?.references ?? []) {
      const m = /^([a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z_]+)$/.exec(ref);
      const value = m ? known.get(m[1])?.[m[2]] : undefined;
      if (typeof value === "string") return value;
    }
    return undefined;
  };

  // Parents first: an association is looked up once the objects it joins are known.
  for (let progress = true; pending.length && progress; ) {
    progress = false;
    for (const rc of [...pending]) {
      const attributes = NATURAL_KEY[rc.type];
      const after = rc.change.after ?? {};
      if (!attributes) {
        pending = pending.filter((p) => p !== rc);
        absent.push(rc.address);
        progress = true;
        continue;
      }
      const key: Record<string, string> = {};
      for (const a of attributes) {
        const v = valueOf(rc.address, a, after);
        if (v !== undefined) key[a] = v;
      }
      if (Object.keys(key).length < attributes.length) continue; // a parent is not known yet
      pending = pending.filter((p) => p !== rc);
      progress = true;
      const id = await finder.find(rc.type, key as NaturalKey);
      if (id === undefined) {
        absent.push(rc.address);
        continue;
      }
      log(`${stack}: found ${rc.address} in Auth0 (${describe(key as NaturalKey)}): ${id}`);
      imported.push({ address: rc.address, id });
      known.set(rc.address, { ...after, id, ...(rc.type === "auth0_client" ? { client_id: id } : {}) });
    }
  }
  // What is left depends on something Auth0 does not have: it is created by the next deploy.
  absent.push(...pending.map((p) => p.address));

  if (imported.length === 0) return { imported, absent };
  fs.writeFileSync(importsFile, `${JSON.stringify({ import: imported.map(({ address, id }) => ({ to: address, id })) }, null, 2)}\n`);
  try {
    await must(["plan", "-input=false", "-out=adopt.tfplan", ...imported.map((i) => `-target=${i.address}`)]);
    const planFile = path.join(planDir, `${stack}.adopt.plan.json`);
    fs.mkdirSync(planDir, { recursive: true });
    fs.writeFileSync(planFile, (await must(["show", "-json", "adopt.tfplan"])).stdout, { mode: 0o600 });
    const high = planRisks([readPlanFile(planFile)]).filter((r) => r.level === "high");
    if (high.length) throw new AdoptError(`importing into ${stack} would also change what is high risk: ${describeRisks(high)}; nothing was imported. Review ${planFile}.`);
    await must(["apply", "-input=false", "-auto-approve", "adopt.tfplan"]);
  } finally {
    fs.rmSync(importsFile, { force: true });
  }
  return { imported, absent };
}
