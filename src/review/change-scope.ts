/** Where the files the synthesized output depends on, besides the code, live. */
export const TENANTS_DIR = "tenants";
export const PLATFORM_FILE = "platform.json";
export const STATE_BACKEND_FILE = "state-backend.json";
const TENANT_FILE = new RegExp(`^${TENANTS_DIR}/([^/]+)\\.json$`);

export type ChangeScope =
  /** Only tenant files: each changed tenant's stack depends on nothing but its own file. */
  | { readonly kind: "tenants"; readonly tenants: readonly string[] }
  /** Configuration files (tenants, platform, backend): this checkout's code builds both sides. */
  | { readonly kind: "config" }
  /** Anything else (code, lockfile, schema): each side must be built with its own code. */
  | { readonly kind: "code" };

/** What a set of changed project files (relative paths, `/`-separated) can have changed. */
export function changeScope(changedFiles: readonly string[]): ChangeScope {
  const tenants: string[] = [];
  let config = false;
  for (const file of changedFiles) {
    const tenant = TENANT_FILE.exec(file);
    if (tenant) tenants.push(tenant[1]);
    else if (file === PLATFORM_FILE || file === STATE_BACKEND_FILE) config = true;
    else return { kind: "code" };
  }
  return config ? { kind: "config" } : { kind: "tenants", tenants };
}
