// Roles and their permissions. Provider: internal/auth0/role/*.go (v1.55.0).
import { attrPath, error } from "../diagnostics";
import type { Area, Reference, Rule } from "../engine/spec";
import type { Json, JsonObject, World } from "../store";
import { isObject, type ComputedSlot, type ObjectValue, type Value } from "../values";
import { isManagementApi } from "./client";
import { scopesOf } from "./resource-server";

const ROLE: Reference = { type: "auth0_role", onDelete: "delete" };
const API: Reference = { type: "auth0_resource_server", by: "identifier", builtIn: isManagementApi };

const apiNamed = (world: World, identifier: unknown): JsonObject | undefined =>
  Object.values(world.resources.auth0_resource_server ?? {}).find((rs) => rs.identifier === identifier);

const scopeDescription = (world: World, identifier: unknown, scope: unknown): Json =>
  scopesOf(world, String(identifier)).find((s) => s.name === scope)?.description ?? "";

/** Role permissions must name scopes the API defines (the Management API's own are not modelled). */
const permissionsDefined: Rule = ({ state, world }) => {
  const permissions = Array.isArray(state.permissions) ? state.permissions : [state];
  return permissions.flatMap((p, i) => {
    if (!isObject(p)) return [];
    const name = p.name ?? p.permission;
    const rs = p.resource_server_identifier;
    if (typeof name !== "string" || typeof rs !== "string" || isManagementApi(rs) || !apiNamed(world, rs)) return [];
    if (scopesOf(world, rs).some((s) => s.name === name)) return [];
    return [
      error(
        "Permission not defined on the API",
        `The permission "${name}" is not a scope of the resource server "${rs}" (400 Bad Request). Define the scope before assigning it to a role.`,
        Array.isArray(state.permissions) ? attrPath("permissions", i, "name") : attrPath("permission"),
      ),
    ];
  });
};

const key = (p: Record<string, Value | Json>) => `${String(p.resource_server_identifier)} ${String(p.name)}`;
const entries = (v: Value | Json | undefined): ObjectValue[] => (Array.isArray(v) ? (v.filter(isObject) as ObjectValue[]) : []);

/** A role's permissions, whichever resource granted them (GET /roles/{id}/permissions). */
function permissionsOf(world: World, roleId: string): ObjectValue[] {
  const list = entries(world.resources.auth0_role_permissions?.[roleId]?.permissions);
  for (const single of Object.values(world.resources.auth0_role_permission ?? {})) {
    const p = { name: single.permission, resource_server_identifier: single.resource_server_identifier } as ObjectValue;
    if (single.role_id === roleId && !list.some((x) => key(x) === key(p))) list.push(p);
  }
  return list;
}

export const role: Area = {
  name: "role",
  types: {
    auth0_role: {
      source: "internal/auth0/role/resource.go (type, owner_id ForceNew); TestAccRoleTypeAndOwnerIDAreCreateOnly.yaml",
      id: { prefix: "rol_" },
      forceNew: ["type", "owner_id"],
    },
    auth0_role_permissions: {
      source: "internal/auth0/role/resource_permissions.go (upsert by difference with the prior state); TestAccRolePermissions.yaml",
      id: { parts: ["role_id"] },
      references: { role_id: ROLE, "permissions.resource_server_identifier": API },
      forceNew: ["role_id"],
      rules: [permissionsDefined],
      derived: {
        "permissions.description": (s: ComputedSlot, world) => scopeDescription(world, s.holder.resource_server_identifier, s.holder.name) as Value,
        "permissions.resource_server_name": (s: ComputedSlot, world) => (apiNamed(world, s.holder.resource_server_identifier)?.name ?? "") as Value,
      },
      read: (world, id, stored) => (stored ? { ...stored, permissions: permissionsOf(world, id) as Json } : undefined),
      // Permissions the role already had are kept (added and removed against the prior
      // state only); they show up as a removal in the next plan.
      create: ({ state, world }) => {
        const have = permissionsOf(world, String(state.role_id));
        const wanted = entries(state.permissions).filter((p) => !have.some((h) => key(h) === key(p)));
        return { state: { ...state, permissions: [...have, ...wanted] } };
      },
      update: ({ state, prior, world }) => {
        const removed = entries(prior?.permissions).filter((p) => !entries(state.permissions).some((x) => key(x) === key(p)));
        const have = permissionsOf(world, String(state.role_id)).filter((h) => !removed.some((r) => key(r) === key(h)));
        for (const [k, single] of Object.entries(world.resources.auth0_role_permission ?? {})) {
          if (single.role_id === state.role_id && removed.some((r) => r.name === single.permission && r.resource_server_identifier === single.resource_server_identifier)) {
            delete world.resources.auth0_role_permission[k];
          }
        }
        const added = entries(state.permissions).filter((p) => !have.some((h) => key(h) === key(p)));
        return { state: { ...state, permissions: [...have, ...added] } };
      },
    },
    auth0_role_permission: {
      source: "internal/auth0/role/resource_permission.go",
      id: { parts: ["role_id", "resource_server_identifier", "permission"] },
      references: { role_id: ROLE, resource_server_identifier: { ...API, onDelete: "delete" } },
      forceNew: ["role_id", "resource_server_identifier", "permission"],
      rules: [permissionsDefined],
      derived: {
        description: (_s, world, root) => scopeDescription(world, root.resource_server_identifier, root.permission) as Value,
        resource_server_name: (_s, world, root) => (apiNamed(world, root.resource_server_identifier)?.name ?? "") as Value,
      },
    },
  },
};
