// ERR-404-* / ERR-405-*: unknown ids (for a nested record, an unknown parent), non-UUID ids, unknown
// paths and wrong methods get 404 (or the accepted alternative) with the envelope, on every operation
// whose path names a record and every path of every resource; a record deleted in this run is gone or
// marked deleted.
import { randomUUID } from 'node:crypto';
import { allowOn405, arb, casesOn, createRecord, deleteRecord, errorResponse, forEachResource, goneOrMarkedDeleted, noOtherRecord, nonUuidRequest, operationTargets, secondDeleteAnswer, test, wrongMethodRequest, type OperationRequests } from '../harness/index.ts';

test.concurrent('ERR-404-UNKNOWN-PATH: 404 NOT_FOUND with the envelope for GET of a path that names no resource', async ({ send, verify }) => {
  verify(await send({ method: 'GET', path: `/conformance-no-such-resource-${randomUUID()}` }), errorResponse(404));
});

forEachResource((resource) => {
  const { fixture } = resource;
  const targets = operationTargets(resource);
  const one = (operation: OperationRequests) => [operation];

  // Lookups of ids nobody holds need no hundred cases: a handful shows the rule.
  test.concurrent.for(casesOn('ERR-404-RANDOM-ID', resource, one, (operation) => `404 NOT_FOUND for ${operation.label}${operation.nested ? ' of a random parent' : ''} of a random UUID (valid request otherwise)`))('%s', async ([, operation], { send, verify, property }) => {
    await property(arb.validUuid, async (id) => verify(await send(targets.valid(operation, {}, operation.parameters.map(() => id))), errorResponse(404), noOtherRecord(id)), { maxRuns: 10 });
  });

  test.concurrent.for(casesOn('ERR-404-NON-UUID-ID', resource, one, (operation) => `404 (or 400) for ${operation.label} of an id that is no UUID and no key`))('%s', async ([, operation], { send, verify, session }) => {
    verify(await send(nonUuidRequest(session, resource, operation)), errorResponse(404, 400));
  });

  test.concurrent.for(casesOn('ERR-404-UNKNOWN-PATH', resource, one, (operation) => `404 NOT_FOUND with the envelope for GET ${operation.definition.path}/conformance-no-such-child`))('%s', async ([, operation], { send, verify }) => {
    verify(await send({ method: 'GET', path: `${operation.request(targets.randomIds(operation)).path}/conformance-no-such-child` }), errorResponse(404));
  });

  // On each path of the resource, a method none of its operations has; one answer settles both clauses.
  const wrongMethod = (operation: OperationRequests) => [{ operation, ...wrongMethodRequest(resource, operation), question: `wrong method on ${operation.definition.path}` }];
  test.concurrent.for(casesOn('ERR-404-WRONG-METHOD', resource, wrongMethod, (row) => `404 or 405 with the envelope for ${row.method} ${row.operation.definition.path}`))('%s', async ([, { request, question }], { send, verify }) => {
    verify(await send(request(), { shareAs: question }), errorResponse(404, 405));
  });

  test.concurrent.for(casesOn('ERR-405-ALLOW-HEADER', resource, wrongMethod, (row) => `a 405 for ${row.method} ${row.operation.definition.path} names the allowed methods`))('%s', async ([, { request, question }], { send, verify }) => {
    verify(await send(request(), { shareAs: question }), allowOn405);
  });

  test.concurrent.for(casesOn('ERR-404-DELETED-RECORD', resource, one, () => `GET of a record deleted in this run is 404, or 200 with deletedAt set`))('%s', async (_, { send, verify, session }) => {
    const deleted = await createRecord(session, resource);
    await deleteRecord(session, resource, deleted.id);
    verify(await send(resource.get(deleted.id, { choice: 'deleted-record' })), goneOrMarkedDeleted);
  });

  test.concurrent.for(casesOn('ERR-404-DELETE-TWICE', resource, one, (operation) => `a second ${operation.label} of a record is 404 NOT_FOUND (or 204 where deleted records are still served)`))('%s', async (_, { send, verify, session }) => {
    const deleted = await createRecord(session, resource);
    await deleteRecord(session, resource, deleted.id);
    const readBack = await send(resource.get(deleted.id, { purpose: 'setup' }));
    verify(await send(resource.remove(deleted.id)), secondDeleteAnswer(readBack));
  });
});
