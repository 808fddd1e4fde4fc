import { PLATFORM_STACK } from "../model/types";
import { PlannedChange, StackPlan } from "./plan-file";

export type RiskLevel = "high" | "medium";

export interface Risk {
  readonly level: RiskLevel;
  readonly stack: string;
  readonly address: string;
  readonly message: string;
}

/** Losing one of these takes logins or API access away from a customer's users. */
const ESSENTIAL = new Map([
  ["auth0_organization", "organization"],
  ["auth0_connection", "connection"],
  ["auth0_client", "client"],
  ["auth0_organization_connection", "connection link"],
  ["auth0_organization_connections", "connection links"],
  ["auth0_resource_server", "API"],
  ["auth0_role", "role"],
]);

const destroyed = (c: PlannedChange) => c.kind === "delete" || c.kind === "replace";

function destroyWording(c: PlannedChange): string {
  if (c.kind === "delete") return "will be destroyed";
  const reason = c.replacedBecause.length ? ` because ${c.replacedBecause.map((a) => `\`${a}\``).join(", ")} changed` : "";
  return `will be replaced (destroyed, then created with a new id)${reason}`;
}

/** Values of a list attribute that are in `before` but not in `after`; none when `after` is not known yet. */
function removedValues(c: PlannedChange, attribute: string, field?: string): string[] {
  if (c.afterUnknown[attribute] === true) return [];
  const values = (side: Record<string, unknown>) => {
    const list = Array.isArray(side[attribute]) ? (side[attribute] as unknown[]) : [];
    return list.map((v) => String(field ? (v as Record<string, unknown>)[field] : v));
  };
  const after = new Set(values(c.after));
  return values(c.before).filter((v) => !after.has(v));
}

const addedValues = (c: PlannedChange, attribute: string) => removedValues({ ...c, before: c.after, after: c.before, afterUnknown: {} }, attribute);

function risksOf({ stack, names }: StackPlan, c: PlannedChange): Array<Omit<Risk, "stack" | "address">> {
  const code = (values: unknown[]) => values.map((v) => `\`${names.get(String(v)) ?? v}\``).join(", ");
  const risks: Array<Omit<Risk, "stack" | "address">> = [];
  const essential = ESSENTIAL.get(c.type);
  if (essential && destroyed(c)) risks.push({ level: "high", message: `${essential} ${destroyWording(c)}` });
  else if (stack === PLATFORM_STACK && destroyed(c)) risks.push({ level: "high", message: `shared platform resource ${destroyWording(c)}` });

  if (c.type === "auth0_organization_member" && destroyed(c)) {
    risks.push({
      level: "medium",
      message: `member ${code([c.before.user_id])} ${c.kind === "delete" ? "removed from the organization" : "removed and added again"}`,
    });
  }
  if (c.type === "auth0_organization_member_roles") {
    const roles = c.kind === "delete" ? removedValues({ ...c, after: {} }, "roles") : removedValues(c, "roles");
    if (roles.length) risks.push({ level: "medium", message: `roles ${code(roles)} taken from member ${code([c.before.user_id])}` });
  }
  if (c.type === "auth0_organization_connections" && c.kind === "update") {
    const links = removedValues(c, "enabled_connections", "connection_id");
    if (links.length) risks.push({ level: "medium", message: `connection ${code(links)} unlinked: its users can no longer log in to this organization` });
  }
  if (c.type === "auth0_client_grant" && c.kind === "update") {
    const scopes = addedValues(c, "scopes");
    if (scopes.length) risks.push({ level: "medium", message: `grant widened: scopes ${code(scopes)} added` });
    if (c.after.allow_any_organization === true && c.before.allow_any_organization !== true) {
      risks.push({ level: "high", message: "grant opened to any organization (`allow_any_organization`)" });
    }
    if (c.before.organization_usage === "require" && c.after.organization_usage !== "require" && c.afterUnknown.organization_usage !== true) {
      risks.push({
        level: "high",
        message: `grant no longer requires an organization (\`organization_usage\` ${JSON.stringify(c.after.organization_usage ?? null)})`,
      });
    }
  }
  return risks;
}

/** Every tenant depends on the platform: any change to it is worth a look, but one line says so, not one per resource. */
function platformChangeRisk(plan: StackPlan): Risk[] {
  const changed = plan.changes.filter((c) => !destroyed(c));
  if (plan.stack !== PLATFORM_STACK || changed.length === 0) return [];
  const kinds = [...new Set(changed.map((c) => c.kind))].map((kind) => `${changed.filter((c) => c.kind === kind).length} to ${kind}`);
  const address = changed.length === 1 ? changed[0].address : `${changed.length} resources`;
  return [{ level: "medium", stack: plan.stack, address, message: `shared platform resources change (${kinds.join(", ")}): every tenant depends on them` }];
}

/** Risks of every stack, high first, in stack order. */
export function planRisks(plans: readonly StackPlan[]): Risk[] {
  const risks = plans.flatMap((plan) => [
    ...plan.changes.flatMap((c) => risksOf(plan, c).map((r) => ({ ...r, stack: plan.stack, address: c.address }))),
    ...platformChangeRisk(plan),
  ]);
  return [...risks.filter((r) => r.level === "high"), ...risks.filter((r) => r.level === "medium")];
}
