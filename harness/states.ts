// The states an action's rule needs, arranged on a fresh record of the run: the steps its rule lists
// (other actions of the resource, or the record's own PATCH) sent as setup, and the record's state
// read back. A step the target refuses with 409 means its new records start elsewhere than the rule's
// sequence assumes (the description does not always say where a new record starts): the clause skips,
// saying so, rather than cry wolf.
import { stateRule, stepLabel, type StateRule, type StateStep } from '../fixtures/load.ts';
import { stateIn } from './checks/state.ts';
import type { RequestSpec } from './http/client.ts';
import type { Exchange } from './http/exchange.ts';
import { createRecord, SetupError } from './records.ts';
import type { OperationRequests, ResourceRequests } from './resource.ts';
import type { Session } from './session.ts';
import { validRequest } from './arbitraries/resource.ts';

export function stateRuleOf(resource: ResourceRequests, operation: OperationRequests): StateRule | undefined {
  return stateRule(resource.fixture, operation.definition.id);
}

export interface Arranged {
  rule: StateRule & { field: string };
  id: string;
  /** The record's state once arranged. */
  state: unknown;
  /** The state the action should leave it in (`$previous`: the one before the last step). */
  expected: unknown;
}

/** A fresh record of the resource in the state `toward` asks of the action's rule; `skip` ends the test where the target starts records elsewhere. */
export async function arrange(session: Session, resource: ResourceRequests, operation: OperationRequests, toward: 'conflict' | 'allowed', skip: (note: string) => never): Promise<Arranged> {
  const rule = stateRuleOf(resource, operation) as Arranged['rule'];
  const steps = (toward === 'conflict' ? rule.conflictAfter : rule.allowedAfter) ?? [];
  const { id } = await createRecord(session, resource);
  let state = await readState(session, resource, id, rule.field);
  let previous = state;
  for (const step of steps) {
    const exchange = await session.client.send(stepRequest(session, resource, step, id));
    const status = exchange.response?.status ?? 0;
    if (status === 409) skip(`the target refused ${stepLabel(step)} with 409 on a new ${resource.fixture.title}, a step towards the state ${operation.label} needs: its new records start elsewhere than this sequence assumes (${rule.says})`);
    if (status < 200 || status >= 300) throw new SetupError(`could not move a ${resource.fixture.title} towards the state ${operation.label} needs with ${stepLabel(step)}`, exchange, session.secrets());
    [previous, state] = [state, await readState(session, resource, id, rule.field)];
  }
  return { rule, id, state, expected: rule.leaves === '$previous' ? previous : rule.leaves };
}

async function readState(session: Session, resource: ResourceRequests, id: string, field: string): Promise<unknown> {
  const exchange: Exchange = await session.client.send(resource.get(id, { purpose: 'setup' }));
  if (exchange.response?.status !== 200) throw new SetupError(`could not read the ${resource.fixture.title} ${id} to see its ${field}`, exchange, session.secrets());
  return stateIn(exchange.response.json, field);
}

function stepRequest(session: Session, resource: ResourceRequests, step: StateStep, id: string): RequestSpec {
  if (typeof step !== 'string') return resource.patch(id, { json: step.patch, purpose: 'setup' });
  return validRequest(session, resource, resource.operations.find((candidate) => candidate.definition.id === step)!, [id], { purpose: 'setup' });
}
