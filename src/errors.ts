import { describeCharacter, escapeCharacter, printableLine } from "./load/visible-text";

/**
 * Every problem found in a tenant or platform file is a `ConfigError`, made by one of the
 * named factories below so that the wording of each class of problem lives in one place.
 * An error always says where (file, JSON path, line), what was received and what to do.
 */

/** A JSON path inside a file: object keys and array indexes, from the root. */
export type JsonPath = ReadonlyArray<string | number>;

export interface ConfigErrorProps {
  /** File the problem is in, as given to the loader (relative paths stay relative). */
  readonly file: string;
  /** Where in the file; empty for the whole file. */
  readonly path: JsonPath;
  /** What is wrong, in one sentence without a trailing period. */
  readonly problem: string;
  /** What to do about it. */
  readonly fix: string;
  /**
   * The value found at `path`.
   * @default - nothing received (a missing field, or a problem with the whole file)
   */
  readonly received?: unknown;
  /**
   * 1-based line and column of `path`, filled in by the locator.
   * @default - not known
   */
  readonly line?: number;
  readonly column?: number;
}

export class ConfigError {
  readonly file: string;
  readonly path: JsonPath;
  readonly problem: string;
  readonly fix: string;
  readonly received?: unknown;
  readonly hasReceived: boolean;
  readonly line?: number;
  readonly column?: number;

  constructor(props: ConfigErrorProps) {
    this.file = props.file;
    this.path = props.path;
    this.problem = props.problem;
    this.fix = props.fix;
    this.hasReceived = "received" in props;
    this.received = props.received;
    this.line = props.line;
    this.column = props.column;
  }

  withLocation(line: number, column: number): ConfigError {
    return new ConfigError({ ...this.props(), line, column });
  }

  /** `$.members[2].email` */
  get jsonPath(): string {
    return formatJsonPath(this.path);
  }

  /** `tenants/acme.json:12:7` (editors and CI annotations jump to it). */
  get location(): string {
    if (this.line === undefined) return this.file;
    return `${this.file}:${this.line}:${this.column ?? 1}`;
  }

  /**
   * One line: location first, then path, problem, received value and the fix. Whatever a
   * file holds, the line shows hidden characters escaped (`\u200b`, `\u001b`) and cannot
   * be read as a terminal escape or a CI workflow command.
   */
  format(): string {
    return printableLine(`${this.location}: ${this.describe()}`);
  }

  /** `format()` without the location, for annotations that carry it apart. */
  describe(): string {
    const received = this.hasReceived ? ` (received ${describeValue(this.received)})` : "";
    return printableLine(`${this.jsonPath}: ${this.problem}${received}. ${this.fix}`);
  }

  toJSON(): Record<string, unknown> {
    return {
      file: this.file,
      line: this.line,
      column: this.column,
      path: this.jsonPath,
      problem: this.problem,
      ...(this.hasReceived ? { received: this.received } : {}),
      fix: this.fix,
    };
  }

  private props(): ConfigErrorProps {
    const base = { file: this.file, path: this.path, problem: this.problem, fix: this.fix };
    return this.hasReceived ? { ...base, received: this.received } : base;
  }
}

/**
 * The output folder could not be written (permissions, a read-only file system). One line
 * naming the path and what to do; the previous output is left as it was.
 */
export class OutputNotWritableError extends Error {
  constructor(
    readonly target: string,
    readonly code: string,
    readonly outdir: string,
  ) {
    super(
      printableLine(
        `${target}: cannot write (${code}); ${outdir} was left as it was. ` +
          `Make ${outdir} and the folder it is in writable by you (e.g. chmod -R u+w ${outdir}), or set CDKTF_OUTDIR to a folder you can write.`,
      ),
    );
    this.name = "OutputNotWritableError";
  }
}

/** Thrown when any file is invalid; carries every error found, in file order. */
export class ValidationFailedError extends Error {
  constructor(readonly errors: readonly ConfigError[]) {
    super(
      `${errors.length} problem${errors.length === 1 ? "" : "s"} in the tenant configuration:\n` +
        errors.map((e) => `  ${e.format()}`).join("\n"),
    );
    this.name = "ValidationFailedError";
  }
}

/** A key written after a dot. An index never is one (it starts with a digit), so it is written `[2]`, as JSON writes a number. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function formatJsonPath(path: JsonPath): string {
  return path.reduce<string>((out, key) => (IDENTIFIER.test(String(key)) ? `${out}.${key}` : `${out}[${JSON.stringify(key)}]`), "$");
}

const MAX_SHOWN = 80;

/** A short, unambiguous rendering of a received value; long strings are cut. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  if (text.length <= MAX_SHOWN) return text;
  // Never cut an escape such as \u001b in half.
  const cut = text.slice(0, MAX_SHOWN).replace(/\\(u[0-9a-fA-F]{0,3})?$/, "");
  return `${cut}… (${text.length} characters)`;
}

// ---------------------------------------------------------------------------------------
// Factories, one per class of problem.

export const errors = {
  fileUnreadable: (file: string, reason: string) =>
    new ConfigError({ file, path: [], problem: `cannot read the file: ${reason}`, fix: "Check that the file exists and is readable." }),

  fileMissing: (file: string) =>
    new ConfigError({ file, path: [], problem: "the file does not exist", fix: "Check the path (and PLATFORM_FILE, TENANTS_DIR, STATE_BACKEND_FILE if set)." }),

  symbolicLink: (file: string, target: string) =>
    new ConfigError({
      file,
      path: [],
      problem: `the file is a symbolic link (to ${JSON.stringify(target)}); configuration files must be regular files`,
      fix: "Replace the link with the file itself: a link can point outside the repository, where a reviewer does not see what it holds.",
    }),

  notAFile: (file: string, what: string) =>
    new ConfigError({ file, path: [], problem: `expected a JSON file, found ${what}`, fix: "Rename or move it: every *.json entry in the tenants folder must be a tenant file." }),

  fileTooLarge: (file: string, bytes: number, max: number) =>
    new ConfigError({
      file,
      path: [],
      problem: `the file is ${formatBytes(bytes)}; configuration files are limited to ${formatBytes(max)}`,
      fix: "Check that this is the file you meant: a tenant with a thousand members is about 60 KiB.",
    }),

  invalidUtf8: (file: string, byte: number, line: number, column: number) =>
    new ConfigError({
      file,
      path: [],
      problem: `the file is not valid UTF-8 (byte 0x${byte.toString(16).padStart(2, "0")})`,
      fix: "Save the file as UTF-8 (your editor's \"Save with encoding\") and check the characters at this position.",
      line,
      column,
    }),

  nestedTooDeep: (file: string, max: number, line: number, column: number) =>
    new ConfigError({
      file,
      path: [],
      problem: `objects and arrays are nested more than ${max} levels deep`,
      fix: "Compare the file with the schema in schemas/: no configuration file nests this deep.",
      line,
      column,
    }),

  duplicateKey: (file: string, path: JsonPath, key: string, firstLine: number, line: number, column: number) =>
    new ConfigError({
      file,
      path,
      problem: `key ${JSON.stringify(key)} appears twice (lines ${firstLine} and ${line})`,
      fix: "Keep one of them: tools disagree on which one counts, so a reviewer may read the one that is ignored.",
      line,
      column,
    }),

  hiddenCharacter: (file: string, path: JsonPath, where: "key" | "value", text: string, char: string, index: number, line: number, column: number) =>
    new ConfigError({
      file,
      path,
      problem: `the ${where} contains ${describeCharacter(char)}, ${escapeCharacter(char)}, at character ${index + 1}`,
      received: text,
      fix: "Remove it (retype the text rather than pasting it): characters no one can see make two values that look the same differ, or show a reviewer something other than what is deployed.",
      line,
      column,
    }),

  tenantsDirMissing: (dir: string) =>
    new ConfigError({
      file: dir,
      path: [],
      problem: "the tenants folder does not exist",
      fix: "Run from the project folder, or set TENANTS_DIR to the folder that holds the tenant files. Nothing is built without it, so no tenant stack is dropped by mistake.",
    }),

  tenantsDirNotAFolder: (dir: string) =>
    new ConfigError({ file: dir, path: [], problem: "the tenants folder is not a folder", fix: "Set TENANTS_DIR to the folder that holds the tenant files." }),

  tenantsDirEmpty: (dir: string) =>
    new ConfigError({
      file: dir,
      path: [],
      problem: "the tenants folder has no tenant file (*.json)",
      fix: "Add a tenant (npm run tenants -- new <name>) or set TENANTS_DIR to the folder that holds them. To offboard the last tenant, set its \"status\" to \"decommissioned\" rather than deleting the file.",
    }),

  emptyFile: (file: string) =>
    new ConfigError({
      file,
      path: [],
      problem: "the file is empty",
      fix: "Write a JSON object into it; copy an existing file in the same folder as a starting point.",
      line: 1,
      column: 1,
    }),

  invalidJson: (file: string, reason: string, line: number, column: number) =>
    new ConfigError({
      file,
      path: [],
      problem: `invalid JSON: ${reason}`,
      fix: "Fix the JSON syntax at this line and column (no comments or trailing commas are allowed).",
      line,
      column,
    }),

  unknownKey: (file: string, path: JsonPath, key: string, known: readonly string[]) =>
    new ConfigError({
      file,
      path: [...path, key],
      problem: `unknown key "${key}"`,
      received: key,
      fix: suggestion(key, known) ?? `Remove it; the keys allowed here are: ${known.join(", ")}.`,
    }),

  missingField: (file: string, path: JsonPath, expected: string) =>
    new ConfigError({ file, path, problem: `required field is missing (expected ${expected})`, fix: "Add it." }),

  wrongType: (file: string, path: JsonPath, expected: string, received: unknown) =>
    new ConfigError({ file, path, problem: `expected ${expected}`, received, fix: `Change the value to ${expected}.` }),

  invalidValue: (file: string, path: JsonPath, problem: string, received: unknown, fix: string) =>
    new ConfigError({ file, path, problem, received, fix }),

  /** `nameIsValid`: whether `name` meets Auth0's rules; if not, renaming the file to it is no way out, so only one fix is offered. */
  nameMismatch: (file: string, name: string, expected: string, nameIsValid: boolean) =>
    new ConfigError({
      file,
      path: ["name"],
      problem: `the organization name must equal the file name "${expected}"`,
      received: name,
      fix: nameIsValid ? `Rename the file to ${name}.json or set "name" to "${expected}".` : `Set "name" to "${expected}".`,
    }),

  duplicateTenant: (file: string, name: string, otherFile: string) =>
    new ConfigError({
      file,
      path: ["name"],
      problem: `the organization name is already used by ${otherFile}`,
      received: name,
      fix: "Each tenant must have exactly one file; remove or rename one of them.",
    }),

  unknownReference: (file: string, path: JsonPath, kind: string, received: string, defined: readonly string[], platformFile: string) =>
    new ConfigError({
      file,
      path,
      problem: `${kind} "${received}" is not defined in ${platformFile}`,
      received,
      fix:
        (suggestion(received, defined) ?? `Use one of: ${defined.join(", ") || "(none defined)"}.`) +
        ` To add a new ${kind}, change ${platformFile} first.`,
    }),

  duplicateEntry: (file: string, path: JsonPath, kind: string, key: unknown, firstPath: JsonPath) =>
    new ConfigError({
      file,
      path,
      problem: `the same ${kind} is listed twice (first at ${formatJsonPath(firstPath)})`,
      received: key,
      fix: `Merge the two entries into one.`,
    }),

  memberIdentity: (file: string, path: JsonPath, received: unknown) =>
    new ConfigError({
      file,
      path,
      problem: `a member needs exactly one of "userId" or "email"`,
      received,
      fix: `Give either "userId" (e.g. "auth0|64f1c0ffee") or "email" (e.g. "jane@example.com"), not both and not neither.`,
    }),

  memberConnectionNeeded: (file: string, path: JsonPath, email: string, linked: readonly string[]) =>
    new ConfigError({
      file,
      path,
      problem: `this tenant links ${linked.length} connections, so a member given by email must say which one the user logs in with (the same email in two connections is two Auth0 users, and the lookup must find exactly one)`,
      received: email,
      fix: `Add "connection" with one of: ${linked.join(", ")}; or give the member's "userId" instead of "email".`,
    }),

  memberConnectionNotLinked: (file: string, path: JsonPath, connection: string, linked: readonly string[]) =>
    new ConfigError({
      file,
      path,
      problem: `the member's connection is not one this tenant links, so the user could not log in to the organization with it`,
      received: connection,
      fix: (suggestion(connection, linked) ?? `Use one of: ${linked.join(", ")}.`) + ` Or link the connection under "connections" first.`,
    }),

  memberConnectionWithoutEmail: (file: string, path: JsonPath, connection: string) =>
    new ConfigError({
      file,
      path,
      problem: `"connection" only narrows the lookup of a member given by "email"; a "userId" already names one user`,
      received: connection,
      fix: `Remove "connection" from this member.`,
    }),

  secretInFile: (file: string, path: JsonPath, why: string) =>
    new ConfigError({
      file,
      path,
      problem: `looks like a secret (${why}); secrets must never be written in configuration files`,
      fix: "Remove it. Agents get their credentials from Auth0 (see README, \"Agent credentials\"); anything secret reaches Terraform as a sensitive variable from the environment.",
    }),

  signupNeedsMembership: (file: string, path: JsonPath) =>
    new ConfigError({
      file,
      path: [...path, "signupEnabled"],
      problem: `"signupEnabled" can only be true when "assignMembershipOnLogin" is true (an Auth0 rule)`,
      received: true,
      fix: `Set "assignMembershipOnLogin": true, or "signupEnabled": false.`,
    }),

  signupNeedsDatabase: (file: string, path: JsonPath, connection: string, strategy: string) =>
    new ConfigError({
      file,
      path: [...path, "signupEnabled"],
      problem: `"signupEnabled" only applies to database connections, and "${connection}" uses strategy "${strategy}"`,
      received: true,
      fix: `Remove "signupEnabled" from this link or set it to false.`,
    }),

  /** One value two files (or two places) may not share: a domain, a connection name, a key. */
  claimedTwice: (file: string, path: JsonPath, what: string, received: unknown, otherFile: string, otherPath: JsonPath, fix: string) =>
    new ConfigError({
      file,
      path,
      problem: `${what} is already claimed by ${otherFile} at ${formatJsonPath(otherPath)}`,
      received,
      fix,
    }),

  platformConnectionClash: (file: string, path: JsonPath, name: string, platformFile: string) =>
    new ConfigError({
      file,
      path,
      problem: `the connection name "${name}" is a platform connection in ${platformFile}`,
      received: name,
      fix: 'Name the customer\'s connection after the customer, e.g. "acme-saml"; to link a platform connection, list it under "connections".',
    }),

  samlSource: (file: string, problem: string, received: unknown) =>
    new ConfigError({
      file,
      path: ["enterpriseConnection"],
      problem,
      received,
      fix: "Ask the customer for their SAML metadata URL, or for the sign-in URL and the signing certificate.",
    }),

  tooManyConnections: (file: string, count: number, max: number) =>
    new ConfigError({
      file,
      path: ["connections"],
      problem: `Auth0 allows at most ${max} connections per organization, and this file links ${count} (the listed ones and the enterprise connection)`,
      received: count,
      fix: "Remove connection links.",
    }),

  switchedFromSameMode: (file: string, mode: string) =>
    new ConfigError({
      file,
      path: ["connectionLinksSwitchedFrom"],
      problem: `"connectionLinksSwitchedFrom" names the mode "connectionLinks" already has`,
      received: mode,
      fix: 'Write the mode the organization had before this change, or remove "connectionLinksSwitchedFrom" once the switch has been deployed.',
    }),

  switchedFromWithImport: (file: string) =>
    new ConfigError({
      file,
      path: ["connectionLinksSwitchedFrom"],
      problem: `an organization adopted with "import" has no previous link mode to switch from`,
      fix: 'Remove "connectionLinksSwitchedFrom": "import" adopts the listed links into the mode given by "connectionLinks".',
    }),

  scopeNotOnApi: (file: string, path: JsonPath, scope: string, apiScopes: readonly string[]) =>
    new ConfigError({
      file,
      path,
      problem: `scope "${scope}" is not defined on the API`,
      received: scope,
      fix: (suggestion(scope, apiScopes) ?? `Use one of: ${apiScopes.join(", ")}.`) + ` Or add it to "api.scopes" first.`,
    }),
};

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/** "Did you mean ...?" for a near miss (edit distance at most 2), if there is one. */
function suggestion(received: string, known: readonly string[]): string | undefined {
  const best = known
    .map((k) => ({ k, d: editDistance(received.toLowerCase(), k.toLowerCase()) }))
    .filter(({ d }) => d <= 2)
    .sort((a, b) => a.d - b.d)[0];
  return best ? `Did you mean "${best.k}"?` : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
