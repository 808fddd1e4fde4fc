import type { Platform, Tenant } from "../model/types";
import { PlannedChange, StackPlan } from "./plan-file";

/** A tenant whose stack must be planned and applied again after the platform, and why. */
export interface TenantRipple {
  /** `tenant-<name>` */
  readonly stack: string;
  /** Keys of the roles it gives members that the platform creates again (new ids). */
  readonly roles: readonly string[];
  /** Names of the connections it links that the platform creates again (new ids). */
  readonly connections: readonly string[];
}

/** What the ripple needs of the fleet: `Fleet` from `loadFleet` fits as it is. */
export interface RippleFleet {
  readonly platform: Pick<Platform, "roles">;
  readonly tenants: ReadonlyArray<Pick<Tenant, "stackName" | "status" | "connections" | "members">>;
}

/**
 * A role or connection the platform destroys and creates (a replace), or creates while the
 * platform file already had it (deleted by hand, made again): either way it gets a new id.
 * A role or connection that is new in the platform file is also a create; only tenants that
 * use it follow, and those are changed in the same pull request anyway.
 */
const recreated = (c: PlannedChange, type: string) => c.type === type && (c.action === "replace" || (c.action === "create" && !c.importing));

/**
 * Tenant stacks read every role and connection id from the platform's outputs
 * (`data.terraform_remote_state.platform`), so their JSON does not change when the platform
 * gives a role or connection a new id, yet their member roles and connection links then
 * point at an object that no longer exists. Given the platform stack's plan and the fleet,
 * returns the active tenants that use such a role (by key) or connection (by name), sorted by
 * stack: deploy them after the platform, in the same run.
 *
 * Roles are matched by their Auth0 `name` in the plan (the platform file's `roles[].name`),
 * connections by `name`, which is how tenant files refer to them.
 */
export function platformRipple(platformPlan: StackPlan, fleet: RippleFleet): TenantRipple[] {
  const nameIn = (c: PlannedChange) => String(c.after.name ?? c.before.name);
  const roleNames = new Set(platformPlan.changes.filter((c) => recreated(c, "auth0_role")).map(nameIn));
  const roleKeys = new Set(fleet.platform.roles.filter((r) => roleNames.has(r.name)).map((r) => r.key));
  const connections = new Set(platformPlan.changes.filter((c) => recreated(c, "auth0_connection")).map(nameIn));
  return fleet.tenants
    .filter((t) => t.status !== "decommissioned")
    .map((t) => ({
      stack: t.stackName,
      roles: [...new Set(t.members.flatMap((m) => m.roles))].filter((k) => roleKeys.has(k)).sort(),
      connections: t.connections.map((l) => l.name).filter((n) => connections.has(n)).sort(),
    }))
    .filter((r) => r.roles.length > 0 || r.connections.length > 0)
    .sort((a, b) => a.stack.localeCompare(b.stack));
}
