// ERR-2XX-*: the success statuses of the guide, on every resource: 201 with the record on create,
// 200 on GET (by id, by client key, with the lookup parameter), PATCH and filter, 204 with no body on
// DELETE; 200 with JSON for a read of a record's parts, a nested record, a search or a report; 2xx for
// an action whose description names no state it needs (the conflict clauses judge the others).
import {
  all,
  arb,
  casesOn,
  createRecord,
  emptyBody,
  fieldEquals,
  holdsId,
  filterPage,
  forEachResource,
  jsonAnswer,
  operationTargets,
  pageHolds,
  recordBody,
  status,
  test,
  workerSession,
  type OperationRequests,
} from '../harness/index.ts';

forEachResource((resource) => {
  const { fixture } = resource;
  const targets = operationTargets(resource);
  const record = targets.record;
  const payloads = arb.payloadsFor(workerSession(), resource);
  const isRecord = recordBody(fixture.schemas.record);
  const page = filterPage(fixture.list.page);
  const one = (operation: OperationRequests) => [operation];

  test.concurrent.for(casesOn('ERR-2XX-CREATE', resource, one, (operation) => `a valid create answers 201 with the record, id a UUID, on ${operation.label}`))('%s', async (_, { send, verify }) => {
    verify(await send(resource.create({ json: payloads.sample() })), all(status(201), isRecord));
  });

  test.concurrent.for(casesOn('ERR-2XX-GET', resource, one, (operation) => `GET of a live record answers 200 with that record on ${operation.label}`))('%s', async (_, { send, verify }) => {
    verify(await send(resource.get(record.id)), all(status(200), isRecord, holdsId(record.id)));
  });

  test.concurrent.for(casesOn('ERR-2XX-GET-BY-KEY', resource, one, (operation) => `GET with a live record's client key answers 200 with that record on ${operation.label}`))('%s', async (_, { send, verify, skipUnless }) => {
    const exchange = await send(resource.get(record.key));
    // ERR-404-NON-UUID-ID accepts a 400 for non-UUID ids: such a target offers no key lookup in the path.
    skipUnless(exchange.response?.status !== 400, 'the target refuses non-UUID path ids with 400 (accepted by ERR-404-NON-UUID-ID), so it offers no client-key lookup in the path');
    verify(exchange, all(status(200), holdsId(record.id)));
  });

  test.concurrent.for(casesOn('ERR-2XX-GET-BY-KEY-PARAM', resource, one, (operation) => `GET with ?${fixture.lookup!.parameter}=key finds a live record by its client key on ${operation.label}`))('%s', async (_, { send, verify }) => {
    verify(await send(resource.getByKey(record.key)), all(status(200), holdsId(record.id)));
  });

  test.concurrent.for(casesOn('ERR-2XX-PATCH', resource, (operation) => (payloads.change ? [payloads.change] : []), ([field], operation) => `PATCH setting ${field} answers 200 with the change applied on ${operation.label}`))('%s', async ([, [field, value]], { send, verify, session }) => {
    const target = await createRecord(session, resource);
    verify(await send(resource.patch(target.id, { json: { [field]: value } })), all(status(200), isRecord, fieldEquals(field, value)));
  });

  const filters = (operation: OperationRequests) => [
    { what: `filter answers 200 with data and ${fixture.list.page}`, body: () => ({ pageSize: 5 }), check: () => all(status(200), page) },
    ...(fixture.keyField && operation.definition.body?.schema.properties?.filter?.properties?.key ? [{ what: 'filtering by a live record\'s key finds it', body: () => ({ filter: { key: { equalTo: record.key } }, pageSize: 5 }), check: () => all(status(200), page, pageHolds(record.id)) }] : []),
  ].map((row) => ({ ...row, operation }));
  test.concurrent.for(casesOn('ERR-2XX-FILTER', resource, filters, (row, operation) => `${row.what} on ${operation.label}`))('%s', async ([, { body, check, operation }], { send, verify }) => {
    verify(await send(operation.request([], { json: body() })), check());
  });

  test.concurrent.for(casesOn('ERR-2XX-DELETE', resource, one, (operation) => `DELETE of a live record answers 204 with an empty body on ${operation.label}`))('%s', async (_, { send, verify, session }) => {
    const target = await createRecord(session, resource);
    verify(await send(resource.remove(target.id)), all(status(204), emptyBody));
  });

  test.concurrent.for(casesOn('ERR-2XX-QUERY', resource, one, (operation) => `a valid ${operation.label} answers ${operation.definition.success} with a JSON body`))('%s', async ([, operation], { send, verify }) => {
    verify(await send(targets.valid(operation)), all(status(operation.definition.success), jsonAnswer));
  });

  // An action may change its record (or make one): it runs on a record of its own.
  test.concurrent.for(casesOn('ERR-2XX-ACTION', resource, one, (operation) => `a valid ${operation.label}${operation.parameters.length > 0 ? ' on a live record' : ''} answers 2xx`))('%s', async ([, operation], { send, verify, session }) => {
    const ids = operation.parameters.length > 0 && operation.nested === undefined ? [(await createRecord(session, resource)).id] : targets.ids(operation);
    verify(await send(targets.valid(operation, {}, ids)), status(operation.definition.success));
  });
});
