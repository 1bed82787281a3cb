// The exchange: one request and whatever came back (a response, a timeout or a dropped connection).
// Checks and reports read only this; it never holds a real credential, only its display form.
import { REASON_PHRASES } from '../../model/evidence.ts';

/** What a request does: one of the CRUD routes, another role of operation, a nested record's operation, the token endpoint. */
export type Operation = 'create' | 'get' | 'patch' | 'delete' | 'filter' | 'search' | 'action' | 'sub-read' | 'collection-action' | 'report' | 'nested' | 'token' | 'other';

export interface RecordedRequest {
  method: string;
  url: string;
  /** Header values as sent, except Authorization, which holds its display form ($MVMNT_TOKEN). */
  headers: Record<string, string>;
  body?: Uint8Array;
  operation: Operation;
  /** The resource whose route was called; absent for requests outside any resource (an unknown path). */
  resource?: string;
  /** The operation called, as reports name it ("POST /orders/{id}/cancel"); absent outside the description's operations. */
  route?: string;
  /** The question with two accepted answers the request asks (checks/one-answer.ts), if any. */
  choice?: string;
  /** Sent to an action with a state rule (RequestSpec.stateConflict). */
  stateConflict?: true;
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
