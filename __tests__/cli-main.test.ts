import { spawn } from "child_process";
import * as path from "path";
import { HELP, main, version } from "../src/cli/main";
import { runCli } from "./support/cli";
import { FIXTURE_ENV, ROOT } from "./support/project";

/** The `tenants` entry point: help, version, and one exit-code convention for every command. */
jest.setTimeout(60_000); // one test starts the compiled command, slow on a loaded machine
const COMMANDS = ["new", "validate", "list", "affected", "plan-summary", "local"];
const tenants = (...args: string[]) => runCli(main, args, FIXTURE_ENV);

test("given --version, then it prints the package version and exits 0", async () => {
  expect(version()).toMatch(/^\d+\.\d+\.\d+/);
  expect(await tenants("--version")).toEqual({ exitCode: 0, out: [`tenants ${version()}`], err: [] });
});

test("given -h or --help alone, then the command list is printed to stdout and it exits 0", async () => {
  expect(await tenants("-h")).toEqual({ exitCode: 0, out: [HELP], err: [] });
  expect(await tenants("--help")).toEqual({ exitCode: 0, out: [HELP], err: [] });
});

test("given no command, then the command list goes to stderr and it exits 2", async () => {
  expect(await tenants()).toEqual({ exitCode: 2, out: [], err: [HELP] });
});

test.each(COMMANDS.flatMap((command) => [[command, "-h"], [command, "--help"]]))("given tenants %s %s, then its usage is printed and it exits 0 without doing anything", async (command, flag) => {
  const { exitCode, out, err } = await tenants(command, flag);
  expect({ exitCode, err }).toEqual({ exitCode: 0, err: [] });
  expect(out.join("\n")).toMatch(new RegExp(`^Usage: tenants ${command}\\b`));
});

test("given an unknown command, then one line names it and the commands, and it exits 2", async () => {
  expect(await tenants("lst")).toEqual({
    exitCode: 2,
    out: [],
    err: ['tenants: unknown command "lst"; the commands are new, validate, list, affected, plan-summary, local, deploy, drift, adopt. Run `tenants --help` for usage.'],
  });
});

test("given an unknown option, then it is one line and exit 2", async () => {
  const { exitCode, err } = await tenants("list", "--colour");
  expect(exitCode).toBe(2);
  expect(err).toHaveLength(1);
  expect(err[0]).toMatch(/^tenants list: Unknown option '--colour'.* Run `tenants list --help` for usage\.$/);
});

test.each([["list"], ["validate"]])("given tenants %s --format yaml, then it is one line and exit 2", async (command) => {
  expect(await tenants(command, "--format", "yaml")).toEqual({
    exitCode: 2,
    out: [],
    err: [`tenants ${command}: --format must be text or json (received "yaml"). Run \`tenants ${command} --help\` for usage.`],
  });
});

test("given tenants new without a name, then the missing argument is a usage error: one line, exit 2", async () => {
  expect(await tenants("new")).toEqual({
    exitCode: 2,
    out: [],
    err: ["tenants new: give exactly one tenant name (received 0), e.g. tenants new newco. Run `tenants new --help` for usage."],
  });
});

test("given an option without its value, then it is a usage error, exit 2", async () => {
  const { exitCode, err } = await tenants("list", "--format");
  expect(exitCode).toBe(2);
  expect(err[0]).toMatch(/^tenants list: Option '--format <value>' argument missing/);
});

test("given the compiled command piped into a reader that has gone away, when it writes, then it neither crashes nor prints EPIPE, and exits with its own code", async () => {
  const child = spawn(process.execPath, [path.join(ROOT, "dist", "src", "cli", "main.js"), "list", "--format", "json"], {
    env: { ...process.env, ...FIXTURE_ENV },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.destroy(); // as `| head -0` does: the read end closes before the first write
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const code = await new Promise((resolve) => child.on("close", resolve));
  expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
});
