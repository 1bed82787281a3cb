// Status checks: the response exists and its status is one of those the clause allows.
import { describeOutcome, type Exchange } from '../http/exchange.ts';
import type { Check } from './types.ts';
import type { Violation } from '../../model/violation.ts';

export function answered(exchange: Exchange): Violation[] {
  if (!exchange.failure) return [];
  return [{
    kind: 'no-response', message: exchange.failure.kind === 'timeout'
      ? 'The target did not answer in time.'
      : 'The connection failed before a response arrived.',
    expected: 'an HTTP response',
    received: describeOutcome(exchange),
  }];
}

export function status(...allowed: number[]): Check {
  return (exchange) => {
    const missing = answered(exchange);
    if (missing.length > 0) return missing;
    const actual = exchange.response!.status;
    return allowed.includes(actual)
      ? []
      : [{ kind: 'status', message: `Status ${actual} is not ${allowed.join(' or ')}.`, expected: allowed.join(' or '), received: describeOutcome(exchange) }];
  };
}

/** Neither a server error nor a missing answer: the robustness floor. */
export const noServerError: Check = (exchange) => {
  const missing = answered(exchange);
  if (missing.length > 0) return missing;
  const actual = exchange.response!.status;
  return actual >= 500
    ? [{ kind: 'server-error', message: `A client mistake got a server error (${actual}).`, expected: 'a 4xx (or a 2xx where the input is still valid)', received: describeOutcome(exchange) }]
    : [];
};
