import { z } from "zod";
import * as limits from "./auth0-limits";
import { ConnectionLinks, ConnectionLinksSwitchedFrom, DiscoveryDomain, EnterpriseConnection } from "./enterprise";
import { isPublicKeyPem } from "./public-key";
import { rule } from "./rule";

/**
 * The tenant file, `tenants/<name>.json`: one customer organization. This schema is the
 * single source of truth for its shape; `schemas/tenant.schema.json` is generated from it
 * (`npm run schemas`) for editors. Rules that need the platform file or other tenants
 * (role and connection references, duplicates) are in `src/validate/tenant-rules.ts`.
 */

const httpsUrl = z
  .url(rule("must be an absolute URL", 'Write a full URL such as "https://cdn.example.com/logo.png".'))
  .regex(/^https:\/\//, rule("must use https", 'Serve the file over https and write the URL with "https://".'));

const hexColor = z
  .string()
  .regex(limits.HEX_COLOR, rule("must be a hex colour", 'Write it as "#RRGGBB", e.g. "#0059d6".'));

/** `what` with its article: "a role key", "an agent name". */
const key = (what: string, example: string) =>
  z
    .string()
    .max(limits.KEY_MAX, rule(`${what} is at most ${limits.KEY_MAX} characters`, "Shorten it."))
    .regex(limits.KEY, rule(`${what} must be lowercase letters, digits, '-' or '_', starting with a letter`, `For example "${example}".`));

export const RoleKey = key("a role key", "admin");

const ConnectionLink = z
  .strictObject({
    name: z.string().meta({ description: "Name of a connection defined in the platform file, e.g. Username-Password-Authentication." }),
    assignMembershipOnLogin: z
      .boolean()
      .default(false)
      .meta({ description: "Users who log in with this connection become members automatically. Default false." }),
    showAsButton: z
      .boolean()
      .default(true)
      .meta({ description: "Show this connection as a button on the organization's login prompt. Default true." }),
    signupEnabled: z
      .boolean()
      .default(false)
      .meta({ description: "Allow sign-up into the organization (database connections only; needs assignMembershipOnLogin). Default false." }),
  })
  .meta({ description: "A platform connection this organization may log in with." });

const Member = z
  .strictObject({
    userId: z
      .string()
      .min(1)
      .regex(/^[^|\s]+\|[^\s]+$/, rule('an Auth0 user id is "<provider>|<id>"', 'Copy it from the Auth0 dashboard, e.g. "auth0|64f1c0ffee".'))
      .optional()
      .meta({ description: 'Auth0 user id, e.g. "auth0|64f1c0ffee". Give this or email.' }),
    email: z
      .email(rule("must be an email address", 'Write the address the user logs in with, e.g. "jane@example.com".'))
      .optional()
      .meta({ description: "Email of an existing Auth0 user, looked up at plan time. Give this or userId." }),
    connection: z
      .string()
      .min(1)
      .optional()
      .meta({
        description:
          'With email: the connection the user logs in with (one this tenant links, e.g. "google-oauth2"), so the lookup finds exactly one user when the same email exists in several connections. Required when the tenant links more than one connection; defaults to the only one otherwise.',
      }),
    roles: z
      .array(RoleKey)
      .max(limits.ROLES_PER_MEMBER_MAX, rule(`Auth0 allows at most ${limits.ROLES_PER_MEMBER_MAX} roles per organization member`, "Remove roles."))
      .default([])
      .meta({ description: "Keys of roles defined in the platform file. Default none." }),
  })
  .meta({ description: "An existing Auth0 user who belongs to this organization." });

const PublicKey = z.strictObject({
  name: z.string().min(1).max(128).meta({ description: "Friendly name of the credential." }),
  pem: z
    .string()
    .regex(/^-----BEGIN (PUBLIC KEY|CERTIFICATE)-----/, rule("must be a PEM public key or certificate", 'Paste the public half only, starting with "-----BEGIN PUBLIC KEY-----".'))
    .refine(isPublicKeyPem, rule("is not a readable PEM public key or certificate", "Paste the whole PEM block unchanged, with its line breaks written as \\n in JSON."))
    .meta({ description: "PEM public key or X.509 certificate; the agent keeps the private key." }),
  expiresAt: z.iso
    .datetime({ offset: true, ...rule("must be an ISO 8601 date and time", 'For example "2027-06-30T00:00:00Z".') })
    .refine((at) => Date.parse(at) > Date.now(), rule("this key has expired", "Remove the key from the file; add its successor first if the agent still uses it."))
    .optional()
    .meta({ description: "When Auth0 stops accepting this key (ISO 8601). Add the next key before then: two keys may be live at once." }),
});

const Agent = z
  .strictObject({
    name: key("an agent name", "billing-sync").meta({ description: "Stable key of the agent, unique in this file." }),
    description: z.string().max(140).optional().meta({ description: "What the agent does, shown in the Auth0 dashboard." }),
    scopes: z
      .array(z.string())
      .min(1, rule("an agent needs at least one scope", 'List the API scopes it may use, e.g. ["read:data"].'))
      .meta({ description: "API scopes granted to the agent (client-credentials flow)." }),
    authentication: z
      .discriminatedUnion("method", [
        z.strictObject({
          method: z.literal("client_secret"),
          secretVersion: z
            .int()
            .min(1, rule("the secret version starts at 1", "Write 1 for the first secret you set, and add 1 each time you rotate it."))
            .optional()
            .meta({
              description:
                "Set the secret from TF_VAR_agent_client_secret_<tenant>_<agent> (write-only: in neither plan nor state). Bump it to rotate. Without it, Auth0 generates the secret.",
            }),
        }),
        z.strictObject({
          method: z.literal("private_key_jwt"),
          publicKeys: z
            .array(PublicKey)
            .min(1, rule("a private_key_jwt agent needs a public key", "List the public half of the agent's key pair."))
            .max(2, rule("Auth0 accepts at most two keys per agent", "Keep the key agents sign with now and its successor; remove the older one once agents use the new key."))
            .meta({ description: "One key, or two while rotating: add the new key, switch the agent to it, then remove the old one." }),
        }),
      ])
      .default({ method: "client_secret" })
      .meta({
        description:
          'How the agent authenticates. "client_secret" (default): Auth0 generates a secret that never enters Terraform state. "private_key_jwt": the agent signs with its own key; only public keys are listed here.',
      }),
  })
  .meta({ description: "A machine-to-machine client of this organization." });

const TokenQuota = z.strictObject({
  clientCredentials: z.strictObject({
    perDay: z.int().positive().optional().meta({ description: "Maximum tokens issued per day." }),
    perHour: z.int().positive().optional().meta({ description: "Maximum tokens issued per hour." }),
    enforce: z.boolean().default(true).meta({ description: "Reject requests over the quota (true) or only log them (false). Default true." }),
  }),
});

export const TenantFile = z
  .strictObject({
    $schema: z.string().optional(),
    status: z
      .enum(["active", "decommissioned"])
      .default("active")
      .meta({
        description:
          'Offboarding, step 1: "decommissioned" removes every resource of this tenant on the next deploy (the organization loses its deletion guard). Step 2, in a later change: delete the file. Default "active".',
      }),
    import: z
      .strictObject({
        organizationId: z
          .string()
          .regex(/^org_[A-Za-z0-9]+$/, rule('an organization id looks like "org_" followed by letters and digits', "Copy it from the Auth0 dashboard (Organizations → the organization → Settings)."))
          .meta({ description: "Id of the existing Auth0 organization this file adopts." }),
      })
      .optional()
      .meta({ description: "Adopt an organization that already exists in Auth0 instead of creating a duplicate (Terraform import)." }),
    name: z
      .string()
      .max(limits.ORGANIZATION_NAME_MAX, rule(`an organization name is at most ${limits.ORGANIZATION_NAME_MAX} characters`, "Shorten it; it must equal the file name."))
      .regex(
        limits.ORGANIZATION_NAME,
        rule(
          "an organization name must be lowercase letters, digits, '-' or '_', start with a letter or digit, and not start with \"org_\"",
          'Write it like "acme-corp"; it must equal the file name.',
        ),
      )
      .meta({ description: "Auth0 organization name; must equal the file name without .json." }),
    displayName: z
      .string()
      .min(1, rule("the display name is empty", "Write the customer's name as users should see it."))
      .max(limits.DISPLAY_NAME_MAX, rule(`a display name is at most ${limits.DISPLAY_NAME_MAX} characters`, "Shorten it."))
      .meta({ description: "Name shown to users on the login page and in emails." }),
    branding: z
      .strictObject({
        logoUrl: httpsUrl.optional().meta({ description: "https URL of the logo shown on the login page." }),
        colors: z
          .strictObject({
            primary: hexColor.meta({ description: "Primary colour, #RRGGBB." }),
            pageBackground: hexColor.optional().meta({ description: "Login page background colour, #RRGGBB." }),
          })
          .optional(),
      })
      .optional(),
    metadata: z
      .record(
        z.string().min(1).max(limits.METADATA_KEY_MAX, rule(`a metadata key is at most ${limits.METADATA_KEY_MAX} characters`, "Shorten the key.")),
        z.string().max(limits.METADATA_VALUE_MAX, rule(`Auth0 limits metadata values to ${limits.METADATA_VALUE_MAX} characters`, "Shorten the value or keep it outside Auth0.")),
      )
      .refine(
        (m) => Object.keys(m).length <= limits.METADATA_MAX_KEYS,
        rule(`Auth0 allows at most ${limits.METADATA_MAX_KEYS} metadata keys per organization`, "Remove keys or combine them."),
      )
      .default({})
      .meta({ description: `String-to-string metadata, at most ${limits.METADATA_MAX_KEYS} keys.` }),
    tokenQuota: TokenQuota.optional().meta({ description: "Client-credentials token quota of the organization." }),
    connections: z
      .array(ConnectionLink)
      .min(1, rule("an organization needs at least one connection", 'Link a platform connection, e.g. { "name": "Username-Password-Authentication" }.'))
      .max(
        limits.CONNECTIONS_PER_ORGANIZATION_MAX,
        rule(`Auth0 allows at most ${limits.CONNECTIONS_PER_ORGANIZATION_MAX} connections per organization`, "Remove connections."),
      ),
    enterpriseConnection: EnterpriseConnection.optional(),
    discoveryDomains: z.array(DiscoveryDomain).default([]),
    connectionLinks: ConnectionLinks,
    connectionLinksSwitchedFrom: ConnectionLinksSwitchedFrom,
    members: z.array(Member).default([]),
    agents: z
      .array(Agent)
      .max(
        limits.CLIENT_GRANTS_PER_ORGANIZATION_MAX,
        rule(`Auth0 allows at most ${limits.CLIENT_GRANTS_PER_ORGANIZATION_MAX} machine-to-machine grants per organization`, "Remove agents."),
      )
      .default([]),
  })
  .meta({ title: "Tenant", description: "One customer tenant: an Auth0 organization with its connections, members and agents." });

export type TenantFileData = z.output<typeof TenantFile>;
