import * as fs from "fs";
import * as path from "path";

/** What a reviewer sees a resource go through; `read` and `no-op` are left out. */
export type ChangeKind = "create" | "update" | "replace" | "delete" | "import";

/** One resource change of a `terraform show -json` plan, reduced to what the summary reads. */
export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  readonly kind: ChangeKind;
  /** Attribute values before and after; `{}` when the resource does not exist on that side. */
  readonly before: Record<string, unknown>;
  readonly after: Record<string, unknown>;
  /** Attributes whose new value is known only after apply. */
  readonly afterUnknown: Record<string, unknown>;
  /** Top-level attributes that force a replacement. */
  readonly replacedBecause: readonly string[];
}

export interface StackPlan {
  readonly stack: string;
  readonly file: string;
  readonly changes: readonly PlannedChange[];
  /** Readable names of ids the plan's data sources know: role key, connection name, user email. */
  readonly names: ReadonlyMap<string, string>;
}

/** A plan file that cannot be read as a `terraform show -json` plan. */
export class PlanFileError extends Error {}

interface JsonResourceChange {
  readonly address: string;
  readonly type: string;
  readonly mode?: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before?: Record<string, unknown> | null;
    readonly after?: Record<string, unknown> | null;
    readonly after_unknown?: Record<string, unknown>;
    readonly replace_paths?: ReadonlyArray<ReadonlyArray<string | number>>;
    readonly importing?: unknown;
  };
}

function kindOf(change: JsonResourceChange["change"]): ChangeKind | undefined {
  const actions = [...change.actions].sort().join(",");
  if (change.importing) return "import";
  if (actions === "create,delete") return "replace";
  if (actions === "create" || actions === "update" || actions === "delete") return actions;
  return undefined;
}

interface JsonStateResource {
  readonly type: string;
  readonly mode?: string;
  readonly values?: Record<string, unknown>;
}

/**
 * Ids in a plan are opaque (`rol_…`, `con_…`); the data sources read before planning say what
 * they are: the platform outputs map role keys and connection names to ids, and `auth0_user`
 * lookups map emails to user ids.
 */
function namesOf(resources: readonly JsonStateResource[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const r of resources.filter((x) => x.mode === "data")) {
    if (r.type === "auth0_user") {
      const userId = r.values?.user_id || r.values?.id;
      if (typeof userId === "string" && typeof r.values?.email === "string") names.set(userId, r.values.email);
    }
    if (r.type !== "terraform_remote_state") continue;
    for (const output of Object.values((r.values?.outputs ?? {}) as Record<string, unknown>)) {
      if (typeof output !== "object" || output === null) continue;
      for (const [name, id] of Object.entries(output)) if (typeof id === "string") names.set(id, name);
    }
  }
  return names;
}

/** `plans/tenant-acme.plan.json` holds the plan of stack `tenant-acme`. */
export function stackOfPlanFile(file: string): string {
  return path.basename(file).replace(/(\.plan)?\.json$/, "");
}

export function readPlanFile(file: string): StackPlan {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new PlanFileError(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code}).`);
  }
  let plan: {
    format_version?: unknown;
    resource_changes?: JsonResourceChange[];
    prior_state?: { values?: { root_module?: { resources?: JsonStateResource[] } } };
  };
  try {
    plan = JSON.parse(text);
  } catch (error) {
    throw new PlanFileError(`${file}: not JSON (${(error as Error).message}). Write it with \`terraform show -json <planfile>\`.`);
  }
  if (typeof plan !== "object" || plan === null || typeof plan.format_version !== "string" || !("planned_values" in plan || "resource_changes" in plan)) {
    throw new PlanFileError(`${file}: this is not a plan from \`terraform show -json <planfile>\` (no format_version and planned_values).`);
  }
  const changes = (plan.resource_changes ?? []).flatMap((rc): PlannedChange[] => {
    const kind = rc.mode === "data" ? undefined : kindOf(rc.change);
    if (!kind) return [];
    return [
      {
        address: rc.address,
        type: rc.type,
        kind,
        before: rc.change.before ?? {},
        after: rc.change.after ?? {},
        afterUnknown: rc.change.after_unknown ?? {},
        replacedBecause: [...new Set((rc.change.replace_paths ?? []).map((p) => String(p[0])))],
      },
    ];
  });
  return { stack: stackOfPlanFile(file), file, changes, names: namesOf(plan.prior_state?.values?.root_module?.resources ?? []) };
}
