import { byDeployOrder, memberAddressKey, PLATFORM_STACK, readableAddressKey, tenantStackName } from "../src/model/types";

/**
 * The names the model gives things in Terraform (`src/model/types.ts`): member addresses,
 * stack names and the order stacks deploy in. The hashes were computed with
 * `printf %s <key> | sha256sum | cut -c1-8`.
 */
describe("given a member's key", () => {
  test.each([
    ["an email", "wile.e.coyote@acme.example", "wile_e_coyote_at_acme_example-c70f6afc"],
    ["a user id", "auth0|64f1c0ffee", "auth0_64f1c0ffee-939753f5"],
    ["an email with capitals, digits, '-' and '_'", "Ab-9_Z@x.example", "Ab-9_Z_at_x_example-243e45e7"],
  ])("when it is %s, then its address is the readable key and 8 hex characters of its SHA-256", (_what, key, address) => {
    expect(memberAddressKey(key)).toBe(address);
  });

  test("when it is longer than 40 characters, then the readable part keeps the first 40 and the hash tells it apart", () => {
    expect(memberAddressKey("x".repeat(45))).toBe(`${"x".repeat(40)}-15b52637`);
  });

  test("when keys differ only in a character the address cannot hold, then their readable parts are equal and their addresses differ", () => {
    const keys = ["a.b@x.example", "a_b@x.example", "a+b@x.example"];
    expect(new Set(keys.map(readableAddressKey))).toEqual(new Set(["a_b_at_x_example"]));
    expect(new Set(keys.map(memberAddressKey)).size).toBe(3);
    expect(memberAddressKey("a.b@x.example")).toBe("a_b_at_x_example-d03bd558");
  });

  test("when every '@' is replaced, then each becomes _at_", () => {
    expect(readableAddressKey("a@b@c")).toBe("a_at_b_at_c");
  });
});

describe("given stack names", () => {
  test("then a tenant's stack is tenant-<name>", () => {
    expect(tenantStackName("acme")).toBe("tenant-acme");
  });

  test("when sorted for deploying, then the platform comes first wherever it stands, and tenants follow by name", () => {
    expect(["tenant-beta", "tenant-acme", PLATFORM_STACK, "tenant-zeta"].sort(byDeployOrder)).toEqual(["platform", "tenant-acme", "tenant-beta", "tenant-zeta"]);
    expect(["tenant-acme", PLATFORM_STACK].sort(byDeployOrder)).toEqual(["platform", "tenant-acme"]);
    expect([PLATFORM_STACK, "tenant-acme"].sort(byDeployOrder)).toEqual(["platform", "tenant-acme"]);
    expect(byDeployOrder("tenant-acme", "tenant-acme")).toBe(0);
  });
});
