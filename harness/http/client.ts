// The HTTP client every clause uses: one keep-alive undici dispatcher, pacing on the target's
// rate-limit headers, a hard timeout, a capped body read. It never throws on a status and never
// follows redirects: whatever happens becomes an Exchange.
import { Agent, request, type Dispatcher } from 'undici';
import type { TokenSource } from '../auth.ts';
import type { Question } from '../checks/one-answer.ts';
import type { Credentials } from '../config.ts';
import type { Pacer, Slots } from '../pacing.ts';
import { readRateLimit } from '../pacing.ts';
import { sentAuthorization } from '../redact.ts';
import type { Exchange, Operation, RecordedResponse, TransportFailure } from './exchange.ts';

export const BODY_READ_LIMIT = 1024 * 1024;

export type AuthSpec =
  /** The run's token, with the Bearer scheme (or the one given, e.g. 'bearer'). */
  | { kind: 'token'; scheme?: string }
  | { kind: 'none' }
  /** A value that is no secret (a random string, a forged JWT): shown as it is. */
  | { kind: 'literal'; value: string }
  /** A value built from the real credentials; only its display form (shell variables) is ever shown. */
  | { kind: 'derived'; build: (token: string, credentials: Credentials) => { value: string; display: string } };

export type Purpose =
  /** The request under test: never retried, but sent again after a throttling 429. */
  | 'test'
  /** Records a clause needs, and cleanup: retried on 429, 500, 503 and one unexpected 401. */
  | 'setup'
  /** The rate-limit clause's burst: not paced, not retried. */
  | 'burst';

export interface RequestSpec {
  method: string;
  /** Appended to the base URL; or `url` for an absolute address. */
  path?: string;
  url?: string;
  operation?: Operation;
  /** The resource whose route this is (for the ledger and per-resource reports). */
  resource?: string;
  /** The operation it calls, "METHOD /path-template" (for the coverage of operations). */
  route?: string;
  /** A question with two accepted answers it asks (checks/one-answer.ts): the run judges that one answer is given everywhere. */
  choice?: Question;
  /** An action with a state rule: a 409 from it may be a state conflict, whose code is any UPPER_SNAKE one (the table's DUPLICATE_KEY is for keys). */
  stateConflict?: true;
  auth?: AuthSpec;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string | Uint8Array;
  /** Defaults to application/json when there is a body; null sends none. */
  contentType?: string | null;
  purpose?: Purpose;
}

/** Sees every response the run receives (including throttled ones sent again). */
export type ExchangeObserver = (exchange: Exchange) => void;

export interface ClientOptions {
  baseUrl: string;
  dispatcher: Dispatcher;
  tokens: TokenSource;
  credentials: Credentials;
  pacer: Pacer;
  slots: Slots;
  timeoutMs: number;
  observers: ExchangeObserver[];
}

export interface Client {
  send(spec: RequestSpec): Promise<Exchange>;
  /**
   * Requests sent, the moving average of their duration (queueing at the target included), and the
   * 429s received outside the burst: pacing that keeps to the target's limit leaves none.
   */
  readonly sent: { requests: number; meanMs: number; throttled: number };
}

export function createDispatcher(connections: number): Dispatcher {
  return new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 30_000, connections, pipelining: 1 });
}

const MAX_THROTTLE_RESENDS = 3;
const MAX_SETUP_ATTEMPTS = 4;
let sequence = 0;

export function createClient(options: ClientOptions): Client {
  const sent = { requests: 0, meanMs: 0, throttled: 0 };

  async function sendOnce(spec: RequestSpec, attempt: number): Promise<Exchange> {
    const url = spec.url ?? `${options.baseUrl}${spec.path ?? ''}`;
    const body = encodeBody(spec);
    const paced = spec.purpose !== 'burst';
    await options.slots.take();
    if (paced) await options.pacer.acquire();
    let response: RecordedResponse | null = null;
    let failure: TransportFailure | null = null;
    // The token is taken after any wait for the rate-limit window, so it cannot expire in the queue.
    let built: Awaited<ReturnType<typeof buildHeaders>> | undefined;
    const startedAt = Date.now();
    try {
      built = await buildHeaders(spec);
      sent.requests += 1;
      response = await exchangeOverHttp(url, spec.method, built.headers, body, options);
    } catch (error) {
      failure = describeFailure(error, options.timeoutMs);
    } finally {
      if (paced) options.pacer.release();
      options.slots.give();
    }
    const durationMs = Date.now() - startedAt;
    if (response) {
      options.pacer.observe(response.headers);
      sent.meanMs = sent.meanMs === 0 ? durationMs : sent.meanMs * 0.95 + durationMs * 0.05;
    }
    const exchange: Exchange = {
      seq: ++sequence,
      request: { method: spec.method, url, headers: built?.displayHeaders ?? {}, body, operation: spec.operation ?? 'other', resource: spec.resource, ...(spec.route ? { route: spec.route } : {}), ...(spec.choice ? { choice: spec.choice } : {}), ...(spec.stateConflict ? { stateConflict: true } : {}) },
      response,
      failure,
      startedAt,
      durationMs,
      attempts: attempt,
      faultInjected: /\bcode=\d{3}\b/.test(spec.headers?.Prefer ?? spec.headers?.prefer ?? ''),
    };
    if (built?.bucket !== undefined) exchange.bucket = built.bucket;
    if (built?.authorization !== undefined) sentAuthorization.set(exchange, built.authorization);
    for (const observe of options.observers) observe(exchange);
    return exchange;
  }

  async function buildHeaders(spec: RequestSpec) {
    const headers: Record<string, string> = { accept: 'application/json', ...spec.headers };
    const hasBody = spec.json !== undefined || spec.body !== undefined;
    const contentType = spec.contentType === undefined ? (hasBody ? 'application/json' : null) : spec.contentType;
    if (contentType !== null) headers['content-type'] = contentType;
    const displayHeaders = { ...headers };
    const auth = spec.auth ?? { kind: 'token' };
    let authorization: string | undefined;
    let bucket: string | undefined;
    if (auth.kind === 'token') {
      const scheme = auth.scheme ?? 'Bearer';
      const token = await options.tokens.token();
      authorization = `${scheme} ${token}`;
      displayHeaders.authorization = `${scheme} $MVMNT_TOKEN`;
      if (scheme.toLowerCase() === 'bearer') bucket = `token:${options.tokens.issued().indexOf(token)}`;
    } else if (auth.kind === 'literal') {
      authorization = auth.value;
      displayHeaders.authorization = auth.value;
    } else if (auth.kind === 'derived') {
      const built = auth.build(await options.tokens.token(), options.credentials);
      authorization = built.value;
      displayHeaders.authorization = built.display;
    }
    if (authorization !== undefined) headers.authorization = authorization;
    return { headers, displayHeaders, authorization, bucket };
  }

  async function send(spec: RequestSpec): Promise<Exchange> {
    const purpose = spec.purpose ?? 'test';
    let refreshedToken = false;
    for (let attempt = 1; ; attempt++) {
      const exchange = await sendOnce(spec, attempt);
      const status = exchange.response?.status;
      if (purpose === 'burst') return exchange;
      if (status === 429) sent.throttled += 1;
      if (status === 429 && attempt <= MAX_THROTTLE_RESENDS) {
        await options.pacer.sleep(throttleDelayMs(exchange, attempt));
        continue;
      }
      if (purpose !== 'setup' || attempt >= MAX_SETUP_ATTEMPTS) return exchange;
      if (status === 401 && !refreshedToken && options.tokens.mode === 'client-credentials') {
        refreshedToken = true;
        await options.tokens.refresh();
        continue;
      }
      if (status === 500 || status === 503 || exchange.failure?.kind === 'connection') {
        await options.pacer.sleep(backoffMs(attempt));
        continue;
      }
      return exchange;
    }
  }

  return { send, sent };
}

function encodeBody(spec: RequestSpec): Uint8Array | undefined {
  if (spec.json !== undefined) return Buffer.from(JSON.stringify(spec.json));
  if (typeof spec.body === 'string') return Buffer.from(spec.body);
  return spec.body;
}

async function exchangeOverHttp(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: Uint8Array | undefined,
  options: ClientOptions,
): Promise<RecordedResponse> {
  const response = await request(url, {
    method: method as Dispatcher.HttpMethod,
    headers,
    body,
    dispatcher: options.dispatcher,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  const chunks: Buffer[] = [];
  let bytes = 0;
  let truncated = false;
  for await (const chunk of response.body) {
    const buffer = chunk as Buffer;
    if (bytes + buffer.length > BODY_READ_LIMIT) {
      chunks.push(buffer.subarray(0, BODY_READ_LIMIT - bytes));
      bytes = BODY_READ_LIMIT;
      truncated = true;
      response.body.destroy();
      break;
    }
    chunks.push(buffer);
    bytes += buffer.length;
  }
  const bodyText = Buffer.concat(chunks).toString('utf8');
  const recorded: RecordedResponse = {
    status: response.statusCode,
    headers: flattenHeaders(response.headers),
    bodyText,
    truncated,
    bodyBytes: bytes,
  };
  if (bodyText.length > 0 && !truncated) {
    try {
      recorded.json = JSON.parse(bodyText);
    } catch (error) {
      recorded.jsonError = (error as Error).message;
    }
  } else if (truncated) {
    recorded.jsonError = `body cut at ${BODY_READ_LIMIT} bytes, not parsed`;
  }
  return recorded;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function describeFailure(error: unknown, timeoutMs: number): TransportFailure {
  const err = error as Error & { code?: string; name?: string };
  const timedOut =
    err.name === 'TimeoutError' ||
    err.name === 'AbortError' ||
    err.code === 'UND_ERR_HEADERS_TIMEOUT' ||
    err.code === 'UND_ERR_BODY_TIMEOUT';
  if (timedOut) return { kind: 'timeout', message: `no complete response within ${timeoutMs} ms` };
  return { kind: 'connection', message: `${err.code ?? err.name}: ${err.message}` };
}

/** How long to wait before sending a throttled request again: Retry-After, then Reset, then backoff. */
export function throttleDelayMs(exchange: Exchange, attempt: number): number {
  const headers = exchange.response?.headers ?? {};
  const retryAfter = headers['retry-after'];
  if (retryAfter && /^\d+$/.test(retryAfter.trim())) return Number(retryAfter) * 1000 + 50;
  const rate = readRateLimit(headers);
  if (rate && rate.reset * 1000 > Date.now()) return rate.reset * 1000 - Date.now() + 50;
  return backoffMs(attempt);
}

/** Exponential backoff with full jitter: 200 ms, 400 ms, 800 ms… each scaled by a random factor. */
export function backoffMs(attempt: number): number {
  return Math.round(200 * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
}
