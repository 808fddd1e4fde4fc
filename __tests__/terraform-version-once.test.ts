// CDKTF's Terraform version check runs once per synth, not once per stack or import.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ValidateBinaryVersion } from "cdktf/lib/validations/validate-binary-version";
import { withTerraformVersionCheckedOnce } from "../src/synth/terraform-version-once";

describe("withTerraformVersionCheckedOnce", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tf-version-once-"));
  const calls = path.join(dir, "calls");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  // A stand-in `terraform version` that counts its runs.
  const check = (constraint: string) => new ValidateBinaryVersion("terraform", constraint, `echo run >> ${calls}; echo Terraform v1.11.4`);
  const runs = () => (fs.existsSync(calls) ? fs.readFileSync(calls, "utf8").split("\n").filter(Boolean).length : 0);

  test("given many identical checks and one other, when validated inside, then the command runs once per distinct check and answers are unchanged", () => {
    fs.rmSync(calls, { force: true });
    const answers = withTerraformVersionCheckedOnce(() => [...Array.from({ length: 5 }, () => check(">=1.5").validate()), check(">=2.0").validate()]);
    expect(runs()).toBe(2);
    expect(answers.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => []));
    expect(answers[5]).toEqual(["terraform version 1.11.4 is lower than the required version >=2.0 for this construct. "]);
  });

  test("given two checks that differ only in their hint, when validated inside, then each runs and keeps its own hint in its answer", () => {
    fs.rmSync(calls, { force: true });
    const hinted = (hint: string) => new ValidateBinaryVersion("terraform", ">=2.0", `echo run >> ${calls}; echo Terraform v1.11.4`, hint);
    const answers = withTerraformVersionCheckedOnce(() => [hinted("Moved blocks need 2.0.").validate(), hinted("Imports need 2.0.").validate()]);
    expect(runs()).toBe(2);
    expect(answers).toEqual([
      ["terraform version 1.11.4 is lower than the required version >=2.0 for this construct. Moved blocks need 2.0."],
      ["terraform version 1.11.4 is lower than the required version >=2.0 for this construct. Imports need 2.0."],
    ]);
  });

  test("given the wrapper has returned, when a check is validated, then it runs its command again (the patch is undone)", () => {
    fs.rmSync(calls, { force: true });
    withTerraformVersionCheckedOnce(() => check(">=1.5").validate());
    check(">=1.5").validate();
    expect(runs()).toBe(2);
  });
});
