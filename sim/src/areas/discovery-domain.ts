// Home realm discovery: an organization's discovery domains and the DNS TXT record that
// proves each one. Provider: internal/auth0/organization/resource_discovery_domain.go (v1.55.0).
import { callApi } from "../engine/api";
import { randomHex, randomString } from "../engine/ids";
import type { Area, TypeSpec } from "../engine/spec";
import type { ObjectValue } from "../values";

/**
 * POST /api/v2/organizations/{id}/discovery-domains answers with Auth0's id ("ord_" and 22
 * alphanumerics), the TXT record's host `_ss-verification.<organization id>.<domain>` and
 * its value, 32 hex digits (TestAccOrganizationDiscoveryDomain.yaml). The provider stores
 * "<organization id>::<domain id>" (SetResourceGroupID; import id of the same shape).
 * `domain` and `organization_id` are ForceNew; `status` is Required and updated in place
 * with PATCH (the recording sets "verified" that way); `use_for_organization_discovery` is
 * Optional+Computed. Not modelled, for lack of evidence: whether Auth0 refuses a domain
 * another organization already holds (the project's validation refuses it fleet-wide).
 */
const discoveryDomain: TypeSpec = {
  source: "internal/auth0/organization/resource_discovery_domain.go; TestAccOrganizationDiscoveryDomain.yaml",
  id: { make: (state: ObjectValue) => `${String(state.organization_id)}::ord_${randomString(22)}` },
  references: { organization_id: { type: "auth0_organization", onDelete: "delete" } },
  forceNew: ["organization_id", "domain"],
  // The API's default (docs, "Update an organization discovery domain": default true); our stacks always set it.
  serverDefaults: { use_for_organization_discovery: true, verification_txt: () => randomHex(32) },
  derived: { verification_host: (_slot, _world, root) => `_ss-verification.${String(root.organization_id)}.${String(root.domain)}` },
  create: ({ state }) => {
    callApi("POST", `/api/v2/organizations/${String(state.organization_id)}/discovery-domains`, "auth0_organization_discovery_domain");
    return { state };
  },
};

export const discovery: Area = { name: "discovery-domain", types: { auth0_organization_discovery_domain: discoveryDomain } };
