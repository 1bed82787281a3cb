// ERR-2XX-*: the success statuses of the guide: 201 with the record on create, 200 on GET (by id
// or client key), PATCH and filter, 204 with no body on DELETE.
import { all, createRecord, emptyBody, fieldEquals, filterPage, pageHolds, recordBody, recordForFile, resourceRequests, status, test, vendorsResource } from '../harness/index.ts';

const vendors = resourceRequests(vendorsResource);
const record = recordForFile();
const isRecord = recordBody(vendorsResource.schemas.record);
const RENAMED = 'Conformance Renamed Vendor';

test.concurrent('ERR-2XX-CREATE: a valid create answers 201 with the record, id a UUID', async ({ send, verify, session }) => {
  const payload = { ...vendorsResource.validSample, key: session.keys.next('v2xx') };
  verify(await send(vendors.create({ json: payload })), all(status(201), isRecord, fieldEquals('key', payload.key)));
});

test.concurrent('ERR-2XX-GET: GET of a live record answers 200 with that record', async ({ send, verify }) => {
  verify(await send(vendors.get(record.id)), all(status(200), isRecord, fieldEquals('id', record.id)));
});

test.concurrent('ERR-2XX-GET-BY-KEY: GET with a live record\'s client key answers 200 with that record', async ({ send, verify, skipUnless }) => {
  const exchange = await send(vendors.get(record.key));
  // ERR-404-NON-UUID-ID accepts a 400 for non-UUID ids: such a target offers no key lookup in the path.
  skipUnless(exchange.response?.status !== 400, 'the target refuses non-UUID path ids with 400 (accepted by ERR-404-NON-UUID-ID), so it offers no client-key lookup in the path');
  verify(exchange, all(status(200), fieldEquals('id', record.id)));
});

test.concurrent('ERR-2XX-PATCH: PATCH answers 200 with the change applied', async ({ send, verify, session }) => {
  const target = await createRecord(session);
  verify(await send(vendors.patch(target.id, { json: { name: RENAMED } })), all(status(200), isRecord, fieldEquals('name', RENAMED)));
});

test.concurrent('ERR-2XX-FILTER: filter answers 200 with data and pageInfo', async ({ send, verify }) => {
  verify(await send(vendors.filter({ json: { pageSize: 5 } })), all(status(200), filterPage));
});

test.concurrent('ERR-2XX-FILTER: filtering by a live record\'s key finds it', async ({ send, verify }) => {
  const exchange = await send(vendors.filter({ json: { filter: { key: { equalTo: record.key } }, pageSize: 5 } }));
  verify(exchange, all(status(200), filterPage, pageHolds(record.id)));
});

test.concurrent('ERR-2XX-DELETE: DELETE of a live record answers 204 with an empty body', async ({ send, verify, session }) => {
  const target = await createRecord(session);
  verify(await send(vendors.remove(target.id)), all(status(204), emptyBody));
});
