import { z } from "zod";

/**
 * The parts of a tenant file the cross-reference rules read, parsed leniently: a value of
 * the wrong shape becomes `undefined` or an empty list (the schema reports it) and array
 * positions are kept. So the rules run even when the schema found problems elsewhere in
 * the file, and a person sees every problem in one run.
 */
const text = z.string().optional().catch(undefined);
const flag = z.boolean().optional().catch(undefined);
const list = <T extends z.ZodType>(item: T) => z.array(item).optional().catch(undefined).transform((items) => items ?? []);
const present = z.unknown().optional();
const entry = <T extends z.ZodRawShape>(shape: T) => z.object(shape).optional().catch(undefined);

const View = z.object({
  name: text,
  connections: list(entry({ name: text, assignMembershipOnLogin: flag, signupEnabled: flag })),
  members: list(entry({ userId: text, email: text, connection: text, roles: list(text) })),
  agents: list(
    entry({
      name: text,
      scopes: list(text),
      authentication: entry({ method: text, secretVersion: present, publicKeys: list(entry({ pem: text })) }),
    }),
  ),
  // Only whether the file adopts an organization: no rule reads the id.
  import: entry({}),
  enterpriseConnection: entry({ name: text, strategy: text, metadataUrl: present, signInUrl: present, signingCert: present }),
  discoveryDomains: list(entry({ domain: text })),
  connectionLinks: text,
  connectionLinksSwitchedFrom: text,
});

export const TenantRuleView = View.catch(() => View.parse({}));

export type TenantRuleViewData = z.output<typeof View>;
