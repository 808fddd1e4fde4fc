import { changeLines } from "./support/workspace";
import { appliedWorkspace, describeWithTerraform } from "./support/terraform-suite";

/**
 * Member addresses gained a hash suffix (README, "Member addresses"). A team whose state was
 * written under the former addresses must see the members moved, not deleted and created
 * again: deleting the former membership after creating the new one would remove the user.
 */
describeWithTerraform("member addresses: state written under the former addresses", () => {
  const workspace = appliedWorkspace(["platform", "tenant-acme"]);

  test("given acme's members moved back to their former addresses in state, when planned, then every member is moved and nothing is created or deleted", () => {
    const ws = workspace();
    const stateAddresses = () => ws.must("tenant-acme", "state", "list").split("\n").filter((a) => a.startsWith("auth0_organization_member"));
    const current = stateAddresses();
    expect(current).toHaveLength(7); // 4 memberships, 3 with roles
    const former = (address: string) => address.replace(/-[0-9a-f]{8}(-roles)?$/, "$1");
    for (const address of current) ws.must("tenant-acme", "state", "mv", address, former(address));

    const plan = ws.plan("tenant-acme") as { resource_changes: Array<{ address: string; previous_address?: string; change: { actions: string[] } }> };
    expect(changeLines(plan)).toEqual([]);
    const moved = plan.resource_changes.filter((rc) => rc.previous_address).map((rc) => `${rc.previous_address} -> ${rc.address}`);
    expect(moved.sort()).toEqual(current.map((address) => `${former(address)} -> ${address}`).sort());

    ws.apply("tenant-acme");
    expect(stateAddresses().sort()).toEqual([...current].sort());
    expect(ws.planExitCode("tenant-acme")).toBe(0);
  });
});
