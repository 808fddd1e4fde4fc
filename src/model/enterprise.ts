import { z } from "zod";
import * as limits from "./auth0-limits";
import { isCertificatePem } from "./public-key";
import { rule } from "./rule";

/**
 * The parts of a tenant file for enterprise customers: their own identity provider
 * (`enterpriseConnection`), the email domains that route their users to it
 * (`discoveryDomains`), and how the organization's connection links coexist with links
 * made outside Terraform (`connectionLinks`). Secrets are never part of these shapes: an
 * identity provider's client secret reaches Terraform as a sensitive variable (README,
 * "Enterprise customers").
 */

const httpsUrl = (example: string) =>
  z
    .url(rule("must be an absolute URL", `Write a full URL such as "${example}".`))
    .regex(/^https:\/\//, rule("must use https", 'Ask the customer for the "https://" address.'));

/** A DNS name with at least two labels, lowercase (Auth0's discovery domain pattern, plus a dot). */
export const DOMAIN = /^(?=.{3,255}$)([a-z0-9]|[a-z0-9][a-z0-9-]{0,61}[a-z0-9])(\.([a-z0-9]|[a-z0-9][a-z0-9-]{0,61}[a-z0-9]))+$/;

const domain = (what: string, example: string) =>
  z.string().regex(DOMAIN, rule(`${what} must be a lowercase DNS name such as "${example}"`, "Write the bare domain, without https:// or a path, in lowercase."));

const clientId = z
  .string()
  .min(1, rule("the client id is empty", "Ask the customer for the client id of the application they registered for you."))
  .max(255)
  .meta({ description: "Client id of the application the customer registered in their identity provider. Its secret is never written here." });

const connectionCommon = {
  name: z
    .string()
    .max(limits.CONNECTION_NAME_MAX, rule(`a connection name is at most ${limits.CONNECTION_NAME_MAX} characters`, "Shorten it."))
    .regex(limits.CONNECTION_NAME, rule("a connection name is letters, digits and single dashes", 'For example "acme-saml".'))
    .meta({ description: "Auth0 connection name, unique across the fleet and different from every platform connection, e.g. acme-saml." }),
  displayName: z.string().min(1).max(128).optional().meta({ description: "Text of the login button, e.g. \"Acme SSO\". Default: the connection name." }),
  assignMembershipOnLogin: z
    .boolean()
    .default(true)
    .meta({ description: "Users who log in through the customer's identity provider become members automatically. Default true." }),
  showAsButton: z.boolean().default(true).meta({ description: "Show the connection as a button on the organization's login prompt. Default true." }),
};

const Saml = z
  .strictObject({
    ...connectionCommon,
    strategy: z.literal("samlp"),
    metadataUrl: httpsUrl("https://idp.acme.example/saml/metadata.xml")
      .optional()
      .meta({ description: "URL of the identity provider's SAML metadata. Give this, or signInUrl with signingCert." }),
    signInUrl: httpsUrl("https://idp.acme.example/saml/sso").optional().meta({ description: "The identity provider's single sign-on URL." }),
    signOutUrl: httpsUrl("https://idp.acme.example/saml/slo").optional().meta({ description: "The identity provider's single logout URL (optional)." }),
    signingCert: z
      .string()
      .regex(/^-----BEGIN CERTIFICATE-----/, rule("must be a PEM certificate", 'Paste the X.509 signing certificate, starting with "-----BEGIN CERTIFICATE-----".'))
      .refine(isCertificatePem, rule("is not a readable X.509 certificate", "Paste the whole PEM block the customer sent, with its line breaks written as \\n in JSON."))
      .optional()
      .meta({ description: "The identity provider's X.509 signing certificate, PEM (public; the customer sends it with the sign-in URL)." }),
  })
  .meta({ description: "A SAML identity provider." });

const Oidc = z
  .strictObject({
    ...connectionCommon,
    strategy: z.literal("oidc"),
    discoveryUrl: httpsUrl("https://idp.acme.example/.well-known/openid-configuration").meta({
      description: "The identity provider's OpenID discovery document URL.",
    }),
    clientId,
  })
  .meta({ description: "An OpenID Connect identity provider (back channel: the client secret comes from TF_VAR_sso_client_secret_<tenant>)." });

const Okta = z
  .strictObject({
    ...connectionCommon,
    strategy: z.literal("okta"),
    domain: domain("an Okta domain", "acme.okta.com").meta({ description: "The customer's Okta domain, e.g. acme.okta.com." }),
    clientId,
  })
  .meta({ description: "Okta Workforce (the client secret comes from TF_VAR_sso_client_secret_<tenant>)." });

const EntraId = z
  .strictObject({
    ...connectionCommon,
    strategy: z.literal("waad"),
    domain: domain("a Microsoft Entra ID domain", "acme.onmicrosoft.com").meta({ description: "The customer's Entra ID tenant domain, e.g. acme.onmicrosoft.com." }),
    clientId,
  })
  .meta({ description: "Microsoft Entra ID, formerly Azure AD (the client secret comes from TF_VAR_sso_client_secret_<tenant>)." });

export const EnterpriseConnection = z
  .discriminatedUnion("strategy", [Saml, Oidc, Okta, EntraId])
  .meta({ description: "The customer's own identity provider: a connection created in this tenant's stack, linked to its organization only." });

export const DiscoveryDomain = z
  .strictObject({
    domain: domain("a discovery domain", "acme.example").meta({ description: "An email domain of the customer's users, e.g. acme.example." }),
    status: z
      .enum(["pending", "verified"])
      .default("pending")
      .meta({
        description:
          'Set "verified" once the customer has published the TXT record (stack outputs discovery_domain_verification); only verified domains route users. Default "pending".',
      }),
  })
  .meta({ description: "Home realm discovery: users with an email at this domain are sent to this organization." });

export const CONNECTION_LINK_MODES = ["exclusive", "additive"] as const;
export type ConnectionLinkMode = (typeof CONNECTION_LINK_MODES)[number];

export const ConnectionLinks = z
  .enum(CONNECTION_LINK_MODES)
  .default("exclusive")
  .meta({
    description:
      '"exclusive" (default): the listed links are the only ones; a link made elsewhere is removed on the next apply. "additive": each listed link is managed on its own and links made elsewhere (self-service SSO) are left alone.',
  });

export const ConnectionLinksSwitchedFrom = z
  .enum(CONNECTION_LINK_MODES)
  .optional()
  .meta({
    description:
      "Only in the change that switches an existing organization between the two modes: the mode it had. The stack then adopts the links into the new resources (Terraform import and removed blocks) without unlinking any. Remove it after that deploy.",
  });

export type EnterpriseConnectionData = z.output<typeof EnterpriseConnection>;
export type DiscoveryDomainData = z.output<typeof DiscoveryDomain>;

/**
 * SAML needs either the metadata URL or the sign-in URL and certificate: Auth0 refuses a
 * connection with neither. Checked in `src/validate/enterprise-rules.ts` on the file as
 * written (a schema refinement would report the defaults as received).
 */
export function samlSourceProblem(connection: Partial<Record<"metadataUrl" | "signInUrl" | "signingCert", unknown>>): string | undefined {
  const metadata = connection.metadataUrl !== undefined;
  const manual = connection.signInUrl !== undefined || connection.signingCert !== undefined;
  if (metadata && manual) return 'give either "metadataUrl" or "signInUrl" with "signingCert", not both';
  if (!metadata && (connection.signInUrl === undefined || connection.signingCert === undefined)) {
    return 'a SAML connection needs "metadataUrl", or both "signInUrl" and "signingCert"';
  }
  return undefined;
}

/** Strategies whose connection needs a client secret from the environment. */
export const needsClientSecret = (connection: EnterpriseConnectionData): boolean => connection.strategy !== "samlp";
