import { TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { Client } from "../../.gen/providers/auth0/client";
import { Connection } from "../../.gen/providers/auth0/connection";
import { ConnectionClients } from "../../.gen/providers/auth0/connection-clients";
import { DataAuth0Connection } from "../../.gen/providers/auth0/data-auth0-connection";
import { Auth0Provider } from "../../.gen/providers/auth0/provider";
import { ResourceServer } from "../../.gen/providers/auth0/resource-server";
import { ResourceServerScopes } from "../../.gen/providers/auth0/resource-server-scopes";
import { Role } from "../../.gen/providers/auth0/role";
import { RolePermissions } from "../../.gen/providers/auth0/role-permissions";
import { Tenant as TenantSettings } from "../../.gen/providers/auth0/tenant";
import { connectionAdoption, type ConnectionData } from "../model/platform-file";
import { PLATFORM_STACK, Platform } from "../model/types";
import { PLATFORM_OUTPUTS } from "./platform-outputs";
import { addSelfServiceProfile } from "./platform-self-service";
import { StateBackend } from "./state-backend";

export interface PlatformStackProps {
  readonly platform: Platform;
  readonly backend: StateBackend;
}

/**
 * The shared Auth0 setup: tenant settings, the API with its scopes, the roles, the login
 * connections and the login application. Tenant stacks read the ids of these objects from
 * this stack's outputs (see `platform-outputs.ts`).
 */
export class PlatformStack extends TerraformStack {
  constructor(scope: Construct, props: PlatformStackProps) {
    super(scope, PLATFORM_STACK);
    const { platform } = props;
    props.backend.attach(this, PLATFORM_STACK);
    new Auth0Provider(this, "auth0");

    const settings = platform.tenantSettings;
    new TenantSettings(this, "tenant-settings", {
      friendlyName: settings.friendlyName,
      supportEmail: settings.supportEmail,
      supportUrl: settings.supportUrl,
      errorPage: { url: settings.errorPage.url, showLogLink: settings.errorPage.showLogLink },
      sessionLifetime: settings.sessionLifetimeHours,
      idleSessionLifetime: settings.idleSessionLifetimeHours,
      enabledLocales: settings.enabledLocales,
      // Lets applications pass `organization=<name>` instead of the org_ id.
      allowOrganizationNameInAuthenticationApi: true,
      flags: {
        // New clients (every agent) must not silently get every login connection.
        enableClientConnections: false,
        // Do not publish customers' identity-provider domains in the login configuration.
        noDiscloseEnterpriseConnections: true,
        disableClickjackProtectionHeaders: false,
      },
    });

    const api = new ResourceServer(this, "api", {
      identifier: platform.api.identifier,
      name: platform.api.name,
      signingAlg: "RS256",
      tokenLifetime: platform.api.tokenLifetimeSeconds,
      // RBAC on, and the granted permissions in the access token.
      enforcePolicies: true,
      tokenDialect: "access_token_authz",
      allowOfflineAccess: false,
      skipConsentForVerifiableFirstPartyClients: true,
    });
    // Exclusive: a scope removed from the platform file is removed from the API.
    const scopes = new ResourceServerScopes(this, "api-scopes", {
      resourceServerIdentifier: api.identifier,
      scopes: platform.api.scopes.map((s) => ({ name: s.value, description: s.description })),
    });

    const roleIds: Record<string, string> = {};
    for (const role of platform.roles) {
      const created = new Role(this, `role-${role.key}`, { name: role.name, description: role.description });
      new RolePermissions(this, `role-${role.key}-permissions`, {
        roleId: created.id,
        permissions: role.permissions.map((name) => ({ name, resourceServerIdentifier: api.identifier })),
        dependsOn: [scopes],
      });
      roleIds[role.key] = created.id;
    }

    const loginApp = platform.loginApplication;
    const login = new Client(this, "login-app", {
      name: loginApp.name,
      appType: loginApp.appType,
      callbacks: loginApp.callbacks,
      allowedLogoutUrls: loginApp.allowedLogoutUrls,
      webOrigins: loginApp.webOrigins,
      grantTypes: ["authorization_code", "refresh_token"],
      oidcConformant: true,
      organizationUsage: loginApp.organizationUsage,
      organizationRequireBehavior: loginApp.organizationRequireBehavior,
      jwtConfiguration: { alg: "RS256" },
    });

    if (loginApp.import) login.importFrom(loginApp.import.clientId);

    const connectionIds: Record<string, string> = {};
    for (const connection of platform.connections) {
      const id = `connection-${connection.name}`;
      const created = new Connection(this, id, {
        // Users of a deleted connection are deleted with it.
        lifecycle: { preventDestroy: true },
        name: connection.name,
        strategy: connection.strategy,
        options: this.connectionOptions(connection),
      });
      // Exclusive: only the login application may use platform connections.
      const clients = new ConnectionClients(this, `${id}-clients`, {
        connectionId: created.id,
        enabledClients: [login.clientId],
      });
      const existingId = this.existingConnectionId(id, connection);
      if (existingId !== undefined) {
        // An existing connection already has enabled clients (a new tenant's Default App), and
        // the provider refuses to create auth0_connection_clients over them ("Connection with
        // non empty enabled clients ... Import the resource instead"): both are imported by the
        // connection id, and the next apply leaves exactly the login application enabled.
        created.importFrom(existingId);
        clients.importFrom(existingId);
      }
      connectionIds[connection.name] = created.id;
    }

    addSelfServiceProfile(this, platform);

    new TerraformOutput(this, PLATFORM_OUTPUTS.roleIds, { value: roleIds, description: "Role id by role key." });
    new TerraformOutput(this, PLATFORM_OUTPUTS.connectionIds, { value: connectionIds, description: "Connection id by connection name." });
    new TerraformOutput(this, PLATFORM_OUTPUTS.apiIdentifier, { value: api.identifier, description: "Audience of the API." });
    new TerraformOutput(this, PLATFORM_OUTPUTS.loginClientId, { value: login.clientId, description: "Client id of the login application." });
  }

  /**
   * The id of the existing connection to adopt, if any. "by-name" reads it with the
   * `auth0_connection` data source: Terraform (1.6+) evaluates an import id at plan time, and a
   * data source whose arguments are known is read at plan time.
   */
  private existingConnectionId(id: string, connection: ConnectionData): string | undefined {
    const adoption = connectionAdoption(connection);
    // Stryker disable next-line ConditionalExpression,BooleanLiteral: without this test `false.connectionId` below is undefined too; it says what false means.
    if (adoption === false) return undefined;
    if (adoption !== "by-name") return adoption.connectionId;
    // Only the id is needed: skip the paginated read of its enabled clients.
    return new DataAuth0Connection(this, `${id}-existing`, { name: connection.name, skipEnabledClients: true }).id;
  }

  private connectionOptions(connection: ConnectionData) {
    switch (connection.strategy) {
      case "auth0":
        return {
          passwordPolicy: connection.passwordPolicy,
          bruteForceProtection: connection.bruteForceProtection,
          disableSignup: connection.disableSignup,
        };
      case "google-oauth2":
        return connection.clientId === undefined
          ? { scopes: ["email", "profile"] }
          : { clientId: connection.clientId, clientSecret: this.secretVariable(`${connection.name}_client_secret`), scopes: ["email", "profile"] };
    }
  }

  /** A secret never lives in a file: Terraform reads it from TF_VAR_<name> at plan time. */
  private secretVariable(name: string): string {
    const id = name.toLowerCase().replace(/[^a-z0-9_]/g, "_");
    return new TerraformVariable(this, id, { type: "string", sensitive: true, nullable: false, description: `Set TF_VAR_${id} in the environment.` })
      .stringValue;
  }
}
