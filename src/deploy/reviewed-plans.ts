import * as fs from "fs";
import * as path from "path";
import { inflateRawSync } from "zlib";

/** Which state a plan was made from: Terraform refuses a saved plan once either moved. */
export interface StateVersion {
  readonly lineage: string;
  readonly serial: number;
}

/** Reads one entry of a zip archive (a `.tfplan` file is one); undefined when absent. */
export function zipEntry(archive: Buffer, name: string): Buffer | undefined {
  const eocd = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error("not a zip archive");
  const count = archive.readUInt16LE(eocd + 10);
  let at = archive.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error("corrupt zip central directory");
    const method = archive.readUInt16LE(at + 10);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const skip = nameLength + archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    if (archive.toString("utf8", at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
      const data = archive.subarray(start, start + size);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data);
      throw new Error(`zip entry ${name} uses compression method ${method}`);
    }
    at += 46 + skip;
  }
  return undefined;
}

/** The state a saved plan was made from (its `tfstate` entry); undefined for a stack that had no state. */
export function planStateVersion(tfplan: Buffer): StateVersion | undefined {
  const state = zipEntry(tfplan, "tfstate");
  return state ? stateVersion(state.toString("utf8")) : undefined;
}

/** `terraform state pull` output (empty when the stack has no state yet). */
export function stateVersion(stateJson: string): StateVersion | undefined {
  if (stateJson.trim() === "") return undefined;
  const state = JSON.parse(stateJson) as { lineage?: unknown; serial?: unknown };
  if (typeof state.lineage !== "string" || typeof state.serial !== "number") throw new Error("state has no lineage and serial");
  return { lineage: state.lineage, serial: state.serial };
}

export function sameState(a: StateVersion | undefined, b: StateVersion | undefined): boolean {
  return a?.lineage === b?.lineage && a?.serial === b?.serial;
}

/**
 * The plans a pull request was reviewed with (the `plans-<pr>` artifact of the plan
 * workflow): `<stack>.tfplan` and `<stack>.plan.json` per planned stack.
 */
export class ReviewedPlans {
  constructor(readonly dir: string) {}

  /** The saved plan of a stack, when the artifact has both of its files. */
  of(stack: string): { readonly tfplan: string; readonly planJson: string } | undefined {
    const tfplan = path.join(this.dir, `${stack}.tfplan`);
    const planJson = path.join(this.dir, `${stack}.plan.json`);
    return fs.existsSync(tfplan) && fs.existsSync(planJson) ? { tfplan: path.resolve(tfplan), planJson: path.resolve(planJson) } : undefined;
  }
}
