import { ConfigError, errors, JsonPath } from "../errors";
import { publicKeyFingerprint } from "../model/public-key";
import { agentClientSecretVariable, ssoClientSecretVariable } from "../model/secret-variables";
import { TenantRuleViewData } from "./tenant-rule-view";

/** One tenant file, read leniently (see `tenant-rule-view.ts`). */
export interface TenantView {
  readonly file: string;
  readonly data: TenantRuleViewData;
}

interface Claim {
  readonly value: string;
  /** What the error calls it when shown to a person. */
  readonly shown: string;
  readonly path: JsonPath;
}

/**
 * Values that must be unique across the whole fleet, not only inside one file. Each
 * second claim (in the same file or a later one) is an error that names the first.
 */
export function fleetRuleErrors(tenants: readonly TenantView[]): ConfigError[] {
  return [
    ...unique(tenants, connectionNames, "the connection name", 'Connection names are unique in the Auth0 tenant: name this one after its own customer, e.g. "acme-saml".'),
    ...unique(tenants, discoveryDomains, "the discovery domain", "A domain can route its users to one organization only: find out which customer owns it and remove it from the other file."),
    ...unique(tenants, publicKeys, "this public key", "Every agent needs its own key pair: generate a new one for this agent and list only its public key."),
    ...unique(
      tenants,
      secretVariables,
      "the secret variable",
      "Two secrets would be read from the same environment variable: rename this tenant or agent so that the names differ by more than '-' and '_'.",
    ),
  ];
}

function unique(tenants: readonly TenantView[], claimsOf: (t: TenantView) => Claim[], what: string, fix: string): ConfigError[] {
  const first = new Map<string, { file: string; path: JsonPath }>();
  const found: ConfigError[] = [];
  for (const tenant of tenants) {
    for (const claim of claimsOf(tenant)) {
      const earlier = first.get(claim.value);
      if (!earlier) first.set(claim.value, { file: tenant.file, path: claim.path });
      else found.push(errors.claimedTwice(tenant.file, claim.path, what, claim.shown, earlier.file, earlier.path, fix));
    }
  }
  return found;
}

function connectionNames({ data }: TenantView): Claim[] {
  const name = data.enterpriseConnection?.name;
  // Stryker disable next-line MethodExpression: a name the schema accepts is ASCII letters, digits and dashes, which fold alike to either case
  return name === undefined ? [] : [{ value: name.toLowerCase(), shown: name, path: ["enterpriseConnection", "name"] }];
}

function discoveryDomains({ data }: TenantView): Claim[] {
  return data.discoveryDomains.flatMap((d, i) =>
    // Stryker disable next-line MethodExpression: a domain the schema accepts is ASCII, which folds alike to either case
    d?.domain === undefined ? [] : [{ value: d.domain.toLowerCase(), shown: d.domain, path: ["discoveryDomains", i, "domain"] }],
  );
}

function publicKeys({ data }: TenantView): Claim[] {
  return data.agents.flatMap(
    (agent, a) =>
      // The view reads a missing list as empty, so only a missing agent or authentication has no keys.
      agent?.authentication?.publicKeys.flatMap((key, k) => {
        const fingerprint = key?.pem === undefined ? undefined : publicKeyFingerprint(key.pem);
        return fingerprint === undefined ? [] : [{ value: fingerprint, shown: `SHA-256 ${fingerprint.slice(0, 16)}…`, path: ["agents", a, "authentication", "publicKeys", k, "pem"] }];
      }) ?? [],
  );
}

function secretVariables({ data }: TenantView): Claim[] {
  const tenant = data.name;
  if (tenant === undefined) return [];
  const claim = (name: string, path: JsonPath): Claim => ({ value: name, shown: `TF_VAR_${name}`, path });
  const strategy = data.enterpriseConnection?.strategy;
  return [
    ...(strategy !== undefined && strategy !== "samlp" ? [claim(ssoClientSecretVariable(tenant), ["enterpriseConnection"])] : []),
    ...data.agents.flatMap((agent, a) =>
      agent?.name !== undefined && agent.authentication?.secretVersion !== undefined ? [claim(agentClientSecretVariable(tenant, agent.name), ["agents", a, "name"])] : [],
    ),
  ];
}
