import {
  CloudBackend,
  DataTerraformRemoteState,
  DataTerraformRemoteStateLocal,
  DataTerraformRemoteStateS3,
  LocalBackend,
  NamedCloudWorkspace,
  S3Backend,
  TerraformRemoteState,
  TerraformStack,
} from "cdktf";
import { Construct } from "constructs";
import * as path from "path";
import type { StateBackendConfig } from "../model/state-backend-file";
import { PLATFORM_STACK } from "../model/types";

/**
 * Where each stack keeps its Terraform state, and how a tenant stack reads the platform
 * stack's outputs. One state per stack, so a tenant's plan and apply never lock or touch
 * another tenant's resources.
 */
export interface StateBackend {
  /** Configure the backend of `stack`. */
  attach(stack: TerraformStack, stackName: string): void;
  /** A `terraform_remote_state` of the platform stack, read by a tenant stack. */
  readPlatform(scope: Construct, id: string): TerraformRemoteState;
}

export function stateBackend(config: StateBackendConfig): StateBackend {
  switch (config.type) {
    case "local":
      return localState(config.stateDir);
    case "s3":
      return s3State(config);
    case "cloud":
      return cloudState(config);
  }
}

/**
 * Local state files. A relative `stateDir` is under the project: CDKTF's default path is
 * absolute, which breaks as soon as the project is cloned elsewhere (CI, a colleague), so
 * the path is written relative to where Terraform runs each stack, `cdktf.out/stacks/<stack>`,
 * three folders below the project. An absolute `stateDir` (state kept outside every clone)
 * is written as given.
 */
function localState(stateDir: string): StateBackend {
  const base = path.isAbsolute(stateDir) ? stateDir : `../../../${stateDir}`;
  const statePath = (stackName: string) => path.posix.join(base.split(path.sep).join("/"), `${stackName}.tfstate`);
  return {
    attach(stack, stackName) {
      new LocalBackend(stack, { path: statePath(stackName) });
    },
    readPlatform(scope, id) {
      return new DataTerraformRemoteStateLocal(scope, id, { path: statePath(PLATFORM_STACK) });
    },
  };
}

/** One object per stack in one bucket, locked with a DynamoDB table or S3's own lock file. */
function s3State(config: Extract<StateBackendConfig, { type: "s3" }>): StateBackend {
  const settings = (stackName: string) => ({
    bucket: config.bucket,
    key: `${config.keyPrefix}${stackName}.tfstate`,
    region: config.region,
    encrypt: true,
  });
  return {
    attach(stack, stackName) {
      const backend = new S3Backend(stack, { ...settings(stackName), dynamodbTable: config.dynamodbTable });
      // Terraform 1.10+ locks with a lock file next to the state when no table is given.
      if (!config.dynamodbTable) backend.addOverride("use_lockfile", true);
    },
    readPlatform(scope, id) {
      return new DataTerraformRemoteStateS3(scope, id, settings(PLATFORM_STACK));
    },
  };
}

/** One HCP Terraform workspace per stack; the platform workspace must share its state with the tenant workspaces. */
function cloudState(config: Extract<StateBackendConfig, { type: "cloud" }>): StateBackend {
  const workspace = (stackName: string) => `${config.workspacePrefix}${stackName}`;
  return {
    attach(stack, stackName) {
      new CloudBackend(stack, { hostname: config.hostname, organization: config.organization, workspaces: new NamedCloudWorkspace(workspace(stackName)) });
    },
    readPlatform(scope, id) {
      return new DataTerraformRemoteState(scope, id, {
        hostname: config.hostname,
        organization: config.organization,
        workspaces: { name: workspace(PLATFORM_STACK) },
      });
    },
  };
}
