// The rate-limit burst: read X-RateLimit-Remaining, then send exactly Remaining + 1 requests in the
// same window. Unpaced and never retried: this is the one place the suite means to be throttled.
import type { RequestSpec } from './http/client.ts';
import type { Exchange } from './http/exchange.ts';
import { budgetLeft } from './budget.ts';
import { readRateLimit } from './pacing.ts';
import type { Session } from './session.ts';
import { runStats } from './stats.ts';

export interface BurstResult {
  /** Why the burst could not be judged; the rate-limit clauses skip with this reason. */
  skipped?: string;
  /** X-RateLimit-Remaining read just before the burst. */
  remaining: number;
  served: number;
  /** The first 429 of the burst, if any. */
  throttled?: Exchange;
  last?: Exchange;
}

/**
 * How long Remaining + 1 requests should take at the latency seen so far, with room to spare: a
 * window ending sooner is waited out, so the burst does not straddle two windows.
 */
function expectedBurstMs(session: Session, budget: number): number {
  return (budget * Math.max(session.client.sent.meanMs, 1)) / session.context.settings.concurrency * 2 + 200;
}

/**
 * The request the rate-limit clauses spend: a filter of one record on the first judged resource that
 * has a filter (the limit is the client's, not a resource's), or undefined when none has.
 */
export function burstRequest(session: Session, purpose: RequestSpec['purpose'] = 'burst'): RequestSpec | undefined {
  return session.judged.find((resource) => resource.operation('filter'))?.filter({ json: { pageSize: 1 }, purpose });
}

export const NO_BURST_ROUTE = 'no judged resource has a filter operation to send the rate-limit requests to';

export async function runBurst(session: Session): Promise<BurstResult> {
  const request = burstRequest(session);
  if (!request) return { skipped: NO_BURST_ROUTE, remaining: 0, served: 0 };
  const probe = () => {
    runStats.burstSent += 1;
    // A request that succeeds: a target may send the X-RateLimit-* headers on successes only.
    return session.client.send(request);
  };
  const { maxBurst } = session.context.settings;
  // A fixed window can roll over mid-burst; one more try then starts right after a reset.
  for (let attempt = 1; attempt <= 2; attempt++) {
    let rate = readRateLimit((await probe()).response?.headers ?? {});
    if (rate && rate.reset * 1000 - Date.now() < expectedBurstMs(session, rate.remaining + 1)) {
      // A fresh window would give Remaining + 1 = Limit: when that is more than the burst may send,
      // waiting for it (up to a minute on a remote target) would only end in the same skip.
      if (rate.limit > maxBurst) {
        return { skipped: `a fresh window gives Remaining + 1 = ${rate.limit} (X-RateLimit-Limit), which exceeds MVMNT_MAX_BURST (${maxBurst}); raise it to run the burst`, remaining: rate.remaining, served: 0 };
      }
      await session.pacer.sleep(rate.reset * 1000 - Date.now() + 50);
      rate = readRateLimit((await probe()).response?.headers ?? {});
    }
    if (!rate) return { skipped: 'the target sends no X-RateLimit-* headers, so the burst cannot be sized', remaining: 0, served: 0 };
    const budget = rate.remaining + 1;
    const left = budgetLeft(session);
    if (left !== undefined && budget > left) {
      return { skipped: `the burst needs Remaining + 1 = ${budget} requests and the request budget (MVMNT_MAX_REQUESTS) has ${left} left`, remaining: rate.remaining, served: 0 };
    }
    if (budget > maxBurst) {
      return { skipped: `Remaining + 1 = ${budget} exceeds MVMNT_MAX_BURST (${maxBurst}); raise it to run the burst`, remaining: rate.remaining, served: 0 };
    }
    const exchanges = await Promise.all(Array.from({ length: budget }, probe));
    runStats.burstBudget = budget;
    const throttled = exchanges.find((exchange) => exchange.response?.status === 429);
    const windowEnd = rate.reset;
    const rolledOver = !throttled && exchanges.some((exchange) => (readRateLimit(exchange.response?.headers ?? {})?.reset ?? 0) > windowEnd);
    if (rolledOver && attempt === 1) continue;
    if (rolledOver) {
      return { skipped: 'the rate-limit window rolled over during the burst twice; the target\'s window is too short to exhaust', remaining: rate.remaining, served: 0 };
    }
    const served = exchanges.filter((exchange) => exchange.response !== null && exchange.response.status !== 429).length;
    return { remaining: rate.remaining, served, throttled, last: exchanges.at(-1) };
  }
  throw new Error('unreachable: the burst loop always returns');
}
