// The exchange: one request and whatever came back (a response, a timeout or a dropped connection).
// Checks and reports read only this; it never holds a real credential, only its display form.

export type Operation = 'create' | 'get' | 'patch' | 'delete' | 'filter' | 'token' | 'other';

export interface RecordedRequest {
  method: string;
  url: string;
  /** Header values as sent, except Authorization, which holds its display form ($MVMNT_TOKEN). */
  headers: Record<string, string>;
  body?: Uint8Array;
  operation: Operation;
  /** The resource whose route was called; absent for requests outside any resource (an unknown path). */
  resource?: string;
}

export interface RecordedResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  bodyText: string;
  /** The body was longer than the read cap and was cut there. */
  truncated: boolean;
  bodyBytes: number;
  json?: unknown;
  jsonError?: string;
}

export interface TransportFailure {
  kind: 'timeout' | 'connection';
  message: string;
}

export interface Exchange {
  seq: number;
  request: RecordedRequest;
  response: RecordedResponse | null;
  failure: TransportFailure | null;
  startedAt: number;
  durationMs: number;
  /** How many times the request was sent (a throttled request is sent again after the wait). */
  attempts: number;
  /** The request asked the target to fail on purpose (Prefer: code=...). */
  faultInjected: boolean;
  /**
   * Set when the request carried one of the run's own tokens as a Bearer token ("token:<n>", the n-th
   * token of the run): the rate-limit budget the headers describe is that caller's.
   */
  bucket?: string;
}

export const REASON_PHRASES: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden',
  404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 413: 'Content Too Large',
  415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export function describeOutcome(exchange: Exchange): string {
  if (exchange.failure) return `no response (${exchange.failure.kind}: ${exchange.failure.message})`;
  const status = exchange.response!.status;
  return `${status} ${REASON_PHRASES[status] ?? ''}`.trim();
}

export function header(exchange: Exchange, name: string): string | undefined {
  return exchange.response?.headers[name.toLowerCase()];
}

/** The error envelope's code, when the body has one. */
export function errorCode(exchange: Exchange): unknown {
  const json = exchange.response?.json as { error?: { code?: unknown } } | undefined;
  return json && typeof json === 'object' && json.error && typeof json.error === 'object' ? json.error.code : undefined;
}

export function requestLine(exchange: Exchange): string {
  return `${exchange.request.method} ${new URL(exchange.request.url).pathname}`;
}

export const EXCERPT_CHARS = 600;

export function bodyExcerpt(text: string, limit = EXCERPT_CHARS): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length - limit} more characters)`;
}
