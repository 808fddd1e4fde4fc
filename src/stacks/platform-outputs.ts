import { Fn, TerraformRemoteState } from "cdktf";

/**
 * The platform stack's outputs are the contract tenant stacks build on. Every role and
 * connection id is exported, whether a tenant uses it yet or not, so adding a tenant never
 * changes the platform stack.
 */
export const PLATFORM_OUTPUTS = {
  roleIds: "role_ids",
  connectionIds: "connection_ids",
  apiIdentifier: "api_identifier",
  loginClientId: "login_client_id",
} as const;

/** Typed access to the platform outputs from inside a tenant stack. */
export class PlatformOutputs {
  constructor(private readonly state: TerraformRemoteState) {}

  roleId(key: string): string {
    return Fn.lookup(this.state.get(PLATFORM_OUTPUTS.roleIds), key);
  }

  connectionId(name: string): string {
    return Fn.lookup(this.state.get(PLATFORM_OUTPUTS.connectionIds), name);
  }

  /** The login application, which every tenant's enterprise connection is enabled for. */
  loginClientId(): string {
    return this.state.getString(PLATFORM_OUTPUTS.loginClientId);
  }
}
