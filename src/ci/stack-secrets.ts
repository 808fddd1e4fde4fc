import * as jsonc from "jsonc-parser";

/**
 * Secrets for the Terraform variables that stacks declare (an enterprise connection's client
 * secret, an agent's write-only secret, ...), handed out per stack.
 *
 * CI keeps them in ONE GitHub environment secret, `STACK_SECRETS`: a JSON object of variable
 * name → value (one secret per tenant would need a workflow edit per tenant, and an
 * environment holds at most 100 secrets). GitHub masks a secret in logs only as the whole
 * string it stores, so each value inside is masked here with `::add-mask::` before any
 * Terraform runs. Each Terraform process receives only the `TF_VAR_<name>` its own stack
 * declares (the `variable` blocks of its `cdk.tf.json`), never the map and never another
 * stack's variables. Errors name the variable, never its value.
 */

/** The environment variable that holds the JSON map (the GitHub secret of the same name). */
export const STACK_SECRETS_ENV = "STACK_SECRETS";

/** A Terraform variable name as this project makes them (`src/model/secret-variables.ts`, the platform's `<connection>_client_secret`). */
export const SECRET_VARIABLE_NAME = /^[a-z][a-z0-9_]{0,254}$/;

/** Where the error messages send the reader. */
const WHERE =
  `the JSON secret ${STACK_SECRETS_ENV} of the GitHub environments pull-request-plan, production and drift (README, "Secrets for tenant stacks")`;

/** A `variable` block of a synthesized stack. */
export interface DeclaredVariable {
  readonly name: string;
  readonly sensitive: boolean;
  readonly ephemeral: boolean;
  /** No default: Terraform asks for a value (and fails without one under -input=false). */
  readonly required: boolean;
}

/** A problem with the secrets: one line that names the variable or the stack, never a value. */
export class StackSecretsError extends Error {}

/** The named factories of every secret problem, so their wording lives in one place. */
export const stackSecretErrors = {
  notJson: (line: number, column: number, code: string) =>
    new StackSecretsError(`${STACK_SECRETS_ENV} is not valid JSON (${code} at line ${line}, column ${column}). Store it as one JSON object of variable name to value, e.g. {"sso_client_secret_umbrella": "…"}.`),
  notObject: (kind: string) =>
    new StackSecretsError(`${STACK_SECRETS_ENV} must be a JSON object of variable name to value, got ${kind}. Store it as {"<variable>": "<value>", …}.`),
  badName: (name: string) =>
    new StackSecretsError(`${STACK_SECRETS_ENV} has the key ${JSON.stringify(name)}, which is not a variable name (lowercase letters, digits and _, starting with a letter). Use the name the stack declares, without TF_VAR_, e.g. "sso_client_secret_umbrella".`),
  duplicate: (name: string) =>
    new StackSecretsError(`${STACK_SECRETS_ENV} has the key "${name}" twice; only one value may be given. Remove one of them.`),
  notString: (name: string, kind: string) =>
    new StackSecretsError(`${STACK_SECRETS_ENV}["${name}"] must be a string, got ${kind}. Write the value in quotes.`),
  empty: (name: string) =>
    new StackSecretsError(`${STACK_SECRETS_ENV}["${name}"] is empty. Give the secret's value, or remove the key.`),
  givenTwice: (name: string) =>
    new StackSecretsError(`The variable ${name} is given both in ${STACK_SECRETS_ENV} and as TF_VAR_${name}, so which one Terraform gets would depend on the order. Keep only one.`),
  shared: (name: string, stacks: readonly string[]) =>
    new StackSecretsError(`The sensitive variable ${name} is declared by ${stacks.join(" and ")}, so one stack's secret would reach the other. Rename a tenant or agent so that their names differ by more than '-' and '_'; nothing was run.`),
  missing: (stack: string, name: string, ephemeral: boolean) =>
    new StackSecretsError(
      `${stack} declares the sensitive variable ${name}${ephemeral ? " (write-only, needed again when a saved plan is applied)" : ""} and no value was given: add "${name}" to ${WHERE}, or set TF_VAR_${name} when running by hand. Nothing was run.`,
    ),
};

const kindOf = (node: jsonc.Node): string => (node.type === "null" ? "null" : node.type === "array" ? "an array" : `a ${node.type}`);

/**
 * Reads the JSON map strictly: one object, keys that are variable names given once, values
 * that are non-empty strings. An empty or unset secret is an empty map (a fleet without
 * such variables needs none). Parse errors give a position, never the text around it.
 */
export function parseStackSecrets(text: string | undefined): ReadonlyMap<string, string> {
  if (text === undefined || text.trim() === "") return new Map();
  const parseErrors: jsonc.ParseError[] = [];
  const root = jsonc.parseTree(text, parseErrors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (parseErrors.length > 0 || root === undefined) {
    const first = parseErrors[0] ?? { offset: 0, error: jsonc.ParseErrorCode.ValueExpected };
    const before = text.slice(0, first.offset).split("\n");
    throw stackSecretErrors.notJson(before.length, before[before.length - 1].length + 1, jsonc.printParseErrorCode(first.error));
  }
  if (root.type !== "object") throw stackSecretErrors.notObject(kindOf(root));
  const secrets = new Map<string, string>();
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    const name = String(keyNode?.value);
    if (!SECRET_VARIABLE_NAME.test(name)) throw stackSecretErrors.badName(name);
    if (secrets.has(name)) throw stackSecretErrors.duplicate(name);
    if (valueNode?.type !== "string") throw stackSecretErrors.notString(name, valueNode ? kindOf(valueNode) : "nothing");
    if (valueNode.value === "") throw stackSecretErrors.empty(name);
    secrets.set(name, valueNode.value as string);
  }
  return secrets;
}

/** The `variable` blocks of a synthesized stack's `cdk.tf.json`. */
export function declaredVariables(stackJson: unknown): DeclaredVariable[] {
  const blocks = (stackJson as { variable?: Record<string, Record<string, unknown>> } | null)?.variable ?? {};
  return Object.entries(blocks)
    .map(([name, block]) => ({ name, sensitive: block.sensitive === true, ephemeral: block.ephemeral === true, required: !("default" in block) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * `::add-mask::` lines for every value, before anything else prints: GitHub masks the JSON
 * secret only as the whole string, not the values inside it. A value is escaped the way the
 * runner unescapes command data; a value of several lines is masked line by line too, as
 * the runner does only since actions/runner#1521.
 */
export function maskCommands(secrets: ReadonlyMap<string, string>): string[] {
  const escape = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const lines = new Set<string>();
  for (const value of secrets.values()) {
    lines.add(`::add-mask::${escape(value)}`);
    for (const part of value.split(/\r?\n|\r/)) if (part.trim() !== "" && part !== value) lines.add(`::add-mask::${escape(part)}`);
  }
  return [...lines];
}

/**
 * The sensitive variables of a stack that its environment (from {@link stackEnvironment})
 * gives no value: neither the map nor a `TF_VAR_<name>` of its own (the Google client
 * secret, or a value set by hand). One error per variable.
 */
export function missingSecrets(stack: string, declared: readonly DeclaredVariable[], env: NodeJS.ProcessEnv): StackSecretsError[] {
  return declared.filter((v) => v.sensitive && v.required && !env[`TF_VAR_${v.name}`]).map((v) => stackSecretErrors.missing(stack, v.name, v.ephemeral));
}

/**
 * The environment of one stack's Terraform commands: `base` without the map and without any
 * `TF_VAR_` the stack does not declare, plus `TF_VAR_<name>` from the map for each variable
 * it declares. Used for every command of the stack, so a write-only (ephemeral) value is
 * there again when a saved plan is applied.
 */
export function stackEnvironment(declared: readonly DeclaredVariable[], secrets: ReadonlyMap<string, string>, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const names = new Set(declared.map((v) => v.name));
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (key === STACK_SECRETS_ENV) continue;
    if (key.startsWith("TF_VAR_") && !names.has(key.slice("TF_VAR_".length))) continue;
    env[key] = value;
  }
  for (const name of names) {
    const value = secrets.get(name);
    if (value === undefined) continue;
    if (base[`TF_VAR_${name}`]) throw stackSecretErrors.givenTwice(name);
    env[`TF_VAR_${name}`] = value;
  }
  return env;
}

/**
 * Sensitive variables that more than one stack declares: a secret meant for one tenant
 * would reach another. Validation refuses tenants whose variable names collide
 * (`src/validate/fleet-rules.ts`); this holds the line where the values are handed out.
 */
export function sharedSecretVariables(declaredByStack: ReadonlyMap<string, readonly DeclaredVariable[]>): StackSecretsError[] {
  const owners = new Map<string, string[]>();
  for (const [stack, declared] of declaredByStack) for (const v of declared) if (v.sensitive) owners.set(v.name, [...(owners.get(v.name) ?? []), stack]);
  return [...owners]
    .filter(([, stacks]) => stacks.length > 1)
    .map(([name, stacks]) => stackSecretErrors.shared(name, stacks));
}

/**
 * Every problem with handing the secrets to these stacks, found before any Terraform runs:
 * a variable two stacks declare, a value given twice, a sensitive variable without a value.
 * `base` is each stack's environment before the map is applied.
 */
export function secretProblems(
  declaredByStack: ReadonlyMap<string, readonly DeclaredVariable[]>,
  secrets: ReadonlyMap<string, string>,
  base: (stack: string) => NodeJS.ProcessEnv,
): string[] {
  const problems = sharedSecretVariables(declaredByStack);
  for (const [stack, declared] of declaredByStack) {
    try {
      problems.push(...missingSecrets(stack, declared, stackEnvironment(declared, secrets, base(stack))));
    } catch (error) {
      if (!(error instanceof StackSecretsError)) throw error;
      problems.push(error);
    }
  }
  return [...new Set(problems.map((p) => p.message))];
}
