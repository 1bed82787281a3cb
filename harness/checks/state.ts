// State-conflict checks: an action the record's state forbids gets 409 with the envelope (any
// UPPER_SNAKE code); the record's state afterwards is what it should be.
import type { StateRule } from '../../fixtures/load.ts';
import { typed } from '../../model/violation.ts';
import { describeOutcome, type Exchange } from '../http/exchange.ts';
import { errorResponse } from './envelope.ts';
import type { Check } from './types.ts';

/** The record's state under a rule's field: its value, or its items' values (`orders[].billingStatus`). */
export function stateIn(record: unknown, field: string): unknown {
  const [list, inner] = field.split('[].');
  const fields = record !== null && typeof record === 'object' ? (record as Record<string, unknown>) : {};
  if (inner === undefined) return fields[field];
  const items = fields[list!];
  return Array.isArray(items) ? items.map((item) => (item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[inner] : undefined)) : [];
}

/**
 * The refusal of an action the record's state forbids: the error contract of a 409 (an action with a
 * state rule may give it any UPPER_SNAKE code, see envelopeCode), and another status called what it is.
 */
export function stateConflictRefused(rule: StateRule): Check {
  const refused = errorResponse(409);
  return (exchange) => {
    const status = exchange.response?.status;
    if (status === undefined || status === 409) return refused(exchange);
    return [{ kind: 'status', message: `A state conflict was answered ${status}: the record's state forbids this action (${rule.says}), which is a 409, not ${status >= 200 && status < 300 ? 'a success' : `a ${status}`}.`, expected: '409', received: describeOutcome(exchange) }];
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
