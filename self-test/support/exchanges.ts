// Builds exchanges for check tests: a good response unless told otherwise.
import type { Exchange, RecordedResponse } from '../../harness/http/exchange.ts';

export function exchange(response: Partial<RecordedResponse> & { json?: unknown } | null, overrides: Partial<Exchange> = {}): Exchange {
  const bodyText = response?.bodyText ?? (response?.json === undefined ? '' : JSON.stringify(response.json));
  return {
    seq: 1,
    request: { method: 'GET', url: 'http://127.0.0.1:1/v1/vendors/x', headers: {}, operation: 'get' },
    response: response && {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      truncated: false,
      ...response,
      bodyText,
      bodyBytes: Buffer.byteLength(bodyText),
    },
    failure: null,
    startedAt: Date.now(),
    durationMs: 5,
    attempts: 1,
    faultInjected: false,
    ...overrides,
  };
}

export const envelope = (code: string, details?: { field: string; message: string }[]) => ({ error: { code, message: 'm', ...(details ? { details } : {}) } });
