import * as fs from "fs";
import { parseArgs } from "util";
import { defaultSources } from "../load/config-files";
import { PLATFORM_STACK } from "../model/types";
import { terminalText } from "../review/escape";
import { PlanFileError, readPlanFile, StackPlan } from "../review/plan-file";
import { ALLOW_LABEL, inDeployOrder, renderPlanSummary, SummaryExtras } from "../review/plan-markdown";
import { planRisks, Risk, RiskLevel } from "../review/plan-risks";
import { phraseToTerminal } from "../review/phrase";
import { platformRipple } from "../review/platform-ripple";
import { checkFleet } from "../validate/validate-fleet";
import { CliIo } from "./io";

export const PLAN_SUMMARY_HELP = `Usage: tenants plan-summary <plan.json...> [--output <file>] [--fail-on high|medium|never] [--allow-risk]

Reads plans written by \`terraform show -json <planfile> > <stack>.plan.json\` and prints a
Markdown summary for the pull request: the risks on top (organizations, connections,
clients, APIs or roles destroyed or replaced; members, member roles or connection links
removed or re-created; grants widened; agent credentials changed; anything in the platform
stack), the tenants that must be applied again after the platform, a table of counts per
stack, then what each stack changes, by name. The stack name is the file name without
.plan.json (platform or tenant-<name>). Every value from a plan is escaped.

When the platform plan re-creates a role or connection, the tenant files (TENANTS_DIR,
PLATFORM_FILE) are read to name the tenants that use it.

  --output <file>   write the Markdown there instead of to stdout
  --fail-on <level> exit 3 when a risk of that level or higher is found (default never)
  --allow-risk      do not fail (also ALLOW_RISKY_PLAN=true, set by CI from the
                    "${ALLOW_LABEL}" pull request label)

Exits 1 when a file is not a plan the summary can read (one line: file, JSON path, what
is wrong), 2 on a wrong option or no file given.`;

const FAIL_LEVELS: Record<string, readonly RiskLevel[]> = { high: ["high"], medium: ["high", "medium"], never: [] };
const STACK_NAME = /^(platform|tenant-[a-z0-9_-]+)$/;

/** The tenants that follow the platform, named from the tenant files; or why they could not be. */
function rippleOf(plans: readonly StackPlan[], io: CliIo): Pick<SummaryExtras, "ripple" | "rippleUnknown"> {
  const platform = plans.find((p) => p.stack === PLATFORM_STACK);
  const recreates = platform?.changes.some((c) => (c.type === "auth0_role" || c.type === "auth0_connection") && (c.action === "replace" || c.action === "create"));
  if (!platform || !recreates) return {};
  const { fleet, errors } = checkFleet(defaultSources(io.env));
  if (!fleet) return { rippleUnknown: `the tenant files do not validate (${errors.length} problem(s); run \`tenants validate\`).` };
  return { ripple: platformRipple(platform, fleet) };
}

const terminalRisk = (r: Risk) => `${r.level} risk in ${terminalText(r.stack)}: ${terminalText(r.address)}: ${phraseToTerminal(r.message)}`;

export function planSummaryCommand(args: string[], io: CliIo): number {
  // -h/--help is answered by main, for every command.
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: "string" }, "fail-on": { type: "string", default: "never" }, "allow-risk": { type: "boolean" } },
  });
  const failOn = FAIL_LEVELS[values["fail-on"]];
  if (!failOn) return (io.err(`tenants plan-summary: --fail-on must be high, medium or never (received "${terminalText(values["fail-on"])}").`), 2);
  if (positionals.length === 0)
    return (io.err("tenants plan-summary: no plan files given. Pass the files `terraform show -json` wrote, e.g. plans/*.plan.json."), 2);

  let plans: StackPlan[];
  try {
    plans = inDeployOrder(positionals.map(readPlanFile));
  } catch (error) {
    if (!(error instanceof PlanFileError)) throw error;
    return (io.err(`tenants plan-summary: ${terminalText(error.message)}`), 1);
  }
  const misnamed = plans.find((p) => !STACK_NAME.test(p.stack));
  if (misnamed) {
    io.err(`tenants plan-summary: ${terminalText(misnamed.file)}: the file name must be <stack>.plan.json, the stack platform or tenant-<name> (received "${terminalText(misnamed.stack)}").`);
    return 1;
  }
  const twice = plans.find((p, i) => plans.findIndex((q) => q.stack === p.stack) !== i);
  if (twice) {
    io.err(`tenants plan-summary: ${terminalText(twice.file)}: a second plan for stack ${twice.stack}. Pass one plan per stack.`);
    return 1;
  }

  const risks = planRisks(plans);
  const blocking = risks.filter((r) => failOn.includes(r.level));
  const allowedBy = values["allow-risk"] ? "`--allow-risk`" : io.env.ALLOW_RISKY_PLAN === "true" ? `the \`${ALLOW_LABEL}\` label (\`ALLOW_RISKY_PLAN=true\`)` : undefined;
  const markdown = renderPlanSummary(plans, risks, { gate: { failOn, allowedBy }, ...rippleOf(plans, io) });
  if (values.output) fs.writeFileSync(values.output, `${markdown}\n`);
  else io.out(markdown);

  if (blocking.length === 0) return 0;
  if (allowedBy) return (io.err(`tenants plan-summary: ${blocking.length} risky change(s) allowed by ${allowedBy.replace(/`/g, "")}.`), 0);
  for (const r of blocking) io.err(`tenants plan-summary: ${terminalRisk(r)}`);
  io.err(`tenants plan-summary: blocked. If these changes are intended, add the "${ALLOW_LABEL}" label to the pull request.`);
  return 3;
}
