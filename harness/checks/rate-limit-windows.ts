// X-RateLimit-* over a sequence of responses: within one window (one X-RateLimit-Reset, for one
// credential) Limit stays put, Remaining never rises above what an earlier response said, and it moves.
import type { Exchange } from '../http/exchange.ts';
import { readRateLimit } from '../pacing.ts';
import type { Violation } from '../../model/violation.ts';

/** Served requests in one window after which an unmoved Remaining is a defect, not a coincidence. */
export const FROZEN_AFTER_SERVED = 10;

interface Window {
  limit: number;
  /** Responses received so far, in arrival order: when each arrived, and the lowest Remaining up to it. */
  arrivals: number[];
  lowestSoFar: number[];
  served: number;
  servedRemaining: { min: number; max: number };
  frozenReported: boolean;
}

export class RateLimitWindows {
  private readonly windows = new Map<string, Window>();

  /** Windows with enough served requests to tell a counting Remaining from a frozen one. */
  get judged(): number {
    return [...this.windows.values()].filter((window) => window.served >= FROZEN_AFTER_SERVED).length;
  }

  /** Judges one response against the earlier ones of its window; only responses to the run's own token count. */
  observe(exchange: Exchange): Violation[] {
    const rate = exchange.bucket && exchange.response ? readRateLimit(exchange.response.headers) : null;
    if (!rate) return [];
    const id = `${exchange.bucket} ${rate.reset}`;
    let window = this.windows.get(id);
    if (!window) {
      window = { limit: rate.limit, arrivals: [], lowestSoFar: [], served: 0, servedRemaining: { min: rate.remaining, max: rate.remaining }, frozenReported: false };
      this.windows.set(id, window);
    }
    const problems: Violation[] = [];
    if (rate.limit !== window.limit) {
      problems.push({ kind: 'rate-limit-counting', message: 'X-RateLimit-Limit changed within one window (same X-RateLimit-Reset).', expected: `X-RateLimit-Limit: ${window.limit}, as earlier in the window`, received: `X-RateLimit-Limit: ${rate.limit}` });
    }
    // Only responses that arrived before this request was sent are surely counted before it.
    const before = lastIndexBefore(window.arrivals, exchange.startedAt);
    if (before >= 0 && rate.remaining > window.lowestSoFar[before]) {
      problems.push({
        kind: 'rate-limit-counting', message: 'X-RateLimit-Remaining rose within one window (same X-RateLimit-Reset): the budget refilled before the reset it announced.',
        expected: `X-RateLimit-Remaining <= ${window.lowestSoFar[before]}, the value of a response received before this request was sent`,
        received: `X-RateLimit-Remaining: ${rate.remaining} (X-RateLimit-Reset ${rate.reset})`,
      });
    }
    insertArrival(window, exchange.startedAt + exchange.durationMs, rate.remaining);
    const status = exchange.response!.status;
    if (status >= 200 && status < 300) {
      window.served += 1;
      window.servedRemaining.min = Math.min(window.servedRemaining.min, rate.remaining);
      window.servedRemaining.max = Math.max(window.servedRemaining.max, rate.remaining);
      if (window.served >= FROZEN_AFTER_SERVED && window.servedRemaining.min === window.servedRemaining.max && !window.frozenReported) {
        window.frozenReported = true;
        problems.push({
          kind: 'rate-limit-counting', message: `X-RateLimit-Remaining did not move over ${window.served} requests served in one window: it does not count requests.`,
          expected: `X-RateLimit-Remaining below ${rate.remaining} after ${window.served} served requests`,
          received: `X-RateLimit-Remaining: ${rate.remaining} on all ${window.served} (X-RateLimit-Limit ${rate.limit}, X-RateLimit-Reset ${rate.reset})`,
        });
      }
    }
    return problems;
  }
}

/** Keeps arrivals sorted by time (responses are observed almost in arrival order) with running minima. */
function insertArrival(window: Window, arrivedAt: number, remaining: number): void {
  let at = window.arrivals.length;
  while (at > 0 && window.arrivals[at - 1] > arrivedAt) at -= 1;
  window.arrivals.splice(at, 0, arrivedAt);
  window.lowestSoFar.splice(at, 0, remaining);
  for (let i = at; i < window.lowestSoFar.length; i++) {
    window.lowestSoFar[i] = Math.min(i === at ? remaining : window.lowestSoFar[i], i > 0 ? window.lowestSoFar[i - 1] : Infinity);
  }
}

/** Index of the last arrival strictly before `time`, or -1. */
function lastIndexBefore(arrivals: number[], time: number): number {
  let low = 0;
  let high = arrivals.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (arrivals[middle] < time) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
