// Rate-limit checks: the X-RateLimit-* headers on any response, and what a 429 must say.
import type { Exchange } from '../http/exchange.ts';
import { errorResponse } from './envelope.ts';
import { type Check } from './types.ts';
import { typed, type Violation } from '../../model/violation.ts';

/** Clock rounding between the target and us: Reset is whole seconds, our clock is not. */
const CLOCK_TOLERANCE_S = 2;
/** The guide's window is a minute ("maximum requests per minute"). */
const WINDOW_S = 60;

const INTEGER = /^\s*\d+\s*$/;

/** The three headers are present, integers, Remaining within 0..Limit, Reset in epoch seconds. */
export const rateLimitHeaders: Check = (exchange) => {
  const response = exchange.response;
  if (!response) return [];
  const problems: Violation[] = [];
  const values: Record<string, number> = {};
  for (const name of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
    const value = response.headers[name];
    if (value === undefined) {
      problems.push({ kind: 'rate-limit-headers-missing', message: `${name} is missing.`, expected: `${name}: <integer>`, received: '(absent)' });
    } else if (!INTEGER.test(value)) {
      problems.push({ kind: 'rate-limit-headers', message: `${name} is not a non-negative integer.`, expected: `${name}: <integer>`, received: `${name}: ${value}` });
    } else {
      values[name] = Number(value);
    }
  }
  const limit = values['x-ratelimit-limit'];
  const remaining = values['x-ratelimit-remaining'];
  const reset = values['x-ratelimit-reset'];
  if (limit !== undefined && remaining !== undefined && remaining > limit) {
    problems.push({ kind: 'rate-limit-headers', message: 'X-RateLimit-Remaining exceeds X-RateLimit-Limit.', expected: `Remaining <= ${limit}`, received: `Remaining ${remaining}` });
  }
  if (reset !== undefined) {
    const sentS = exchange.startedAt / 1000;
    const receivedS = (exchange.startedAt + exchange.durationMs) / 1000;
    // Generous bounds here (an hour): they only tell epoch seconds from milliseconds or a delay.
    if (reset < sentS - CLOCK_TOLERANCE_S || reset > receivedS + 3600) {
      problems.push({
        kind: 'rate-limit-headers', message: 'X-RateLimit-Reset is not a Unix timestamp in seconds near now (milliseconds, or a delay?).',
        expected: `epoch seconds in [${Math.floor(sentS - CLOCK_TOLERANCE_S)}, ${Math.ceil(receivedS + 3600)}]`,
        received: `X-RateLimit-Reset: ${reset}`,
      });
    }
  }
  return problems;
};

/** A 429 with the envelope, Remaining 0 and a Reset in the future at most one window away. */
export const throttled: Check = (exchange) => {
  const violations = errorResponse(429)(exchange);
  if (violations.length > 0) return violations;
  const headers = exchange.response!.headers;
  const problems: Violation[] = [];
  if (headers['x-ratelimit-remaining']?.trim() !== '0') {
    problems.push({ kind: 'throttle-headers', message: 'A 429 must say no request is left in the window.', expected: 'X-RateLimit-Remaining: 0', received: `X-RateLimit-Remaining: ${headers['x-ratelimit-remaining'] ?? '(absent)'}` });
  }
  const reset = Number(headers['x-ratelimit-reset']);
  const nowS = (exchange.startedAt + exchange.durationMs) / 1000;
  if (!Number.isInteger(reset) || reset <= exchange.startedAt / 1000 - CLOCK_TOLERANCE_S || reset > nowS + WINDOW_S + CLOCK_TOLERANCE_S) {
    problems.push({
      kind: 'throttle-headers', message: 'A 429 must announce a Reset in the future, at most one window (60 s) away, in epoch seconds.',
      expected: `X-RateLimit-Reset in (${Math.floor(nowS)}, ${Math.ceil(nowS + WINDOW_S)}]`,
      received: `X-RateLimit-Reset: ${headers['x-ratelimit-reset'] ?? '(absent)'}`,
    });
  }
  return problems;
};

/** Retry-After, when present, lands within tolerance of X-RateLimit-Reset (seconds or an HTTP date). */
export const retryAfterAgreesWithReset: Check = (exchange) => {
  const headers = exchange.response?.headers ?? {};
  const retryAfter = headers['retry-after'];
  if (retryAfter === undefined) return [];
  const receivedAtS = (exchange.startedAt + exchange.durationMs) / 1000;
  const retryAtS = INTEGER.test(retryAfter) ? receivedAtS + Number(retryAfter) : Date.parse(retryAfter) / 1000;
  const reset = Number(headers['x-ratelimit-reset']);
  if (Number.isNaN(retryAtS)) {
    return [{ kind: 'retry-after', message: 'Retry-After is neither delay-seconds nor an HTTP date.', expected: 'Retry-After: <seconds> | <HTTP-date>', received: `Retry-After: ${retryAfter}` }];
  }
  return Number.isFinite(reset) && Math.abs(retryAtS - reset) <= CLOCK_TOLERANCE_S
    ? []
    : [{
        kind: 'retry-after', message: 'Retry-After points to another time than X-RateLimit-Reset.',
        expected: `now + Retry-After within ${CLOCK_TOLERANCE_S} s of X-RateLimit-Reset ${typed(reset)}`,
        received: `Retry-After: ${retryAfter} (retry at ${Math.round(retryAtS)})`,
      }];
};

export function isThrottled(exchange: Exchange): boolean {
  return exchange.response?.status === 429;
}

/** Of the burst, at least the advertised Remaining requests were served before any refusal. */
export function servedAtLeast(served: number, advertised: number): Check {
  return () =>
    served >= advertised
      ? []
      : [{ kind: 'throttle-early', message: 'The target refused requests while X-RateLimit-Remaining said there was budget left.', expected: `at least ${advertised} of ${advertised + 1} requests served`, received: `${served} served` }];
}
