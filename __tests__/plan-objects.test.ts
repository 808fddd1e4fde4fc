import { PlannedChange, StackPlan } from "../src/review/plan-file";
import { addedValues, agentOf, flagChanges, keyNamesOf, linkDiff, linksOf, memberOf, nameOf, removedValues, roleOf, stringList } from "../src/review/plan-objects";
import { phraseToMarkdown } from "../src/review/phrase";
import { plannedChange } from "./support/planned-change";

/** What a change is about, by the names of a tenant file: changes built here with only what each helper reads. */
const change = (type: string, address: string, before: Record<string, unknown>, after: Record<string, unknown>, more: Partial<PlannedChange> = {}): PlannedChange =>
  plannedChange({
    address,
    type,
    action: "update",
    before,
    after,
    ...more,
  });
const stack = (changes: PlannedChange[], unchanged: PlannedChange[] = []): StackPlan => ({ stack: "tenant-acme", file: "tenant-acme.plan.json", changes, unchanged, names: new Map() });
const NAMES = new Map([
  ["auth0|1", "jane@acme.example"],
  ["7", "seven"],
]);

describe("names instead of ids", () => {
  test("given ids the plan knows and does not know, when named, then names or the id as text", () => {
    expect([nameOf(NAMES, "auth0|1"), nameOf(NAMES, "auth0|2"), nameOf(NAMES, 7), nameOf(NAMES, undefined)]).toEqual(["jane@acme.example", "auth0|2", "seven", "undefined"]);
  });

  test("given a member on either side, when named, then the new side's user id first", () => {
    expect(memberOf(NAMES, change("auth0_organization_member", "m", { user_id: "auth0|2" }, { user_id: "auth0|1" }))).toBe("jane@acme.example");
    expect(memberOf(NAMES, change("auth0_organization_member", "m", { user_id: "auth0|1" }, {}))).toBe("jane@acme.example");
  });

  test("given a list or anything else, when read as a list, then its items as text, or none", () => {
    expect([stringList(["a", 1, true]), stringList("a"), stringList(undefined), stringList({ 0: "a" })]).toEqual([["a", "1", "true"], [], [], []]);
  });
});

describe("connection links", () => {
  test("given links with flags set, unset and null, when read, then the provider's defaults fill in: show_as_button true, the others false", () => {
    expect(
      linksOf({
        enabled_connections: [
          { connection_id: "con_1" },
          { connection_id: "con_2", assign_membership_on_login: true, show_as_button: false, is_signup_enabled: true },
          { connection_id: "con_3", assign_membership_on_login: null, show_as_button: null, is_signup_enabled: "true" },
        ],
      }),
    ).toEqual([
      { connectionId: "con_1", assignMembershipOnLogin: false, showAsButton: true, isSignupEnabled: false },
      { connectionId: "con_2", assignMembershipOnLogin: true, showAsButton: false, isSignupEnabled: true },
      { connectionId: "con_3", assignMembershipOnLogin: false, showAsButton: true, isSignupEnabled: false },
    ]);
    expect([linksOf({}), linksOf({ enabled_connections: "con_1" })]).toEqual([[], []]);
  });

  test("given links added, removed, re-created for each flag and kept, when diffed, then each is in its list", () => {
    const c = change(
      "auth0_organization_connections",
      "c",
      {
        enabled_connections: [
          { connection_id: "gone" },
          { connection_id: "kept" },
          { connection_id: "assign" },
          { connection_id: "button" },
          { connection_id: "signup" },
        ],
      },
      {
        enabled_connections: [
          { connection_id: "kept", show_as_button: true },
          { connection_id: "assign", assign_membership_on_login: true },
          { connection_id: "button", show_as_button: false },
          { connection_id: "signup", is_signup_enabled: true },
          { connection_id: "new" },
        ],
      },
    );
    const { added, removed, relinked } = linkDiff(c);
    expect([added.map((l) => l.connectionId), removed.map((l) => l.connectionId), relinked.map((r) => [r.before.connectionId, r.after.connectionId])]).toEqual([
      ["new"],
      ["gone"],
      [
        ["assign", "assign"],
        ["button", "button"],
        ["signup", "signup"],
      ],
    ]);
    expect(relinked.map((r) => phraseToMarkdown(flagChanges(r.before, r.after)))).toEqual([
      "`assign_membership_on_login` `false` → `true`",
      "`show_as_button` `true` → `false`",
      "`is_signup_enabled` `false` → `true`",
    ]);
  });

  test("given every flag of a link changed, when said, then each flag in order", () => {
    const [before] = linksOf({ enabled_connections: [{ connection_id: "c" }] });
    const [after] = linksOf({ enabled_connections: [{ connection_id: "c", assign_membership_on_login: true, show_as_button: false, is_signup_enabled: true }] });
    expect(phraseToMarkdown(flagChanges(before, after))).toBe("`assign_membership_on_login` `false` → `true`, `show_as_button` `true` → `false`, `is_signup_enabled` `false` → `true`");
  });

  test("given links known only after apply, when diffed, then nothing is said to change", () => {
    const c = change("auth0_organization_connections", "c", { enabled_connections: [{ connection_id: "a" }] }, { enabled_connections: [{ connection_id: "b" }] }, { afterUnknown: { enabled_connections: true } });
    expect(linkDiff(c)).toEqual({ added: [], removed: [], relinked: [] });
  });
});

describe("values of a list attribute", () => {
  const c = change("auth0_client_grant", "g", { scopes: ["a", "b", "c"] }, { scopes: ["c", "d"] });

  test("given a list that changes, when compared, then the values removed and added, each in its side's order", () => {
    expect([removedValues(c, "scopes"), addedValues(c, "scopes")]).toEqual([
      ["a", "b"],
      ["d"],
    ]);
  });

  test("given the new list known only after apply, when compared, then nothing is said to be removed", () => {
    expect(removedValues({ ...c, afterUnknown: { scopes: true } }, "scopes")).toEqual([]);
    expect(removedValues({ ...c, afterUnknown: { other: true } }, "scopes")).toEqual(["a", "b"]);
  });
});

describe("the agent or role a resource belongs to", () => {
  const client = (address: string, name: string, clientId?: string) => change("auth0_client", address, {}, { name, ...(clientId ? { client_id: clientId } : {}) });

  test("given a grant with a client id, when its agent is asked, then the client with that id, changed or not, wherever it is", () => {
    const grant = change("auth0_client_grant", "auth0_client_grant.agent-a-grant", { client_id: "cli_2" }, {});
    expect(agentOf(stack([client("auth0_client.agent-a", "a", "cli_1"), grant], [client("auth0_client.agent-b", "b", "cli_2")]), grant)).toBe("b");
  });

  test("given a new grant of a new client, when its agent is asked, then the client whose resource name its own starts with, the longest", () => {
    const grant = change("auth0_client_grant", "auth0_client_grant.agent-a-b-grant", {}, {}, { afterUnknown: { client_id: true } });
    const plan = stack([client("auth0_client.agent-a", "a"), client("auth0_client.agent-a-b", "a-b"), client("auth0_client.agent-ab", "ab"), grant]);
    expect(agentOf(plan, grant)).toBe("a-b");
  });

  test("given no client matches, when its agent is asked, then none", () => {
    const grant = change("auth0_client_grant", "auth0_client_grant.agent-x-grant", { client_id: "cli_9" }, {});
    expect(agentOf(stack([client("auth0_client.agent-xy", "xy", "cli_1"), change("auth0_role", "auth0_role.agent-x", {}, { name: "role" })]), grant)).toBeUndefined();
  });

  test("given a client being deleted, when the agent of its credentials is asked, then its old name", () => {
    const credentials = change("auth0_client_credentials", "auth0_client_credentials.agent-a-credentials", { client_id: "cli_1" }, {});
    const deleted = change("auth0_client", "auth0_client.agent-a", { name: "old", client_id: "cli_1" }, {});
    expect(agentOf(stack([deleted, credentials]), credentials)).toBe("old");
  });

  test("given role permissions with a role id, when the role is asked, then the role with that id", () => {
    const permissions = change("auth0_role_permissions", "auth0_role_permissions.role-a-permissions", {}, { role_id: "rol_2" });
    const roles = [change("auth0_role", "auth0_role.role-a", {}, { id: "rol_1", name: "A" }), change("auth0_role", "auth0_role.role-b", { id: "rol_2", name: "B" }, { id: "rol_2", name: "B" })];
    expect(roleOf(stack([permissions, ...roles]), permissions)).toBe("B");
  });
});

describe("the public keys of credentials", () => {
  test("given keys with a name, only a key id, or neither, when named, then name, else key id, else said unnamed", () => {
    expect(keyNamesOf({ private_key_jwt: [{ credentials: [{ name: "k1", key_id: "id1" }, { key_id: "id2" }, {}] }] })).toEqual(["k1", "id2", "(unnamed key)"]);
  });

  test("given no private_key_jwt block, an empty one or one without credentials, when named, then no keys", () => {
    expect([keyNamesOf({}), keyNamesOf({ private_key_jwt: [] }), keyNamesOf({ private_key_jwt: [{}] }), keyNamesOf({ private_key_jwt: "x" })]).toEqual([[], [], [], []]);
  });
});
