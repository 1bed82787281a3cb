// ERR-422-* on every body of values (a create, an action's, a search's, a batch's), by its own field
// rules: a valid body with one field broken gets 422 naming exactly that field (or 400 where
// DECISIONS.md allows it), several broken fields are all named, a reference to no live record is
// refused. Table rows cover every breaker of each body once; properties explore generated bodies and values.
import { randomUUID } from 'node:crypto';
import { arb, byConstraintKind, casesOn, danglingReferenceRefused, forEachResource, operationTargets, referencesForFile, test, workerSession, type OperationRequests, type RequestSpec } from '../harness/index.ts';

forEachResource((resource) => {
  const session = workerSession();
  const payloads = arb.payloadsFor(session, resource);
  const targets = operationTargets(resource);
  referencesForFile(resource);
  const body = (operation: OperationRequests) => payloads.body(operation);
  const withBody = (operation: OperationRequests, json: Record<string, unknown>, choice?: RequestSpec['choice']) => targets.valid(operation, { json, ...(choice ? { choice } : {}) });
  const breakersOf = (lenient: boolean) => (operation: OperationRequests) => body(operation).breakers.filter((breaker) => breaker.lenient === lenient).map((breaker) => ({ breaker, operation }));
  const one = (operation: OperationRequests) => [operation];

  test.concurrent.for(casesOn('ERR-422-FIELD-NAMED', resource, breakersOf(false), ({ breaker }, operation) => `422 naming ${breaker.field} for ${breaker.label} on ${operation.label}`, byConstraintKind))('%s', async ([, { breaker, operation }], { send, verify }) => {
    const broken = arb.exampleOf(breaker, body(operation).sample(breaker.variant));
    verify(await send(withBody(operation, broken.payload)), arb.expectationFor(broken));
  });

  test.concurrent.for(casesOn('ERR-422-FIELD-NAMED', resource, one, (operation) => `generated bodies with one invalid value get 422 naming that field on ${operation.label}`))('%s', async ([, operation], { send, verify, property }) => {
    const strict = body(operation).breakers.filter((breaker) => !breaker.lenient);
    await property(arb.oneBroken(body(operation).baseFor, strict), async (broken) => verify(await send(withBody(operation, broken.payload)), arb.expectationFor(broken)));
  });

  test.concurrent.for(casesOn('ERR-422-MISSING-OR-TYPE', resource, breakersOf(true), ({ breaker }, operation) => `422 naming ${breaker.field} (or 400) for ${breaker.label} on ${operation.label}`, byConstraintKind))('%s', async ([, { breaker, operation }], { send, verify }) => {
    const broken = arb.exampleOf(breaker, body(operation).sample(breaker.variant));
    verify(await send(withBody(operation, broken.payload, 'missing-or-type')), arb.expectationFor(broken));
  });

  test.concurrent.for(casesOn('ERR-422-MISSING-OR-TYPE', resource, one, (operation) => `generated bodies with one field missing or mistyped get 422 naming it, or 400, on ${operation.label}`))('%s', async ([, operation], { send, verify, property }) => {
    const lenient = body(operation).breakers.filter((breaker) => breaker.lenient);
    await property(arb.oneBroken(body(operation).baseFor, lenient), async (broken) => verify(await send(withBody(operation, broken.payload, 'missing-or-type')), arb.expectationFor(broken)));
  });

  test.concurrent.for(casesOn('ERR-422-EVERY-FIELD', resource, one, (operation) => `a body with an invalid value in each of its fields gets 422 naming every one (or 400 where one is missing or mistyped) on ${operation.label}`))('%s', async ([, operation], { send, verify }) => {
    const broken = arb.allExamples(body(operation).breakers, body(operation).sample());
    verify(await send(withBody(operation, broken.payload)), arb.expectationFor(broken));
  });

  test.concurrent.for(casesOn('ERR-422-EVERY-FIELD', resource, one, (operation) => `generated bodies with several invalid values get 422 naming all of them (or 400 where one is missing or mistyped) on ${operation.label}`))('%s', async ([, operation], { send, verify, property }) => {
    await property(arb.severalBroken(body(operation).valid(), body(operation).breakers), async (broken) => verify(await send(withBody(operation, broken.payload)), arb.expectationFor(broken)));
  });

  // A reference the valid body holds (a top-level one, or a required one inside), to a resource the run knows.
  const known = (operation: OperationRequests) =>
    body(operation).references.filter((reference) => (reference.required || reference.path === reference.field) && session.known.has(reference.resource.split('.')[0])).map((reference) => ({ reference, operation }));
  test.concurrent.for(casesOn('ERR-422-DANGLING-REFERENCE', resource, known, ({ reference }, operation) => `422 naming ${reference.path} (or 404) for a ${reference.resource} id no record has on ${operation.label}`))('%s', async ([, { reference, operation }], { send, verify }) => {
    const missing = randomUUID();
    const payload = arb.withReference(body(operation).sample(), reference, reference.shape === 'object' ? { id: missing } : missing);
    verify(await send(withBody(operation, payload, 'dangling-reference')), danglingReferenceRefused(reference.path.replace(/\[\]/g, '[0]')));
  });
});
