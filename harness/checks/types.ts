// What a check is: a pure function from an exchange to the violations it finds (none: it holds).
import type { Violation } from '../../model/violation.ts';
import type { Exchange } from '../http/exchange.ts';

export type Check = (exchange: Exchange) => Violation[];

export function all(...checks: Check[]): Check {
  return (exchange) => checks.flatMap((check) => check(exchange));
}
