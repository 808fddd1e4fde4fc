import * as fs from "fs";
import * as path from "path";
import { minimalTenant, synthFleet, TempProject } from "./support/project";

let project: TempProject;
beforeEach(() => {
  project = new TempProject();
  project.tenant("acme", minimalTenant("acme"));
});
afterEach(() => project.remove());

/** Synthesizes the project with `state-backend.json` holding `config`. */
function synthWithBackend(config: Record<string, unknown>) {
  const file = path.join(project.dir, "state-backend.json");
  fs.writeFileSync(file, JSON.stringify(config));
  const { fleet, errors } = project.check({ STATE_BACKEND_FILE: file });
  if (!fleet) throw new Error(errors.map((e) => e.format()).join("\n"));
  return synthFleet(fleet);
}

describe("given no state-backend.json", () => {
  test("then each stack keeps local state at a path relative to the project, and tenants read the platform's", () => {
    const stacks = synthFleet(project.fleet());
    expect(stacks.platform.terraform.backend).toEqual({ local: { path: "../../../terraform-state/platform.tfstate" } });
    expect(stacks["tenant-acme"].terraform.backend).toEqual({ local: { path: "../../../terraform-state/tenant-acme.tfstate" } });
    expect(stacks["tenant-acme"].data.terraform_remote_state.platform).toEqual({ backend: "local", config: { path: "../../../terraform-state/platform.tfstate" } });
  });
});

describe("given a local backend whose stateDir is an absolute path", () => {
  test("then every stack keeps its state under that path as given, not inside the project", () => {
    const stacks = synthWithBackend({ type: "local", stateDir: "/var/lib/auth0-state" });
    expect(stacks.platform.terraform.backend).toEqual({ local: { path: "/var/lib/auth0-state/platform.tfstate" } });
    expect(stacks["tenant-acme"].terraform.backend).toEqual({ local: { path: "/var/lib/auth0-state/tenant-acme.tfstate" } });
    expect(stacks["tenant-acme"].data.terraform_remote_state.platform.config).toEqual({ path: "/var/lib/auth0-state/platform.tfstate" });
  });
});

describe("given a local backend whose stateDir is a relative path", () => {
  test("then it is under the project, written relative to the stack folder", () => {
    const stacks = synthWithBackend({ type: "local", stateDir: "state/auth0" });
    expect(stacks.platform.terraform.backend).toEqual({ local: { path: "../../../state/auth0/platform.tfstate" } });
  });
});

describe("given an S3 backend in state-backend.json", () => {
  test("then each stack has its own key in the bucket, encrypted and locked with the DynamoDB table", () => {
    const stacks = synthWithBackend({ type: "s3", bucket: "acme-tf-state", region: "eu-central-1", keyPrefix: "auth0/", dynamodbTable: "tf-locks" });
    expect(stacks["tenant-acme"].terraform.backend).toEqual({
      s3: { bucket: "acme-tf-state", key: "auth0/tenant-acme.tfstate", region: "eu-central-1", encrypt: true, dynamodb_table: "tf-locks" },
    });
    expect(stacks.platform.terraform.backend.s3.key).toBe("auth0/platform.tfstate");
    expect(stacks["tenant-acme"].data.terraform_remote_state.platform).toEqual({
      backend: "s3",
      config: { bucket: "acme-tf-state", key: "auth0/platform.tfstate", region: "eu-central-1", encrypt: true },
    });
  });

  test("then without a lock table it locks with S3's lock file", () => {
    const stacks = synthWithBackend({ type: "s3", bucket: "acme-tf-state", region: "eu-central-1" });
    expect(stacks["tenant-acme"].terraform.backend).toEqual({
      s3: { bucket: "acme-tf-state", key: "tenant-acme.tfstate", region: "eu-central-1", encrypt: true, use_lockfile: true },
    });
  });
});

describe("given HCP Terraform in state-backend.json", () => {
  test("then each stack has its own workspace and tenants read the platform workspace's outputs", () => {
    const stacks = synthWithBackend({ type: "cloud", organization: "acme", workspacePrefix: "auth0-" });
    expect(stacks["tenant-acme"].terraform.cloud).toEqual({ hostname: "app.terraform.io", organization: "acme", workspaces: { name: "auth0-tenant-acme" } });
    expect(stacks.platform.terraform.cloud.workspaces).toEqual({ name: "auth0-platform" });
    expect(stacks["tenant-acme"].terraform.backend).toBeUndefined();
    expect(stacks["tenant-acme"].data.terraform_remote_state.platform).toEqual({
      backend: "remote",
      config: { hostname: "app.terraform.io", organization: "acme", workspaces: { name: "auth0-platform" } },
    });
  });
});

describe("given a state-backend.json with a typo", () => {
  test("then it is reported like any configuration problem, with file, line and path", () => {
    const file = path.join(project.dir, "state-backend.json");
    fs.writeFileSync(file, JSON.stringify({ type: "s3", bucket: "acme-tf-state", region: "eu-central-1", dynamoTable: "x" }, null, 2));
    const { errors } = project.check({ STATE_BACKEND_FILE: file });
    expect(errors.map((e) => e.format())).toEqual([
      `${file}:5:3: $.dynamoTable: unknown key "dynamoTable" (received "dynamoTable"). Did you mean "dynamodbTable"?`,
    ]);
  });
});
