// Requests sent one after another (never two in flight), so the X-RateLimit-Remaining each answer
// carries must be below the one before it in the same window: the countdown, judged on its own.
import type { Check } from './checks/types.ts';
import { FROZEN_AFTER_SERVED, RateLimitWindows } from './checks/rate-limit-windows.ts';
import type { RequestSpec } from './http/client.ts';
import type { Exchange } from './http/exchange.ts';
import type { Session } from './session.ts';
import type { Violation } from '../model/violation.ts';

export interface Countdown {
  /** Why the countdown could not be judged; undefined when it was. */
  skipped?: string;
  last: Exchange;
  /** The violations found over the whole sequence, as a check of its last exchange. */
  check: Check;
}

/** A window rolling over mid-sequence splits it; a few more rounds find one that holds enough. */
const ROUNDS = 3;
const PER_ROUND = FROZEN_AFTER_SERVED + 2;

export async function observeCountdown(session: Session, request: () => RequestSpec): Promise<Countdown> {
  const windows = new RateLimitWindows();
  const violations: Violation[] = [];
  let last: Exchange | undefined;
  for (let round = 0; round < ROUNDS && windows.judged === 0; round++) {
    for (let i = 0; i < PER_ROUND; i++) {
      last = await session.client.send(request());
      violations.push(...windows.observe(last));
    }
  }
  const skipped = windows.judged > 0
    ? undefined
    : `no window of ${ROUNDS * PER_ROUND} sequential requests held ${FROZEN_AFTER_SERVED} served ones with X-RateLimit-* headers (see ERR-429-HEADERS, or the window is shorter than ${PER_ROUND} requests take)`;
  return { skipped, last: last!, check: () => violations };
}
