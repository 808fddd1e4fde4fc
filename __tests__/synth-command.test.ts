import * as fs from "fs";
import * as path from "path";
import { minimalTenant, TempProject } from "./support/project";

let project: TempProject;
beforeEach(() => (project = new TempProject()));
afterEach(() => project.remove());

const read = (file: string) => fs.readFileSync(path.join(project.outdir, file), "utf8");

describe("given a platform file and two tenant files", () => {
  beforeEach(() => {
    project.tenant("alpha", minimalTenant("alpha"));
    project.tenant("beta", minimalTenant("beta"));
  });

  test("when synthesizing, then it exits 0 and writes one stack per tenant plus platform, and a manifest", async () => {
    expect(await project.synth()).toEqual({ exitCode: 0, output: "" });
    expect(project.outputFiles()).toEqual([
      "manifest.json",
      "stacks/platform/cdk.tf.json",
      "stacks/tenant-alpha/cdk.tf.json",
      "stacks/tenant-beta/cdk.tf.json",
    ]);
  });

  test("when synthesizing, then the manifest makes every tenant stack depend on the platform stack, so deploys apply the platform first", async () => {
    await project.synth();
    const manifest = JSON.parse(read("manifest.json"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(["platform", "tenant-alpha", "tenant-beta"]);
    expect(manifest.stacks.platform.dependencies).toEqual([]);
    expect(manifest.stacks["tenant-alpha"].dependencies).toEqual(["platform"]);
    expect(manifest.stacks["tenant-beta"].dependencies).toEqual(["platform"]);
  });

  test("when a tenant file is deleted and synth runs again, then its stale stack folder is gone from the output", async () => {
    await project.synth();
    fs.rmSync(path.join(project.tenantsDir, "beta.json"));
    expect((await project.synth()).exitCode).toBe(0);
    expect(project.outputFiles()).toEqual(["manifest.json", "stacks/platform/cdk.tf.json", "stacks/tenant-alpha/cdk.tf.json"]);
  });
});

describe("given a tenant file with several connections, members and agents", () => {
  const tenant: Record<string, any> = {
    ...minimalTenant("order"),
    metadata: { b: "2", a: "1" },
    connections: [{ name: "Username-Password-Authentication" }, { name: "google-oauth2" }, { name: "Partners-Database" }],
    members: [
      { email: "zed@order.example", connection: "google-oauth2", roles: ["member", "admin"] },
      { userId: "auth0|aaa", roles: ["billing"] },
      { email: "amy@order.example", connection: "Partners-Database" },
    ],
    agents: [
      { name: "zulu", scopes: ["write:data", "read:data"] },
      { name: "alpha", scopes: ["read:reports"] },
    ],
  };

  test("when every list and map in it is reordered, then the written Terraform JSON is byte for byte the same", async () => {
    project.tenant("order", tenant);
    await project.synth();
    const before = read("stacks/tenant-order/cdk.tf.json");

    project.tenant("order", {
      agents: [...tenant.agents].reverse().map((a) => ({ ...a, scopes: [...a.scopes].reverse() })),
      members: [...tenant.members].reverse().map((m) => ({ ...m, roles: m.roles && [...m.roles].reverse() })),
      connections: [...tenant.connections].reverse(),
      metadata: { a: "1", b: "2" },
      displayName: tenant.displayName,
      name: tenant.name,
    });
    expect((await project.synth()).exitCode).toBe(0);
    expect(read("stacks/tenant-order/cdk.tf.json")).toEqual(before);
  });
});
