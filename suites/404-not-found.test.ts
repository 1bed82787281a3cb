// ERR-404-* / ERR-405-*: unknown ids, non-UUID ids, unknown paths and wrong methods get 404 (or the
// accepted alternative) with the envelope; a record deleted in this run is gone or marked deleted.
import { randomUUID } from 'node:crypto';
import {
  allowOn405,
  arb,
  cases,
  createRecord,
  deleteRecord,
  errorResponse,
  goneOrMarkedDeleted,
  recordForFile,
  resourceRequests,
  secondDeleteAnswer,
  test,
  vendorsResource,
  workerSession,
  type RequestSpec,
} from '../harness/index.ts';

const vendors = resourceRequests(vendorsResource);
const record = recordForFile();
/** Lookups of ids nobody holds need no hundred cases: a handful shows the rule. */
const lookupRuns = () => Math.min(workerSession().context.settings.propertyRuns, 25);

const ITEM_OPERATIONS: { operation: string; request: (id: string) => RequestSpec }[] = [
  { operation: 'GET', request: (id) => vendors.get(id) },
  { operation: 'PATCH (valid body)', request: (id) => vendors.patch(id, { json: { notes: 'conformance' } }) },
  { operation: 'DELETE', request: (id) => vendors.remove(id) },
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

const UNKNOWN_PATHS = [
  { path: () => `/conformance-no-such-resource-${randomUUID()}` },
  { path: () => `${vendors.itemPath(randomUUID())}/conformance-no-such-child` },
];
test.concurrent.for(cases(UNKNOWN_PATHS, (row) => `ERR-404-UNKNOWN-PATH: 404 NOT_FOUND with the envelope for GET ${row.path().replace(/[0-9a-f-]{36}/, '{uuid}')}`))(
  '%s',
  async ([, { path }], { send, verify }) => {
    verify(await send({ method: 'GET', path: path() }), errorResponse(404));
  },
);

const WRONG_METHODS: { request: string; build: () => RequestSpec }[] = [
  { request: 'PUT /vendors/{id}', build: () => ({ method: 'PUT', path: vendors.itemPath(record.id), json: { ...vendorsResource.validSample, key: workerSession().keys.next('put') } }) },
  { request: 'DELETE /vendors', build: () => ({ method: 'DELETE', path: vendorsResource.routes.create.path }) },
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

test.concurrent('ERR-404-DELETED-RECORD: GET of a record deleted in this run is 404, or 200 with deletedAt set', async ({ send, verify, session }) => {
  const deleted = await createRecord(session);
  await deleteRecord(session, deleted.id);
  verify(await send(vendors.get(deleted.id)), goneOrMarkedDeleted);
});

test.concurrent('ERR-404-DELETE-TWICE: a second DELETE of a record is 404 NOT_FOUND (or 204 where deleted records are still served)', async ({ send, verify, session }) => {
  const deleted = await createRecord(session);
  await deleteRecord(session, deleted.id);
  const readBack = await send(vendors.get(deleted.id, { purpose: 'setup' }));
  verify(await send(vendors.remove(deleted.id)), secondDeleteAnswer(readBack));
});
