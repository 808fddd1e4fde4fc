import { TerraformElement } from "cdktf";
import { Construct } from "constructs";

/**
 * A Terraform `removed` block with `destroy = false`: Terraform forgets the object at
 * `from` and leaves it in Auth0 (Terraform 1.7+). CDKTF 0.21 has no construct for it; the
 * block is merged into the stack like any other element. A block whose address is not in
 * state does nothing, so it may stay for as long as the change that needs it.
 */
export class ForgetWithoutDestroying extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    /** Resource address, e.g. `auth0_organization_connections.connections`. */
    private readonly from: string,
  ) {
    super(scope, id);
  }

  toTerraform(): Record<string, unknown> {
    return { removed: [{ from: this.from, lifecycle: { destroy: false } }] };
  }
}
