// The conflict family: an action its record's state forbids (cancel a canceled shipment, approve an
// approved bill) gets 409 with the envelope and changes nothing; in a state that allows it, it succeeds
// and moves the record. The states come from each action's rule (fixtures/hints), arranged on a fresh
// record of the run; an action whose conflict the run cannot arrange is a skip row saying why.
import { arb, arrange, casesOn, forEachResource, stateConflictRefused, stateMovedTo, stateRuleOf, stateUnchanged, status, test, type OperationRequests } from '../harness/index.ts';

forEachResource((resource) => {
  const one = (operation: OperationRequests) => [operation];
  const says = (operation: OperationRequests) => stateRuleOf(resource, operation)?.says ?? '';

  test.concurrent.for(casesOn('ERR-409-STATE-CONFLICT', resource, one, (operation) => `409 with the envelope for ${operation.label} where ${says(operation)}`))('%s', async ([, operation], { send, verify, session, skip }) => {
    const arranged = await arrange(session, resource, operation, 'conflict', skip);
    verify(await send(arb.validRequest(session, resource, operation, [arranged.id])), stateConflictRefused(arranged.rule));
  });

  test.concurrent.for(casesOn('ERR-409-STATE-UNCHANGED', resource, one, (operation) => `a refused ${operation.label} leaves the record's state as it was`))('%s', async ([, operation], { send, verify, session, skip }) => {
    const arranged = await arrange(session, resource, operation, 'conflict', skip);
    await send(arb.validRequest(session, resource, operation, [arranged.id]));
    verify(await send(resource.get(arranged.id)), stateUnchanged(arranged.rule.field, arranged.state));
  });

  test.concurrent.for(casesOn('ERR-409-STATE-ALLOWED', resource, one, (operation) => `${operation.label} in a state that allows it answers ${operation.definition.success} and moves the record`))('%s', async ([, operation], { send, verify, session, skip }) => {
    const arranged = await arrange(session, resource, operation, 'allowed', skip);
    verify(await send(arb.validRequest(session, resource, operation, [arranged.id])), status(operation.definition.success));
    verify(await send(resource.get(arranged.id)), stateMovedTo(arranged.rule.field, arranged.expected));
  });
});
