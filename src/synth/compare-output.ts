import * as fs from "fs";
import * as path from "path";

/** The stacks of a synth output folder, by name, as its manifest lists them. */
export function readStacks(outdir: string): Record<string, { readonly synthesizedStackPath: string; readonly dependencies: readonly string[] }> {
  const manifest = path.join(outdir, "manifest.json");
  // Stryker disable next-line StringLiteral: without an encoding JSON.parse gets a Buffer, which it turns into a string as UTF-8 all the same.
  return JSON.parse(fs.readFileSync(manifest, "utf8")).stacks;
}

/** A stack's Terraform JSON without CDKTF's `//` metadata (version stamps, construct paths). */
export function stackContent(outdir: string, stack: { readonly synthesizedStackPath: string }): string {
  // Stryker disable next-line StringLiteral: as in readStacks, a Buffer is parsed as UTF-8 too.
  return JSON.stringify(withoutMetadata(JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), "utf8"))));
}

function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "//")
      .map(([key, child]) => [key, withoutMetadata(child)]),
  );
}
