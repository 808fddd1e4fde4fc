// Attributes Auth0 cannot change in place (ForceNew in the real provider): a change to
// one of them makes Terraform plan a replacement.
import type { AttributePath } from './diagnostics';
import type { BlockSchema } from './schema';
import { sameValue, type ObjectValue } from './values';

const FORCE_NEW: Record<string, string[]> = {
  auth0_organization_member: ['organization_id', 'user_id'],
  auth0_organization_member_roles: ['organization_id', 'user_id'],
  auth0_organization_member_role: ['organization_id', 'user_id', 'role_id'],
  auth0_organization_members: ['organization_id'],
  auth0_organization_connections: ['organization_id'],
  auth0_organization_connection: ['organization_id', 'connection_id'],
  auth0_organization_client_grant: ['organization_id', 'grant_id'],
  auth0_organization_client: ['organization_id', 'client_id'],
  auth0_organization_clients: ['organization_id'],
  auth0_client_grant: ['client_id', 'audience'],
  auth0_client_credentials: ['client_id'],
  auth0_connection: ['strategy'],
  auth0_connection_clients: ['connection_id'],
  auth0_connection_client: ['connection_id', 'client_id'],
  auth0_resource_server: ['identifier'],
  auth0_resource_server_scopes: ['resource_server_identifier'],
  auth0_resource_server_scope: ['resource_server_identifier', 'scope'],
  auth0_role: ['type', 'owner_id'],
  auth0_role_permissions: ['role_id'],
  auth0_role_permission: ['role_id', 'resource_server_identifier', 'permission'],
  auth0_user: ['connection_name', 'user_id'],
  auth0_user_roles: ['user_id'],
  auth0_user_role: ['user_id', 'role_id'],
  auth0_user_permissions: ['user_id'],
  auth0_user_permission: ['user_id', 'resource_server_identifier', 'permission'],
};

export function forceNewAttributes(type: string): string[] {
  return FORCE_NEW[type] ?? [];
}

export function requiresReplace(type: string, block: BlockSchema, prior: ObjectValue, planned: ObjectValue): AttributePath[] {
  const attrs = block.attributes ?? {};
  return forceNewAttributes(type)
    .filter((name) => attrs[name] && !sameValue(prior[name], planned[name], attrs[name].type))
    .map((name) => ({ steps: [{ attribute_name: name }] }));
}
