// Each check on a good exchange (no violation) and on the bad exchanges it exists to catch.
import { describe, expect, test } from 'vitest';
import { canonicalField, detailsNameWhenPresent, validationErrorNaming, validationErrorOrBadRequest } from '../harness/checks/details.ts';
import { errorResponse } from '../harness/checks/envelope.ts';
import { allowOn405, requestIdPresent } from '../harness/checks/headers.ts';
import { rateLimitHeaders, retryAfterAgreesWithReset, throttled } from '../harness/checks/rate-limit.ts';
import { acceptableAnswer } from '../harness/checks/robustness.ts';
import { noInternals, noSecretEcho } from '../harness/checks/security.ts';
import { status } from '../harness/checks/status.ts';
import { sentAuthorization } from '../harness/redact.ts';
import { emptyBody, goneOrMarkedDeleted, pageHolds } from '../harness/checks/success.ts';
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
  test('spellings of one field are the same field', () => {
    expect(canonicalField('/corporateAddress/line1')).toBe('corporateAddress.line1');
    expect(canonicalField('requiredDocuments[0]')).toBe(canonicalField('requiredDocuments.0'));
    expect(canonicalField('/a~1b')).toBe('a/b');
  });

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
