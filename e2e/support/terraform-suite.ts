import { findTerraform } from "../../src/local/terraform-cli";
import { Workspace } from "./workspace";

/** The Terraform the end-to-end tests run: TERRAFORM_BINARY_NAME, else `terraform` on PATH. */
export const terraformBinary = findTerraform();

/**
 * `describe` when Terraform is there; otherwise the suite is skipped with a loud line (on a
 * developer machine: under CI=true the global setup has already failed the run).
 */
export function describeWithTerraform(title: string, body: () => void): void {
  if (terraformBinary) return describe(title, body);
  const looked = process.env.TERRAFORM_BINARY_NAME ? `TERRAFORM_BINARY_NAME=${process.env.TERRAFORM_BINARY_NAME} does not exist` : "no terraform on PATH";
  console.warn(`\n*** SKIPPED: ${looked}: "${title}" did not run. Install Terraform 1.11 or set TERRAFORM_BINARY_NAME. ***\n`);
  describe.skip(title, body);
}

/**
 * A workspace on the test fixtures, synthesized, with `stacks` planned and applied in order
 * before the suite's tests, and removed after them. Call it inside the suite's `describe`.
 */
export function appliedWorkspace(stacks: readonly string[]): () => Workspace {
  let ws: Workspace | undefined;
  beforeAll(async () => {
    ws = new Workspace(terraformBinary!);
    await ws.synth();
    for (const stack of stacks) {
      ws.plan(stack);
      ws.apply(stack);
    }
  }, 300_000);
  afterAll(() => ws?.remove());
  return () => ws!;
}
