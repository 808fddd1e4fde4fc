import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { SelfServiceProfile } from "../../.gen/providers/auth0/self-service-profile";
import type { Platform } from "../model/types";

/**
 * The platform's self-service SSO profile, if it defines one: the wizard through which a
 * customer's administrator connects their own identity provider. The connections and
 * organization links the wizard creates live outside Terraform; a tenant that uses it keeps
 * them with `"connectionLinks": "additive"`. The profile id is an output, for the app that
 * creates the wizard's tickets (`POST /api/v2/self-service-profiles/{id}/sso-ticket`).
 */
export function addSelfServiceProfile(scope: Construct, platform: Platform): void {
  const profile = platform.selfServiceProfile;
  if (!profile) return;
  const created = new SelfServiceProfile(scope, "self-service-profile", {
    name: profile.name,
    description: profile.description,
    allowedStrategies: [...profile.allowedStrategies].sort(),
    userAttributes: profile.userAttributes.map((a) => ({ name: a.name, description: a.description, isOptional: a.optional })),
  });
  new TerraformOutput(scope, "self_service_profile_id", { value: created.id, description: "Id of the self-service SSO profile." });
}
