// The run's request budget (MVMNT_MAX_REQUESTS): once it is spent, no test sends another request and
// the tests left skip, saying so; a test cut short is skipped, never failed. Setup and cleanup requests
// are not held back (what a run made is always deleted), so a run may pass the cap by the requests in
// flight when it was reached and by its cleanup.
import { BUDGET_SPENT } from '../model/run.ts';
import type { Session } from './session.ts';

/** Requests the run may still send, or undefined without a cap. */
export function budgetLeft(session: Session): number | undefined {
  const max = session.context.settings.maxRequests;
  return max === null ? undefined : Math.max(0, max - session.client.sent.requests);
}

export function budgetSpentNote(session: Session): string {
  return `${BUDGET_SPENT}: ${session.client.sent.requests} requests sent, MVMNT_MAX_REQUESTS=${session.context.settings.maxRequests}`;
}

/** A test's skip (vitest throws one from `skip()`), which a property must pass on rather than count as a failing case. */
export function isSkip(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'VITEST_PENDING';
}
