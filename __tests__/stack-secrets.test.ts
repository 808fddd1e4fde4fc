import {
  declaredVariables,
  maskCommands,
  missingSecrets,
  parseStackSecrets,
  secretProblems,
  sharedSecretVariables,
  stackEnvironment,
  StackSecretsError,
} from "../src/ci/stack-secrets";

/** The variable blocks the stacks synthesize (`src/stacks/tenant-enterprise-connection.ts`, `tenant-agents.ts`, `platform-stack.ts`). */
const SSO = { type: "string", sensitive: true, nullable: false };
const AGENT = { type: "string", sensitive: true, nullable: false, ephemeral: true };
const umbrella = declaredVariables({ variable: { sso_client_secret_umbrella: SSO, agent_client_secret_umbrella_ledger: AGENT } });
const globex = declaredVariables({ variable: { sso_client_secret_globex: SSO } });
const platform = declaredVariables({ variable: { google_oauth2_client_secret: SSO } });

const SECRETS = JSON.stringify({ sso_client_secret_umbrella: "umb-sso-4f1", agent_client_secret_umbrella_ledger: "ledger-9a2", sso_client_secret_globex: "glx-sso-77c" });

/** The message of the error `f` throws: what a user reads. */
const errorOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(StackSecretsError);
    return (e as Error).message;
  }
  throw new Error("expected an error");
};

describe("reading STACK_SECRETS", () => {
  test("given an object of variable names to strings, when read, then every pair comes out", () => {
    expect([...parseStackSecrets(SECRETS)]).toEqual([
      ["sso_client_secret_umbrella", "umb-sso-4f1"],
      ["agent_client_secret_umbrella_ledger", "ledger-9a2"],
      ["sso_client_secret_globex", "glx-sso-77c"],
    ]);
  });

  test("given no secret or an empty one (a fleet without such variables), when read, then the map is empty", () => {
    expect(parseStackSecrets(undefined).size).toBe(0);
    expect(parseStackSecrets("  \n").size).toBe(0);
  });

  test("given text that is not JSON, when read, then the error gives the position and never the text (which may hold a secret)", () => {
    const message = errorOf(() => parseStackSecrets('{\n  "sso_client_secret_a": "s3cr3t-value",\n  oops\n}'));
    expect(message).toBe(
      'STACK_SECRETS is not valid JSON (InvalidSymbol at line 3, column 3). Store it as one JSON object of variable name to value, e.g. {"sso_client_secret_umbrella": "…"}.',
    );
    expect(message).not.toContain("s3cr3t");
  });

  test.each([
    ['["a"]', "an array"],
    ['"x"', "a string"],
    ["null", "null"],
  ])("given %s, when read, then it is refused as %s, not an object", (text, kind) => {
    expect(errorOf(() => parseStackSecrets(text))).toBe(`STACK_SECRETS must be a JSON object of variable name to value, got ${kind}. Store it as {"<variable>": "<value>", …}.`);
  });

  test.each(["TF_VAR_sso_client_secret_a", "Sso_client_secret_a", "sso-client-secret-a", "9lives", "a b", ""])(
    "given the key %j, when read, then it is refused as not a variable name",
    (key) => {
      expect(errorOf(() => parseStackSecrets(JSON.stringify({ [key]: "v" })))).toBe(
        `STACK_SECRETS has the key ${JSON.stringify(key)}, which is not a variable name (lowercase letters, digits and _, starting with a letter). Use the name the stack declares, without TF_VAR_, e.g. "sso_client_secret_umbrella".`,
      );
    },
  );

  test("given a key twice (JSON.parse would keep the last silently), when read, then it is refused naming the key and neither value", () => {
    const message = errorOf(() => parseStackSecrets('{"sso_client_secret_a": "first-1", "sso_client_secret_a": "second-2"}'));
    expect(message).toBe('STACK_SECRETS has the key "sso_client_secret_a" twice; only one value may be given. Remove one of them.');
  });

  test.each([
    ["12345", "a number"],
    ["true", "a boolean"],
    ['{"v": "x"}', "a object"],
    ["null", "null"],
  ])("given a value %s, when read, then it is refused naming the variable and the kind, not the value", (value, kind) => {
    expect(errorOf(() => parseStackSecrets(`{"sso_client_secret_a": ${value}}`))).toBe(`STACK_SECRETS["sso_client_secret_a"] must be a string, got ${kind}. Write the value in quotes.`);
  });

  test("given an empty value, when read, then it is refused: Auth0 would get an empty client secret", () => {
    expect(errorOf(() => parseStackSecrets('{"sso_client_secret_a": ""}'))).toBe('STACK_SECRETS["sso_client_secret_a"] is empty. Give the secret\'s value, or remove the key.');
  });

  test("given JSON escapes in a value, when read, then the value is the decoded string", () => {
    expect(parseStackSecrets('{"a": "x\\u0041\\ny"}').get("a")).toBe("xA\ny");
  });
});

describe("the variables a stack declares", () => {
  test("given a synthesized stack, when read, then each variable with whether it is sensitive, write-only and required, by name", () => {
    expect(declaredVariables({ variable: { b_var: { type: "string", default: "x" }, a_var: AGENT } })).toEqual([
      { name: "a_var", sensitive: true, ephemeral: true, required: true },
      { name: "b_var", sensitive: false, ephemeral: false, required: false },
    ]);
    expect(declaredVariables({ resource: {} })).toEqual([]);
  });
});

describe("masking", () => {
  test("given values, when masked, then one add-mask line each, escaped as the runner unescapes, and each line of a multi-line value too", () => {
    expect(maskCommands(new Map([["a", "plain-1"], ["b", "50%off\nline-two\r\n"], ["c", "plain-1"]]))).toEqual([
      "::add-mask::plain-1",
      "::add-mask::50%25off%0Aline-two%0D%0A",
      "::add-mask::50%25off",
      "::add-mask::line-two",
    ]);
  });
});

describe("a stack's environment", () => {
  const base = { PATH: "/usr/bin", STACK_SECRETS: SECRETS, TF_VAR_google_oauth2_client_secret: "goog-1", TF_VAR_sso_client_secret_globex: "glx-by-hand", AUTH0_DOMAIN: "t.eu.auth0.com" };
  const secrets = parseStackSecrets(SECRETS);

  test("given the map, when a tenant's environment is made, then it has exactly its own TF_VAR_, no other stack's, no Google secret and no map", () => {
    expect(stackEnvironment(umbrella, secrets, base)).toEqual({
      PATH: "/usr/bin",
      AUTH0_DOMAIN: "t.eu.auth0.com",
      TF_VAR_agent_client_secret_umbrella_ledger: "ledger-9a2",
      TF_VAR_sso_client_secret_umbrella: "umb-sso-4f1",
    });
  });

  test("given the platform, when its environment is made, then it keeps the Google secret given as TF_VAR_ and gets no tenant's", () => {
    expect(stackEnvironment(platform, secrets, { PATH: "/usr/bin", STACK_SECRETS: SECRETS, TF_VAR_google_oauth2_client_secret: "goog-1" })).toEqual({
      PATH: "/usr/bin",
      TF_VAR_google_oauth2_client_secret: "goog-1",
    });
  });

  test("given a value both in the map and as TF_VAR_, when the environment is made, then it is refused naming the variable", () => {
    expect(errorOf(() => stackEnvironment(umbrella, secrets, { TF_VAR_sso_client_secret_umbrella: "other" }))).toBe(
      "The variable sso_client_secret_umbrella is given both in STACK_SECRETS and as TF_VAR_sso_client_secret_umbrella, so which one Terraform gets would depend on the order. Keep only one.",
    );
  });

  test("given a write-only variable without a value, when checked, then the error says which secret to add, where, and that apply needs it again", () => {
    expect(missingSecrets("tenant-umbrella", umbrella, { TF_VAR_sso_client_secret_umbrella: "x" }).map((e) => e.message)).toEqual([
      'tenant-umbrella declares the sensitive variable agent_client_secret_umbrella_ledger (write-only, needed again when a saved plan is applied) and no value was given: add "agent_client_secret_umbrella_ledger" to the JSON secret STACK_SECRETS of the GitHub environments pull-request-plan, production and drift (README, "Secrets for tenant stacks"), or set TF_VAR_agent_client_secret_umbrella_ledger when running by hand. Nothing was run.',
    ]);
  });

  test("given variables with a default or not sensitive, when checked, then they need no secret", () => {
    expect(missingSecrets("tenant-x", declaredVariables({ variable: { a: { type: "string" }, b: { ...SSO, default: "x" } } }), {})).toEqual([]);
  });
});

describe("checking a run's stacks before Terraform", () => {
  test("given every secret, when checked, then there is no problem", () => {
    const stacks = new Map([["platform", platform], ["tenant-umbrella", umbrella], ["tenant-globex", globex]]);
    expect(secretProblems(stacks, parseStackSecrets(SECRETS), () => ({ TF_VAR_google_oauth2_client_secret: "goog-1" }))).toEqual([]);
  });

  test("given one tenant's secret missing, when checked, then only that stack's variable is named", () => {
    const stacks = new Map([["tenant-umbrella", umbrella], ["tenant-globex", globex]]);
    const problems = secretProblems(stacks, parseStackSecrets(JSON.stringify({ sso_client_secret_umbrella: "a1", agent_client_secret_umbrella_ledger: "b2" })), () => ({}));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^tenant-globex declares the sensitive variable sso_client_secret_globex and no value was given: add "sso_client_secret_globex" to/);
  });

  test("given two stacks declaring the same sensitive variable (tenants acme/agent x-y and acme-x/agent y), when checked, then it is refused naming both", () => {
    const shared = declaredVariables({ variable: { agent_client_secret_acme_x_y: AGENT } });
    const stacks = new Map([["tenant-acme", shared], ["tenant-acme-x", shared]]);
    expect(sharedSecretVariables(stacks).map((e) => e.message)).toEqual([
      "The sensitive variable agent_client_secret_acme_x_y is declared by tenant-acme and tenant-acme-x, so one stack's secret would reach the other. Rename a tenant or agent so that their names differ by more than '-' and '_'; nothing was run.",
    ]);
    expect(secretProblems(stacks, new Map([["agent_client_secret_acme_x_y", "v"]]), () => ({}))).toHaveLength(1);
  });
});
