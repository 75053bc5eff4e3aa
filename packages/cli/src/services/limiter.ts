/**
 * An AIMD concurrency limit for apply's writes, after TCP congestion control: start small, double per round trip
 * while latency stays flat (slow start), then grow by one per round trip; hold while the smoothed latency is well
 * above the best seen (requests queue at the server); halve on an overload signal (HTTP 429, 5xx, a timeout or a
 * dropped connection), at most once per round trip, so one burst of errors counts once.
 */
export interface LimiterOptions {
  /** Upper bound (the `--concurrency` flag). */
  max: number;
  /** Starting limit (default min(4, max)). */
  initial?: number;
  /** Smoothed latency above `latencyFactor` × the best seen (plus `latencySlackMs`) stops growth (default 2, 10 ms). */
  latencyFactor?: number;
  latencySlackMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

export type Outcome = "ok" | "overload";

export class AdaptiveLimiter {
  private current: number;
  private slowStart = true;
  private inFlight = 0;
  private best = Infinity;
  private smoothed = Infinity;
  private lastDecrease = -Infinity;
  private readonly waiters: (() => void)[] = [];
  readonly max: number;
  private readonly factor: number;
  private readonly slack: number;
  private readonly now: () => number;
  /** Largest limit reached and number of decreases, for reports. */
  peak: number;
  decreases = 0;
  /** Successes that did not grow the limit because latency had risen. */
  holds = 0;

  constructor(options: LimiterOptions) {
    this.max = Math.max(1, Math.floor(options.max));
    this.current = Math.max(1, Math.min(this.max, options.initial ?? 4));
    this.peak = this.current;
    this.factor = options.latencyFactor ?? 2;
    this.slack = options.latencySlackMs ?? 10;
    this.now = options.now ?? Date.now;
  }

  /** The current limit (whole requests). */
  get limit(): number {
    return Math.max(1, Math.floor(this.current));
  }

  /** Waits for a slot; call the returned function with the outcome and latency when the request ends. */
  async acquire(): Promise<(outcome: Outcome, latencyMs: number) => void> {
    // First come, first served: a waiter is handed its slot by wake(), which counts it in flight.
    if (this.inFlight < this.limit && this.waiters.length === 0) this.inFlight += 1;
    else await new Promise<void>((r) => this.waiters.push(r));
    let released = false;
    return (outcome, latencyMs) => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      this.observe(outcome, latencyMs);
      this.wake();
    };
  }

  /** Feeds one finished request into the limit. */
  observe(outcome: Outcome, latencyMs: number): void {
    if (outcome === "overload") {
      // At most one decrease per round trip (the smoothed latency, or 1 ms before any is known).
      const rtt = Number.isFinite(this.smoothed) ? this.smoothed : 1;
      if (this.now() - this.lastDecrease >= rtt) {
        this.current = Math.max(1, this.current / 2);
        this.slowStart = false;
        this.lastDecrease = this.now();
        this.decreases += 1;
      }
      return;
    }
    this.best = Math.min(this.best, latencyMs);
    this.smoothed = Number.isFinite(this.smoothed) ? this.smoothed * 0.8 + latencyMs * 0.2 : latencyMs;
    // Latency well above the best seen means requests queue at the server: hold the limit (more would only wait
    // longer), and leave slow start.
    if (this.smoothed > this.best * this.factor + this.slack) {
      this.slowStart = false;
      this.holds += 1;
      return;
    }
    // Slow start: +1 per success doubles the limit each round trip; then +1 per round trip.
    this.current = Math.min(this.max, this.current + (this.slowStart ? 1 : 1 / this.current));
    this.peak = Math.max(this.peak, this.limit);
  }

  private wake(): void {
    while (this.waiters.length > 0 && this.inFlight < this.limit) {
      this.inFlight += 1;
      this.waiters.shift()!();
    }
  }
}

/** HTTP statuses and error names that mean "slow down" rather than "this record is wrong". */
export function isOverload(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const e = err as { status?: unknown; name?: unknown; code?: unknown };
  if (typeof e.status === "number" && (e.status === 429 || e.status >= 500)) return true;
  const name = String(e.name ?? "");
  return /Timeout|Connection|Abort/i.test(name) || /ECONNRESET|ETIMEDOUT|UND_ERR/i.test(String(e.code ?? ""));
}

/**
 * Calls `fn` under the limiter: its latency and outcome adjust the limit. An overloaded call (429, 5xx, timeout,
 * dropped connection) is retried up to `retries` times after a pause (50 ms doubling, plus its latency); any other
 * error is the caller's.
 */
export async function callLimited<R>(limiter: AdaptiveLimiter, fn: () => Promise<R>, retries = 3): Promise<R> {
  for (let attempt = 0; ; attempt++) {
    const release = await limiter.acquire();
    const t0 = Date.now();
    try {
      const value = await fn();
      release("ok", Date.now() - t0);
      return value;
    } catch (err) {
      const latency = Date.now() - t0;
      const overload = isOverload(err);
      release(overload ? "overload" : "ok", latency);
      if (!overload || attempt >= retries) throw err;
      await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt + latency)));
    }
  }
}
