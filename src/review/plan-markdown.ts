import { byDeployOrder } from "../model/types";
import { htmlCode, markdownCode } from "./escape";
import { describeStack } from "./plan-details";
import { ChangeKind, kindOf, StackPlan } from "./plan-file";
import { pooledNames, Risk } from "./plan-risks";
import { Phrase, phraseToMarkdown, say } from "./phrase";
import { TenantRipple } from "./platform-ripple";

const KINDS: readonly ChangeKind[] = ["create", "update", "replace", "delete", "import"];
const HEADINGS: Record<ChangeKind, string> = { create: "Create", update: "Update", replace: "Replace", delete: "Delete", import: "Import", forget: "No longer managed" };

export const ALLOW_LABEL = "allow-risky-plan";

/** Whether the risks stop the pull request, and what let them through. */
export interface RiskGate {
  /** The levels that fail the check (`--fail-on`); none when the summary only informs. */
  readonly failOn: readonly Risk["level"][];
  /** What allowed them (`--allow-risk`, the label), if anything. */
  readonly allowedBy?: string;
}

export interface SummaryExtras {
  readonly gate?: RiskGate;
  /** Tenants that must be applied again after the platform (see `platformRipple`). */
  readonly ripple?: readonly TenantRipple[];
  /** Why the tenants that follow the platform could not be named, when they could not. */
  readonly rippleUnknown?: string;
}

export function inDeployOrder(plans: readonly StackPlan[]): StackPlan[] {
  return [...plans].sort((a, b) => byDeployOrder(a.stack, b.stack));
}

const count = (plan: StackPlan, kind: ChangeKind) => plan.changes.filter((c) => kindOf(c) === kind).length;

function stackDetails(plan: StackPlan, names: ReadonlyMap<string, string>, risky: boolean): string[] {
  const totals = [...KINDS, "forget" as const].map((k) => [k, count(plan, k)] as const).filter(([, n]) => n > 0);
  const summary = totals.length ? totals.map(([k, n]) => `${n} to ${k}`).join(", ") : "no changes";
  const lines = [`<details${risky ? " open" : ""}><summary><b>${htmlCode(plan.stack)}</b>: ${summary}</summary>`, ""];
  const { groups, waiting } = describeStack(plan, names);
  for (const group of groups) lines.push(`**${HEADINGS[group.kind]}**`, "", ...group.lines.map((l) => `- ${phraseToMarkdown(l)}`), "");
  if (!totals.length) lines.push("Terraform plans no changes.", "");
  if (waiting.length) lines.push("**Waiting for the customer**", "", ...waiting.map((l) => `- ${phraseToMarkdown(l)}`), "");
  lines.push("</details>", "");
  return lines;
}

const riskLine = (r: Risk) => `- **${r.level.toUpperCase()}** ${markdownCode(r.stack)} ${markdownCode(r.address)}: ${phraseToMarkdown(r.message)}`;

function gateLine(risks: readonly Risk[], gate: RiskGate | undefined): string[] {
  if (!gate) return [];
  const blocking = risks.filter((r) => gate.failOn.includes(r.level));
  if (blocking.length === 0) return [];
  const what = gate.failOn.includes("medium") ? "Risky changes" : "High-risk changes";
  if (gate.allowedBy) return [`> ${what} are allowed by ${gate.allowedBy}: this pull request is not blocked.`, ""];
  return [`> ${what} block this pull request. If they are intended, a reviewer other than the author adds the \`${ALLOW_LABEL}\` label.`, ""];
}

function rippleLines({ ripple, rippleUnknown }: SummaryExtras): string[] {
  if (rippleUnknown) return ["### Tenants that follow the platform", "", `Could not be named: ${rippleUnknown}`, ""];
  if (!ripple?.length) return [];
  const because = (r: TenantRipple): Phrase =>
    r.roles.length && r.connections.length
      ? say`roles ${r.roles} and connections ${r.connections} get new ids`
      : r.roles.length
        ? say`roles ${r.roles} get new ids`
        : say`connections ${r.connections} get new ids`;
  return [
    "### Tenants that follow the platform",
    "",
    ...ripple.map((r) => `- ${phraseToMarkdown(say`${r.stack} follows: re-applied after the platform (${because(r)})`)}`),
    "",
  ];
}

/** The Markdown posted on the pull request: risks on top, the tenants that follow, a count table, then each stack. */
export function renderPlanSummary(plans: readonly StackPlan[], risks: readonly Risk[], extras: SummaryExtras = {}): string {
  const high = risks.filter((r) => r.level === "high").length;
  const lines = ["## Auth0 plan summary", ""];
  if (risks.length === 0) lines.push("No risky changes flagged.", "");
  else lines.push(`### Risks: ${high} high, ${risks.length - high} medium`, "", ...risks.map(riskLine), "", ...gateLine(risks, extras.gate));
  lines.push(...rippleLines(extras));
  lines.push("| Stack | Create | Update | Replace | Delete | Import |", "|---|---:|---:|---:|---:|---:|");
  // Stack names are checked (platform or tenant-<name>), so no `|` can end a cell.
  for (const plan of plans) lines.push(`| ${markdownCode(plan.stack)} | ${KINDS.map((k) => count(plan, k)).join(" | ")} |`);
  lines.push("");
  const names = pooledNames(plans);
  const riskyStacks = new Set(risks.map((r) => r.stack));
  for (const plan of plans) lines.push(...stackDetails(plan, names, riskyStacks.has(plan.stack)));
  return lines.join("\n");
}
