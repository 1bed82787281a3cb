// The HTTP client against hostile local servers: it never throws on a status, never hangs, never
// follows a redirect, cuts huge bodies, paces on the headers and renders reproducible curl lines.
import { afterEach, describe, expect, test } from 'vitest';
import { createTokenSource } from '../harness/auth.ts';
import { toCurl } from '../harness/http/curl.ts';
import { BODY_READ_LIMIT, createClient, createDispatcher, type Client } from '../harness/http/client.ts';
import type { Exchange } from '../harness/http/exchange.ts';
import { Pacer, Slots } from '../harness/pacing.ts';
import { listen, type LocalServer } from './support/servers.ts';

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function clientFor(handler: Parameters<typeof listen>[0], options: { timeoutMs?: number; pacer?: Pacer } = {}): Promise<{ client: Client; seen: Exchange[]; url: string }> {
  const server = await listen(handler);
  servers.push(server);
  const seen: Exchange[] = [];
  const dispatcher = createDispatcher(4);
  const client = createClient({
    baseUrl: `${server.url}/v1`,
    dispatcher,
    tokens: createTokenSource({ accessToken: 'the-real-token-value' }, null, dispatcher, 1000),
    credentials: { accessToken: 'the-real-token-value' },
    pacer: options.pacer ?? new Pacer(),
    slots: new Slots(4),
    timeoutMs: options.timeoutMs ?? 2000,
    observers: [(exchange) => seen.push(exchange)],
  });
  return { client, seen, url: server.url };
}

describe('the client', () => {
  test('a 5xx is an exchange, not an exception, and a non-JSON body is kept as text', async () => {
    const { client } = await clientFor((_, res) => res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>boom</h1>'));
    const exchange = await client.send({ method: 'GET', path: '/vendors/x' });
    expect(exchange.response).toMatchObject({ status: 500, bodyText: '<h1>boom</h1>' });
    expect(exchange.response?.jsonError).toBeDefined();
  });

  test('a response that never comes times out and is reported as such', async () => {
    const { client } = await clientFor(() => undefined, { timeoutMs: 300 });
    const started = Date.now();
    const exchange = await client.send({ method: 'GET', path: '/vendors/x' });
    expect(exchange.failure?.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('a dropped connection is reported as such', async () => {
    const { client } = await clientFor((req) => req.socket.destroy());
    expect((await client.send({ method: 'GET', path: '/vendors/x' })).failure?.kind).toBe('connection');
  });

  test('a body over 1 MiB is cut at 1 MiB and said to be cut', async () => {
    const { client } = await clientFor((_, res) => res.writeHead(200).end(Buffer.alloc(BODY_READ_LIMIT + 4096, 'a')));
    const exchange = await client.send({ method: 'GET', path: '/vendors/x' });
    expect(exchange.response).toMatchObject({ truncated: true, bodyBytes: BODY_READ_LIMIT });
  });

  test('redirects are not followed', async () => {
    const { client } = await clientFor((_, res) => res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end());
    expect((await client.send({ method: 'GET', path: '/vendors/x' })).response?.status).toBe(302);
  });

  test('the request under test is not retried on a 5xx; a setup request is', async () => {
    let calls = 0;
    const { client } = await clientFor((_, res) => res.writeHead(++calls === 1 ? 503 : 200, { 'content-type': 'application/json' }).end('{}'));
    expect((await client.send({ method: 'GET', path: '/a' })).response?.status).toBe(503);
    calls = 0;
    const setup = await client.send({ method: 'GET', path: '/a', purpose: 'setup' });
    expect(setup).toMatchObject({ attempts: 2, response: { status: 200 } });
  });

  test('a throttled request waits as Retry-After says and is sent again; a burst request is not', async () => {
    let calls = 0;
    const { client, seen } = await clientFor((_, res) => (++calls === 1 ? res.writeHead(429, { 'retry-after': '0' }).end() : res.writeHead(200).end()));
    const exchange = await client.send({ method: 'GET', path: '/a' });
    expect(exchange).toMatchObject({ attempts: 2, response: { status: 200 } });
    expect(seen.map((e) => e.response?.status)).toEqual([429, 200]);
    calls = 0;
    expect((await client.send({ method: 'GET', path: '/a', purpose: 'burst' })).response?.status).toBe(429);
  });

  test('the exchange and its curl line show $MVMNT_TOKEN, never the token', async () => {
    let received = '';
    const { client } = await clientFor((req, res) => {
      received = req.headers.authorization ?? '';
      res.writeHead(204).end();
    });
    const exchange = await client.send({ method: 'POST', path: '/vendors', json: { name: "O'Hare Cargo" } });
    expect(received).toBe('Bearer the-real-token-value');
    const { command } = toCurl(exchange);
    expect(JSON.stringify(exchange)).not.toContain('the-real-token-value');
    expect(command).toContain('-H "authorization: Bearer $MVMNT_TOKEN"');
    expect(command).toContain(`--data-raw '{"name":"O'\\''Hare Cargo"}'`);
  });

  test('binary and huge bodies are reproduced from printf or a saved file', async () => {
    const { client } = await clientFor((_, res) => res.writeHead(400).end());
    const binary = await client.send({ method: 'POST', path: '/vendors', body: Buffer.from([0x7b, 0xff, 0x7d]) });
    expect(toCurl(binary).command).toContain(`--data-binary "$(printf '\\x7b\\xff\\x7d')"`);
    const huge = await client.send({ method: 'POST', path: '/vendors', body: 'x'.repeat(5000) });
    const curl = toCurl(huge, 'reports/bodies');
    expect(curl.command).toMatch(/--data-binary @reports\/bodies\/[0-9a-f]{16}\.body$/);
    expect(curl.bodyFile?.content.length).toBe(5000);
  });
});

describe('tokens', () => {
  test('a setup request that meets an unexpected 401 renews the token once and is sent again', async () => {
    let issued = 0;
    const seenTokens: string[] = [];
    const server = await listen((req, res) => {
      if (req.url === '/oauth2/token') {
        issued += 1;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: `token-${issued}`, expires_in: 3600 }));
        return;
      }
      seenTokens.push(req.headers.authorization ?? '');
      res.writeHead(req.headers.authorization === 'Bearer token-1' ? 401 : 200).end();
    });
    servers.push(server);
    const dispatcher = createDispatcher(2);
    const credentials = { clientId: 'id', clientSecret: 'secret' };
    const client = createClient({
      baseUrl: `${server.url}/v1`,
      dispatcher,
      tokens: createTokenSource(credentials, `${server.url}/oauth2/token`, dispatcher, 1000),
      credentials,
      pacer: new Pacer(),
      slots: new Slots(2),
      timeoutMs: 1000,
      observers: [],
    });
    expect((await client.send({ method: 'GET', path: '/a' })).response?.status).toBe(401);
    expect((await client.send({ method: 'GET', path: '/a', purpose: 'setup' })).response?.status).toBe(200);
    expect(seenTokens).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
  });
});

describe('pacing', () => {
  test('when the budget is spent, the next request waits for X-RateLimit-Reset', async () => {
    const arrivals: number[] = [];
    const resets: number[] = [];
    const pacer = new Pacer();
    const { client } = await clientFor((_, res) => {
      arrivals.push(Date.now());
      resets.push(Math.ceil(Date.now() / 1000) + 1);
      res.writeHead(200, { 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resets.at(-1)) }).end();
    }, { pacer });
    await client.send({ method: 'GET', path: '/a' });
    await client.send({ method: 'GET', path: '/a' });
    expect(arrivals[1]).toBeGreaterThanOrEqual(resets[0] * 1000);
    expect(pacer.waitedMs).toBeGreaterThan(0);
  });
});
