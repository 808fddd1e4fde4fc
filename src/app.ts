import { App } from "cdktf";
import type { Fleet } from "./model/types";
import { PlatformStack } from "./stacks/platform-stack";
import { stateBackend } from "./stacks/state-backend";
import { TenantStack } from "./stacks/tenant-stack";

export interface FleetAppProps {
  /** Where `synth()` writes the stacks. @default $CDKTF_OUTDIR, else "cdktf.out" */
  readonly outdir?: string;
}

/**
 * The stack factory: one `platform` stack, and one `tenant-<name>` stack per tenant file,
 * all with the fleet's state backend (local state files unless `state-backend.json` says
 * otherwise). CDKTF validates every stack when it synthesizes (its default).
 */
export function buildApp(fleet: Fleet, props: FleetAppProps = {}): App {
  const app = new App({ outdir: props.outdir });
  const backend = stateBackend(fleet.stateBackend);
  const platform = new PlatformStack(app, { platform: fleet.platform, backend });
  for (const tenant of fleet.tenants) {
    const stack = new TenantStack(app, { tenant, platform: fleet.platform, backend });
    // Ordering for `cdktf deploy`: a tenant reads the platform stack's outputs.
    stack.addDependency(platform);
  }
  return app;
}
