// An action's state rule (a hint of the fixtures), enforced: the record's state must be one the action
// runs in, or the action is refused with 409 and changes nothing; else it moves the record on.
import { HttpError } from './envelope.ts';
import type { StateRule } from './fixtures.ts';

/** The record's state under the rule: its field's value, or the list of its items' values (`orders[].billingStatus`). */
export function stateAt(record: Record<string, unknown>, field: string): unknown {
  const [list, inner] = field.split('[].');
  if (inner === undefined) return record[field];
  const items = record[list!];
  return Array.isArray(items) ? items.map((item) => (item as Record<string, unknown> | null)?.[inner]) : [];
}

/** Whether a record in state `current` may run the action; a list state allows it when it has items and every one does. */
export function allows(rule: StateRule, current: unknown): boolean {
  if (Array.isArray(current)) return current.length > 0 && current.every((item) => allows(rule, item));
  if (rule.needs?.in) return rule.needs.in.includes(current as string);
  if (rule.needs?.notIn) return !rule.needs.notIn.includes(current as string);
  return true;
}

export function stateConflict(rule: StateRule): HttpError {
  return new HttpError(409, `The record's state does not allow this action: ${rule.says}`, undefined, 'CONFLICT');
}

/** The reference behaviour: refuse first, then move; a refused action leaves the record as it was. */
export function applyStateRule(rule: StateRule, current: unknown, move: () => void): void {
  if (!allows(rule, current)) throw stateConflict(rule);
  move();
}
