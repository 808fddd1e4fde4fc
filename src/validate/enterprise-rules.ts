import { ConfigError, errors } from "../errors";
import { CONNECTIONS_PER_ORGANIZATION_MAX } from "../model/auth0-limits";
import { samlSourceProblem } from "../model/enterprise";
import type { Platform } from "../model/types";
import { TenantRuleViewData } from "./tenant-rule-view";

/**
 * Rules of one tenant file about its enterprise setup: its own connection against the
 * platform's, the organization's connection limit counting it, and a link-mode switch that
 * makes sense. Values unique across files (and inside one) are in `fleet-rules.ts`.
 */
export function enterpriseRuleErrors(file: string, data: TenantRuleViewData, platform: Platform): ConfigError[] {
  const found: ConfigError[] = [];
  const own = data.enterpriseConnection?.name;
  if (own !== undefined && platform.connections.some((c) => c.name.toLowerCase() === own.toLowerCase())) {
    found.push(errors.platformConnectionClash(file, ["enterpriseConnection", "name"], own, platform.file));
  }
  const sso = data.enterpriseConnection;
  const samlProblem = sso?.strategy === "samlp" ? samlSourceProblem(sso) : undefined;
  if (sso && samlProblem) found.push(errors.samlSource(file, samlProblem, { metadataUrl: sso.metadataUrl, signInUrl: sso.signInUrl, signingCert: sso.signingCert }));
  const links = data.connections.length + (data.enterpriseConnection ? 1 : 0);
  // The schema reports a list over the limit on its own; this is the limit reached only with the enterprise connection.
  if (data.enterpriseConnection && links > CONNECTIONS_PER_ORGANIZATION_MAX && data.connections.length <= CONNECTIONS_PER_ORGANIZATION_MAX) {
    found.push(errors.tooManyConnections(file, links, CONNECTIONS_PER_ORGANIZATION_MAX));
  }
  const from = data.connectionLinksSwitchedFrom;
  if (from !== undefined) {
    if (from === (data.connectionLinks ?? "exclusive")) found.push(errors.switchedFromSameMode(file, from));
    else if (data.import) found.push(errors.switchedFromWithImport(file));
  }
  return found;
}
