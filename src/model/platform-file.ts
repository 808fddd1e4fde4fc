import { z } from "zod";
import * as limits from "./auth0-limits";
import { rule } from "./rule";
import { RoleKey } from "./tenant-file";

/**
 * The platform file, `platform.json`: the shared Auth0 objects every tenant refers to.
 * `schemas/platform.schema.json` is generated from this schema.
 */

const httpsUrl = z
  .url(rule("must be an absolute URL", 'Write a full URL such as "https://app.example.com/callback".'))
  .regex(/^https:\/\//, rule("must use https", 'Use an "https://" URL.'));

const Scope = z.strictObject({
  value: z.string().regex(limits.SCOPE, rule("a scope is letters, digits and . _ : -", 'For example "read:data".')),
  description: z.string().min(1).max(500).meta({ description: "Shown on consent screens and in the dashboard." }),
});

const Role = z.strictObject({
  key: RoleKey.meta({ description: "Stable key tenant files use to refer to this role." }),
  name: z.string().min(1).max(50).meta({ description: "Role name in Auth0 (unique in the Auth0 tenant)." }),
  description: z.string().max(255).default("").meta({ description: "Shown in the dashboard." }),
  permissions: z.array(z.string()).min(1).meta({ description: "API scopes this role grants." }),
});

const connectionName = z
  .string()
  .max(limits.CONNECTION_NAME_MAX)
  .regex(limits.CONNECTION_NAME, rule("a connection name is letters, digits and single dashes", 'For example "Username-Password-Authentication".'));

/** The database connection every Auth0 tenant is created with. */
export const DEFAULT_DATABASE_CONNECTION = "Username-Password-Authentication";

const ConnectionImport = z
  .union(
    [
      z.literal(false),
      z.literal("by-name"),
      z.strictObject({
        connectionId: z
          .string()
          .regex(/^con_[A-Za-z0-9]+$/, rule('a connection id looks like "con_" followed by letters and digits', "Copy it from the Auth0 dashboard (Authentication → the connection → Identifier).")),
      }),
    ],
    rule('"import" is "by-name", false, or { "connectionId": "con_…" }', 'Write "by-name" to adopt the connection of this name, false to create it, or { "connectionId": "con_a17f21fdb24d48a0" } to adopt that one.'),
  )
  .optional()
  .meta({
    description: `Adopt a connection that already exists in Auth0 instead of creating it (Terraform import, with its enabled clients): "by-name" looks it up by this name at plan time, { "connectionId": "con_…" } names it, false creates it. Default: "by-name" for ${DEFAULT_DATABASE_CONNECTION} (every Auth0 tenant has it), false otherwise.`,
  });

const DatabaseConnection = z.strictObject({
  name: connectionName,
  import: ConnectionImport,
  strategy: z.literal("auth0"),
  passwordPolicy: z.enum(["none", "low", "fair", "good", "excellent"]).default("good"),
  bruteForceProtection: z.boolean().default(true),
  disableSignup: z.boolean().default(true).meta({ description: "Public sign-up off (organizations may still allow it per link). Default true." }),
});

const GoogleConnection = z.strictObject({
  name: connectionName,
  import: ConnectionImport,
  strategy: z.literal("google-oauth2"),
  clientId: z
    .string()
    .min(1)
    .optional()
    .meta({
      description:
        "Google OAuth client id. Its secret comes from the TF_VAR_google_oauth2_client_secret environment variable. Without a client id, Auth0's development keys are used (not for production).",
    }),
});

const Connection = z.discriminatedUnion("strategy", [DatabaseConnection, GoogleConnection]);

const SelfServiceProfile = z
  .strictObject({
    name: z.string().min(1).max(255).meta({ description: "Name of the profile, shown to the customer's administrator." }),
    description: z.string().max(255).optional(),
    allowedStrategies: z
      .array(z.enum(["samlp", "oidc", "okta", "waad", "adfs", "google-apps", "pingfederate", "keycloak-samlp", "okta-samlp", "auth0-samlp"]))
      .min(1)
      .default(["samlp", "oidc", "okta", "waad"])
      .meta({ description: "Identity providers the customer may choose from in the self-service SSO wizard." }),
    userAttributes: z
      .array(
        z.strictObject({
          name: z.string().min(1).meta({ description: "Attribute name on the Auth0 side, e.g. email." }),
          description: z.string().min(1),
          optional: z.boolean().default(false),
        }),
      )
      .max(20)
      .default([])
      .meta({ description: "Attributes the customer's identity provider must map (at most 20)." }),
  })
  .meta({
    description:
      "Self-service SSO profile: customers' administrators set up their own SSO connection with Auth0's wizard. Tenants whose organization gets such links use \"connectionLinks\": \"additive\".",
  });

export const PlatformFile = z
  .strictObject({
    $schema: z.string().optional(),
    tenantSettings: z.strictObject({
      friendlyName: z.string().min(1).max(255),
      supportEmail: z.email(rule("must be an email address", 'For example "support@example.com".')),
      supportUrl: httpsUrl,
      errorPage: z.strictObject({ url: httpsUrl, showLogLink: z.boolean().default(false) }),
      sessionLifetimeHours: z.number().positive().max(8760).default(168),
      idleSessionLifetimeHours: z.number().positive().max(8760).default(72),
      enabledLocales: z.array(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/)).min(1).default(["en"]),
    }),
    api: z.strictObject({
      identifier: z.url(rule("an API identifier is a URI", 'For example "https://api.example.com".')),
      name: z.string().min(1).max(200),
      tokenLifetimeSeconds: z.int().min(60).max(2592000).default(86400),
      scopes: z.array(Scope).min(1),
    }),
    roles: z.array(Role).min(1),
    connections: z.array(Connection).min(1),
    loginApplication: z.strictObject({
      import: z
        .strictObject({
          clientId: z
            .string()
            .regex(/^[A-Za-z0-9]{32}$/, rule("an Auth0 client id is 32 letters and digits", "Copy it from the Auth0 dashboard (Applications → the application → Client ID).")),
        })
        .optional()
        .meta({ description: "Adopt an application that already exists in Auth0 instead of creating one (Terraform import by client id)." }),
      name: z.string().min(1).max(200),
      appType: z.enum(["regular_web", "spa", "native"]).default("regular_web"),
      callbacks: z.array(httpsUrl).min(1),
      allowedLogoutUrls: z.array(httpsUrl).default([]),
      webOrigins: z.array(httpsUrl).default([]),
      organizationUsage: z.enum(["allow", "require"]).default("require"),
      organizationRequireBehavior: z.enum(["no_prompt", "pre_login_prompt", "post_login_prompt"]).default("post_login_prompt"),
    }),
    selfServiceProfile: SelfServiceProfile.optional(),
  })
  .meta({ title: "Platform", description: "Shared Auth0 setup: tenant settings, the API, roles, connections and the login application." });

export type PlatformFileData = z.output<typeof PlatformFile>;
export type ConnectionData = z.output<typeof Connection>;

/** How a platform connection comes under management: created, or adopted by name or by id. */
export type ConnectionAdoption = false | "by-name" | { readonly connectionId: string };

export function connectionAdoption(connection: ConnectionData): ConnectionAdoption {
  return connection.import ?? (connection.name === DEFAULT_DATABASE_CONNECTION ? "by-name" : false);
}
