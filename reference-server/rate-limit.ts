// Fixed-window rate limiting: windows aligned to multiples of windowSeconds since the epoch, one counter per client.

export interface RateLimitOptions {
  limit: number;
  windowSeconds: number;
  now(): number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** End of the current window, Unix epoch seconds. */
  resetSeconds: number;
}

export interface RateLimiter {
  /** Counts one request for the subject and says whether it may proceed. */
  hit(subject: string): RateLimitDecision;
}

export function createFixedWindowLimiter({ limit, windowSeconds, now }: RateLimitOptions): RateLimiter {
  // Every subject shares the same aligned window, so all counters expire together: clearing the
  // map when a new window starts is exact and keeps memory bounded by one window's clients.
  const counts = new Map<string, number>();
  let windowStart = Number.NaN;

  return {
    hit(subject) {
      const currentStart = Math.floor(now() / 1000 / windowSeconds) * windowSeconds;
      if (currentStart !== windowStart) {
        counts.clear();
        windowStart = currentStart;
      }
      const count = (counts.get(subject) ?? 0) + 1;
      counts.set(subject, count);
      return {
        allowed: count <= limit,
        limit,
        remaining: Math.max(0, limit - count),
        resetSeconds: windowStart + windowSeconds,
      };
    },
  };
}

/** Whole seconds until the window resets, rounded up so a client that waits that long lands after Reset. */
export function retryAfterSeconds(decision: RateLimitDecision, nowMs: number): number {
  return Math.max(1, Math.ceil(decision.resetSeconds - nowMs / 1000));
}
