import { spawn } from "child_process";
import { adoptCommand } from "../src/deploy/adopt-command";
import { runCli } from "../__tests__/support/cli";
import { changeLines } from "./support/workspace";
import { appliedWorkspace, describeWithTerraform, terraformBinary } from "./support/terraform-suite";

/**
 * Crash recovery without a reset: terraform is killed in the middle of an apply, so the
 * simulated Auth0 holds objects that state does not know; `tenants adopt` finds and
 * imports them, and the next apply finishes the job without a duplicate.
 */
describeWithTerraform("an apply killed part-way, then tenants adopt", () => {
  const workspace = appliedWorkspace(["platform"]);
  const named = (type: string, name: string) => Object.values(workspace().auth0.resources(type)).filter((o) => o.name === name);

  test("given terraform killed by SIGKILL while applying tenant-acme, when tenants adopt runs, then what Auth0 has is imported and the next apply completes with no duplicate", async () => {
    const ws = workspace();
    ws.plan("tenant-acme");
    // Auth0 links the connections but the answer never arrives, so Terraform cannot have
    // recorded the links when it is killed.
    const apply = spawn(terraformBinary!, ["apply", "-input=false", "-no-color", "stack.tfplan"], {
      cwd: ws.auth0.stackDir("tenant-acme"),
      env: { ...ws.terraformEnv("tenant-acme"), AUTH0_SIM_LOSE_ANSWER: "auth0_organization_connections" },
      stdio: "ignore",
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => apply.on("close", (_code, signal) => resolve(signal)));
    while (named("auth0_organization", "acme").length === 0 || Object.keys(ws.auth0.resources("auth0_organization_connections")).length === 0) {
      await new Promise((r) => setTimeout(r, 100));
    }
    apply.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    await new Promise((r) => setTimeout(r, 2500)); // the orphaned provider finishes its call and exits

    // State lost what was created after Terraform last saved it: a plan wants to create
    // the organization's connection links again, which Auth0 already has.
    const organizationId = Object.entries(ws.auth0.resources("auth0_organization")).find(([, o]) => o.name === "acme")![0];
    expect(ws.auth0.resources("auth0_organization_connections")[organizationId]).toBeDefined();
    expect(changeLines(ws.plan("tenant-acme"))).toContain("create auth0_organization_connections.connections");

    const adopted = await runCli(adoptCommand, ["tenant-acme"], ws.terraformEnv("tenant-acme"), ws.root);
    expect(adopted.err).toEqual([]);
    expect(adopted.exitCode).toBe(0);
    expect(adopted.out).toContain(`imported auth0_organization_connections.connections = ${organizationId}`);
    expect(adopted.out.at(-1)).toMatch(/^tenant-acme: \d+ objects adopted\. Deploy again\.$/);

    const plan = changeLines(ws.plan("tenant-acme"));
    expect(plan.filter((l) => l.startsWith("create auth0_organization.") || l.startsWith("create auth0_organization_connections."))).toEqual([]);
    ws.apply("tenant-acme");
    expect(ws.planExitCode("tenant-acme")).toBe(0);
    expect(named("auth0_organization", "acme")).toHaveLength(1);
    for (const agent of ["billing-sync", "data-importer"]) {
      const clients = Object.values(ws.auth0.resources("auth0_client")).filter((c) => String(c.name).includes(agent));
      expect({ agent, clients: clients.length }).toEqual({ agent, clients: 1 });
    }
  }, 600_000);

  test("given nothing lost, when tenants adopt runs, then it imports nothing and says so", async () => {
    const ws = workspace();
    const adopted = await runCli(adoptCommand, ["tenant-acme"], ws.terraformEnv("tenant-acme"), ws.root);
    expect(adopted.exitCode).toBe(0);
    expect(adopted.out.at(-1)).toBe("tenant-acme: nothing to adopt: state knows every object Auth0 has.");
  }, 300_000);
});
