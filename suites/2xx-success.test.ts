// ERR-2XX-*: the success statuses of the guide, on every resource: 201 with the record on create,
// 200 on GET (by id, by client key, with the lookup parameter), PATCH and filter, 204 with no body on DELETE.
import { all, arb, casesOn, createRecord, emptyBody, fieldEquals, filterPage, forEachResource, pageHolds, recordBody, recordForFile, status, test, workerSession } from '../harness/index.ts';

forEachResource((resource) => {
  const { fixture } = resource;
  const record = recordForFile(resource);
  const payloads = arb.payloadsFor(workerSession(), resource);
  const isRecord = recordBody(fixture.schemas.record);
  const page = filterPage(fixture.list.page);
  const [changedField, changedValue] = payloads.change;

  test.concurrent.for(casesOn('ERR-2XX-CREATE', resource, [resource.routeLabel('create')], (on) => `a valid create answers 201 with the record, id a UUID, on ${on}`))('%s', async (_, { send, verify }) => {
    verify(await send(resource.create({ json: payloads.sample() })), all(status(201), isRecord));
  });

  test.concurrent.for(casesOn('ERR-2XX-GET', resource, [resource.routeLabel('get')], (on) => `GET of a live record answers 200 with that record on ${on}`))('%s', async (_, { send, verify }) => {
    verify(await send(resource.get(record.id)), all(status(200), isRecord, fieldEquals('id', record.id)));
  });

  test.concurrent.for(casesOn('ERR-2XX-GET-BY-KEY', resource, [resource.routeLabel('get')], (on) => `GET with a live record's client key answers 200 with that record on ${on}`))('%s', async (_, { send, verify, skipUnless }) => {
    const exchange = await send(resource.get(record.key));
    // ERR-404-NON-UUID-ID accepts a 400 for non-UUID ids: such a target offers no key lookup in the path.
    skipUnless(exchange.response?.status !== 400, 'the target refuses non-UUID path ids with 400 (accepted by ERR-404-NON-UUID-ID), so it offers no client-key lookup in the path');
    verify(exchange, all(status(200), fieldEquals('id', record.id)));
  });

  test.concurrent.for(casesOn('ERR-2XX-GET-BY-KEY-PARAM', resource, fixture.lookup ? [fixture.lookup.parameter] : [], (parameter) => `GET with ?${parameter}=key finds a live record by its client key on ${resource.routeLabel('get')}`))('%s', async (_, { send, verify }) => {
    verify(await send(resource.getByKey(record.key)), all(status(200), fieldEquals('id', record.id)));
  });

  test.concurrent.for(casesOn('ERR-2XX-PATCH', resource, [resource.routeLabel('patch')], (on) => `PATCH answers 200 with the change applied on ${on}`))('%s', async (_, { send, verify, session }) => {
    const target = await createRecord(session, resource);
    verify(await send(resource.patch(target.id, { json: { [changedField]: changedValue } })), all(status(200), isRecord, fieldEquals(changedField, changedValue)));
  });

  const FILTERS = [
    { what: `filter answers 200 with data and ${fixture.list.page}`, body: () => ({ pageSize: 5 }), check: () => all(status(200), page) },
    ...(fixture.keyField ? [{ what: 'filtering by a live record\'s key finds it', body: () => ({ filter: { key: { equalTo: record.key } }, pageSize: 5 }), check: () => all(status(200), page, pageHolds(record.id)) }] : []),
  ];
  test.concurrent.for(casesOn('ERR-2XX-FILTER', resource, FILTERS, (row) => `${row.what} on ${resource.routeLabel('filter')}`))('%s', async ([, { body, check }], { send, verify }) => {
    verify(await send(resource.filter({ json: body() })), check());
  });

  test.concurrent.for(casesOn('ERR-2XX-DELETE', resource, [resource.routeLabel('delete')], (on) => `DELETE of a live record answers 204 with an empty body on ${on}`))('%s', async (_, { send, verify, session }) => {
    const target = await createRecord(session, resource);
    verify(await send(resource.remove(target.id)), all(status(204), emptyBody));
  });
});
