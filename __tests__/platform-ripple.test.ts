import { PlannedChange, StackPlan } from "../src/review/plan-file";
import { platformRipple, RippleFleet } from "../src/review/platform-ripple";
import { plannedChange } from "./support/planned-change";

/**
 * Which tenants must be applied again after the platform gives a role or connection a new id:
 * platform plans built here with only the attributes the rule reads, and a fleet of tenants
 * written out with the roles and connections each uses.
 */
const change = (type: string, action: PlannedChange["action"], name: string, more: Partial<PlannedChange> = {}): PlannedChange =>
  plannedChange({
    address: `${type}.${name}`,
    type,
    action,
    before: action === "create" ? {} : { name },
    after: action === "delete" ? {} : { name },
    ...more,
  });
const platform = (...changes: PlannedChange[]): StackPlan => ({ stack: "platform", file: "platform.plan.json", changes, unchanged: [], names: new Map() });

const tenant = (stackName: string, roles: string[][], connections: string[], status: "active" | "decommissioned" = "active") => ({
  stackName,
  status,
  connections: connections.map((name) => ({ name })),
  members: roles.map((r, i) => ({ key: `m${i}`, addressKey: `m${i}`, roles: r })),
});
const fleet = (...tenants: ReturnType<typeof tenant>[]): RippleFleet =>
  ({
    platform: {
      roles: [
        { key: "admin", name: "Organization Admin" },
        { key: "billing", name: "Billing Viewer" },
        { key: "member", name: "Organization Member" },
      ],
    },
    tenants,
  }) as unknown as RippleFleet;

describe("the tenants that follow the platform", () => {
  test("given a connection replaced, when the ripple is computed, then the active tenants linking it follow, sorted by stack", () => {
    const tenants = fleet(tenant("tenant-z", [], ["google-oauth2", "db"]), tenant("tenant-a", [], ["db", "google-oauth2"]), tenant("tenant-m", [], ["db"]));
    expect(platformRipple(platform(change("auth0_connection", "replace", "google-oauth2")), tenants)).toEqual([
      { stack: "tenant-a", roles: [], connections: ["google-oauth2"] },
      { stack: "tenant-z", roles: [], connections: ["google-oauth2"] },
    ]);
  });

  test("given roles and connections re-created, when the ripple is computed, then each tenant lists the keys and names it uses, once each, sorted", () => {
    const plan = platform(
      change("auth0_role", "replace", "Organization Member"),
      change("auth0_role", "create", "Organization Admin"),
      change("auth0_connection", "create", "google-oauth2"),
      change("auth0_connection", "create", "db"),
    );
    const tenants = fleet(tenant("tenant-a", [["member", "admin"], ["admin", "billing"]], ["google-oauth2", "db", "other"]));
    expect(platformRipple(plan, tenants)).toEqual([{ stack: "tenant-a", roles: ["admin", "member"], connections: ["db", "google-oauth2"] }]);
  });

  test("given a role re-created by its platform name, when its tenant uses it by key only, then the key is what is matched", () => {
    const tenants = fleet(tenant("tenant-a", [["Organization Admin"]], []), tenant("tenant-b", [["admin"]], []));
    expect(platformRipple(platform(change("auth0_role", "replace", "Organization Admin")), tenants).map((r) => r.stack)).toEqual(["tenant-b"]);
  });

  test("given a role or connection imported, updated or deleted, when the ripple is computed, then no tenant follows: none gets a new id", () => {
    const tenants = fleet(tenant("tenant-a", [["admin"]], ["google-oauth2"]));
    const plan = platform(
      change("auth0_role", "create", "Organization Admin", { importing: true }),
      change("auth0_role", "update", "Organization Admin"),
      change("auth0_connection", "delete", "google-oauth2"),
      change("auth0_connection", "no-op", "google-oauth2", { importing: true }),
    );
    expect(platformRipple(plan, tenants)).toEqual([]);
  });

  test("given a decommissioned tenant that used a re-created role, when the ripple is computed, then it does not follow", () => {
    const tenants = fleet(tenant("tenant-gone", [["admin"]], ["google-oauth2"], "decommissioned"));
    expect(platformRipple(platform(change("auth0_role", "replace", "Organization Admin"), change("auth0_connection", "replace", "google-oauth2")), tenants)).toEqual([]);
  });

  test("given another type of resource re-created with a role's or connection's name, when the ripple is computed, then no tenant follows", () => {
    const tenants = fleet(tenant("tenant-a", [["admin"]], ["google-oauth2"]));
    expect(platformRipple(platform(change("auth0_resource_server", "replace", "Organization Admin"), change("auth0_client", "replace", "google-oauth2")), tenants)).toEqual([]);
  });

  test("given a replace whose new name is not known yet, when the ripple is computed, then the role is found by its old name", () => {
    const tenants = fleet(tenant("tenant-a", [["admin"]], []));
    const replace = change("auth0_role", "replace", "Organization Admin", { after: {}, afterUnknown: { name: true } });
    expect(platformRipple(platform(replace), tenants)).toEqual([{ stack: "tenant-a", roles: ["admin"], connections: [] }]);
  });
});
