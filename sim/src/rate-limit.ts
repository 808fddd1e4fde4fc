// The Management API's rate limit, shared by every provider process on one store.
//
// Auth0 limits Management API requests per tenant with a token bucket ("Rate Limit
// Policy": a bucket of `burst` requests refilled at the sustained rate; 2/s on Free,
// 16/s sustained on Self Service and Enterprise production tenants). Every simulated
// call takes tokens from one bucket kept in `<store>.rate-limit.json`, changed under the
// store lock, so all Terraform processes on one simulated tenant share it, as all
// clients of one real tenant do.
//
// When the bucket is empty, Auth0 answers 429 with X-RateLimit-Reset. Provider v1.55.0
// (internal/config/config.go, rateLimitTransport) retries a 429 with no limit on the
// number of retries, waiting until X-RateLimit-Reset; the simulator waits the same way
// (to the millisecond rather than to the whole second of the header). With
// AUTH0_SIM_RATE_LIMIT_RETRIES=n it gives up after n retries and fails the call with
// go-auth0's error text ("429 Too Many Requests: Global limit has been reached"), as a
// client without that transport would: that is what the deploy scheduler's retry handles.
//
// Requests are counted per stack (AUTH0_SIM_STACK, else the folder Terraform runs in) and
// per kind ("create auth0_organization", "read auth0_user", ...) in the same file.
//
// Environment:
//   AUTH0_SIM_RATE_LIMIT          requests a second; "unlimited" counts without limiting;
//                                 unset: no limit and no counting (the default)
//   AUTH0_SIM_RATE_BURST          bucket size (default: one second of requests)
//   AUTH0_SIM_RATE_LIMIT_RETRIES  429s waited out per call before failing (default: no limit)
import * as fs from "fs";
import * as path from "path";
import { storePath, withStoreLock } from "./store";

export interface RateLimitFile {
  /** Tokens left at `updatedMs`. */
  tokens: number;
  updatedMs: number;
  /** Requests served, per stack and per kind. */
  requests: Record<string, Record<string, number>>;
  /** 429 answers given, per stack. */
  rejected: Record<string, number>;
  /** Seconds callers were told to wait (and waited, as the provider does), per stack. */
  waitedSeconds: Record<string, number>;
}

export interface RateLimitConfig {
  /** Requests a second; undefined counts without limiting. */
  readonly rate?: number;
  readonly burst: number;
  readonly retries: number;
}

/** Thrown when a call stays rate-limited: its message is the error the provider would print. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("429 Too Many Requests: Global limit has been reached");
  }
}

export function rateLimitConfig(env: NodeJS.ProcessEnv = process.env): RateLimitConfig | undefined {
  const raw = env.AUTH0_SIM_RATE_LIMIT;
  if (raw === undefined || raw === "") return undefined;
  const rate = raw === "unlimited" ? undefined : Number(raw);
  if (rate !== undefined && !(rate > 0)) throw new Error(`AUTH0_SIM_RATE_LIMIT must be a positive number of requests a second or "unlimited", got ${JSON.stringify(raw)}`);
  const burst = env.AUTH0_SIM_RATE_BURST ? Number(env.AUTH0_SIM_RATE_BURST) : (rate ?? 1);
  if (!(burst >= 1)) throw new Error(`AUTH0_SIM_RATE_BURST must be at least 1, got ${JSON.stringify(env.AUTH0_SIM_RATE_BURST)}`);
  const retries = env.AUTH0_SIM_RATE_LIMIT_RETRIES ? Number(env.AUTH0_SIM_RATE_LIMIT_RETRIES) : Infinity;
  if (!(retries >= 0)) throw new Error(`AUTH0_SIM_RATE_LIMIT_RETRIES must be 0 or more, got ${JSON.stringify(env.AUTH0_SIM_RATE_LIMIT_RETRIES)}`);
  return { rate, burst, retries };
}

export function rateLimitFile(): string {
  return `${storePath()}.rate-limit.json`;
}

export function readRateLimitFile(file = rateLimitFile()): RateLimitFile | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as RateLimitFile) : undefined;
}

/** The stack a provider process serves: Terraform starts it in the stack's folder. */
export function currentStack(env: NodeJS.ProcessEnv = process.env): string {
  return env.AUTH0_SIM_STACK || path.basename(process.cwd());
}

/**
 * One attempt to take `requests` tokens: the seconds to wait before trying again, or 0
 * when they were taken (and counted). A refused attempt is counted as a 429.
 */
export function tryTake(config: RateLimitConfig, kind: string, requests: number, stack: string, now = Date.now()): number {
  let wait = 0;
  withStoreLock(() => {
    const file = rateLimitFile();
    const state = readRateLimitFile(file) ?? { tokens: config.burst, updatedMs: now, requests: {}, rejected: {}, waitedSeconds: {} };
    if (config.rate !== undefined) {
      state.tokens = Math.min(config.burst, state.tokens + ((now - state.updatedMs) / 1000) * config.rate);
      state.updatedMs = now;
      // A call worth more than the bucket holds goes once the bucket is full, leaving it in debt.
      const need = Math.min(requests, config.burst);
      if (state.tokens < need) {
        wait = (need - state.tokens) / config.rate;
        state.rejected[stack] = (state.rejected[stack] ?? 0) + 1;
        state.waitedSeconds[stack] = (state.waitedSeconds[stack] ?? 0) + wait;
      } else state.tokens -= requests;
    }
    if (wait === 0) {
      const byKind = (state.requests[stack] ??= {});
      byKind[kind] = (byKind[kind] ?? 0) + requests;
    }
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state));
    fs.renameSync(tmp, file);
  });
  return wait;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Takes `requests` tokens for one simulated Management API call, waiting out 429s as the
 * provider does; throws RateLimitedError once the allowed retries are spent. No-op when
 * the rate limit is off.
 */
export function takeRequests(kind: string, requests: number, config = rateLimitConfig()): void {
  if (!config || requests === 0) return;
  const stack = currentStack();
  for (let retry = 0; ; retry++) {
    const wait = tryTake(config, kind, requests, stack);
    if (wait === 0) return;
    if (retry >= config.retries) throw new RateLimitedError(wait);
    Atomics.wait(sleeper, 0, 0, Math.ceil(wait * 1000));
  }
}
