import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { declaredVariables, maskCommands, parseStackSecrets, secretProblems, STACK_SECRETS_ENV, stackEnvironment } from "./stack-secrets";

/** What the CI commands below need of their surroundings. */
export interface StackSecretsIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** The `variable` blocks of the stack synthesized in `stackDir`. */
export const declaredIn = (stackDir: string) => declaredVariables(JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")));

/** STACK_SECRETS read strictly, every value masked first when running in GitHub Actions. */
export function readStackSecrets(env: NodeJS.ProcessEnv, out: (line: string) => void): ReadonlyMap<string, string> {
  const secrets = parseStackSecrets(env[STACK_SECRETS_ENV]);
  if (env.GITHUB_ACTIONS === "true") for (const line of maskCommands(secrets)) out(line);
  return secrets;
}

/**
 * `ci check-stack-secrets <stack>...`, run by the plan script before Terraform: reads
 * STACK_SECRETS strictly, masks every value in GitHub Actions, and returns one line per
 * stack variable that would get no value (or two stacks sharing one). Stacks that were not
 * synthesized are left to the caller.
 */
export function checkStackSecrets(stacks: readonly string[], io: StackSecretsIo): string[] {
  const secrets = readStackSecrets(io.env, io.out);
  const stacksDir = path.resolve(io.cwd, io.env.CDKTF_OUTDIR || "cdktf.out", "stacks");
  const synthesized = stacks.filter((stack) => fs.existsSync(path.join(stacksDir, stack, "cdk.tf.json")));
  return secretProblems(new Map(synthesized.map((stack) => [stack, declaredIn(path.join(stacksDir, stack))])), secrets, () => io.env);
}

/**
 * `ci with-stack-secrets <stack-dir> -- <command> [args...]`: runs the command (Terraform)
 * with only the TF_VAR_ that the stack in `<stack-dir>` declares, taken from STACK_SECRETS or
 * the environment, and without STACK_SECRETS itself. Exits with the command's status.
 */
export function withStackSecrets(args: readonly string[], io: StackSecretsIo): number {
  const separator = args.indexOf("--");
  const [stackDir] = args;
  const command = args.slice(separator + 1);
  if (separator !== 1 || !stackDir || command.length === 0) throw new Error("usage: with-stack-secrets <stack-dir> -- <command> [args...]");
  const dir = path.resolve(io.cwd, stackDir);
  const env = stackEnvironment(declaredIn(dir), parseStackSecrets(io.env[STACK_SECRETS_ENV]), io.env);
  const result = spawnSync(command[0], command.slice(1), { cwd: io.cwd, env, stdio: "inherit" });
  if (result.error) throw new Error(`${command[0]} could not be started: ${result.error.message}`);
  return result.status ?? 1;
}
