import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { ConfigError, JsonPath } from "../errors";
import { parseJsonDocument } from "../load/json-document";

/** How a reviewer groups a change: an import is its own group even when it also updates. */
export type ChangeKind = "create" | "update" | "replace" | "delete" | "forget" | "import";

/** What Terraform will do to the object itself. */
export type ChangeAction = "create" | "update" | "replace" | "delete" | "forget" | "no-op";

/** One resource change of a `terraform show -json` plan, reduced to what the summary reads. */
export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  readonly action: ChangeAction;
  /** Adopted into state by an import block; `action` says what the plan also changes. */
  readonly importing: boolean;
  /** Attribute values before and after; `{}` when the resource does not exist on that side. */
  readonly before: Record<string, unknown>;
  readonly after: Record<string, unknown>;
  /** Attributes whose new value is known only after apply. */
  readonly afterUnknown: Record<string, unknown>;
  /** Which attributes are sensitive (Terraform's `before_sensitive` / `after_sensitive`). */
  readonly beforeSensitive: Record<string, unknown>;
  readonly afterSensitive: Record<string, unknown>;
  /** Top-level attributes that force a replacement. */
  readonly replacedBecause: readonly string[];
}

export interface StackPlan {
  readonly stack: string;
  readonly file: string;
  /** Every managed resource Terraform changes or imports; no-op resources are left out. */
  readonly changes: readonly PlannedChange[];
  /** Resources left as they are, for what a reviewer still has to act on (a domain waiting for its TXT record). */
  readonly unchanged: readonly PlannedChange[];
  /** Readable names of ids the plan's data sources know: role key, connection name, user email. */
  readonly names: ReadonlyMap<string, string>;
}

/** A plan file that cannot be read as a `terraform show -json` plan; the message is one line. */
export class PlanFileError extends Error {
  constructor(readonly error: ConfigError) {
    super(error.format());
  }
}

export const kindOf = (c: PlannedChange): ChangeKind => (c.importing ? "import" : (c.action as ChangeKind));

/**
 * The action lists Terraform writes (`plans.Action` in Terraform's jsonplan). Anything else is
 * refused: a plan the summary cannot read must never pass the risk gate as "nothing risky".
 */
const ACTIONS: Readonly<Record<string, ChangeAction | "read">> = {
  "no-op": "no-op",
  create: "create",
  read: "read",
  update: "update",
  delete: "delete",
  forget: "forget",
  "delete,create": "replace",
  "create,delete": "replace",
};
const KNOWN_ACTIONS = Object.keys(ACTIONS).map((a) => JSON.stringify(a.split(",")));

const Values = z.record(z.string(), z.unknown());
/** Terraform writes `false` for "nothing sensitive" and `true` for "all of it". */
const Sensitivity = z.union([Values, z.boolean()]);

const ResourceChange = z.object({
  address: z.string().min(1),
  type: z.string().min(1),
  mode: z.enum(["managed", "data"]),
  change: z.object({
    actions: z
      .array(z.string())
      .refine((actions) => actions.join(",") in ACTIONS, { message: `must be one of Terraform's action lists ${KNOWN_ACTIONS.join(", ")}` }),
    before: Values.nullable().optional(),
    after: Values.nullable().optional(),
    after_unknown: z.union([Values, z.boolean()]).optional(),
    before_sensitive: Sensitivity.optional(),
    after_sensitive: Sensitivity.optional(),
    replace_paths: z.array(z.array(z.union([z.string(), z.number()]))).optional(),
    importing: z.object({}).loose().nullable().optional(),
  }),
});

const StateResource = z.object({ type: z.string(), mode: z.enum(["managed", "data"]), values: Values.optional() });

const PlanJson = z.object({
  format_version: z.string().regex(/^1\./, { message: "must be a plan format 1.x, as Terraform 1.x writes it" }),
  resource_changes: z.array(ResourceChange).optional(),
  prior_state: z.object({ values: z.object({ root_module: z.object({ resources: z.array(StateResource).optional() }).optional() }).optional() }).optional(),
});

type JsonResourceChange = z.output<typeof ResourceChange>;
type JsonStateResource = z.output<typeof StateResource>;

const MAKE_ONE = "Write it with `terraform show -json <planfile> > <stack>.plan.json` (Terraform 1.x); a plan the summary cannot read never passes.";

/** Error factories of this reader, one per class of problem. */
export const planFileErrors = {
  unreadable: (file: string, code: string) =>
    new ConfigError({ file, path: [], problem: `cannot read the file (${code})`, fix: "Check the path of the plan file." }),
  notAPlan: (file: string) =>
    new ConfigError({ file, path: [], problem: "this is not a plan from `terraform show -json <planfile>` (no format_version and planned_values)", fix: MAKE_ONE }),
  wrongShape: (file: string, at: JsonPath, problem: string, received: unknown) => new ConfigError({ file, path: at, problem, received, fix: MAKE_ONE }),
};

/** Zod's own wording names zod's types; a reviewer reads JSON's. */
function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== "invalid_type") return undefined;
  const expected = issue.expected === "record" || issue.expected === "object" ? "an object" : issue.expected === "array" ? "a list" : `a ${issue.expected}`;
  return issue.input === undefined ? `required, expected ${expected}` : `expected ${expected}`;
}

const objectOr = (value: unknown): Record<string, unknown> => (typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {});

/** `true` (the whole object is sensitive) marks each of its attributes; `false` or none marks nothing. */
const sensitivity = (marks: unknown, values: Record<string, unknown> | null | undefined): Record<string, unknown> =>
  marks === true ? Object.fromEntries(Object.keys(values ?? {}).map((key) => [key, true])) : objectOr(marks);

function toChange(rc: JsonResourceChange): PlannedChange | undefined {
  const action = ACTIONS[rc.change.actions.join(",")];
  if (rc.mode === "data" || action === "read") return undefined;
  return {
    address: rc.address,
    type: rc.type,
    action,
    importing: rc.change.importing != null,
    before: rc.change.before ?? {},
    after: rc.change.after ?? {},
    afterUnknown: objectOr(rc.change.after_unknown),
    beforeSensitive: sensitivity(rc.change.before_sensitive, rc.change.before),
    afterSensitive: sensitivity(rc.change.after_sensitive, rc.change.after),
    replacedBecause: [...new Set((rc.change.replace_paths ?? []).map((p) => String(p[0])))],
  };
}

/**
 * Ids in a plan are opaque (`rol_…`, `con_…`); the data sources read before planning say what
 * they are: the platform outputs map role keys and connection names to ids, and `auth0_user`
 * lookups map emails to user ids.
 */
export function namesOf(resources: readonly JsonStateResource[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const r of resources.filter((x) => x.mode === "data")) {
    if (r.type === "auth0_user") {
      const userId = r.values?.user_id || r.values?.id;
      if (typeof userId === "string" && typeof r.values?.email === "string") names.set(userId, r.values.email);
    }
    if (r.type !== "terraform_remote_state") continue;
    for (const output of Object.values(objectOr(r.values?.outputs))) {
      for (const [name, id] of Object.entries(objectOr(output))) if (typeof id === "string") names.set(id, name);
    }
  }
  return names;
}

/** `plans/tenant-acme.plan.json` holds the plan of stack `tenant-acme`. */
export function stackOfPlanFile(file: string): string {
  return path.basename(file).replace(/(\.plan)?\.json$/, "");
}

/** Reads a plan through its schema: any shape the summary does not know fails, naming the file and JSON path. */
export function readPlanFile(file: string): StackPlan {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new PlanFileError(planFileErrors.unreadable(file, (error as NodeJS.ErrnoException).code ?? String(error)));
  }
  const doc = parseJsonDocument(file, text);
  if (Array.isArray(doc)) throw new PlanFileError(doc[0]);
  const raw = objectOr(doc.value);
  if (typeof raw.format_version !== "string" || !("planned_values" in raw || "resource_changes" in raw)) {
    throw new PlanFileError(planFileErrors.notAPlan(file));
  }
  const parsed = PlanJson.safeParse(doc.value, { reportInput: true, error: plainMessage });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Stryker disable next-line ConditionalExpression,StringLiteral: JSON.parse makes no symbol keys, so no path holds one
    const at = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    const { line, column } = doc.locate(at);
    throw new PlanFileError(planFileErrors.wrongShape(file, at, issue.message, (issue as { input?: unknown }).input).withLocation(line, column));
  }
  const all = (parsed.data.resource_changes ?? []).flatMap((rc) => toChange(rc) ?? []);
  return {
    stack: stackOfPlanFile(file),
    file,
    changes: all.filter((c) => c.action !== "no-op" || c.importing),
    unchanged: all.filter((c) => c.action === "no-op" && !c.importing),
    // Stryker disable next-line ArrayDeclaration: only data sources are read, so no item of a list standing for "none" is ever looked at
    names: namesOf(parsed.data.prior_state?.values?.root_module?.resources ?? []),
  };
}
