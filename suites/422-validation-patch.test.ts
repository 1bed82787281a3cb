// ERR-422-PATCH-FIELD, ERR-422-PATCH-EVERY-FIELD: every update (a record's PATCH, a nested record's)
// validates like create, by its own body's rules (every field optional, non-nullable fields refusing
// null, nested objects checked as given): one invalid field is named, several are all named.
import { arb, byConstraintKind, casesOn, forEachResource, operationTargets, test, workerSession, type OperationRequests } from '../harness/index.ts';

forEachResource((resource) => {
  const payloads = arb.payloadsFor(workerSession(), resource);
  const targets = operationTargets(resource);
  const body = (operation: OperationRequests) => payloads.body(operation);
  const withBody = (operation: OperationRequests, json: Record<string, unknown>) => targets.valid(operation, { json });
  const one = (operation: OperationRequests) => [operation];

  test.concurrent.for(casesOn('ERR-422-PATCH-FIELD', resource, (operation) => body(operation).breakers.map((breaker) => ({ breaker, operation })), ({ breaker }, operation) => `422 naming ${breaker.field}${breaker.lenient ? ' (or 400)' : ''} for ${breaker.label} on ${operation.label}`, byConstraintKind))('%s', async ([, { breaker, operation }], { send, verify }) => {
    const broken = arb.exampleOf(breaker, body(operation).sample());
    verify(await send(withBody(operation, broken.payload)), arb.expectationFor(broken));
  });

  test.concurrent.for(casesOn('ERR-422-PATCH-FIELD', resource, one, (operation) => `generated PATCH bodies with one invalid field get 422 naming it (or 400 where allowed) on ${operation.label}`))('%s', async ([, operation], { send, verify, property }) => {
    await property(arb.oneBroken(() => body(operation).valid(), body(operation).breakers), async (broken) => verify(await send(withBody(operation, broken.payload)), arb.expectationFor(broken)));
  });

  test.concurrent.for(casesOn('ERR-422-PATCH-EVERY-FIELD', resource, one, (operation) => `a PATCH with an invalid value in each of its fields gets 422 naming every one (or 400 where one is mistyped or null) on ${operation.label}`))('%s', async ([, operation], { send, verify }) => {
    const broken = arb.allExamples(body(operation).breakers, body(operation).sample());
    verify(await send(withBody(operation, broken.payload)), arb.expectationFor(broken));
  });

  test.concurrent.for(casesOn('ERR-422-PATCH-EVERY-FIELD', resource, one, (operation) => `generated PATCH bodies with several invalid values get 422 naming all of them (or 400 where one is mistyped or null) on ${operation.label}`))('%s', async ([, operation], { send, verify, property }) => {
    await property(arb.severalBroken(body(operation).valid(), body(operation).breakers), async (broken) => verify(await send(withBody(operation, broken.payload)), arb.expectationFor(broken)));
  });
});
