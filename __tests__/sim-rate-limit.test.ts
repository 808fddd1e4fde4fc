import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { rateLimitConfig, RateLimitedError, readRateLimitFile, takeRequests, tryTake } from "../sim/src/rate-limit";

/** The simulator's Management API rate limit: one token bucket per store, in a file beside it. */
let dir: string;
const saved = process.env.AUTH0_SIM_STATE;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sim-rate-"));
  process.env.AUTH0_SIM_STATE = path.join(dir, "auth0.json");
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  if (saved === undefined) delete process.env.AUTH0_SIM_STATE;
  else process.env.AUTH0_SIM_STATE = saved;
});

test("given a limit of 2 requests a second, when 3 are taken at once, then the third must wait half a second and is counted as a 429, not as served", () => {
  const config = { rate: 2, burst: 2, retries: 0 };
  expect(tryTake(config, "read auth0_role", 1, "platform", 1000)).toBe(0);
  expect(tryTake(config, "read auth0_role", 1, "platform", 1000)).toBe(0);
  expect(tryTake(config, "read auth0_role", 1, "tenant-a", 1000)).toBe(0.5);
  expect(tryTake(config, "read auth0_role", 1, "tenant-a", 1500)).toBe(0);
  expect(readRateLimitFile(path.join(dir, "auth0.json.rate-limit.json"))).toMatchObject({
    requests: { platform: { "read auth0_role": 2 }, "tenant-a": { "read auth0_role": 1 } },
    rejected: { "tenant-a": 1 },
  });
});

test("given a create counted as two requests (write and read-back) and a bucket of one, when two are made, then the first goes on a full bucket and the second waits for its debt", () => {
  const config = { rate: 10, burst: 1, retries: 0 };
  expect(tryTake(config, "create auth0_organization", 2, "tenant-a", 0)).toBe(0);
  expect(tryTake(config, "create auth0_organization", 2, "tenant-a", 0)).toBeCloseTo(0.2);
});

test("given no retries allowed and an empty bucket, when a call is made, then it fails with the error text go-auth0 gives a 429", () => {
  const config = { rate: 1, burst: 1, retries: 0 };
  takeRequests("read auth0_client", 1, config);
  expect(() => takeRequests("read auth0_client", 1, config)).toThrow(new RateLimitedError(1));
  expect(() => takeRequests("read auth0_client", 1, config)).toThrow("429 Too Many Requests: Global limit has been reached");
});

test("given retries allowed (the provider's default), when the bucket is empty, then the call waits and succeeds", () => {
  const config = { rate: 20, burst: 1, retries: Infinity };
  const started = Date.now();
  for (let i = 0; i < 4; i++) takeRequests("read auth0_client", 1, config);
  expect(Date.now() - started).toBeGreaterThanOrEqual(140);
});

test("given three processes on one store, when each takes five requests at once, then they share one bucket and one count", async () => {
  const script = `require("ts-node/register/transpile-only"); const r = require(${JSON.stringify(path.resolve(__dirname, "../sim/src/rate-limit.ts"))}); for (let i = 0; i < 5; i++) r.takeRequests("read auth0_role", 1, { rate: 1000, burst: 1000, retries: 0 });`;
  const exits = await Promise.all(
    [0, 1, 2].map((i) => new Promise<number | null>((resolve) => spawn(process.execPath, ["-e", script], { env: { ...process.env, AUTH0_SIM_STACK: `tenant-${i % 2}` }, stdio: "inherit" }).on("close", resolve))),
  );
  expect(exits).toEqual([0, 0, 0]);
  const file = readRateLimitFile(path.join(dir, "auth0.json.rate-limit.json"));
  expect(file?.requests).toEqual({ "tenant-0": { "read auth0_role": 10 }, "tenant-1": { "read auth0_role": 5 } });
}, 120_000);

test("given the environment, when read, then the limit, burst and retries come from it and nonsense is refused with what was received", () => {
  expect(rateLimitConfig({})).toBeUndefined();
  expect(rateLimitConfig({ AUTH0_SIM_RATE_LIMIT: "20" })).toEqual({ rate: 20, burst: 20, retries: Infinity });
  expect(rateLimitConfig({ AUTH0_SIM_RATE_LIMIT: "unlimited" })).toEqual({ rate: undefined, burst: 1, retries: Infinity });
  expect(rateLimitConfig({ AUTH0_SIM_RATE_LIMIT: "2", AUTH0_SIM_RATE_BURST: "10", AUTH0_SIM_RATE_LIMIT_RETRIES: "0" })).toEqual({ rate: 2, burst: 10, retries: 0 });
  expect(() => rateLimitConfig({ AUTH0_SIM_RATE_LIMIT: "fast" })).toThrow('AUTH0_SIM_RATE_LIMIT must be a positive number of requests a second or "unlimited", got "fast"');
});
