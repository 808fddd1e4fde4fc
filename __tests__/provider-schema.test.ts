import { exampleFleet, synthFleet } from "./support/project";
import { checkAgainstProviderSchema, readPinnedProviderSchema } from "./support/provider-schema-check";

const schema = readPinnedProviderSchema();
let examples: Record<string, Record<string, any>>;
beforeAll(() => (examples = synthFleet(exampleFleet())));

/** A copy of an example stack, to break without touching the others' view of it. */
const copyOf = (stackName: string): Record<string, any> => structuredClone(examples[stackName]);
const check = (stackName: string, stack: Record<string, any>) => checkAgainstProviderSchema(stack, schema, stackName);

/** `type.name` of every instance in a stack's `resource` section, `data.type.name` for `data`. */
function auth0Types(stack: Record<string, any>): string[] {
  const resources = Object.keys(stack.resource ?? {});
  const dataSources = Object.keys(stack.data ?? {}).map((type) => `data.${type}`);
  return [...resources, ...dataSources].filter((type) => type.replace(/^data\./, "").startsWith("auth0_"));
}

describe("given the example tenants and platform", () => {
  test("then every resource and data block conforms to the pinned auth0 provider schema", () => {
    const problems = Object.entries(examples).flatMap(([stackName, stack]) => check(stackName, stack));
    expect(problems).toEqual([]);
  });

  test("then together they use every auth0 resource and data source type the stacks can generate, so the check above covers them all", () => {
    const used = new Set(Object.values(examples).flatMap(auth0Types));
    const generated = [
      "auth0_organization",
      "auth0_organization_connections",
      "auth0_organization_member",
      "auth0_organization_member_roles",
      "auth0_client",
      "auth0_client_grant",
      "auth0_organization_client_grant",
      "auth0_client_credentials",
      "auth0_resource_server",
      "auth0_resource_server_scopes",
      "auth0_role",
      "auth0_role_permissions",
      "auth0_connection",
      "auth0_connection_clients",
      "auth0_tenant",
      "data.auth0_user",
    ];
    expect(generated.filter((type) => !used.has(type))).toEqual([]);
  });

  test("then they use every optional tenant feature (branding, metadata, token quota, private_key_jwt keys), so the check above covers those arguments", () => {
    const all = Object.values(examples);
    const organizations = all.flatMap((stack) => Object.values(stack.resource?.auth0_organization ?? {})) as Record<string, unknown>[];
    const credentials = all.flatMap((stack) => Object.values(stack.resource?.auth0_client_credentials ?? {})) as Record<string, unknown>[];
    for (const argument of ["branding", "metadata", "token_quota"]) {
      expect(organizations.some((organization) => argument in organization)).toBe(true);
    }
    expect(credentials.some((credential) => "private_key_jwt" in credential)).toBe(true);
  });
});

describe("given a synthesized tenant stack with a mistake in it", () => {
  test("when an argument is misspelled, then the checker names the unknown argument", () => {
    const stack = copyOf("tenant-initech");
    const organization = stack.resource.auth0_organization.organization;
    organization.display_nam = organization.display_name;
    delete organization.display_name;

    expect(check("tenant-initech", stack)).toEqual(["tenant-initech: auth0_organization.organization: display_nam: unknown argument"]);
  });

  test("when a data source argument is misspelled, then the checker names it by its data. address", () => {
    const stack = copyOf("tenant-acme");
    stack.data.auth0_user["user-road_runner_at_acme_example-17bebe7b"].skip_role = true;

    expect(check("tenant-acme", stack)).toEqual(["tenant-acme: data.auth0_user.user-road_runner_at_acme_example-17bebe7b: skip_role: unknown argument"]);
  });

  test("when a required argument is missing, then the checker names it", () => {
    const stack = copyOf("tenant-initech");
    delete stack.resource.auth0_organization.organization.name;

    expect(check("tenant-initech", stack)).toEqual(["tenant-initech: auth0_organization.organization: name: required argument is missing"]);
  });

  test("when a required block is missing, then the checker names it", () => {
    const stack = copyOf("tenant-initech");
    delete stack.resource.auth0_organization_connections.connections.enabled_connections;

    expect(check("tenant-initech", stack)).toEqual(["tenant-initech: auth0_organization_connections.connections: enabled_connections: required block is missing"]);
  });

  test("when values have the wrong kind, then the checker names each one with its path inside blocks and maps", () => {
    const stack = copyOf("tenant-initech");
    const organization = stack.resource.auth0_organization.organization;
    organization.display_name = 42;
    organization.token_quota.client_credentials.enforce = "true";
    organization.metadata.plan = true;
    stack.resource.auth0_organization_member_roles["member-peter_gibbons_at_initech_example-05423acf-roles"].roles = "member";

    expect(check("tenant-initech", stack)).toEqual([
      "tenant-initech: auth0_organization.organization: display_name: expected string, found number",
      "tenant-initech: auth0_organization.organization: metadata.plan: expected string, found bool",
      "tenant-initech: auth0_organization.organization: token_quota.client_credentials.enforce: expected bool, found string",
      "tenant-initech: auth0_organization_member_roles.member-peter_gibbons_at_initech_example-05423acf-roles: roles: expected set of string, found string",
    ]);
  });

  test("when a value is a Terraform reference, then it is accepted whatever the attribute's type", () => {
    const stack = copyOf("tenant-initech");
    const organization = stack.resource.auth0_organization.organization;
    organization.token_quota.client_credentials.per_day = "${var.quota}";
    organization.metadata = "${var.metadata}";
    stack.resource.auth0_organization_member_roles["member-peter_gibbons_at_initech_example-05423acf-roles"].roles = ["${var.roles}"];

    expect(check("tenant-initech", stack)).toEqual([]);
  });

  test("when a block allowed once is given twice, then the checker reports the count", () => {
    const stack = copyOf("tenant-initech");
    const organization = stack.resource.auth0_organization.organization;
    organization.branding = [organization.branding, organization.branding];

    expect(check("tenant-initech", stack)).toEqual(["tenant-initech: auth0_organization.organization: branding: expected at most 1 block, found 2"]);
  });

  test("when a resource type is misspelled, then the checker reports the unknown type", () => {
    const stack = copyOf("tenant-initech");
    stack.resource.auth0_organisation = stack.resource.auth0_organization;
    delete stack.resource.auth0_organization;

    expect(check("tenant-initech", stack)).toEqual(["tenant-initech: auth0_organisation.organization: the auth0 provider has no resource type auth0_organisation"]);
  });

  test("when a computed-only attribute is set, then the checker reports it", () => {
    const stack = copyOf("tenant-acme");
    stack.resource.auth0_client["agent-billing-sync"].client_id = "abc123";

    expect(check("tenant-acme", stack)).toEqual(["tenant-acme: auth0_client.agent-billing-sync: client_id: computed-only attribute cannot be set"]);
  });

  test("when the provider configuration or its version pin is wrong, then the checker reports both", () => {
    const stack = copyOf("tenant-globex");
    stack.provider.auth0[0].domian = "example.eu.auth0.com";
    stack.terraform.required_providers.auth0.version = "~> 1.0";

    expect(check("tenant-globex", stack)).toEqual([
      'tenant-globex: terraform.required_providers.auth0: expected {"source":"auth0/auth0","version":"~> 1.55"}, found {"source":"auth0/auth0","version":"~> 1.0"}',
      "tenant-globex: provider.auth0[0]: domian: unknown argument",
    ]);
  });
});
