// Not exported by the package root; the same class every version check extends.
import { ValidateBinaryVersion } from "cdktf/lib/validations/validate-binary-version";

/** What a version check reads: the command it runs and what it requires of the answer. */
interface VersionCheck {
  readonly versionCommand: string;
  readonly versionConstraint: string;
  readonly hint?: string;
}

/**
 * CDKTF checks the Terraform version for every stack with a `moved` block and every resource
 * with an import block, each time by running `terraform version` (execSync). Tenant stacks
 * carry `moved` blocks for renamed members, so at 1,000 tenants that was 1,000 Terraform
 * processes and about 0.1 CPU-second each: 25 times the rest of synth (README,
 * "Performance"). The answer cannot change during one synth: while `build` runs, each
 * distinct check runs once and its answer (the same messages) is reused.
 */
export function withTerraformVersionCheckedOnce<T>(build: () => T): T {
  const proto = ValidateBinaryVersion.prototype;
  const validate = proto.validate;
  const answers = new Map<string, string[]>();
  proto.validate = function (this: ValidateBinaryVersion): string[] {
    const check = this as unknown as VersionCheck;
    const key = JSON.stringify([check.versionCommand, check.versionConstraint, check.hint]);
    const answer = answers.get(key) ?? validate.call(this);
    answers.set(key, answer);
    return [...answer];
  };
  try {
    return build();
  } finally {
    proto.validate = validate;
  }
}
