import { buildApp } from "../app";
import type { Fleet } from "../model/types";
import { withTerraformVersionCheckedOnce } from "./terraform-version-once";
import { withoutTokenStackTraces } from "./without-token-stack-traces";

/** Build and write the stacks of `fleet` into `outdir` in this thread; returns their names. */
export function synthStacks(fleet: Fleet, outdir: string, env: NodeJS.ProcessEnv = process.env): string[] {
  return withoutTokenStackTraces(
    () =>
      withTerraformVersionCheckedOnce(() => {
        const app = buildApp(fleet, { outdir });
        app.synth();
        return app.node.children.map((stack) => stack.node.id);
      }),
    env,
  );
}
