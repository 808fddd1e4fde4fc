import * as fs from "fs";
import * as path from "path";
import { listTenantFiles } from "../src/load/config-files";
import type { Fleet } from "../src/model/types";
import { exampleFleet, EXAMPLE_TENANTS_DIR, fixtureFleet, FIXTURE_TENANTS_DIR, ROOT, synthFleet } from "./support/project";

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

describe.each([
  ["tenants/", EXAMPLE_TENANTS_DIR, exampleFleet],
  ["__tests__/fixtures/tenants/", FIXTURE_TENANTS_DIR, fixtureFleet],
])("given the tenant files in %s", (_label, tenantsDir: string, loadFleet: () => Fleet) => {
  const fleet = loadFleet();
  const stacks = synthFleet(fleet);
  const platform = stacks.platform;
  const stacksOf = (status: string) => fleet.tenants.filter((t) => t.status === status).map((t) => [t.stackName, stacks[t.stackName]] as const);
  const activeStacks = stacksOf("active");
  const decommissionedStacks = stacksOf("decommissioned");

  const definedRoles = Object.keys(platform.output.role_ids.value);
  const definedConnections = Object.keys(platform.output.connection_ids.value);
  const apiScopes = platform.resource.auth0_resource_server_scopes["api-scopes"].scopes.map((s: { name: string }) => s.name);

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
      for (const key of referencedKeys(refs, "role_ids")) expect(definedRoles).toContain(key);
    });

    test("then every member's roles are assigned through its own membership", () => {
      for (const [id, roles] of Object.entries<any>(resources.auth0_organization_member_roles ?? {})) {
        const member = id.replace(/-roles$/, "");
        expect(resources.auth0_organization_member[member]).toBeDefined();
        expect(roles.user_id).toBe(`\${auth0_organization_member.${member}.user_id}`);
      }
    });

    test("then every agent grant is restricted to this organization, to the platform API, and to scopes the API defines", () => {
      const links = Object.values<any>(resources.auth0_organization_client_grant ?? {});
      for (const [id, grant] of Object.entries<any>(resources.auth0_client_grant ?? {})) {
        expect(grant).toMatchObject({
          organization_usage: "require",
          allow_any_organization: false,
          audience: platform.resource.auth0_resource_server.api.identifier,
        });
        expect(grant.allow_all_scopes).toBeUndefined();
        for (const scope of grant.scopes) expect(apiScopes).toContain(scope);
        expect(links).toContainEqual({ organization_id: "${auth0_organization.organization.id}", grant_id: `\${auth0_client_grant.${id}.id}` });
      }
    });

    test("then every agent client may use the client-credentials flow only", () => {
      for (const client of Object.values<any>(resources.auth0_client ?? {})) {
        expect(client.app_type).toBe("non_interactive");
        expect(client.grant_types).toEqual(["client_credentials"]);
      }
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
      for (const [type, blocks] of Object.entries<any>(stack.resource ?? {})) {
        const sensitive = sensitivePaths(providerSchema.resource_schemas[type].block);
        for (const config of Object.values(blocks)) {
          for (const attributePath of sensitive) {
            const value = valueAt(config, attributePath);
            if (value === undefined) continue;
            const variable = /^\$\{var\.([\w-]+)\}$/.exec(String(value))?.[1];
            expect({ type, attributePath, value, variable: variable && stack.variable?.[variable]?.sensitive }).toEqual({
              type,
              attributePath,
              value,
              variable: true,
            });
          }
        }
      }
    });

    test("then no private key, token or secret-named value is written", () => {
      const text = JSON.stringify(stack);
      expect(text).not.toMatch(/PRIVATE KEY-----/);
      expect(text).not.toMatch(/"(client_secret|password|api_key|secret)":\s*"(?!\$\{var\.)/);
    });
  });
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
