// ERR-404-* / ERR-405-*: unknown ids, non-UUID ids, unknown paths and wrong methods get 404 (or the
// accepted alternative) with the envelope, on every resource; a record deleted in this run is gone or
// marked deleted.
import { randomUUID } from 'node:crypto';
import {
  allowOn405,
  arb,
  cases,
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

  test.concurrent.for(cases(ITEM_OPERATIONS, (row) => `ERR-404-RANDOM-ID: 404 NOT_FOUND for ${row.operation} of a random UUID`))(
    '%s',
    async ([, { request }], { send, verify, property }) => {
      await property(arb.validUuid, async (id) => verify(await send(request(id)), errorResponse(404)), { runs: lookupRuns() });
    },
  );

  test.concurrent.for(cases(ITEM_OPERATIONS, (row) => `ERR-404-NON-UUID-ID: 404 (or 400) for ${row.operation} of an id that is no UUID and no key`))(
    '%s',
    async ([, { request }], { send, verify, session }) => {
      verify(await send(request(session.keys.unused())), errorResponse(404, 400));
    },
  );

  test.concurrent(`ERR-404-UNKNOWN-PATH: 404 NOT_FOUND with the envelope for GET ${itemPath}/conformance-no-such-child`, async ({ send, verify }) => {
    verify(await send({ method: 'GET', path: `${resource.itemPath(randomUUID())}/conformance-no-such-child` }), errorResponse(404));
  });

  const WRONG_METHODS: { request: string; build: () => RequestSpec }[] = [
    { request: `PUT ${itemPath}`, build: () => ({ method: 'PUT', path: resource.itemPath(record.id), resource: fixture.name, json: payloads.sample() }) },
    { request: `DELETE ${fixture.routes.create.path}`, build: () => ({ method: 'DELETE', path: fixture.routes.create.path, resource: fixture.name }) },
  ];
  test.concurrent.for(cases(WRONG_METHODS, (row) => `ERR-404-WRONG-METHOD: 404 or 405 with the envelope for ${row.request}`))(
    '%s',
    async ([, { build }], { send, verify }) => {
      verify(await send(build()), errorResponse(404, 405));
    },
  );

  test.concurrent.for(cases(WRONG_METHODS, (row) => `ERR-405-ALLOW-HEADER: a 405 for ${row.request} names the allowed methods`))(
    '%s',
    async ([, { build }], { send, verify }) => {
      verify(await send(build()), allowOn405);
    },
  );

  test.concurrent(`ERR-404-DELETED-RECORD: GET ${itemPath} of a record deleted in this run is 404, or 200 with deletedAt set`, async ({ send, verify, session }) => {
    const deleted = await createRecord(session, resource);
    await deleteRecord(session, resource, deleted.id);
    verify(await send(resource.get(deleted.id)), goneOrMarkedDeleted);
  });

  test.concurrent(`ERR-404-DELETE-TWICE: a second DELETE ${itemPath} of a record is 404 NOT_FOUND (or 204 where deleted records are still served)`, async ({ send, verify, session }) => {
    const deleted = await createRecord(session, resource);
    await deleteRecord(session, resource, deleted.id);
    const readBack = await send(resource.get(deleted.id, { purpose: 'setup' }));
    verify(await send(resource.remove(deleted.id)), secondDeleteAnswer(readBack));
  });
});
