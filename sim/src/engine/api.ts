// Every simulated Management API request goes through `callApi`: one place to log,
// count and (for a rate limit module) refuse requests. A hook that refuses throws
// ApiRefusal, which the engine turns into the apply's error, as a failed HTTP call would.
import type { Diagnostic } from "../diagnostics";
import { log } from "../log";

export interface ApiCall {
  readonly method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Path below the tenant's domain, e.g. /api/v2/organizations/org_x/connections. */
  readonly path: string;
  /** The Terraform resource type the call is made for. */
  readonly type: string;
}

/** A hook sees each call before it is served; returning a diagnostic refuses it (e.g. 429 Too Many Requests). */
export type ApiHook = (call: ApiCall) => Diagnostic | undefined;

const hooks: ApiHook[] = [];

export class ApiRefusal extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.summary);
  }
}

/** Registers a hook for every later call; returns a function that removes it. */
export function onApiCall(hook: ApiHook): () => void {
  hooks.push(hook);
  return () => {
    const i = hooks.indexOf(hook);
    if (i >= 0) hooks.splice(i, 1);
  };
}

export function callApi(method: ApiCall["method"], path: string, type: string): void {
  const call: ApiCall = { method, path, type };
  for (const hook of hooks) {
    const refused = hook(call);
    if (refused) throw new ApiRefusal(refused);
  }
  log(`${method} ${path}`);
}

/** The REST collection of a type, as the provider's calls name it (auth0_resource_server -> resource-servers). */
export function collectionPath(type: string): string {
  return `/api/v2/${type.replace(/^auth0_/, "").replace(/_/g, "-")}s`;
}
