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

const DatabaseConnection = z.strictObject({
  name: connectionName,
  strategy: z.literal("auth0"),
  passwordPolicy: z.enum(["none", "low", "fair", "good", "excellent"]).default("good"),
  bruteForceProtection: z.boolean().default(true),
  disableSignup: z.boolean().default(true).meta({ description: "Public sign-up off (organizations may still allow it per link). Default true." }),
});

const GoogleConnection = z.strictObject({
  name: connectionName,
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
