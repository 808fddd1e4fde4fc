import * as fs from "fs";
import * as path from "path";
import { deployCommand, driftCommand } from "../src/deploy/deploy-command";
import { runCli } from "../__tests__/support/cli";
import { Workspace } from "./support/workspace";
import { describeWithTerraform, terraformBinary } from "./support/terraform-suite";

/**
 * The fleet scheduler (`tenants deploy`, `tenants drift`) on the simulated Auth0, and the
 * platform ripple: a role the platform re-creates gets a new id, which tenant stacks read
 * from the platform's outputs; their JSON does not change, so only the platform's plan says
 * they must follow, and the deploy applies them in the same run.
 */
describeWithTerraform("tenants deploy and tenants drift against the simulator", () => {
  let ws: Workspace;
  let env: NodeJS.ProcessEnv;
  const cli = (command: typeof deployCommand, ...args: string[]) =>
    runCli(command, ["--outdir", ws.auth0.outdir, "--plans", path.join(ws.root, "plans"), "--run-state", path.join(ws.root, `${command === deployCommand ? "deploy" : "drift"}-run.json`), "--concurrency", "3", ...args], env, ws.root);
  /** The RESULT column of a stack's row in the printed result table. */
  const status = (out: string[], stack: string) =>
    out
      .flatMap((l) => l.split("\n"))
      .find((l) => l.startsWith(`${stack} `))
      ?.split(/\s+/)[1];

  beforeAll(async () => {
    ws = new Workspace(terraformBinary!);
    await ws.synth();
    env = { ...ws.terraformEnv("platform"), TENANTS_DIR: ws.tenantsDir, PLATFORM_FILE: ws.platformFile, TF_PLUGIN_CACHE_DIR: path.join(ws.root, "plugin-cache") };
  }, 300_000);
  afterAll(() => ws.remove());

  test("given an empty Auth0, when every stack is deployed, then each is applied, platform first, and the drift check finds every stack clean", async () => {
    const deployed = await cli(deployCommand);
    expect(deployed.err).toEqual([]);
    expect(deployed.exitCode).toBe(0);
    expect(deployed.out.find((l) => /^\S+: applied/.test(l))).toMatch(/^platform: applied/);
    // A decommissioned tenant (the fixtures' tenant-leaving) has nothing to apply.
    for (const stack of ws.stacks()) expect({ stack, status: status(deployed.out, stack) }).toEqual({ stack, status: stack === "tenant-leaving" ? "unchanged" : "applied" });
    const drift = await cli(driftCommand);
    expect(drift.exitCode).toBe(0);
    for (const stack of ws.stacks()) expect({ stack, status: status(drift.out, stack) }).toEqual({ stack, status: "clean" });
  }, 900_000);

  test("given a platform role deleted by hand, when only the platform is deployed, then the tenants that give that role are planned and applied in the same run, and the drift check is clean", async () => {
    const store = ws.auth0.read();
    const [roleId] = Object.entries(store.resources!.auth0_role).find(([, role]) => role.name === "Organization Member")!;
    delete store.resources!.auth0_role[roleId];
    ws.auth0.write(store);
    const usingMember = fs
      .readdirSync(ws.tenantsDir)
      .map((f) => JSON.parse(fs.readFileSync(path.join(ws.tenantsDir, f), "utf8")))
      .filter((t) => t.status !== "decommissioned" && (t.members ?? []).some((m: { roles: string[] }) => m.roles.includes("member")))
      .map((t) => `tenant-${t.name}`)
      .sort();
    expect(usingMember.length).toBeGreaterThan(0);

    const deployed = await cli(deployCommand, "platform");
    expect(deployed.err).toEqual([]);
    expect(deployed.exitCode).toBe(0);
    expect(deployed.out).toContain(`The platform gave new ids to roles or connections that ${usingMember.join(", ")} use: they are planned and applied in this run.`);
    expect(status(deployed.out, "platform")).toBe("applied");
    for (const stack of usingMember) expect({ stack, status: status(deployed.out, stack) }).toEqual({ stack, status: "applied" });

    const drift = await cli(driftCommand);
    expect(drift.exitCode).toBe(0);
    for (const stack of ws.stacks()) expect({ stack, status: status(drift.out, stack) }).toEqual({ stack, status: "clean" });
  }, 900_000);
});
