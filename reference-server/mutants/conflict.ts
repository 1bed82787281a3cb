// Mutants of the conflict family: each breaks how an action's state rule is kept (state.ts), on the
// resources whose actions have rules the run can arrange.
import { HttpError } from '../envelope.ts';
import { allows, stateConflict } from '../state.ts';
import { onResponse, routedOperation, type CatalogEntry } from './support.ts';

const ON = ['quotes'];

export const conflictMutants: CatalogEntry[] = [
  {
    name: 'state-rules-not-checked',
    family: 'conflict',
    diagnosis: 'state-conflicts-not-refused',
    resources: ON,
    breaks: ['ERR-409-STATE-CONFLICT'],
    models: 'The action handlers update the status without reading it first, so a lost quote is converted to a shipment with 200.',
    parts: { applyStateRule: (_rule, _current, move) => move() },
  },
  {
    name: 'refused-action-still-writes',
    family: 'conflict',
    diagnosis: 'refused-action-changes-record',
    resources: ON,
    breaks: ['ERR-409-STATE-UNCHANGED'],
    models: 'The status is written before the transition is validated and the 409 is raised outside the transaction, so converting a lost quote is refused yet marks it WON.',
    parts: {
      applyStateRule: (rule, current, move) => {
        move();
        if (!allows(rule, current)) throw stateConflict(rule);
      },
    },
  },
  {
    name: 'state-conflict-is-422',
    family: 'conflict',
    diagnosis: 'conflicts-answered-otherwise',
    resources: ON,
    breaks: ['ERR-409-STATE-CONFLICT'],
    models: 'A forbidden transition is reported as a validation error on the status field: 422 VALIDATION_ERROR instead of 409.',
    parts: {
      applyStateRule: (rule, current, move) => {
        if (!allows(rule, current)) throw new HttpError(422, 'Validation failed', [{ field: rule.field ?? 'status', message: rule.says }]);
        move();
      },
    },
  },
  {
    name: 'state-conflict-without-envelope',
    family: 'conflict',
    diagnosis: 'envelope-shape',
    resources: ON,
    breaks: ['ERR-409-STATE-CONFLICT'],
    models: 'The action controller answers a forbidden transition itself with {"message": ...}, bypassing the error middleware that writes the envelope.',
    install(app) {
      onResponse(app, ({ request, status, json }) => {
        if (routedOperation(request)?.operation.role !== 'action' || status !== 409) return undefined;
        return { message: json?.error?.message ?? 'Conflict' };
      });
    },
  },
  {
    name: 'actions-always-refused',
    family: 'conflict',
    diagnosis: 'allowed-actions-refused',
    resources: ON,
    breaks: ['ERR-409-STATE-ALLOWED'],
    models: 'A status guard compares against the wrong enum (the lifecycle status instead of the billing one), so every guarded action is refused with 409, even where its prerequisites hold.',
    parts: { applyStateRule: (rule) => { throw stateConflict(rule); } },
  },
];
