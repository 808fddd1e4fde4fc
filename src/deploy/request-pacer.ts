/**
 * The fleet-wide budget of Management API requests a second, shared by every stack this
 * scheduler runs. The real provider offers no hook into its HTTP calls, so the budget is
 * kept around whole Terraform commands: a command starts only when the bucket is not in
 * debt, and reserves the requests it may make (an upper bound from its configuration or
 * plan); when it ends, what it did not use is given back (counted from its plan: refresh
 * reads, data source reads, writes and the provider's read-back after each write). Bursts
 * inside one command are bounded by `-parallelism`, and a 429 that still happens is
 * retried by the provider (v1.55.0 waits for X-RateLimit-Reset) or by the scheduler.
 */
export class RequestPacer {
  private tokens: number;
  private updated: number;

  constructor(
    /** Requests a second. */
    readonly rate: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    if (!(rate > 0)) throw new Error(`the request rate must be a positive number of requests a second, got ${rate}`);
    this.tokens = rate;
    this.updated = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.rate, this.tokens + ((t - this.updated) / 1000) * this.rate);
    this.updated = t;
  }

  /** Waits until the fleet is not in debt, then reserves `requests`. */
  async reserve(requests: number): Promise<void> {
    for (this.refill(); this.tokens < 0; this.refill()) await this.sleep(Math.ceil((-this.tokens / this.rate) * 1000));
    this.tokens -= requests;
  }

  /** Gives back what a command reserved and did not use. */
  refund(requests: number): void {
    this.refill();
    this.tokens = Math.min(this.rate, this.tokens + Math.max(0, requests));
  }
}
