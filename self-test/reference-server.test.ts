// Smoke test of the reference server over real HTTP: each rule of the error contract it must model, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type RunningReferenceServer } from '../reference-server/index.ts';

interface Call {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

interface CallOptions {
  token?: string | null;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

async function call(server: RunningReferenceServer, method: string, path: string, options: CallOptions = {}): Promise<Call> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined || options.raw !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = options.raw ?? JSON.stringify(options.body);
  }
  const response = await fetch(`${server.baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

async function fetchToken(server: RunningReferenceServer, form: Record<string, string>): Promise<{ status: number; json: any }> {
  const response = await fetch(server.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: response.status, json: await response.json() };
}

async function tokenFor(server: RunningReferenceServer): Promise<string> {
  const [client] = server.clients;
  const { json } = await fetchToken(server, { grant_type: 'client_credentials', client_id: client!.id, client_secret: client!.secret });
  return json.access_token as string;
}

function expectEnvelope(result: Call, status: number, code: string): void {
  expect(result.status).toBe(status);
  expect(result.headers.get('content-type')).toMatch(/^application\/json/);
  expect(result.json?.error?.code).toBe(code);
  expect(typeof result.json?.error?.message).toBe('string');
  expect(result.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
}

const unique = `smoke-${Date.now()}`;

describe('reference server', () => {
  let server: RunningReferenceServer;
  let token: string;

  beforeAll(async () => {
    server = await startReferenceServer();
    token = await tokenFor(server);
  });
  afterAll(async () => {
    await server.close();
  });

  it('issues tokens by the client-credentials grant and refuses bad credentials (RFC 6749)', async () => {
    const [client] = server.clients;
    const ok = await fetchToken(server, { grant_type: 'client_credentials', client_id: client!.id, client_secret: client!.secret });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(ok.json.access_token.split('.')).toHaveLength(3);

    const wrongSecret = await fetchToken(server, { grant_type: 'client_credentials', client_id: client!.id, client_secret: 'nope' });
    expect(wrongSecret).toEqual({ status: 401, json: { error: 'invalid_client' } });
    const wrongGrant = await fetchToken(server, { grant_type: 'password', client_id: client!.id, client_secret: client!.secret });
    expect(wrongGrant).toEqual({ status: 400, json: { error: 'unsupported_grant_type' } });
  });

  it('answers 401 for a missing, foreign-scheme or tampered token, before looking at the body', async () => {
    expectEnvelope(await call(server, 'GET', '/vendors/anything'), 401, 'UNAUTHORIZED');
    expectEnvelope(await call(server, 'GET', '/vendors/x', { headers: { authorization: `Basic ${token}` } }), 401, 'UNAUTHORIZED');
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expectEnvelope(await call(server, 'GET', '/vendors/x', { token: tampered }), 401, 'UNAUTHORIZED');
    const badTokenBadBody = await call(server, 'POST', '/vendors', { token: 'garbage', raw: '{oops' });
    expectEnvelope(badTokenBadBody, 401, 'UNAUTHORIZED');
    expect(badTokenBadBody.text).not.toContain('garbage');
    // The scheme name is case-insensitive.
    expectEnvelope(await call(server, 'GET', '/vendors/x', { headers: { authorization: `bearer ${token}` } }), 404, 'NOT_FOUND');
  });

  it('runs the vendor lifecycle: create, read by id and key, patch, soft delete', async () => {
    const key = `${unique}-life`;
    const created = await call(server, 'POST', '/vendors', {
      token,
      body: { name: 'Ünïcødé Warehouse', key, email: 'ops@example.com', corporateAddress: { line1: '1 Main', city: 'Chicago', country: 'US', market: 'Chicago' } },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ object: 'VENDOR', name: 'Ünïcødé Warehouse', key, deletedAt: null, friendlyId: expect.stringMatching(/^V\d{6}$/) });
    expect(created.json.corporateAddress).toEqual({ line1: '1 Main', city: 'Chicago', country: 'US', market: 'Chicago' });
    const { id } = created.json;

    expect((await call(server, 'GET', `/vendors/${id}`, { token })).json.id).toBe(id);
    expect((await call(server, 'GET', `/vendors/${encodeURIComponent(key)}`, { token })).json.id).toBe(id);

    const patched = await call(server, 'PATCH', `/vendors/${id}`, { token, body: { name: 'Renamed', email: null, key } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ name: 'Renamed', email: null, key });

    const deleted = await call(server, 'DELETE', `/vendors/${id}`, { token });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expectEnvelope(await call(server, 'GET', `/vendors/${id}`, { token }), 404, 'NOT_FOUND');
    expectEnvelope(await call(server, 'DELETE', `/vendors/${id}`, { token }), 404, 'NOT_FOUND');
    expectEnvelope(await call(server, 'GET', `/vendors/${crypto.randomUUID()}`, { token }), 404, 'NOT_FOUND');

    // A deleted record's key is free again.
    expect((await call(server, 'POST', '/vendors', { token, body: { name: 'Again', key } })).status).toBe(201);
  });

  it('answers 409 for a key held by another live record, on create and on PATCH', async () => {
    const key = `${unique}-dup`;
    expect((await call(server, 'POST', '/vendors', { token, body: { name: 'First', key } })).status).toBe(201);
    const duplicate = await call(server, 'POST', '/vendors', { token, body: { name: 'Second', key } });
    expectEnvelope(duplicate, 409, 'DUPLICATE_KEY');
    expect(duplicate.json.error.details).toEqual([{ field: 'key', message: expect.any(String) }]);

    const other = await call(server, 'POST', '/vendors', { token, body: { name: 'Other', key: `${key}-other` } });
    expectEnvelope(await call(server, 'PATCH', `/vendors/${other.json.id}`, { token, body: { key } }), 409, 'DUPLICATE_KEY');
  });

  it('answers 422 naming every invalid field', async () => {
    const result = await call(server, 'POST', '/vendors', {
      token,
      body: {
        email: 'not-an-email',
        currency: 'XYZ',
        key: 'k'.repeat(513),
        paymentTermId: 'not-a-uuid',
        corporateAddress: { line1: 'x', city: 'c', country: 'US' },
        requiredDocuments: ['W9', 7],
      },
    });
    expectEnvelope(result, 422, 'VALIDATION_ERROR');
    const fields = result.json.error.details.map((detail: { field: string }) => detail.field).sort();
    expect(fields).toEqual(
      ['corporateAddress.market', 'currency', 'email', 'key', 'name', 'paymentTermId', 'requiredDocuments[1]'].sort(),
    );
    const pageSize = await call(server, 'POST', '/vendors/filter', { token, body: { pageSize: 251 } });
    expectEnvelope(pageSize, 422, 'VALIDATION_ERROR');
    expect(pageSize.json.error.details).toEqual([{ field: 'pageSize', message: expect.any(String) }]);
  });

  it('answers 400 for malformed bodies and 415 for other media types', async () => {
    for (const raw of ['{"name":', '', 'null', '[]', '"text"']) {
      expectEnvelope(await call(server, 'POST', '/vendors', { token, raw }), 400, 'BAD_REQUEST');
    }
    const text = await call(server, 'POST', '/vendors', { token, raw: '{"name":"x"}', headers: { 'content-type': 'text/plain' } });
    expectEnvelope(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const deep = await call(server, 'POST', '/vendors', { token, raw: `{"name":${'['.repeat(5000)}${']'.repeat(5000)}}` });
    expectEnvelope(deep, 422, 'VALIDATION_ERROR');
  });

  it('answers 405 with Allow for a wrong method and 404 for unknown paths', async () => {
    const put = await call(server, 'PUT', `/vendors/${crypto.randomUUID()}`, { token, body: { name: 'x' } });
    expectEnvelope(put, 405, 'METHOD_NOT_ALLOWED');
    expect(put.headers.get('allow')).toBe('GET, PATCH, DELETE');
    const filterGet = await call(server, 'GET', '/vendors/filter', { token });
    expectEnvelope(filterGet, 405, 'METHOD_NOT_ALLOWED');
    expect(filterGet.headers.get('allow')).toBe('POST');
    expectEnvelope(await call(server, 'GET', '/no-such-thing', { token }), 404, 'NOT_FOUND');
  });

  it('pages through /filter with an opaque cursor', async () => {
    const keys = [1, 2, 3].map((n) => `${unique}-page-${n}`);
    for (const key of keys) await call(server, 'POST', '/vendors', { token, body: { name: key, key } });
    const first = await call(server, 'POST', '/vendors/filter', { token, body: { filter: { key: { in: keys } }, pageSize: 2 } });
    expect(first.status).toBe(200);
    expect(first.json.pageInfo).toMatchObject({ pageSize: 2, hasNextPage: true, hasPreviousPage: false });
    const second = await call(server, 'POST', '/vendors/filter', {
      token,
      body: { filter: { key: { in: keys } }, pageSize: 2, cursor: first.json.pageInfo.endCursor },
    });
    expect(second.json.pageInfo).toEqual({ pageSize: 1, hasNextPage: false, hasPreviousPage: true, endCursor: null });
    expect([...first.json.data, ...second.json.data].map((record: { key: string }) => record.key)).toEqual(keys);
    const badCursor = await call(server, 'POST', '/vendors/filter', { token, body: { cursor: 'not a cursor' } });
    expect(badCursor.json.error.details).toEqual([{ field: 'cursor', message: expect.any(String) }]);
  });

  it('puts X-Request-Id and X-RateLimit-* on every response, errors included', async () => {
    const a = await call(server, 'GET', `/vendors/${crypto.randomUUID()}`, { token });
    const b = await call(server, 'GET', '/vendors/x');
    for (const result of [a, b]) {
      expect(Number(result.headers.get('x-ratelimit-limit'))).toBeGreaterThan(0);
      expect(Number(result.headers.get('x-ratelimit-remaining'))).toBeGreaterThanOrEqual(0);
      expect(result.headers.get('x-ratelimit-reset')).toMatch(/^\d{10}$/);
    }
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });

  it('serves every committed resource: references checked, lookup by key, the page object under its own name', async () => {
    const customer = await call(server, 'POST', '/customers', { token, body: { name: 'Acme', status: 'ACTIVE', key: `${unique}-customer` } });
    expect(customer.status).toBe(201);
    expect(customer.json).toMatchObject({ object: 'CUSTOMER', key: `${unique}-customer` });
    const location = { name: 'Dock 5', isAppointmentRequired: false };
    const dangling = await call(server, 'POST', '/locations', { token, body: { ...location, customerId: crypto.randomUUID() } });
    expectEnvelope(dangling, 422, 'VALIDATION_ERROR');
    expect(dangling.json.error.details).toEqual([{ field: 'customerId', message: expect.any(String) }]);
    expect((await call(server, 'POST', '/locations', { token, body: { ...location, customerId: customer.json.id } })).status).toBe(201);
    const byObject = await call(server, 'POST', '/customers', { token, body: { name: 'B', status: 'NEW', paymentTerm: { key: 'no-such-term' } } });
    expect(byObject.json.error.details).toEqual([{ field: 'paymentTerm', message: expect.any(String) }]);

    // `by=key` looks the path segment up as a key only; `by=id` as an id only.
    expect((await call(server, 'GET', `/customers/${unique}-customer?by=key`, { token })).json.id).toBe(customer.json.id);
    expectEnvelope(await call(server, 'GET', `/customers/${unique}-customer?by=id`, { token }), 404, 'NOT_FOUND');
    expectEnvelope(await call(server, 'GET', `/customers/${customer.json.id}?by=sideways`, { token }), 400, 'BAD_REQUEST');

    const page = await call(server, 'POST', '/customers/filter', { token, body: { pageSize: 1 } });
    expect(page.json.pagination).toMatchObject({ pageSize: 1 });
    expect(page.json.pageInfo).toBeUndefined();
  });

  it('tells a union\'s variants apart by their tag (carriers\' type)', async () => {
    const truckload = { name: 'Swift', type: 'TRUCKLOAD', insuranceExpirationDate: '2027-01-01T00:00:00Z' };
    expect((await call(server, 'POST', '/carriers', { token, body: truckload })).status).toBe(201);
    const unknownType = await call(server, 'POST', '/carriers', { token, body: { ...truckload, type: 'ZEPPELIN' } });
    expect(unknownType.json.error.details).toEqual([{ field: 'type', message: expect.any(String) }]);
    const noType = await call(server, 'POST', '/carriers', { token, body: { name: 'Swift' } });
    expect(noType.json.error.details).toEqual([{ field: 'type', message: expect.any(String) }]);
    const badDate = await call(server, 'POST', '/carriers', { token, body: { ...truckload, insuranceExpirationDate: 'soon' } });
    expect(badDate.json.error.details).toEqual([{ field: 'insuranceExpirationDate', message: expect.any(String) }]);
  });

  it('fakes 500 and 503 when Prefer asks for them', async () => {
    const internal = await call(server, 'GET', '/vendors/x', { token, headers: { prefer: 'code=500' } });
    expectEnvelope(internal, 500, 'INTERNAL_ERROR');
    expect(internal.json.error.message).toBe('An unexpected error occurred');
    expectEnvelope(await call(server, 'GET', '/vendors/x', { token, headers: { prefer: 'code=503' } }), 503, 'SERVICE_UNAVAILABLE');
  });
});

describe('reference server rate limit', () => {
  let server: RunningReferenceServer;

  beforeAll(async () => {
    server = await startReferenceServer({ rateLimit: { limit: 3, windowSeconds: 60 } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers 429 after the limit, with Remaining 0 and Retry-After matching Reset', async () => {
    const token = await tokenFor(server);
    // The window may roll over between requests; retry once so the count starts in a fresh window.
    for (let attempt = 0; attempt < 2; attempt++) {
      const results: Call[] = [];
      for (let i = 0; i < 4; i++) results.push(await call(server, 'GET', '/vendors/x', { token }));
      const resets = new Set(results.map((result) => result.headers.get('x-ratelimit-reset')));
      if (resets.size > 1) continue;

      expect(results.slice(0, 3).map((result) => result.status)).toEqual([404, 404, 404]);
      expect(results.map((result) => result.headers.get('x-ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
      const limited = results[3]!;
      expectEnvelope(limited, 429, 'RATE_LIMIT_EXCEEDED');
      const reset = Number(limited.headers.get('x-ratelimit-reset'));
      const retryAfter = Number(limited.headers.get('retry-after'));
      const now = Date.now() / 1000;
      expect(reset).toBeGreaterThan(now);
      expect(reset - now).toBeLessThanOrEqual(60);
      // The server rounded up at its own clock reading, a moment before ours.
      expect(retryAfter).toBeGreaterThanOrEqual(reset - now);
      expect(retryAfter).toBeLessThan(reset - now + 2);
      return;
    }
    throw new Error('the rate window rolled over twice during the test');
  });
});
