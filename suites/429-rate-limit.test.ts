// ERR-429-REMAINING-COUNTS on a sequence of its own, then ERR-429-TRIPS / NOT-EARLY / RETRY-AFTER /
// RECOVERS: one burst of exactly Remaining + 1 requests, judged four ways. This file runs after every
// other clause (see runner/sequencer.ts), and its tests run in order: the countdown, the burst, the
// checks of its outcome, then the wait for Reset.
import {
  burstRequest,
  NO_BURST_ROUTE,
  observeCountdown,
  readRateLimit,
  retryAfterAgreesWithReset,
  runBurst,
  servedAtLeast,
  status,
  test,
  throttled,
  workerSession,
  type BurstResult,
} from '../harness/index.ts';

// The rate limit is the client's, not a resource's: its clauses are judged once, on a filter route (burst.ts).
let outcome: Promise<BurstResult> | undefined;
const burst = () => (outcome ??= runBurst(workerSession()));
const elsewhere = workerSession().context.burstElsewhere;
const LONGEST_RESET_WAIT_MS = 65_000;

test('ERR-429-REMAINING-COUNTS: requests sent one after another in one window count X-RateLimit-Remaining down', async ({ verify, session, skipUnless }) => {
  const request = burstRequest(session, 'test');
  skipUnless(request !== undefined, NO_BURST_ROUTE);
  const countdown = await observeCountdown(session, () => burstRequest(session, 'test')!);
  skipUnless(countdown.skipped === undefined, countdown.skipped ?? '');
  verify(countdown.last, countdown.check);
});

test('ERR-429-TRIPS: Remaining + 1 requests in one window get 429 RATE_LIMIT_EXCEEDED, Remaining 0, Reset within 60 s', async ({ verify, skipUnless }) => {
  skipUnless(elsewhere === undefined, elsewhere ?? '');
  const result = await burst();
  skipUnless(result.skipped === undefined, result.skipped ?? '');
  verify(result.throttled ?? result.last!, throttled);
});

test('ERR-429-NOT-EARLY: the Remaining requests the headers promised are served', async ({ verify, skipUnless }) => {
  skipUnless(elsewhere === undefined, elsewhere ?? '');
  const result = await burst();
  skipUnless(result.skipped === undefined, result.skipped ?? '');
  verify(result.throttled ?? result.last!, servedAtLeast(result.served, result.remaining));
});

test('ERR-429-RETRY-AFTER: Retry-After on the 429, if sent, agrees with X-RateLimit-Reset', async ({ verify, skipUnless }) => {
  skipUnless(elsewhere === undefined, elsewhere ?? '');
  const result = await burst();
  skipUnless(result.throttled !== undefined, result.skipped ?? 'the burst got no 429 to judge (see ERR-429-TRIPS)');
  verify(result.throttled!, retryAfterAgreesWithReset);
});

test('ERR-429-RECOVERS: after X-RateLimit-Reset a request is served again', async ({ send, verify, session, skipUnless }) => {
  skipUnless(elsewhere === undefined, elsewhere ?? '');
  const result = await burst();
  skipUnless(result.throttled !== undefined, result.skipped ?? 'the burst got no 429 to recover from (see ERR-429-TRIPS)');
  const reset = readRateLimit(result.throttled!.response!.headers)?.reset ?? 0;
  const waitMs = reset * 1000 - Date.now();
  skipUnless(waitMs <= LONGEST_RESET_WAIT_MS, `X-RateLimit-Reset is ${Math.round(waitMs / 1000)} s away (more than 65 s)`);
  await session.pacer.sleep(waitMs + 100);
  verify(await send(burstRequest(session)!), status(200));
});
