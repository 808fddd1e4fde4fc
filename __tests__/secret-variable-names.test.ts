import { agentClientSecretVariable, ssoClientSecretVariable } from "../src/model/secret-variables";

/**
 * The Terraform variables that carry secrets into tenant stacks (`src/model/secret-variables.ts`):
 * CI sets them as `TF_VAR_<name>` from secrets of the same name, so each name is written out here.
 */
describe("given a tenant's single sign-on connection", () => {
  test("when its secret variable is named, then it is sso_client_secret_ and the tenant name", () => {
    expect(ssoClientSecretVariable("acme")).toBe("sso_client_secret_acme");
  });

  test("when the tenant name has '-', capitals or other characters, then each becomes '_' and letters are lowercase", () => {
    expect(ssoClientSecretVariable("ab-c")).toBe("sso_client_secret_ab_c");
    expect(ssoClientSecretVariable("Ab.C-1")).toBe("sso_client_secret_ab_c_1");
  });
});

describe("given an agent with a write-only secret", () => {
  test("when its secret variable is named, then it is agent_client_secret_, the tenant and the agent, each made safe", () => {
    expect(agentClientSecretVariable("acme", "ledger")).toBe("agent_client_secret_acme_ledger");
    expect(agentClientSecretVariable("Acme-X", "sync.2")).toBe("agent_client_secret_acme_x_sync_2");
  });

  test("when tenant acme-x's agent y and tenant acme's agent x-y are named, then both read one variable (which validation refuses)", () => {
    expect([agentClientSecretVariable("acme-x", "y"), agentClientSecretVariable("acme", "x-y")]).toEqual(["agent_client_secret_acme_x_y", "agent_client_secret_acme_x_y"]);
  });
});
