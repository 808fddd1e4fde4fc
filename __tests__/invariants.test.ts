import * as fs from "fs";
import * as path from "path";
import { listTenantFiles } from "../src/load/config-files";
import type { Fleet } from "../src/model/types";
import { exampleFleet, EXAMPLE_PLATFORM_FILE, EXAMPLE_TENANTS_DIR, fixtureFleet, FIXTURE_TENANTS_DIR, ROOT, synthFleet } from "./support/project";

/**
 * Properties that must hold for every tenant file in tenants/, whatever it contains and
 * however many there are, so a new, edited or decommissioned tenant is checked by them
 * without a test of its own. They run over the fixtures too, which always include a
 * decommissioned tenant.
 */
const providerSchema = JSON.parse(fs.readFileSync(path.join(ROOT, "provider-schema", "auth0-v1.55.0.json"), "utf8")).provider_schemas[
  "registry.terraform.io/auth0/auth0"
];

const referencedKeys = (refs: string[], output: string) =>
  refs.map((ref) => {
    const match = new RegExp(`^\\$\\{data\\.terraform_remote_state\\.platform\\.outputs\\.${output}(?:\\.([\\w-]+)|\\["([^"]+)"\\])\\}$`).exec(ref);
    if (!match) throw new Error(`not a reference to the platform output ${output}: ${ref}`);
    return match[1] ?? match[2];
  });

/** What the platform defines, written down for the fixtures and read from the platform file (the input, not the output) for tenants/. */
interface Defined {
  readonly roles: readonly string[];
  readonly connections: readonly string[];
  readonly scopes: readonly string[];
  readonly audience: string;
}

const FIXTURE_PLATFORM: Defined = {
  roles: ["admin", "member", "billing"],
  connections: ["Username-Password-Authentication", "Partners-Database", "google-oauth2"],
  scopes: ["read:data", "write:data", "read:reports", "manage:members"],
  audience: "https://api.example.com",
};

function definedIn(platformFile: string): Defined {
  const file = JSON.parse(fs.readFileSync(platformFile, "utf8"));
  return {
    roles: file.roles.map((r: { key: string }) => r.key),
    connections: file.connections.map((c: { name: string }) => c.name),
    scopes: file.api.scopes.map((s: { value: string }) => s.value),
    audience: file.api.identifier,
  };
}

describe.each([
  ["tenants/", EXAMPLE_TENANTS_DIR, exampleFleet, definedIn(EXAMPLE_PLATFORM_FILE)],
  ["__tests__/fixtures/tenants/", FIXTURE_TENANTS_DIR, fixtureFleet, FIXTURE_PLATFORM],
])("given the tenant files in %s", (_label, tenantsDir: string, loadFleet: () => Fleet, defined: Defined) => {
  const fleet = loadFleet();
  const stacks = synthFleet(fleet);
  const platform = stacks.platform;
  const stacksOf = (status: string) => fleet.tenants.filter((t) => t.status === status).map((t) => [t.stackName, stacks[t.stackName]] as const);
  const activeStacks = stacksOf("active");
  const decommissionedStacks = stacksOf("decommissioned");

  const definedRoles = defined.roles;
  const definedConnections = defined.connections;
  const apiScopes = defined.scopes;

  test("then the platform stack exports exactly the roles and connections the platform file defines, and its API has exactly its scopes", () => {
    expect(Object.keys(platform.output.role_ids.value).sort()).toEqual([...defined.roles].sort());
    expect(Object.keys(platform.output.connection_ids.value).sort()).toEqual([...defined.connections].sort());
    expect(platform.resource.auth0_resource_server_scopes["api-scopes"].scopes.map((s: { name: string }) => s.name).sort()).toEqual([...defined.scopes].sort());
    expect(platform.resource.auth0_resource_server.api.identifier).toBe(defined.audience);
  });

  test("then there is one stack per tenant file, named after the file, next to one platform stack", () => {
    const files = listTenantFiles(tenantsDir);
    expect(Object.keys(stacks).sort()).toEqual(["platform", ...files.map((f) => `tenant-${path.basename(f, ".json")}`)].sort());
    expect(activeStacks.length + decommissionedStacks.length).toBe(files.length);
  });

  for (const [stackName, stack] of decommissionedStacks) {
    test(`then the decommissioned tenant's stack ${stackName} keeps its state, declares no resource and reads only the platform's outputs (for the names in its plan summary)`, () => {
      expect(stack.resource).toBeUndefined();
      expect(Object.keys(stack.data)).toEqual(["terraform_remote_state"]);
      expect(Object.keys(stack.data.terraform_remote_state)).toEqual(["platform"]);
      expect(stack.terraform.backend).toEqual({ local: { path: `../../../terraform-state/${stackName}.tfstate` } });
    });
  }

  // Loops rather than .each: jest refuses an empty table, and a folder may hold no decommissioned (or no active) tenant.
  for (const [stackName, stack] of activeStacks) describe(`and the active tenant's stack ${stackName}`, () => {
    const resources = stack.resource;

    test("then its organization is named after the tenant file and has its connection links", () => {
      expect(resources.auth0_organization.organization.name).toBe(stackName.replace(/^tenant-/, ""));
      const links = resources.auth0_organization_connections.connections;
      expect(links.organization_id).toBe("${auth0_organization.organization.id}");
      expect(links.enabled_connections.length).toBeGreaterThan(0);
    });

    test("then its organization and connection links are guarded against deletion", () => {
      expect(resources.auth0_organization.organization.lifecycle).toEqual({ prevent_destroy: true });
      expect(resources.auth0_organization_connections.connections.lifecycle).toEqual({ prevent_destroy: true });
    });

    test("then every connection it links is defined by the platform stack", () => {
      const refs = resources.auth0_organization_connections.connections.enabled_connections.map((c: { connection_id: string }) => c.connection_id);
      for (const name of referencedKeys(refs, "connection_ids")) expect(definedConnections).toContain(name);
    });

    test("then every member role refers to a role the platform stack defines", () => {
      const refs = Object.values(resources.auth0_organization_member_roles ?? {}).flatMap((r: any) => r.roles as string[]);
      expect(referencedKeys(refs, "role_ids").filter((key) => !definedRoles.includes(key))).toEqual([]);
    });

    test("then every member's roles are assigned through its own membership", () => {
      const violations = Object.entries<any>(resources.auth0_organization_member_roles ?? {}).filter(([id, roles]) => {
        const member = id.replace(/-roles$/, "");
        return resources.auth0_organization_member?.[member] === undefined || roles.user_id !== `\${auth0_organization_member.${member}.user_id}`;
      });
      expect(violations.map(([id]) => id)).toEqual([]);
    });

    test("then every agent grant is restricted to this organization, to the platform API, and to scopes the API defines", () => {
      const links = Object.values<any>(resources.auth0_organization_client_grant ?? {});
      const violations = Object.entries<any>(resources.auth0_client_grant ?? {}).flatMap(([id, grant]) => [
        ...(grant.organization_usage === "require" && grant.allow_any_organization === false ? [] : [`${id}: not restricted to one organization`]),
        ...(grant.audience === defined.audience ? [] : [`${id}: audience ${grant.audience}`]),
        ...(grant.allow_all_scopes === undefined ? [] : [`${id}: allow_all_scopes`]),
        ...grant.scopes.filter((scope: string) => !apiScopes.includes(scope)).map((scope: string) => `${id}: scope ${scope} is not the API's`),
        ...(links.some((l) => l.organization_id === "${auth0_organization.organization.id}" && l.grant_id === `\${auth0_client_grant.${id}.id}`) ? [] : [`${id}: not tied to this organization`]),
      ]);
      expect(violations).toEqual([]);
    });

    test("then every agent client may use the client-credentials flow only", () => {
      const clients = Object.entries<any>(resources.auth0_client ?? {});
      expect(clients.filter(([, c]) => c.app_type !== "non_interactive" || JSON.stringify(c.grant_types) !== '["client_credentials"]').map(([id]) => id)).toEqual([]);
    });

    test("then its state is its own, at a path relative to the project", () => {
      expect(stack.terraform.backend).toEqual({ local: { path: `../../../terraform-state/${stackName}.tfstate` } });
    });
  });

  describe.each(Object.entries(stacks))("and the stack %s", (_name, stack) => {
    test("then every reference points to a resource, data source or variable declared in that same stack", () => {
      const declared = new Set([
        ...Object.entries<Record<string, unknown>>(stack.resource ?? {}).flatMap(([type, blocks]) => Object.keys(blocks).map((name) => `${type}.${name}`)),
        ...Object.entries<Record<string, unknown>>(stack.data ?? {}).flatMap(([type, blocks]) => Object.keys(blocks).map((name) => `data.${type}.${name}`)),
        ...Object.keys(stack.variable ?? {}).map((name) => `var.${name}`),
      ]);
      const references = referencesIn(JSON.stringify(stack));
      if (stack.resource) expect(references.length).toBeGreaterThan(0);
      expect(references.filter((ref) => !declared.has(ref))).toEqual([]);
    });
  });

  describe.each(Object.entries(stacks))("given the stack %s, nothing sensitive appears in clear", (_name, stack) => {
    test("then every argument the provider marks sensitive is a reference to a sensitive variable, never a literal", () => {
      const inClear = Object.entries<any>(stack.resource ?? {}).flatMap(([type, blocks]) =>
        Object.values(blocks).flatMap((config) =>
          sensitivePaths(providerSchema.resource_schemas[type].block).flatMap((attributePath) => {
            const value = valueAt(config, attributePath);
            const variable = value === undefined ? undefined : /^\$\{var\.([\w-]+)\}$/.exec(String(value))?.[1];
            return value === undefined || (variable && stack.variable?.[variable]?.sensitive) ? [] : [`${type}.${attributePath.join(".")} = ${String(value)}`];
          }),
        ),
      );
      expect(inClear).toEqual([]);
    });

    test("then no private key, token or secret-named value is written", () => {
      const text = JSON.stringify(stack);
      expect(text).not.toMatch(/PRIVATE KEY-----/);
      expect(text).not.toMatch(/"(client_secret|password|api_key|secret)":\s*"(?!\$\{var\.)/);
    });
  });
});

test("given the fixture tenants, then every structure an invariant loops over occurs, so no invariant can pass on an empty loop", () => {
  const stacks = Object.values(synthFleet(fixtureFleet()));
  const count = (type: string) => stacks.reduce((n, stack) => n + Object.keys(stack.resource?.[type] ?? {}).length, 0);
  const present = Object.fromEntries(
    ["auth0_client", "auth0_client_grant", "auth0_organization_client_grant", "auth0_organization_member", "auth0_organization_member_roles", "auth0_connection"].map((type) => [type, count(type) > 0]),
  );
  expect(present).toEqual(Object.fromEntries(Object.keys(present).map((type) => [type, true])));
  expect(fixtureFleet().tenants.some((t) => t.status === "decommissioned")).toBe(true);
});

/** `auth0_x.name`, `data.type.name` and `var.name` inside every `${…}` expression, including those in function calls. */
function referencesIn(text: string): string[] {
  return [...text.matchAll(/\$\{([^}]*)\}/g)].flatMap(([, expression]) =>
    [...expression.matchAll(/(?<![\w.-])(data\.[a-z0-9_]+\.[\w-]+|var\.[\w-]+|auth0_[a-z0-9_]+\.[\w-]+)/g)].map((m) => m[1]),
  );
}

type SchemaBlock = { attributes?: Record<string, { sensitive?: boolean }>; block_types?: Record<string, { block: SchemaBlock }> };

function sensitivePaths(block: SchemaBlock, prefix: string[] = []): string[][] {
  const own = Object.entries(block.attributes ?? {})
    .filter(([, a]) => a.sensitive)
    .map(([name]) => [...prefix, name]);
  const nested = Object.entries(block.block_types ?? {}).flatMap(([name, b]) => sensitivePaths(b.block, [...prefix, name]));
  return [...own, ...nested];
}

function valueAt(config: unknown, attributePath: string[]): unknown {
  return attributePath.reduce<unknown>((value, key) => {
    const object = Array.isArray(value) ? value[0] : value;
    return object && typeof object === "object" ? (object as Record<string, unknown>)[key] : undefined;
  }, config);
}
