import * as fs from "fs";
import * as path from "path";
import { byDeployOrder } from "../model/types";
import { readStacks, stackContent } from "../synth/compare-output";

export interface AffectedStacks {
  /** Stacks to plan and deploy: platform first, then tenants by name. */
  readonly stacks: readonly string[];
  /** Tenant stacks whose file was deleted after the tenant was decommissioned: nothing left to deploy. */
  readonly removed: readonly string[];
  /** Tenant stacks whose file was deleted while the tenant was still active. */
  readonly deletedWithoutDecommission: readonly string[];
}

/**
 * Compares two synth outputs stack by stack. `wasDecommissioned(stack)` tells whether the
 * base's tenant file of a stack that no longer exists had been decommissioned.
 */
export function affectedStacks(baseOut: string, headOut: string, wasDecommissioned: (stack: string) => boolean): AffectedStacks {
  const [base, head] = [readStacks(baseOut), readStacks(headOut)];
  const changed = Object.keys(head).filter((name) => !base[name] || stackContent(baseOut, base[name]) !== stackContent(headOut, head[name]));
  const gone = Object.keys(base).filter((name) => !head[name]);
  return {
    stacks: changed.sort(byDeployOrder),
    removed: gone.filter(wasDecommissioned).sort(),
    deletedWithoutDecommission: gone.filter((name) => !wasDecommissioned(name)).sort(),
  };
}

/** Reads the base tree's tenant file of a stack to see whether it was decommissioned. */
export function decommissionedIn(baseDir: string, tenantsDir: string): (stack: string) => boolean {
  return (stack) => {
    const file = path.join(baseDir, tenantsDir, `${stack.slice("tenant-".length)}.json`);
    try {
      // Stryker disable next-line StringLiteral: JSON.parse reads a Buffer as its UTF-8 text, so without the encoding it reads the same
      return JSON.parse(fs.readFileSync(file, "utf8")).status === "decommissioned";
    } catch {
      return false;
    }
  };
}
