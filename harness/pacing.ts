// One client-side request budget for the whole run, read from the target's X-RateLimit-* headers:
// when the window's budget is spent, requests wait for X-RateLimit-Reset instead of being throttled.

export interface RateLimitHeaders {
  limit: number;
  remaining: number;
  /** Unix epoch seconds. */
  reset: number;
}

/** Parses the three headers; null when any is absent or not an integer. */
export function readRateLimit(headers: Record<string, string>): RateLimitHeaders | null {
  const limit = asInteger(headers['x-ratelimit-limit']);
  const remaining = asInteger(headers['x-ratelimit-remaining']);
  const reset = asInteger(headers['x-ratelimit-reset']);
  return limit === null || remaining === null || reset === null ? null : { limit, remaining, reset };
}

function asInteger(value: string | undefined): number | null {
  return value !== undefined && /^\s*-?\d+\s*$/.test(value) ? Number(value) : null;
}

/** Waiting past Reset by this much absorbs clock rounding between the target and us. */
const RESET_MARGIN_MS = 50;
/** A Reset further away than this is not waited for: the target's headers are not trusted to pace. */
const LONGEST_WAIT_MS = 65_000;

export class Pacer {
  private remaining: number | null = null;
  /** 0 while the current window's end is unknown. */
  private resetAtMs = 0;
  private limit: number | null = null;
  private inFlight = 0;
  private sleepers = 0;
  private sleepingSince = 0;
  /** Wall time during which at least one request waited for the target's budget. */
  waitedMs = 0;

  /** Resolves when a request may be sent without exceeding the known budget. */
  async acquire(): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (this.resetAtMs !== 0 && now >= this.resetAtMs) {
        // The announced window is over: assume a full budget until a response says otherwise.
        this.remaining = this.limit;
        this.resetAtMs = 0;
      }
      if (this.remaining === null || this.remaining > 0 || this.resetAtMs === 0 || this.resetAtMs - now > LONGEST_WAIT_MS) {
        if (this.remaining !== null) this.remaining -= 1;
        this.inFlight += 1;
        return;
      }
      await this.sleep(this.resetAtMs - now + RESET_MARGIN_MS);
    }
  }

  /** Ends the in-flight slot taken by acquire(). */
  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /** Updates the budget from any response's headers, paced or not. */
  observe(headers: Record<string, string>): void {
    const rate = readRateLimit(headers);
    if (!rate) return;
    const resetAtMs = rate.reset * 1000;
    if (resetAtMs > this.resetAtMs) {
      this.resetAtMs = resetAtMs;
      this.limit = rate.limit;
      // Requests still in flight were sent under the old view and may land in this window.
      this.remaining = Math.max(0, rate.remaining - this.inFlight);
    } else if (resetAtMs === this.resetAtMs) {
      this.remaining = Math.min(this.remaining ?? rate.remaining, rate.remaining);
    }
  }

  /** Time until the current window resets, as the headers announced it (0 when unknown or past). */
  msUntilReset(): number {
    return this.resetAtMs === 0 ? 0 : Math.max(0, this.resetAtMs - Date.now());
  }

  /** Waits on the target's behalf (pacing, throttling, a reset); bounded so nothing hangs. */
  async sleep(ms: number): Promise<void> {
    const bounded = Math.min(Math.max(0, ms), LONGEST_WAIT_MS);
    if (this.sleepers++ === 0) this.sleepingSince = Date.now();
    try {
      await new Promise((resolve) => setTimeout(resolve, bounded));
    } finally {
      if (--this.sleepers === 0) this.waitedMs += Date.now() - this.sleepingSince;
    }
  }
}

/** A counting semaphore: at most `size` requests in flight. */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(size: number) {
    this.free = size;
  }
  async take(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}
