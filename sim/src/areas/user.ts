// Users and their roles and permissions. Provider: internal/auth0/user/*.go (v1.55.0).
// The auth0_user data source (same area in the provider) is served by datasources.ts.
import { randomHex } from "../engine/ids";
import type { Area, Reference } from "../engine/spec";

const USER: Reference = { type: "auth0_user", onDelete: "delete" };

export const user: Area = {
  name: "user",
  types: {
    auth0_user: {
      // No ForceNew in resource.go: user_id (Optional+Computed) and connection_name change in place.
      source: "internal/auth0/user/resource.go",
      id: { make: (state) => (typeof state.user_id === "string" && state.user_id ? state.user_id : `auth0|${randomHex(24)}`) },
      references: { connection_name: { type: "auth0_connection", by: "name", builtIn: () => true } },
    },
    auth0_user_roles: {
      source: "internal/auth0/user/resource_roles.go",
      id: { parts: ["user_id"] },
      references: { user_id: USER, roles: { type: "auth0_role" } },
      forceNew: ["user_id"],
    },
    auth0_user_role: {
      source: "internal/auth0/user/resource_role.go",
      id: { parts: ["user_id", "role_id"] },
      references: { user_id: USER, role_id: { type: "auth0_role", onDelete: "delete" } },
      forceNew: ["user_id", "role_id"],
    },
    auth0_user_permissions: {
      source: "internal/auth0/user/resource_permissions.go",
      id: { parts: ["user_id"] },
      references: { user_id: USER },
      forceNew: ["user_id"],
    },
    auth0_user_permission: {
      source: "internal/auth0/user/resource_permission.go",
      id: { parts: ["user_id", "resource_server_identifier", "permission"] },
      references: { user_id: USER },
      forceNew: ["user_id", "resource_server_identifier", "permission"],
    },
  },
};
