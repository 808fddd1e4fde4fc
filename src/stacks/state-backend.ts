import { DataTerraformRemoteStateLocal, LocalBackend, TerraformStack } from "cdktf";
import { Construct } from "constructs";
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
  readPlatform(scope: Construct, id: string): DataTerraformRemoteStateLocal;
}

export interface LocalStateProps {
  /** Folder, relative to the project (the folder that holds `cdktf.out`), with one `<stack>.tfstate` per stack. @default "terraform-state" */
  readonly stateDir?: string;
}

/**
 * Local state files under the project. CDKTF's default path is absolute, which breaks as
 * soon as the project is cloned elsewhere (CI, a colleague). Terraform runs each stack in
 * `cdktf.out/stacks/<stack>`, so the project is three folders up from there.
 */
export function localState(props: LocalStateProps = {}): StateBackend {
  const statePath = (stackName: string) => `../../../${props.stateDir ?? "terraform-state"}/${stackName}.tfstate`;
  return {
    attach(stack, stackName) {
      new LocalBackend(stack, { path: statePath(stackName) });
    },
    readPlatform(scope, id) {
      return new DataTerraformRemoteStateLocal(scope, id, { path: statePath(PLATFORM_STACK) });
    },
  };
}
