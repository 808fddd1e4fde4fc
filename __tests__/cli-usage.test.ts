import * as fs from "fs";
import * as path from "path";
import { HELP, main, version } from "../src/cli/main";
import { runCli } from "./support/cli";
import { FIXTURE_ENV, ROOT } from "./support/project";

/** The `tenants` entry point as a user first meets it: the command list, the version, help anywhere. */
const tenants = (...args: string[]) => runCli(main, args, FIXTURE_ENV);

test("given --help, then the command list is written out: one line per command, summaries aligned, then the exit codes", () => {
  expect(HELP).toBe(
    [
      "Usage: tenants <command> [options]",
      "",
      "  new           write a new tenant file from the template",
      "  validate      check tenant files and the platform file, all problems at once",
      "  list          tenants with their stack and counts",
      "  affected      stacks whose Terraform JSON differs from a git ref",
      "  plan-summary  Markdown review of terraform show -json plans, risks on top",
      "  local         plan and apply stacks against the local Auth0 simulator",
      "  deploy        apply stacks: platform first, then tenants in parallel within Auth0's rate limit",
      "  drift         report stacks whose Auth0 objects differ from their configuration",
      "  adopt         import objects a killed apply left in Auth0 that state does not know",
      "",
      "Run tenants <command> --help (or -h) for a command's options; tenants --version for the version.",
      "Exit codes: 0 done, 1 problems found (invalid files, a failed plan), 2 wrong usage (nothing was done),",
      "3 risky plan (plan-summary --fail-on).",
    ].join("\n"),
  );
});

test("given help as a command, then the command list goes to stdout and it exits 0", async () => {
  expect(await tenants("help")).toEqual({ exitCode: 0, out: [HELP], err: [] });
});

test("given -v, then the version of package.json is printed", async () => {
  const { version: expected } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  expect(version()).toBe(expected);
  expect(await tenants("-v")).toEqual({ exitCode: 0, out: [`tenants ${expected}`], err: [] });
});

test("given -h after other arguments, then the command's usage is printed and nothing is done", async () => {
  const { exitCode, out, err } = await tenants("new", "acme", "--display-name", "Acme", "-h");
  expect({ exitCode, err, first: out[0].split("\n")[0] }).toEqual({ exitCode: 0, err: [], first: 'Usage: tenants new <name> [--display-name "Name"]' });
});

test("given a command that fails for another reason than its arguments, then the error is not turned into a usage error", async () => {
  // --output naming a folder: writing the summary fails with EISDIR, which is no usage error.
  const plans = path.join(ROOT, "__tests__", "fixtures", "plans", "recorded", "decommission");
  const [file] = fs.readdirSync(plans);
  await expect(tenants("plan-summary", path.join(plans, file), "--output", plans)).rejects.toThrow(expect.objectContaining({ code: "EISDIR" }));
});

test("given a command failing with an error that has no code (a bug), then that very error comes out, not one about its missing code", async () => {
  const bug = new Error("the disk is on fire");
  // The fs module itself (this file's `fs` is a copy of its bindings, which jest cannot replace).
  jest.spyOn(jest.requireActual<typeof fs>("fs"), "existsSync").mockImplementation(() => {
    throw bug;
  });
  try {
    await expect(tenants("new", "acme")).rejects.toBe(bug);
  } finally {
    jest.restoreAllMocks();
  }
});
