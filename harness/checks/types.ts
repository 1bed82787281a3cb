// What a check is: a pure function from an exchange to the violations it finds (none: it holds).
import type { Exchange } from '../http/exchange.ts';

export interface Violation {
  /** One sentence a person can act on. */
  message: string;
  expected: string;
  received: string;
}

export type Check = (exchange: Exchange) => Violation[];

/** Renders a value with its type, as web-platform-tests does: (number) 404, (string) "x". */
export function typed(value: unknown): string {
  if (value === undefined) return '(undefined)';
  if (value === null) return '(null)';
  if (Array.isArray(value)) return `(array) ${JSON.stringify(value)}`;
  return `(${typeof value}) ${JSON.stringify(value)}`;
}

export function all(...checks: Check[]): Check {
  return (exchange) => checks.flatMap((check) => check(exchange));
}
