// ERR-404-* / ERR-405-*: unknown ids, non-UUID ids, unknown paths and wrong methods get 404 (or the
// accepted alternative) with the envelope, on every resource; a record deleted in this run is gone or
// marked deleted.
import { randomUUID } from 'node:crypto';
import {
  allowOn405,
  arb,
  casesOn,
  createRecord,
  deleteRecord,
  errorResponse,
  forEachResource,
  goneOrMarkedDeleted,
  recordForFile,
  secondDeleteAnswer,
  test,
  workerSession,
  type RequestSpec,
} from '../harness/index.ts';

/** Lookups of ids nobody holds need no hundred cases: a handful shows the rule. */
const lookupRuns = () => Math.min(workerSession().context.settings.propertyRuns, 25);

test.concurrent('ERR-404-UNKNOWN-PATH: 404 NOT_FOUND with the envelope for GET of a path that names no resource', async ({ send, verify }) => {
  verify(await send({ method: 'GET', path: `/conformance-no-such-resource-${randomUUID()}` }), errorResponse(404));
});

forEachResource((resource) => {
  const { fixture } = resource;
  const record = recordForFile(resource);
  const payloads = arb.payloadsFor(workerSession(), resource);
  const [changedField, changedValue] = payloads.change;
  const itemPath = fixture.routes.get.path;

  const ITEM_OPERATIONS: { operation: string; request: (id: string) => RequestSpec }[] = [
    { operation: `GET ${itemPath}`, request: (id) => resource.get(id) },
    { operation: `PATCH ${itemPath} (valid body)`, request: (id) => resource.patch(id, { json: { [changedField]: changedValue } }) },
    { operation: `DELETE ${itemPath}`, request: (id) => resource.remove(id) },
  ];

  test.concurrent.for(casesOn('ERR-404-RANDOM-ID', resource, ITEM_OPERATIONS, (row) => `404 NOT_FOUND for ${row.operation} of a random UUID`))('%s', async ([, { request }], { send, verify, property }) => {
    await property(arb.validUuid, async (id) => verify(await send(request(id)), errorResponse(404)), { runs: lookupRuns() });
  });

  test.concurrent.for(casesOn('ERR-404-NON-UUID-ID', resource, ITEM_OPERATIONS, (row) => `404 (or 400) for ${row.operation} of an id that is no UUID and no key`))('%s', async ([, { request }], { send, verify, session }) => {
    verify(await send(request(session.keys.unused())), errorResponse(404, 400));
  });

  test.concurrent.for(casesOn('ERR-404-UNKNOWN-PATH', resource, [`${itemPath}/conformance-no-such-child`], (path) => `404 NOT_FOUND with the envelope for GET ${path}`))('%s', async (_, { send, verify }) => {
    verify(await send({ method: 'GET', path: `${resource.itemPath(randomUUID())}/conformance-no-such-child` }), errorResponse(404));
  });

  const WRONG_METHODS: { request: string; build: () => RequestSpec }[] = [
    { request: `PUT ${itemPath}`, build: () => ({ method: 'PUT', path: resource.itemPath(record.id), resource: fixture.name, json: payloads.sample() }) },
    { request: `DELETE ${fixture.routes.create.path}`, build: () => ({ method: 'DELETE', path: fixture.routes.create.path, resource: fixture.name }) },
  ];
  test.concurrent.for(casesOn('ERR-404-WRONG-METHOD', resource, WRONG_METHODS, (row) => `404 or 405 with the envelope for ${row.request}`))('%s', async ([, { build }], { send, verify }) => {
    verify(await send(build()), errorResponse(404, 405));
  });

  test.concurrent.for(casesOn('ERR-405-ALLOW-HEADER', resource, WRONG_METHODS, (row) => `a 405 for ${row.request} names the allowed methods`))('%s', async ([, { build }], { send, verify }) => {
    verify(await send(build()), allowOn405);
  });

  test.concurrent.for(casesOn('ERR-404-DELETED-RECORD', resource, [itemPath], (path) => `GET ${path} of a record deleted in this run is 404, or 200 with deletedAt set`))('%s', async (_, { send, verify, session }) => {
    const deleted = await createRecord(session, resource);
    await deleteRecord(session, resource, deleted.id);
    verify(await send(resource.get(deleted.id)), goneOrMarkedDeleted);
  });

  test.concurrent.for(casesOn('ERR-404-DELETE-TWICE', resource, [itemPath], (path) => `a second DELETE ${path} of a record is 404 NOT_FOUND (or 204 where deleted records are still served)`))('%s', async (_, { send, verify, session }) => {
    const deleted = await createRecord(session, resource);
    await deleteRecord(session, resource, deleted.id);
    const readBack = await send(resource.get(deleted.id, { purpose: 'setup' }));
    verify(await send(resource.remove(deleted.id)), secondDeleteAnswer(readBack));
  });
});
