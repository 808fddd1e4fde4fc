import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deflateRawSync } from "zlib";
import { RequestPacer } from "../src/deploy/request-pacer";
import { planStateVersion, ReviewedPlans, zipEntry } from "../src/deploy/reviewed-plans";
import { RunStateFile } from "../src/deploy/run-state";
import { FleetScheduler, Mode, SchedulerProps } from "../src/deploy/scheduler";
import { TerraformRun, TerraformRunner } from "../src/deploy/terraform-runner";
import { resultTable } from "../src/deploy/result-table";

/**
 * The scheduler, in-process, against a fake Terraform that answers each command from a
 * script and records the order of calls: no process is started.
 */
type Reply = Partial<TerraformRun> | ((call: number) => Partial<TerraformRun>);

const planJson = (changes: Array<[string, string[]]>, priorResources = 0) =>
  JSON.stringify({
    format_version: "1.2",
    prior_state: { values: { root_module: { resources: Array.from({ length: priorResources }, (_, i) => ({ type: "auth0_role", mode: "managed", values: { id: `r${i}` } })) } } },
    resource_changes: changes.map(([address, actions]) => ({ address, type: address.split(".")[0], mode: "managed", change: { actions, before: actions.includes("create") ? null : {}, after: actions.includes("delete") && actions.length === 1 ? null : {} } })),
  });

class FakeTerraform implements TerraformRunner {
  readonly calls: string[] = [];
  readonly running = new Set<string>();
  maxRunning = 0;
  killed?: NodeJS.Signals;
  private readonly counts = new Map<string, number>();

  constructor(private readonly replies: (stack: string, command: string) => Reply | undefined) {}

  async run(stack: string, args: readonly string[]): Promise<TerraformRun> {
    const command = args[0] === "state" ? "state pull" : args[0];
    const key = `${stack} ${command}`;
    this.calls.push(`${stack} ${args.join(" ")}`);
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    this.running.add(key);
    this.maxRunning = Math.max(this.maxRunning, this.running.size);
    await new Promise((r) => setTimeout(r, 1));
    this.running.delete(key);
    const reply = this.replies(stack, command);
    const r = typeof reply === "function" ? reply(n) : (reply ?? {});
    const defaults: Partial<TerraformRun> = command === "show" ? { stdout: planJson([[`auth0_organization.organization`, ["update"]]], 3) } : command === "plan" ? { status: 2 } : {};
    return { status: 0, stdout: "", stderr: "", seconds: 0, ...defaults, ...r };
  }

  killAll(signal: NodeJS.Signals): void {
    this.killed = signal;
  }
}

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploy-scheduler-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function scheduler(mode: Mode, stacks: string[], runner: FakeTerraform, extra: Partial<SchedulerProps> = {}) {
  const initialized = new Set<string>();
  const log: string[] = [];
  const s = new FleetScheduler({
    mode,
    stacks,
    runner,
    init: { needsInit: (st) => !initialized.has(st), recordInit: (st) => void initialized.add(st) },
    pacer: new RequestPacer(1000),
    concurrency: 2,
    tfParallelism: 4,
    runState: new RunStateFile(path.join(dir, "run.json"), "key-1"),
    planEstimate: () => 5,
    planDir: path.join(dir, "plans"),
    retry: { attempts: 3, baseMs: 1, maxMs: 4 },
    sleep: async () => undefined,
    log: (l) => log.push(l),
    ...extra,
  });
  return { s, log, initialized };
}

const statuses = (results: Array<{ stack: string; status: string }>) => Object.fromEntries(results.map((r) => [r.stack, r.status]));

describe("deploy", () => {
  test("given platform and three tenants, when deployed with concurrency 2, then platform is initialized, planned and applied alone before any tenant, and at most two run at once", async () => {
    const tf = new FakeTerraform(() => undefined);
    const { s } = scheduler("deploy", ["tenant-c", "tenant-a", "platform", "tenant-b"], tf);
    const run = await s.run();
    expect(run.ok).toBe(true);
    expect(tf.calls.slice(0, 4)).toEqual([
      "platform init -input=false",
      `platform plan -input=false -detailed-exitcode -parallelism=4 -out=deploy.tfplan`,
      "platform show -json deploy.tfplan",
      "platform apply -input=false -auto-approve -parallelism=4 deploy.tfplan",
    ]);
    expect(tf.calls.filter((c) => c.startsWith("tenant-")).length).toBe(12);
    expect(tf.maxRunning).toBeLessThanOrEqual(2);
    expect(statuses(run.results)).toEqual({ platform: "applied", "tenant-a": "applied", "tenant-b": "applied", "tenant-c": "applied" });
    // 3 resources refreshed while planning, 1 update written and read back.
    expect(run.results[0]).toMatchObject({ requests: 5, commands: 4, retries: 0 });
  });

  test("given stacks already initialized, when deployed, then terraform init is not run again", async () => {
    const tf = new FakeTerraform(() => undefined);
    const { s, initialized } = scheduler("deploy", ["platform", "tenant-a"], tf);
    initialized.add("platform").add("tenant-a");
    await s.run();
    expect(tf.calls.some((c) => c.includes(" init "))).toBe(false);
  });

  test("given the team's lock file, when a stack is initialized, then init may not change it", async () => {
    const tf = new FakeTerraform(() => undefined);
    await scheduler("deploy", ["tenant-a"], tf, { initArgs: ["-lockfile=readonly"] }).s.run();
    expect(tf.calls[0]).toBe("tenant-a init -input=false -lockfile=readonly");
  });

  test("given an init that fails once (concurrent inits on one plugin cache), when deployed, then init is tried again and the stack applies", async () => {
    const tf = new FakeTerraform((_, c) => (c === "init" ? (n: number) => (n === 1 ? { status: 1, stderr: "Error: Failed to install provider" } : {}) : undefined));
    const run = await scheduler("deploy", ["tenant-a"], tf).s.run();
    expect(run.results[0].status).toBe("applied");
    expect(tf.calls.filter((c) => c.includes(" init "))).toHaveLength(2);
  });

  test("given an init that always fails, when deployed, then the stack fails after three tries with Terraform's error", async () => {
    const tf = new FakeTerraform((_, c) => (c === "init" ? { status: 1, stderr: "Error: Backend configuration changed" } : undefined));
    const run = await scheduler("deploy", ["tenant-a"], tf).s.run();
    expect(run.results[0]).toMatchObject({ status: "failed", note: "terraform init failed: Backend configuration changed", commands: 3 });
  });

  test("given a plan with no changes, when deployed, then nothing is applied and the stack is unchanged", async () => {
    const tf = new FakeTerraform((_, c) => (c === "plan" ? { status: 0 } : undefined));
    const run = await scheduler("deploy", ["tenant-a"], tf).s.run();
    expect(statuses(run.results)).toEqual({ "tenant-a": "unchanged" });
    expect(tf.calls.filter((c) => c.includes("apply"))).toEqual([]);
  });

  test("given a failing platform, when deployed, then no tenant runs and every tenant is skipped", async () => {
    const tf = new FakeTerraform((stack, c) => (stack === "platform" && c === "apply" ? { status: 1, stderr: "Error: 400 Bad Request: Payload validation error" } : undefined));
    const run = await scheduler("deploy", ["platform", "tenant-a", "tenant-b"], tf).s.run();
    expect(run.ok).toBe(false);
    expect(statuses(run.results)).toEqual({ platform: "failed", "tenant-a": "skipped", "tenant-b": "skipped" });
    expect(run.results[0].note).toBe("terraform apply failed: 400 Bad Request: Payload validation error");
    expect(tf.calls.some((c) => c.startsWith("tenant-"))).toBe(false);
  });

  test("given Auth0 answering 429 twice, when deployed, then the stack is re-planned and applied after two backoffs, and the wait honours retry-after", async () => {
    const tf = new FakeTerraform((_, c) => (c === "apply" ? (n: number) => (n <= 2 ? { status: 1, stderr: "Error: 429 Too Many Requests: Global limit has been reached (retry after 7 s)" } : {}) : undefined));
    const waits: number[] = [];
    const run = await scheduler("deploy", ["tenant-a"], tf, { sleep: async (ms) => void waits.push(ms) }).s.run();
    expect(statuses(run.results)).toEqual({ "tenant-a": "applied" });
    expect(run.results[0].retries).toBe(2);
    expect(waits).toEqual([7000, 7000]);
    expect(tf.calls.filter((c) => c.includes(" plan ")).length).toBe(3);
  });

  test("given Auth0 answering 429 every time, when deployed, then the stack fails after the attempts allowed and says to run again", async () => {
    const tf = new FakeTerraform((_, c) => (c === "plan" ? { status: 1, stderr: "Error: 429 Too Many Requests: Global limit has been reached" } : undefined));
    const waits: number[] = [];
    const run = await scheduler("deploy", ["tenant-a"], tf, { sleep: async (ms) => void waits.push(ms) }).s.run();
    expect(run.results[0]).toMatchObject({ status: "failed", retries: 2 });
    expect(run.results[0].note).toContain("still rate-limited after 3 attempts; run again to resume");
    expect(waits).toEqual([1, 2]);
  });

  test("given a failed run, when the same run starts again, then only the failed and not-yet-run stacks are done", async () => {
    let broken = true;
    const tf = new FakeTerraform((stack, c) => (stack === "tenant-b" && c === "apply" && broken ? { status: 1, stderr: "Error: boom" } : undefined));
    const first = await scheduler("deploy", ["platform", "tenant-a", "tenant-b"], tf).s.run();
    expect(statuses(first.results)).toEqual({ platform: "applied", "tenant-a": "applied", "tenant-b": "failed" });
    expect(fs.existsSync(path.join(dir, "run.json"))).toBe(true);

    broken = false;
    const again = new FakeTerraform(() => undefined);
    const second = await scheduler("deploy", ["platform", "tenant-a", "tenant-b"], again).s.run();
    expect(second.resumed).toBe(2);
    expect(statuses(second.results)).toEqual({ "tenant-b": "applied" });
    expect(new Set(again.calls.map((c) => c.split(" ")[0]))).toEqual(new Set(["tenant-b"]));
    expect(fs.existsSync(path.join(dir, "run.json"))).toBe(false);
  });

  test("given a run state file of another configuration, when deployed, then every stack runs", async () => {
    fs.writeFileSync(path.join(dir, "run.json"), JSON.stringify({ version: 1, key: "other", results: { platform: { stack: "platform", status: "applied" } } }));
    const tf = new FakeTerraform(() => undefined);
    const run = await scheduler("deploy", ["platform"], tf).s.run();
    expect(run.resumed).toBe(0);
    expect(tf.calls.some((c) => c.startsWith("platform apply"))).toBe(true);
  });

  test("given terraform killed by SIGKILL during apply, when deployed, then the stack fails saying it was killed and to run tenants adopt", async () => {
    const tf = new FakeTerraform((_, c) => (c === "apply" ? { status: 1, signal: "SIGKILL" } : undefined));
    const run = await scheduler("deploy", ["tenant-a"], tf).s.run();
    expect(run.results[0]).toMatchObject({
      status: "failed",
      note: "terraform apply was killed by SIGKILL: Auth0 may hold objects its state does not know; run tenants adopt tenant-a, then deploy again",
    });
  });

  test("given the earlier run's apply of a stack never finished, when deployed again, then what it left is adopted before the stack is planned", async () => {
    const killed = new FakeTerraform((_, c) => (c === "apply" ? { status: 1, signal: "SIGKILL" } : undefined));
    await scheduler("deploy", ["tenant-a"], killed).s.run();
    const order: string[] = [];
    const again = new FakeTerraform((_, c) => void order.push(c));
    const adopt = jest.fn(async (stack: string) => (order.push(`adopt ${stack}`), "adopted 3 objects"));
    const run = await scheduler("deploy", ["tenant-a"], again, { adopt }).s.run();
    expect(order.slice(0, 2)).toEqual(["adopt tenant-a", "init"]);
    expect(run.results[0]).toMatchObject({ status: "applied", note: "adopted 3 objects; no reviewed plan: planned at deploy time" });
  });

  test("given a run killed outright during an apply, when deployed again, then the run state shows the unfinished apply and adopt runs", async () => {
    const tf = new FakeTerraform(() => undefined);
    const { s } = scheduler("deploy", ["tenant-a"], tf);
    // the process dies during apply: only what was recorded before it remains
    const file = path.join(dir, "run.json");
    tf.run = async (stack, args) => {
      if (args[0] === "apply") {
        const saved = JSON.parse(fs.readFileSync(file, "utf8"));
        expect(saved.results["tenant-a"]).toMatchObject({ status: "interrupted", applyUnfinished: true });
        throw new Error("the process died");
      }
      return FakeTerraform.prototype.run.call(tf, stack, args);
    };
    await expect(s.run()).rejects.toThrow("the process died");
    const adopt = jest.fn(async () => "adopted 0 objects");
    await scheduler("deploy", ["tenant-a"], new FakeTerraform(() => undefined), { adopt }).s.run();
    expect(adopt).toHaveBeenCalledWith("tenant-a");
  });

  test("given the run interrupted while a stack applies, when it ends, then the running stack and those not started are interrupted and terraform was told to stop", async () => {
    let s!: FleetScheduler;
    const tf = new FakeTerraform((stack, c) => {
      if (stack === "tenant-a" && c === "apply") {
        s.interrupt("SIGTERM");
        return { status: 1, signal: "SIGTERM" };
      }
      return undefined;
    });
    s = scheduler("deploy", ["tenant-a", "tenant-b", "tenant-c"], tf, { concurrency: 1 }).s;
    const run = await s.run();
    expect(tf.killed).toBe("SIGTERM");
    expect(statuses(run.results)).toEqual({ "tenant-a": "interrupted", "tenant-b": "interrupted", "tenant-c": "interrupted" });
    expect(run.results[0].note).toBe("terraform apply was stopped: the run was interrupted by SIGTERM; if it created objects, run tenants adopt tenant-a");
  });

  test("given a re-plan with a high risk and no approval, when deployed, then nothing is applied and the stack fails naming the risk", async () => {
    const tf = new FakeTerraform((_, c) => (c === "show" ? { stdout: planJson([["auth0_organization.organization", ["delete"]]]) } : undefined));
    const run = await scheduler("deploy", ["tenant-a"], tf).s.run();
    expect(run.results[0].status).toBe("failed");
    expect(run.results[0].note).toMatch(/no reviewed plan: planned at deploy time; the new plan has 1 high risk\(s\) the pull request did not approve: auth0_organization.organization: .*destroyed/);
    expect(tf.calls.some((c) => c.includes("apply"))).toBe(false);
  });

  test("given a re-plan with a high risk approved on the pull request, when deployed, then it is applied", async () => {
    const tf = new FakeTerraform((_, c) => (c === "show" ? { stdout: planJson([["auth0_organization.organization", ["delete"]]]) } : undefined));
    const run = await scheduler("deploy", ["tenant-a"], tf, { allowRisk: true }).s.run();
    expect(run.results[0].status).toBe("applied");
  });

  describe("reviewed plans", () => {
    const tfplan = (state: object | undefined) => zip(state ? { tfplan: Buffer.from("plan"), tfstate: Buffer.from(JSON.stringify(state)) } : { tfplan: Buffer.from("plan") });
    const reviewed = (state: object | undefined) => {
      const plans = path.join(dir, "reviewed");
      fs.mkdirSync(plans, { recursive: true });
      fs.writeFileSync(path.join(plans, "tenant-a.tfplan"), tfplan(state));
      fs.writeFileSync(path.join(plans, "tenant-a.plan.json"), planJson([["auth0_organization.organization", ["delete"]]]));
      return new ReviewedPlans(plans);
    };

    test("given a reviewed plan made from the state that is still current, when deployed, then that plan file is applied without planning again, high risk and all", async () => {
      const tf = new FakeTerraform((_, c) => (c === "state pull" ? { stdout: JSON.stringify({ lineage: "L", serial: 7 }) } : undefined));
      const run = await scheduler("deploy", ["tenant-a"], tf, { reviewed: reviewed({ lineage: "L", serial: 7 }) }).s.run();
      expect(run.results[0]).toMatchObject({ status: "applied", note: "applied the reviewed plan" });
      expect(tf.calls).toEqual(["tenant-a init -input=false", "tenant-a state pull", `tenant-a apply -input=false -auto-approve -parallelism=4 ${path.join(dir, "reviewed", "tenant-a.tfplan")}`]);
    });

    test("given a reviewed plan whose state has moved since, when deployed, then the stack is planned again and the new plan's risk is checked", async () => {
      const tf = new FakeTerraform((_, c) => (c === "state pull" ? { stdout: JSON.stringify({ lineage: "L", serial: 9 }) } : undefined));
      const run = await scheduler("deploy", ["tenant-a"], tf, { reviewed: reviewed({ lineage: "L", serial: 7 }) }).s.run();
      expect(run.results[0]).toMatchObject({ status: "applied", note: "state moved since review (serial 7 → 9): re-planned" });
      expect(tf.calls.some((c) => c.includes("-out=deploy.tfplan"))).toBe(true);
    });

    test("given a reviewed plan of a new stack and still no state, when deployed, then the reviewed plan is applied", async () => {
      const tf = new FakeTerraform(() => undefined);
      const run = await scheduler("deploy", ["tenant-a"], tf, { reviewed: reviewed(undefined) }).s.run();
      expect(run.results[0].note).toBe("applied the reviewed plan");
    });

    test("given a plan file zipped as Terraform writes one, when its tfstate entry is read, then lineage and serial come out", () => {
      expect(planStateVersion(tfplan({ lineage: "abc", serial: 3 }))).toEqual({ lineage: "abc", serial: 3 });
      expect(zipEntry(tfplan(undefined), "tfstate")).toBeUndefined();
    });
  });

  test("given a platform plan that changes role ids, when deployed, then the tenants the ripple names are planned and applied in the same run", async () => {
    const tf = new FakeTerraform(() => undefined);
    const ripple = jest.fn(() => ["tenant-b", "tenant-a"]);
    const run = await scheduler("deploy", ["platform", "tenant-a"], tf, { ripple }).s.run();
    expect(ripple).toHaveBeenCalledWith(path.join(dir, "plans", "platform.plan.json"));
    expect(statuses(run.results)).toEqual({ platform: "applied", "tenant-a": "applied", "tenant-b": "applied" });
  });
});

describe("drift", () => {
  test("given one clean and one drifted stack, when checked, then plans run without the lock, only the drifted one is shown as JSON, and the results say which drifted", async () => {
    const tf = new FakeTerraform((stack, c) => (c === "plan" ? { status: stack === "tenant-b" ? 2 : 0 } : undefined));
    const run = await scheduler("drift", ["platform", "tenant-a", "tenant-b"], tf).s.run();
    expect(statuses(run.results)).toEqual({ platform: "clean", "tenant-a": "clean", "tenant-b": "drifted" });
    expect(tf.calls.filter((c) => c.includes(" show "))).toEqual(["tenant-b show -json drift.tfplan"]);
    expect(tf.calls).toContain("tenant-a plan -input=false -detailed-exitcode -parallelism=4 -out=drift.tfplan -lock=false");
    expect(tf.calls.some((c) => c.includes("apply"))).toBe(false);
  });
});

describe("the request pacer", () => {
  test("given a budget of 10 requests a second, when 25 are reserved, then the next command waits 1.5 s for the debt to clear", async () => {
    let now = 0;
    const waits: number[] = [];
    const pacer = new RequestPacer(10, () => now, async (ms) => {
      waits.push(ms);
      now += ms;
    });
    await pacer.reserve(25);
    await pacer.reserve(1);
    expect(waits).toEqual([1500]);
  });

  test("given requests reserved and not used, when refunded, then the next command does not wait", async () => {
    const waits: number[] = [];
    const pacer = new RequestPacer(10, () => 0, async (ms) => void waits.push(ms));
    await pacer.reserve(25);
    pacer.refund(20);
    await pacer.reserve(1);
    expect(waits).toEqual([]);
  });
});

test("given results, when rendered as a table, then one aligned row per stack", () => {
  expect(
    resultTable([
      { stack: "platform", status: "applied", commands: 4, retries: 0, requests: 12, seconds: 3.21, note: "" },
      { stack: "tenant-acme", status: "failed", commands: 3, retries: 1, requests: 0, seconds: 10, note: "terraform apply failed: boom" },
    ]),
  ).toBe(
    [
      "STACK        RESULT   SECONDS  REQUESTS  RETRIES  NOTE",
      "platform     applied  3.2      12        0",
      "tenant-acme  failed   10.0     0         1        terraform apply failed: boom",
    ].join("\n"),
  );
});

/** A minimal zip (deflated entries), as Terraform writes a plan file. */
function zip(entries: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = deflateRawSync(content);
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
