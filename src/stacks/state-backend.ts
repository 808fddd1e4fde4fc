import * as path from "path";
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
  /** Folder that holds one `<stack>.tfstate` per stack. @default "terraform-state" */
  readonly stateDir?: string;
  /** The synth output folder, to make the state path relative to each stack's folder. @default "cdktf.out" */
  readonly outdir?: string;
}

/**
 * Local state files under the project. CDKTF's default path is absolute, which breaks as
 * soon as the project is cloned elsewhere (CI, a colleague): these paths are relative to
 * the folder Terraform runs in, `cdktf.out/stacks/<stack>`.
 */
export function localState(props: LocalStateProps = {}): StateBackend {
  const stateDir = path.resolve(props.stateDir ?? "terraform-state");
  const outdir = path.resolve(props.outdir ?? "cdktf.out");
  const statePath = (fromStack: string, ofStack: string) =>
    path.relative(path.join(outdir, "stacks", fromStack), path.join(stateDir, `${ofStack}.tfstate`)).split(path.sep).join("/");
  return {
    attach(stack, stackName) {
      new LocalBackend(stack, { path: statePath(stackName, stackName) });
    },
    readPlatform(scope, id) {
      const stack = TerraformStack.of(scope);
      return new DataTerraformRemoteStateLocal(scope, id, { path: statePath(stack.node.id, PLATFORM_STACK) });
    },
  };
}
