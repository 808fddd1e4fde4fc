import { byDeployOrder } from "../model/types";
import { ChangeKind, PlannedChange, StackPlan } from "./plan-file";
import { Risk } from "./plan-risks";

const KINDS: readonly ChangeKind[] = ["create", "update", "replace", "delete", "import"];
const HEADINGS: Record<ChangeKind, string> = { create: "Create", update: "Update", replace: "Replace", delete: "Delete", import: "Import" };

export const ALLOW_LABEL = "allow-risky-plan";

export function inDeployOrder(plans: readonly StackPlan[]): StackPlan[] {
  return [...plans].sort((a, b) => byDeployOrder(a.stack, b.stack));
}

const count = (plan: StackPlan, kind: ChangeKind) => plan.changes.filter((c) => c.kind === kind).length;

/** Attributes an update changes, so a reviewer sees what moves without opening the raw plan. */
function changedAttributes(c: PlannedChange): string {
  if (c.kind === "replace" && c.replacedBecause.length) return `: ${c.replacedBecause.map((k) => `\`${k}\``).join(", ")} forces replacement`;
  // An import can also update what it adopts; show what it changes.
  if (c.kind !== "update" && c.kind !== "import") return "";
  const keys = [...new Set([...Object.keys(c.before), ...Object.keys(c.after)])].filter(
    (k) => c.afterUnknown[k] === true || JSON.stringify(c.before[k]) !== JSON.stringify(c.after[k]),
  );
  return keys.length ? `: ${keys.map((k) => `\`${k}\``).join(", ")}` : "";
}

function stackDetails(plan: StackPlan, risky: boolean): string[] {
  const totals = KINDS.map((k) => [k, count(plan, k)] as const).filter(([, n]) => n > 0);
  const summary = totals.length ? totals.map(([k, n]) => `${n} to ${k}`).join(", ") : "no changes";
  const lines = [`<details${risky ? " open" : ""}><summary><b>${plan.stack}</b>: ${summary}</summary>`, ""];
  for (const [kind] of totals) {
    lines.push(`**${HEADINGS[kind]}**`, "");
    for (const c of plan.changes.filter((x) => x.kind === kind)) lines.push(`- \`${c.address}\`${changedAttributes(c)}`);
    lines.push("");
  }
  if (!totals.length) lines.push("Terraform plans no changes.", "");
  lines.push("</details>", "");
  return lines;
}

function riskLine(r: Risk): string {
  return `- **${r.level.toUpperCase()}** \`${r.stack}\` \`${r.address}\`: ${r.message}`;
}

/** The Markdown posted on the pull request: risks on top, a count table, then each stack, in the order given. */
export function renderPlanSummary(plans: readonly StackPlan[], risks: readonly Risk[]): string {
  const high = risks.filter((r) => r.level === "high").length;
  const lines = ["## Auth0 plan summary", ""];
  if (risks.length === 0) lines.push("No risky changes flagged.", "");
  else {
    lines.push(`### Risks: ${high} high, ${risks.length - high} medium`, "", ...risks.map(riskLine), "");
    if (high > 0) lines.push(`> High-risk changes block this pull request. If they are intended, a reviewer adds the \`${ALLOW_LABEL}\` label.`, "");
  }
  lines.push("| Stack | Create | Update | Replace | Delete | Import |", "|---|---:|---:|---:|---:|---:|");
  for (const plan of plans) lines.push(`| ${plan.stack} | ${KINDS.map((k) => count(plan, k)).join(" | ")} |`);
  lines.push("");
  const riskyStacks = new Set(risks.map((r) => r.stack));
  for (const plan of plans) lines.push(...stackDetails(plan, riskyStacks.has(plan.stack)));
  return lines.join("\n");
}
