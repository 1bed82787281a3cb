// ERR-409-*: a client key held by a live record of a resource cannot be taken by a create or a PATCH
// of that resource (409 DUPLICATE_KEY, details naming the key field when present), and a record does
// not conflict with its own key. The guide promises this of every resource with a key, whatever a
// given operation of its description declares; a resource without a key skips (harness/applicability.ts).
import { all, arb, casesOn, detailsNameWhenPresent, errorResponse, forEachResource, recordForFile, status, test, workerSession } from '../harness/index.ts';

forEachResource((resource) => {
  const { fixture } = resource;
  const holder = recordForFile(resource);
  const other = recordForFile(resource);
  const payloads = arb.payloadsFor(workerSession(), resource);
  // Rows exist only where there is a key (applicability.ts skips the clauses elsewhere).
  const keyFields = fixture.keyField ? [fixture.keyField] : [];
  const createWithHeldKey = (keyField: string) => resource.create({ json: { ...payloads.sample(), [keyField]: holder.key } });
  const patchToHeldKey = (keyField: string) => resource.patch(other.id, { json: { [keyField]: holder.key } });

  test.concurrent.for(casesOn('ERR-409-CREATE-DUPLICATE', resource, keyFields, () => `creating with a key in use is 409 DUPLICATE_KEY on ${resource.routeLabel('create')}`))('%s', async ([, keyField], { send, verify }) => {
    verify(await send(createWithHeldKey(keyField)), errorResponse(409));
  });

  test.concurrent.for(casesOn('ERR-409-PATCH-DUPLICATE', resource, keyFields, () => `PATCHing to a key in use is 409 DUPLICATE_KEY on ${resource.routeLabel('patch')}`))('%s', async ([, keyField], { send, verify }) => {
    verify(await send(patchToHeldKey(keyField)), errorResponse(409));
  });

  const DETAILS = keyFields.flatMap((keyField) => [
    { keyField, route: resource.routeLabel('create'), request: () => createWithHeldKey(keyField) },
    { keyField, route: resource.routeLabel('patch'), request: () => patchToHeldKey(keyField) },
  ]);
  test.concurrent.for(casesOn('ERR-409-DETAILS-KEY', resource, DETAILS, (row) => `a duplicate-key 409 names ${row.keyField} in its details on ${row.route}`))('%s', async ([, { keyField, request }], { send, verify }) => {
    verify(await send(request()), all(status(409), detailsNameWhenPresent(keyField)));
  });

  test.concurrent.for(casesOn('ERR-409-OWN-KEY', resource, keyFields, () => `PATCH repeating the record's own key is 200 on ${resource.routeLabel('patch')}`))('%s', async ([, keyField], { send, verify }) => {
    verify(await send(resource.patch(holder.id, { json: { [keyField]: holder.key } })), status(200));
  });
});
