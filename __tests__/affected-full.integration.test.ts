import * as fs from "fs";
import { affectedCommand } from "../src/cli/affected-command";
import { runCli } from "./support/cli";
import { minimalTenantsProject } from "./support/git-project";
import { minimalTenant } from "./support/project";

/**
 * `tenants affected --full` builds the base commit with its own code (generate the bindings,
 * tsc, synth in a child process): most of a minute, so it runs with `npm run test:integration`.
 * The proportional comparison itself is tested in process in affected-proportional.test.ts.
 */
jest.setTimeout(300_000);

const project = minimalTenantsProject();
const affected = (...args: string[]) => runCli(affectedCommand, ["--base", "HEAD", ...args], {}, project.dir);

afterAll(() => project.remove());

describe("tenants affected", () => {
  test("given tenants added, edited and a decommissioned one deleted, when compared proportionally and in full, then both give the same answer", async () => {
    project.writeJson("tenants/alpha.json", { ...minimalTenant("alpha"), displayName: "Alpha Inc." });
    project.writeJson("tenants/delta.json", minimalTenant("delta"));
    fs.rmSync(project.file("tenants/leaving.json"));
    const proportional = await affected("--format", "json");
    expect(proportional).toEqual({
      exitCode: 0,
      out: [JSON.stringify({ stacks: ["tenant-alpha", "tenant-delta"], tenants: ["tenant-alpha", "tenant-delta"], platform: false, removed: ["tenant-leaving"] })],
      err: [],
    });
    expect(await affected("--format", "json", "--full")).toEqual(proportional);
  });
});
