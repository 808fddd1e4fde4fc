// Attributes Auth0 cannot change in place (ForceNew in the real provider): a change to
// one of them makes Terraform plan a replacement.
import type { AttributePath } from "./diagnostics";
import { COMPOSITE_ID } from "./ids";
import type { BlockSchema } from "./schema";
import { sameValue, type ObjectValue } from "./values";

/** Besides the parts of an association's id (always ForceNew: they are its identity). */
const OTHER_FORCE_NEW: Record<string, string[]> = {
  auth0_client_grant: ["client_id", "audience"],
  auth0_connection: ["name", "strategy"],
  auth0_resource_server: ["identifier"],
  auth0_role: ["type", "owner_id"],
  auth0_user: ["connection_name", "user_id"],
};

function forceNewAttributes(type: string): string[] {
  return [...(COMPOSITE_ID[type] ?? []), ...(OTHER_FORCE_NEW[type] ?? [])];
}

export function requiresReplace(type: string, block: BlockSchema, prior: ObjectValue, planned: ObjectValue): AttributePath[] {
  const attrs = block.attributes ?? {};
  return forceNewAttributes(type)
    .filter((name) => attrs[name] && !sameValue(prior[name], planned[name], attrs[name].type))
    .map((name) => ({ steps: [{ attribute_name: name }] }));
}
