import { findTerraform } from "../../src/local/terraform-cli";

/**
 * Jest globalSetup of the end-to-end suite. Without Terraform the story cannot run: on a
 * developer machine it is skipped with a warning (see simulator.e2e.test.ts), but in CI
 * (CI=true) a run that proves nothing must fail, with one line saying why.
 */
export default function requireTerraform(): void {
  if (process.env.CI !== "true" || findTerraform()) return;
  const looked = process.env.TERRAFORM_BINARY_NAME ? `TERRAFORM_BINARY_NAME=${process.env.TERRAFORM_BINARY_NAME} does not exist` : "no terraform on PATH";
  process.stderr.write(`e2e: ${looked}; CI=true needs Terraform 1.11 to run the end-to-end tests (install it, or set TERRAFORM_BINARY_NAME)\n`);
  process.exit(1);
}
