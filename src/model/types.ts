import { createHash } from "crypto";
import type { PlatformFileData } from "./platform-file";
import type { StateBackendConfig } from "./state-backend-file";
import type { TenantFileData } from "./tenant-file";

/**
 * The validated model: what the stacks are built from. Every list is sorted by its stable
 * key, so the order of entries in a file never changes the synthesized output.
 */

export interface Platform extends Omit<PlatformFileData, "$schema"> {
  /** The file it was read from. */
  readonly file: string;
}

export type ConnectionLink = TenantFileData["connections"][number];
export type Agent = TenantFileData["agents"][number];

export interface Member {
  /** Stable key: the user id, or the email in lowercase. */
  readonly key: string;
  /** The member's part of its Terraform addresses, from `memberAddressKey(key)`. */
  readonly addressKey: string;
  readonly userId?: string;
  readonly email?: string;
  /**
   * For a member given by email: the connection the user lookup is restricted to (the one the
   * file names, or the tenant's only linked connection), so it finds exactly one user.
   */
  readonly connection?: string;
  readonly roles: readonly string[];
}

export interface Tenant extends Omit<TenantFileData, "$schema" | "members"> {
  readonly file: string;
  /** `tenant-<name>`: the CDKTF stack, its Terraform state and its output folder. */
  readonly stackName: string;
  readonly members: readonly Member[];
}

export interface Fleet {
  readonly platform: Platform;
  readonly tenants: readonly Tenant[];
  readonly stateBackend: StateBackendConfig;
}

export const PLATFORM_STACK = "platform";

/** Deploy order of stacks: platform first (tenants read its outputs), then tenants by name. */
export function byDeployOrder(a: string, b: string): number {
  // Stryker disable next-line ConditionalExpression: every other stack is "tenant-<name>", which sorts after "platform" by name too; the platform's own case keeps it first whatever the names
  return a === PLATFORM_STACK ? -1 : b === PLATFORM_STACK ? 1 : a.localeCompare(b);
}
export const tenantStackName = (name: string) => `tenant-${name}`;

/** How many characters of the readable part a member address keeps. */
const READABLE_MAX = 40;

/**
 * The member's part of its Terraform addresses, from its key (user id, or lowercased email):
 * a readable prefix, then 8 hex characters of the key's SHA-256. The prefix alone would make
 * `a.b@x.example`, `a_b@x.example` and `a+b@x.example` one address; with the hash, distinct
 * keys get distinct addresses, and a key always gets the same one.
 * `wile.e.coyote@acme.example` → `wile_e_coyote_at_acme_example-<8 hex>`.
 */
export function memberAddressKey(key: string): string {
  const hash = createHash("sha256").update(key).digest("hex").slice(0, 8);
  return `${readableAddressKey(key).slice(0, READABLE_MAX)}-${hash}`;
}

/** A key with only letters, digits, `_` and `-`, as a Terraform resource name allows; not unique by itself. */
export function readableAddressKey(key: string): string {
  return key.replace(/@/g, "_at_").replace(/[^A-Za-z0-9_-]/g, "_");
}
