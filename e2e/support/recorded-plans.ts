import * as fs from "fs";
import * as path from "path";
import { changeLines, ROOT } from "./workspace";

/** Real plans kept for the plan-summary tests, one folder per scenario. */
export const RECORDED_PLANS = path.join(ROOT, "__tests__", "fixtures", "plans", "recorded");

export const recording = (): boolean => process.env.RECORD_PLANS === "1";

/**
 * With RECORD_PLANS=1, keeps a real plan as `<scenario>/<stack>.plan.json`, trimmed to what
 * `tenants plan-summary` reads: the changes, and of the prior state only the data sources
 * (they name the ids; managed resources' state may hold secrets). Otherwise checks that
 * the kept plan has the same changes as the one Terraform makes today. Recording never
 * compares: the file it would compare with is the one it just wrote.
 */
export function checkRecordedPlan(scenario: string, stack: string, live: Record<string, unknown>): void {
  const file = path.join(RECORDED_PLANS, scenario, `${stack}.plan.json`);
  if (recording()) {
    const { format_version, terraform_version, planned_values, resource_changes } = live;
    const prior = live.prior_state as { values?: { root_module?: { resources?: Array<{ mode: string }> } } } | undefined;
    const dataSources = (prior?.values?.root_module?.resources ?? []).filter((r) => r.mode === "data");
    const prior_state = { values: { root_module: { resources: dataSources } } };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify({ format_version, terraform_version, planned_values, resource_changes, prior_state }, null, 2)}\n`);
    return;
  }
  const kept = JSON.parse(fs.readFileSync(file, "utf8"));
  expect({ scenario, stack, changes: changeLines(kept) }).toEqual({ scenario, stack, changes: changeLines(live as Parameters<typeof changeLines>[0]) });
}
