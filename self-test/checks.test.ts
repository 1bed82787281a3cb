// Each check on a good exchange (no violation) and on the bad exchanges it exists to catch.
import { describe, expect, test } from 'vitest';
import { detailsNameWhenPresent, validationErrorNaming, validationErrorOrBadRequest } from '../harness/checks/details.ts';
import { errorResponse } from '../harness/checks/envelope.ts';
import { allowOn405, requestIdPresent } from '../harness/checks/headers.ts';
import { rateLimitHeaders, retryAfterAgreesWithReset, throttled } from '../harness/checks/rate-limit.ts';
import { acceptableAnswer, refusal } from '../harness/checks/robustness.ts';
import { FROZEN_AFTER_SERVED, RateLimitWindows } from '../harness/checks/rate-limit-windows.ts';
import { noInternals, noSecretEcho } from '../harness/checks/security.ts';
import { status } from '../harness/checks/status.ts';
import { sentAuthorization } from '../harness/redact.ts';
import { emptyBody, goneOrMarkedDeleted, pageHolds, secondDeleteAnswer } from '../harness/checks/success.ts';
import { envelope, exchange } from './support/exchanges.ts';

const now = () => Math.floor(Date.now() / 1000);
const rate = (remaining: number, reset = now() + 30) => ({ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(reset) });

describe('errorResponse', () => {
  const check = errorResponse(404);
  test.for([
    ['the envelope with the right code', exchange({ status: 404, json: envelope('NOT_FOUND') }), true],
    ['another status', exchange({ status: 500, json: envelope('INTERNAL_ERROR') }), false],
    ['a flat OpenAPI-style body', exchange({ status: 404, json: { error: 'not_found', message: 'x' } }), false],
    ['a lower-case code', exchange({ status: 404, json: envelope('not_found') }), false],
    ['a text/plain body', exchange({ status: 404, json: envelope('NOT_FOUND'), headers: { 'content-type': 'text/plain' } }), false],
    ['an empty body', exchange({ status: 404, bodyText: '' }), false],
    ['HTML', exchange({ status: 404, bodyText: '<h1>Not Found</h1>', headers: { 'content-type': 'text/html' } }), false],
    ['no response at all', exchange(null, { failure: { kind: 'timeout', message: 'no response' } }), false],
  ] as const)('%s conforms: %s', ([, ex, conforms]) => {
    expect(check(ex).length === 0).toBe(conforms);
  });

  test('a status outside the table needs an UPPER_SNAKE code only', () => {
    expect(errorResponse(405)(exchange({ status: 405, json: envelope('METHOD_NOT_ALLOWED') }))).toEqual([]);
    expect(errorResponse(405)(exchange({ status: 405, json: envelope('methodNotAllowed') }))).toHaveLength(1);
  });
});

describe('details', () => {
  const named = (...fields: string[]) => exchange({ status: 422, json: envelope('VALIDATION_ERROR', fields.map((field) => ({ field, message: 'bad' }))) });
  test('a 422 must name exactly the broken fields', () => {
    const check = validationErrorNaming(['email', 'corporateAddress.line1']);
    expect(check(named('email', '/corporateAddress/line1'))).toEqual([]);
    expect(check(named('email'))[0].message).toMatch(/do not name corporateAddress.line1/);
    expect(check(named('email', 'corporateAddress.line1', 'name'))[0].message).toMatch(/valid field\(s\) name/);
    expect(check(exchange({ status: 422, json: envelope('VALIDATION_ERROR') }))[0].message).toMatch(/no details/);
    expect(check(exchange({ status: 400, json: envelope('BAD_REQUEST') }))).not.toEqual([]);
  });

  test('where DECISIONS.md allows it, a 400 passes too', () => {
    const check = validationErrorOrBadRequest(['name']);
    expect(check(exchange({ status: 400, json: envelope('BAD_REQUEST') }))).toEqual([]);
    expect(check(named('name'))).toEqual([]);
    expect(check(named('email'))).not.toEqual([]);
    expect(check(exchange({ status: 201, json: { id: 'x' } }))).not.toEqual([]);
  });

  test('a 409 without details passes; with details it must name key', () => {
    const check = detailsNameWhenPresent('key');
    expect(check(exchange({ status: 409, json: envelope('DUPLICATE_KEY') }))).toEqual([]);
    expect(check(exchange({ status: 409, json: envelope('DUPLICATE_KEY', [{ field: 'key', message: 'm' }]) }))).toEqual([]);
    expect(check(exchange({ status: 409, json: envelope('DUPLICATE_KEY', [{ field: 'name', message: 'm' }]) }))).toHaveLength(1);
  });
});

describe('rate limiting', () => {
  test('headers must be integers, Remaining within Limit, Reset in epoch seconds', () => {
    expect(rateLimitHeaders(exchange({ headers: rate(5) }))).toEqual([]);
    expect(rateLimitHeaders(exchange({ headers: {} }))).toHaveLength(3);
    expect(rateLimitHeaders(exchange({ headers: rate(500) }))[0].message).toMatch(/exceeds/);
    expect(rateLimitHeaders(exchange({ headers: rate(5, Date.now()) }))[0].message).toMatch(/milliseconds/);
    expect(rateLimitHeaders(exchange({ headers: rate(5, 30) }))[0].message).toMatch(/delay/);
  });

  const tooMany = (headers: Record<string, string>) => exchange({ status: 429, json: envelope('RATE_LIMIT_EXCEEDED'), headers: { 'content-type': 'application/json', ...headers } });
  test('a 429 says Remaining 0 and a Reset at most a window away', () => {
    expect(throttled(tooMany(rate(0, now() + 20)))).toEqual([]);
    expect(throttled(tooMany(rate(1, now() + 20)))).toHaveLength(1);
    expect(throttled(tooMany(rate(0, now() + 3600)))).toHaveLength(1);
    expect(throttled(tooMany(rate(0, now() - 10)))).toHaveLength(1);
  });

  test('Retry-After agrees with Reset, in seconds or as an HTTP date', () => {
    const reset = now() + 20;
    expect(retryAfterAgreesWithReset(tooMany({ ...rate(0, reset), 'retry-after': '20' }))).toEqual([]);
    expect(retryAfterAgreesWithReset(tooMany({ ...rate(0, reset), 'retry-after': new Date(reset * 1000).toUTCString() }))).toEqual([]);
    expect(retryAfterAgreesWithReset(tooMany(rate(0, reset)))).toEqual([]);
    expect(retryAfterAgreesWithReset(tooMany({ ...rate(0, reset), 'retry-after': '3600' }))).toHaveLength(1);
    expect(retryAfterAgreesWithReset(tooMany({ ...rate(0, reset), 'retry-after': 'soon' }))).toHaveLength(1);
  });
});

describe('the rate-limit countdown over a sequence (RateLimitWindows)', () => {
  const reset = now() + 30;
  /** A response to the run's token, sent at `sentAt` ms and received 5 ms later. */
  const answer = (remaining: number, sentAt: number, extra: Record<string, string> = {}, statusCode = 200) =>
    exchange({ status: statusCode, headers: { ...rate(remaining, reset), ...extra } }, { startedAt: sentAt, durationMs: 5, bucket: 'token:0' });
  const judge = (exchanges: ReturnType<typeof answer>[]) => {
    const windows = new RateLimitWindows();
    return { violations: exchanges.flatMap((one) => windows.observe(one)), judged: windows.judged };
  };

  test('a counter that goes down, or repeats a value under concurrency, holds', () => {
    const counting = Array.from({ length: 12 }, (_, i) => answer(90 - i, 1000 + i * 10));
    expect(judge(counting)).toEqual({ violations: [], judged: 1 });
    // Two requests in flight together may come back in either order.
    expect(judge([answer(50, 1000), answer(48, 1001), answer(49, 1002)]).violations).toEqual([]);
  });

  test(`a Remaining frozen over ${FROZEN_AFTER_SERVED} served requests is caught once; one repeated value is not`, () => {
    const frozen = Array.from({ length: 15 }, (_, i) => answer(100, 1000 + i * 10));
    expect(judge(frozen).violations).toHaveLength(1);
    expect(judge(frozen.slice(0, FROZEN_AFTER_SERVED - 1)).violations).toEqual([]);
    expect(judge([answer(10, 1000), answer(10, 1010), answer(9, 1020)]).violations).toEqual([]);
  });

  test('Remaining rising after a later request was sent, or Limit changing, within one Reset is caught', () => {
    expect(judge([answer(50, 1000), answer(80, 1100)]).violations).toHaveLength(1);
    expect(judge([answer(50, 1000), answer(49, 1100, { 'x-ratelimit-limit': '200' })]).violations).toHaveLength(1);
  });

  test('other credentials, other windows and responses without the headers are not compared', () => {
    const otherWindow = exchange({ status: 200, headers: rate(100, reset + 60) }, { startedAt: 1100, durationMs: 5, bucket: 'token:0' });
    const otherToken = exchange({ status: 200, headers: rate(100, reset) }, { startedAt: 1100, durationMs: 5, bucket: 'token:1' });
    const anonymous = exchange({ status: 401, headers: rate(100, reset) }, { startedAt: 1100, durationMs: 5 });
    expect(judge([answer(50, 1000), otherWindow, otherToken, anonymous]).violations).toEqual([]);
  });
});

describe('headers, success, robustness', () => {
  test('X-Request-Id must be present and non-empty', () => {
    expect(requestIdPresent(exchange({ headers: { 'x-request-id': 'abc' } }))).toEqual([]);
    expect(requestIdPresent(exchange({ headers: { 'x-request-id': ' ' } }))).toHaveLength(1);
  });

  test('a 405 must carry Allow; a 404 need not', () => {
    expect(allowOn405(exchange({ status: 405, headers: { allow: 'GET' } }))).toEqual([]);
    expect(allowOn405(exchange({ status: 405, headers: {} }))).toHaveLength(1);
    expect(allowOn405(exchange({ status: 404, headers: {} }))).toEqual([]);
  });

  test('a deleted record is a 404 with the envelope, or a 200 showing deletedAt', () => {
    expect(goneOrMarkedDeleted(exchange({ status: 404, json: envelope('NOT_FOUND') }))).toEqual([]);
    expect(goneOrMarkedDeleted(exchange({ status: 200, json: { id: 'x', deletedAt: '2026-01-01T00:00:00Z' } }))).toEqual([]);
    expect(goneOrMarkedDeleted(exchange({ status: 200, json: { id: 'x', deletedAt: null } }))).toHaveLength(1);
  });

  test('a second DELETE is a 404, or a 204 where the deleted record is still served', () => {
    const gone = exchange({ status: 404, json: envelope('NOT_FOUND') });
    const stillServed = exchange({ status: 200, json: { id: 'x', deletedAt: '2026-01-01T00:00:00Z' } });
    const noContent = exchange({ status: 204, bodyText: '' });
    expect(secondDeleteAnswer(gone)(gone)).toEqual([]);
    expect(secondDeleteAnswer(gone)(noContent)).toHaveLength(1);
    expect(secondDeleteAnswer(stillServed)(noContent)).toEqual([]);
    expect(secondDeleteAnswer(stillServed)(gone)).toEqual([]);
    expect(secondDeleteAnswer(stillServed)(exchange({ status: 204, bodyText: '{}' }))).toHaveLength(1);
  });

  test('204 bodies must be empty; a filter page must hold the record', () => {
    expect(emptyBody(exchange({ status: 204, bodyText: '' }))).toEqual([]);
    expect(emptyBody(exchange({ status: 204, bodyText: '{}' }))).toHaveLength(1);
    expect(pageHolds('a')(exchange({ json: { data: [{ id: 'a' }] } }))).toEqual([]);
    expect(pageHolds('a')(exchange({ json: { data: [{ id: 'b' }] } }))).toHaveLength(1);
  });

  test('junk may get a 4xx with the envelope or a 2xx, never a 5xx or no answer', () => {
    expect(acceptableAnswer(exchange({ status: 201, json: { id: 'x' } }))).toEqual([]);
    expect(acceptableAnswer(exchange({ status: 413, json: envelope('PAYLOAD_TOO_LARGE') }))).toEqual([]);
    expect(acceptableAnswer(exchange({ status: 413, bodyText: 'too large', headers: { 'content-type': 'text/plain' } }))).not.toEqual([]);
    expect(acceptableAnswer(exchange({ status: 500, json: envelope('INTERNAL_ERROR') }))).toHaveLength(1);
    expect(acceptableAnswer(exchange(null, { failure: { kind: 'connection', message: 'ECONNRESET' } }))).toHaveLength(1);
    expect(status(200)(exchange({ status: 200 }))).toEqual([]);
  });

  test('junk the contract calls invalid must be refused: a 4xx with the envelope, not a 2xx', () => {
    expect(refusal(exchange({ status: 422, json: envelope('VALIDATION_ERROR') }))).toEqual([]);
    expect(refusal(exchange({ status: 201, json: { id: 'x' } }))).toHaveLength(1);
    expect(refusal(exchange({ status: 500, json: envelope('INTERNAL_ERROR') }))).toHaveLength(1);
  });
});

describe('security', () => {
  const error = (body: string) => exchange({ status: 401, bodyText: body, headers: { 'content-type': 'application/json' } });
  test('credentials in an error body are caught, and never shown', () => {
    const check = noSecretEcho(() => ['secret-token-value']);
    expect(check(error('{"error":{"code":"UNAUTHORIZED","message":"Invalid token"}}'))).toEqual([]);
    const leak = check(error('{"error":{"message":"bad token secret-token-value"}}'));
    expect(leak).toHaveLength(1);
    expect(JSON.stringify(leak)).not.toContain('secret-token-value');
    const sentForged = error('{"error":{"message":"rejected forged.token.value"}}');
    sentAuthorization.set(sentForged, 'Bearer forged.token.value');
    expect(check(sentForged)).toHaveLength(1);
  });

  test('stack traces, file paths and SQL are caught; ordinary messages are not', () => {
    expect(noInternals(error('{"error":{"code":"NOT_FOUND","message":"Cannot GET /app/v1/vendors/x"}}'))).toEqual([]);
    expect(noInternals(error('{"error":{"message":"Invalid email format: user@@example.com"}}'))).toEqual([]);
    expect(noInternals(error('TypeError: x\n    at handler (/srv/api/routes/vendors.js:12:5)'))).not.toEqual([]);
    expect(noInternals(error('{"message":"duplicate key value violates unique constraint \\"vendors_key\\""}'))).not.toEqual([]);
    expect(noInternals(error('{"message":"SELECT id FROM vendors WHERE key = $1"}'))).not.toEqual([]);
    expect(noInternals(error('Traceback (most recent call last):\n  File "app.py"'))).not.toEqual([]);
  });
});
