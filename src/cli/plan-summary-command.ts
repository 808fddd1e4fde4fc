import * as fs from "fs";
import { parseArgs } from "util";
import { PlanFileError, readPlanFile } from "../review/plan-file";
import { ALLOW_LABEL, inDeployOrder, renderPlanSummary } from "../review/plan-markdown";
import { planRisks, RiskLevel } from "../review/plan-risks";
import { CliIo } from "./io";

export const PLAN_SUMMARY_HELP = `Usage: tenants plan-summary <plan.json...> [--output <file>] [--fail-on high|medium|never] [--allow-risk]

Reads plans written by \`terraform show -json <planfile> > <stack>.plan.json\` and prints a
Markdown summary for the pull request: the risks on top (organizations, connections,
clients, APIs or roles destroyed or replaced; members or member roles removed; grants
widened; anything in the platform stack), a table of counts per stack, then every
address by stack. The stack name is the file name without .plan.json.

  --output <file>   write the Markdown there instead of to stdout
  --fail-on <level> exit 3 when a risk of that level or higher is found (default never)
  --allow-risk      do not fail (also ALLOW_RISKY_PLAN=true, set by CI from the
                    "${ALLOW_LABEL}" pull request label)

Exits 1 when a file is not a readable plan, 2 on a wrong option or no file given.`;

const FAIL_LEVELS: Record<string, readonly RiskLevel[]> = { high: ["high"], medium: ["high", "medium"], never: [] };

export function planSummaryCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: "string" }, "fail-on": { type: "string", default: "never" }, "allow-risk": { type: "boolean" }, help: { type: "boolean" } },
  });
  if (values.help) return (io.out(PLAN_SUMMARY_HELP), 0);
  const failLevels = FAIL_LEVELS[values["fail-on"]];
  if (!failLevels) return (io.err(`tenants plan-summary: --fail-on must be high, medium or never (received "${values["fail-on"]}").`), 2);
  if (positionals.length === 0)
    return (io.err("tenants plan-summary: no plan files given. Pass the files `terraform show -json` wrote, e.g. plans/*.plan.json."), 2);

  let plans;
  try {
    plans = inDeployOrder(positionals.map(readPlanFile));
  } catch (error) {
    if (!(error instanceof PlanFileError)) throw error;
    return (io.err(`tenants plan-summary: ${(error as Error).message}`), 1);
  }
  const risks = planRisks(plans);
  const markdown = renderPlanSummary(plans, risks);
  if (values.output) fs.writeFileSync(values.output, `${markdown}\n`);
  else io.out(markdown);

  const blocking = risks.filter((r) => failLevels.includes(r.level));
  if (blocking.length === 0) return 0;
  const allowedBy = values["allow-risk"] ? "--allow-risk" : io.env.ALLOW_RISKY_PLAN === "true" ? `the ${ALLOW_LABEL} label (ALLOW_RISKY_PLAN=true)` : undefined;
  if (allowedBy) return (io.err(`tenants plan-summary: ${blocking.length} risky change(s) allowed by ${allowedBy}.`), 0);
  for (const r of blocking) io.err(`tenants plan-summary: ${r.level} risk in ${r.stack}: ${r.address}: ${r.message}`);
  io.err(`tenants plan-summary: blocked. If these changes are intended, add the "${ALLOW_LABEL}" label to the pull request.`);
  return 3;
}
