import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { withPrivateFiles } from "../private-file";

/** The Terraform CLI: $TERRAFORM_BINARY_NAME, or `terraform` on PATH; undefined when neither exists. */
export function findTerraform(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env.TERRAFORM_BINARY_NAME || "terraform";
  if (named.includes(path.sep)) return fs.existsSync(named) ? named : undefined;
  for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, named);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

export interface TerraformResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one Terraform command in a stack's folder, without colour or prompts; the plans and state it writes are private (0600). */
export function terraform(binary: string, stackDir: string, args: readonly string[], env: NodeJS.ProcessEnv): TerraformResult {
  const result = withPrivateFiles(() =>
    spawnSync(binary, [...args, ...(args[0] === "show" || args[0] === "output" ? [] : ["-no-color"])], {
      cwd: stackDir,
      env,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    }),
  );
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}
