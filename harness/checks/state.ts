// State-conflict checks: an action the record's state forbids gets 409 with the envelope (any
// UPPER_SNAKE code); the record's state afterwards is what it should be.
import { ERROR_CODES, type StateRule } from '../../fixtures/load.ts';
import { typed, type Violation } from '../../model/violation.ts';
import { errorCode, describeOutcome, type Exchange } from '../http/exchange.ts';
import { envelopeShape, jsonContentType } from './envelope.ts';
import { answered } from './status.ts';
import type { Check } from './types.ts';

/** The record's state under a rule's field: its value, or its items' values (`orders[].billingStatus`). */
export function stateIn(record: unknown, field: string): unknown {
  const [list, inner] = field.split('[].');
  const fields = record !== null && typeof record === 'object' ? (record as Record<string, unknown>) : {};
  if (inner === undefined) return fields[field];
  const items = fields[list!];
  return Array.isArray(items) ? items.map((item) => (item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[inner] : undefined)) : [];
}

const CODE_PATTERN = new RegExp(ERROR_CODES.codePattern);

/** The refusal of an action the record's state forbids: 409, the envelope, an UPPER_SNAKE code. */
export function stateConflictRefused(rule: StateRule): Check {
  return (exchange) => {
    const missing = answered(exchange);
    if (missing.length > 0) return missing;
    const { status } = exchange.response!;
    if (status !== 409) {
      return [{ kind: 'status', message: `A state conflict was answered ${status}: the record's state forbids this action (${rule.says}), which is a 409, not ${status >= 200 && status < 300 ? 'a success' : `a ${status}`}.`, expected: '409', received: describeOutcome(exchange) }];
    }
    const code = errorCode(exchange);
    const codeViolations: Violation[] = typeof code === 'string' && !CODE_PATTERN.test(code) ? [{ kind: 'error-code', message: 'error.code is not UPPER_SNAKE.', expected: 'an UPPER_SNAKE code (CONFLICT, say)', received: typed(code) }] : [];
    return [...jsonContentType(exchange), ...envelopeShape(exchange), ...codeViolations];
  };
}

/** GET of the record after a refused action: its state as it was. */
export function stateUnchanged(field: string, before: unknown): Check {
  return (exchange: Exchange) => {
    const after = stateIn(exchange.response?.json, field);
    return JSON.stringify(after) === JSON.stringify(before)
      ? []
      : [{ kind: 'state-changed', message: `The refused action still changed the record's ${field}.`, expected: typed(before), received: typed(after) }];
  };
}

/** GET of the record after an allowed action: the state the action leaves it in (each item's, for a list state). */
export function stateMovedTo(field: string, expected: unknown): Check {
  return (exchange: Exchange) => {
    const after = stateIn(exchange.response?.json, field);
    const moved = Array.isArray(after) && !Array.isArray(expected) ? after.length > 0 && after.every((item) => item === expected) : JSON.stringify(after) === JSON.stringify(expected);
    return moved ? [] : [{ kind: 'state-not-moved', message: `The action answered success but the record's ${field} is not the state it leaves.`, expected: typed(expected), received: typed(after) }];
  };
}
