import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalAuth0 } from "../src/local/local-auth0";
import { FIXTURE_ENV } from "./support/project";

/** `tenants local env`: what cdktf needs to run against the simulator from the project folder. */
jest.setTimeout(60_000);

const project = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-local-env-"));
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

test("given the fixture files, when asking for the cdktf environment, then it names the simulator's CLI config, store, local state and variables, and seeds every member", async () => {
  const sim = new LocalAuth0(path.join(project, ".local-auth0"));
  const problems: string[] = [];
  const env = await sim.cdktfEnv({ ...FIXTURE_ENV, TF_VAR_google_oauth2_client_secret: undefined }, project, (l) => problems.push(l));
  expect(problems).toEqual([]);
  expect(env).toEqual({
    TF_CLI_CONFIG_FILE: sim.cliConfigFile,
    AUTH0_SIM_STATE: sim.storeFile,
    TF_VAR_google_oauth2_client_secret: "simulated-google_oauth2_client_secret",
    CHECKPOINT_DISABLE: "1",
    STATE_BACKEND_FILE: path.join(sim.dir, "cdktf-state-backend.json"),
    CDKTF_IGNORE_MISSING_STACK_DEPENDENCIES: "true",
    CDKTF_SKIP_PROVIDER_LOCK: "true",
  });
  expect(fs.readFileSync(sim.cliConfigFile, "utf8")).toContain('dev_overrides {\n    "auth0/auth0"');
  // Stacks synthesized into cdktf.out of the project find the state `tenants local` keeps in .local-auth0/terraform-state.
  expect(JSON.parse(fs.readFileSync(env!.STATE_BACKEND_FILE, "utf8"))).toEqual({ type: "local", stateDir: ".local-auth0/terraform-state" });
  const emails = Object.values(sim.read().users ?? {}).map((u) => u.email);
  expect(emails).toEqual(expect.arrayContaining(["wile.e.coyote@acme.example", "bill.lumbergh@initech.example", "peter.gibbons@initech.example"]));
});

test("given a sensitive variable already set and a folder outside the project, then the value is kept and the state folder is absolute", async () => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-tenants-local-env-outside-"));
  try {
    const sim = new LocalAuth0(outside);
    const env = await sim.cdktfEnv({ ...FIXTURE_ENV, TF_VAR_google_oauth2_client_secret: "mine" }, project, () => undefined);
    expect(env?.TF_VAR_google_oauth2_client_secret).toBe("mine");
    expect(JSON.parse(fs.readFileSync(env!.STATE_BACKEND_FILE, "utf8"))).toEqual({ type: "local", stateDir: path.join(outside, "terraform-state") });
  } finally {
    fs.rmSync(outside, { recursive: true, force: true });
  }
});

test("given an invalid tenant file, then there is no environment and the problem is logged", async () => {
  const tenants = path.join(project, "broken-tenants");
  fs.mkdirSync(tenants);
  fs.writeFileSync(path.join(tenants, "broken.json"), "{");
  const problems: string[] = [];
  const sim = new LocalAuth0(path.join(project, "broken"));
  expect(await sim.cdktfEnv({ ...FIXTURE_ENV, TENANTS_DIR: tenants }, project, (l) => problems.push(l))).toBeUndefined();
  expect(problems.join("\n")).toContain("broken.json");
});
