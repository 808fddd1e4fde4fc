/**
 * Management API requests a plan accounts for, counted the way provider v1.55.0 makes
 * them: one GET per resource refreshed and per data source read while planning, one per
 * import; on apply a write per create, update or delete, and after a create or update the
 * read-back every resource's Create/Update function ends with (e.g. createOrganization
 * returns readOrganization). Association resources that page through lists can make more;
 * this is the lower bound the pacer settles against.
 */
interface PlanJson {
  readonly prior_state?: { readonly values?: { readonly root_module?: Module } };
  readonly resource_changes?: ReadonlyArray<{ readonly mode?: string; readonly change: { readonly actions: readonly string[]; readonly importing?: unknown } }>;
}
interface Module {
  readonly resources?: readonly unknown[];
  readonly child_modules?: readonly Module[];
}

const countResources = (m: Module | undefined): number => (m ? (m.resources?.length ?? 0) + (m.child_modules ?? []).reduce((n, c) => n + countResources(c), 0) : 0);

export function planRequests(plan: PlanJson): { readonly plan: number; readonly apply: number } {
  const changes = (plan.resource_changes ?? []).filter((rc) => rc.mode !== "data");
  const imports = changes.filter((rc) => rc.change.importing).length;
  let apply = 0;
  for (const { change } of changes) {
    const actions = new Set(change.actions);
    if (actions.has("delete")) apply += 1;
    if (actions.has("create") || actions.has("update")) apply += 2;
  }
  return { plan: countResources(plan.prior_state?.values?.root_module) + imports, apply };
}
