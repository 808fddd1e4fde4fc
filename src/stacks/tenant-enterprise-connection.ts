import { TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { Connection, ConnectionOptions } from "../../.gen/providers/auth0/connection";
import { ConnectionClient } from "../../.gen/providers/auth0/connection-client";
import type { EnterpriseConnectionData } from "../model/enterprise";
import { ssoClientSecretVariable } from "../model/secret-variables";
import type { Tenant } from "../model/types";
import { PlatformOutputs } from "./platform-outputs";
import type { LinkSpec } from "./tenant-connection-links";

/**
 * The customer's own identity provider as an Auth0 connection in the tenant's stack,
 * enabled for the platform's login application with the appending
 * `auth0_connection_client` (the exclusive `auth0_connection_clients` would take every
 * other client off it). Returns the link to add to the organization.
 */
export function addEnterpriseConnection(scope: Construct, tenant: Tenant, platformOutputs: PlatformOutputs): LinkSpec | undefined {
  const sso = tenant.enterpriseConnection;
  if (!sso) return undefined;
  const connection = new Connection(scope, "enterprise-connection", {
    // Users of a deleted connection are deleted with it.
    lifecycle: { preventDestroy: true },
    name: sso.name,
    displayName: sso.displayName ?? sso.name,
    strategy: sso.strategy,
    // The organization's login prompt shows it through the link's show_as_button.
    showAsButton: sso.showAsButton,
    options: connectionOptions(scope, tenant.name, sso),
  });
  new ConnectionClient(scope, "enterprise-connection-login-app", {
    connectionId: connection.id,
    clientId: platformOutputs.loginClientId(),
  });
  return {
    name: sso.name,
    connectionId: connection.id,
    assignMembershipOnLogin: sso.assignMembershipOnLogin,
    showAsButton: sso.showAsButton,
    // Sign-up is for database connections only (an Auth0 rule).
    signupEnabled: false,
  };
}

function connectionOptions(scope: Construct, tenantName: string, sso: EnterpriseConnectionData): ConnectionOptions {
  switch (sso.strategy) {
    case "samlp":
      return sso.metadataUrl !== undefined
        ? { metadataUrl: sso.metadataUrl }
        : { signInEndpoint: sso.signInUrl, signingCert: sso.signingCert, signOutEndpoint: sso.signOutUrl, signatureAlgorithm: "rsa-sha256", digestAlgorithm: "sha256" };
    case "oidc":
      return { type: "back_channel", discoveryUrl: sso.discoveryUrl, clientId: sso.clientId, clientSecret: clientSecret(scope, tenantName), scopes: ["openid", "profile", "email"] };
    case "okta":
      // The provider docs: an Okta Workforce connection needs its scopes set explicitly.
      return { domain: sso.domain, clientId: sso.clientId, clientSecret: clientSecret(scope, tenantName), scopes: ["openid", "profile", "email"] };
    case "waad":
      return {
        tenantDomain: sso.domain,
        domain: sso.domain,
        clientId: sso.clientId,
        clientSecret: clientSecret(scope, tenantName),
        identityApi: "microsoft-identity-platform-v2.0",
        waadProtocol: "openid-connect",
        useWsfed: false,
        userIdAttribute: "oid",
      };
  }
}

/** The identity provider's client secret never lives in a file: CI sets TF_VAR_sso_client_secret_<tenant>. */
function clientSecret(scope: Construct, tenantName: string): string {
  const name = ssoClientSecretVariable(tenantName);
  return new TerraformVariable(scope, name, {
    type: "string",
    sensitive: true,
    nullable: false,
    description: `Client secret of the tenant's identity provider. Set TF_VAR_${name} in the environment (CI: a secret of that name).`,
  }).stringValue;
}
