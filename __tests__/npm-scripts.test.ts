import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { findTerraform } from "../src/local/terraform-cli";
import { ROOT } from "./support/project";

/** The npm scripts run cdktf, Terraform and the app without spurious errors in a fresh clone. */
const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts;

/** Runs `snippet` in sh after sourcing scripts/env.sh, from the project folder, as npm does. */
function withEnvSh(snippet: string, env: Record<string, string | undefined>) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !["TF_CLI_CONFIG_FILE", "CHECKPOINT_DISABLE"].includes(name)));
  return spawnSync("sh", ["-c", `. scripts/env.sh && ${snippet}`], { cwd: ROOT, env: { ...base, ...env } as NodeJS.ProcessEnv, encoding: "utf8" });
}

test.each(Object.entries(scripts).filter(([, command]) => /cdktf|node dist\/|jest|generate-bindings/.test(command)))(
  "given the npm script %s, which runs cdktf, Terraform, jest or the app, then it sources scripts/env.sh first",
  (_name, command) => {
    expect(command.startsWith(". scripts/env.sh && ")).toBe(true);
  },
);

test("given TF_CLI_CONFIG_FILE naming a file that does not exist, when env.sh is sourced, then it names the project's empty configuration, and checkpoint calls are off", () => {
  const run = withEnvSh('echo "$TF_CLI_CONFIG_FILE $CHECKPOINT_DISABLE"', { TF_CLI_CONFIG_FILE: "/nonexistent/.terraformrc" });
  expect(run.stdout.trim()).toBe(`${path.join(ROOT, "scripts", "empty.terraformrc")} 1`);
  expect(fs.existsSync(path.join(ROOT, "scripts", "empty.terraformrc"))).toBe(true);
});

test("given TF_CLI_CONFIG_FILE naming a file that exists, or unset, when env.sh is sourced, then it is left as it was", () => {
  const own = path.join(ROOT, "package.json");
  expect(withEnvSh('echo "$TF_CLI_CONFIG_FILE"', { TF_CLI_CONFIG_FILE: own }).stdout.trim()).toBe(own);
  expect(withEnvSh('echo "${TF_CLI_CONFIG_FILE-unset}"', {}).stdout.trim()).toBe("unset");
});

const terraform = findTerraform();
(terraform ? test : test.skip)("given TF_CLI_CONFIG_FILE naming a missing file, when Terraform runs under env.sh, then it prints no CLI configuration error", () => {
  const bare = withEnvSh(`TF_CLI_CONFIG_FILE=/nonexistent/.terraformrc "${terraform}" version`, {});
  expect(bare.stderr + bare.stdout).toMatch(/CLI configuration/); // without the fix: the red lines of the issue
  const fixed = withEnvSh(`"${terraform}" version`, { TF_CLI_CONFIG_FILE: "/nonexistent/.terraformrc" });
  expect({ status: fixed.status, output: fixed.stderr + fixed.stdout }).toEqual({ status: 0, output: expect.not.stringMatching(/CLI configuration/) });
});
