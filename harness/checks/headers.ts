// Header checks every response must pass: X-Request-Id present; uniqueness is judged across the run.
import type { Check } from './types.ts';

export const requestIdPresent: Check = (exchange) => {
  const id = exchange.response?.headers['x-request-id'];
  return exchange.response && (id === undefined || id.trim() === '')
    ? [{ kind: 'request-id', message: 'The response has no X-Request-Id.', expected: 'X-Request-Id: <unique id>', received: '(absent)' }]
    : [];
};

/** A 405 must list the methods the path allows (RFC 9110 §15.5.6). */
export const allowOn405: Check = (exchange) =>
  exchange.response?.status === 405 && !exchange.response.headers.allow
    ? [{ kind: 'allow', message: 'A 405 without an Allow header does not say which methods work.', expected: 'Allow: <methods>', received: '(absent)' }]
    : [];
