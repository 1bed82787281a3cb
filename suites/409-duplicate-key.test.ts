// ERR-409-*: a client key held by a live record of a resource cannot be taken by a create or a PATCH
// of that resource (409 DUPLICATE_KEY, details naming the key field when present), and a record does
// not conflict with its own key. The guide promises this of every resource with a key, whatever a
// given operation of its description declares; a resource without a key skips (harness/applicability.ts).
import { all, arb, casesOn, detailsNameWhenPresent, errorResponse, forEachResource, recordForFile, status, test, workerSession, type OperationRequests } from '../harness/index.ts';

forEachResource((resource) => {
  const { fixture } = resource;
  const holder = recordForFile(resource);
  const other = recordForFile(resource);
  const payloads = arb.payloadsFor(workerSession(), resource);
  /** A create or PATCH that takes the holder's key: rows exist only where there is a key (applicability.ts). */
  const takingTheKey = (operation: OperationRequests) => {
    const keyField = fixture.keyField!;
    const request = operation.role === 'create' ? () => resource.create({ json: { ...payloads.sample(), [keyField]: holder.key } }) : () => resource.patch(other.id, { json: { [keyField]: holder.key } });
    return [{ operation, keyField, request }];
  };

  test.concurrent.for(casesOn('ERR-409-CREATE-DUPLICATE', resource, takingTheKey, (_, operation) => `creating with a key in use is 409 DUPLICATE_KEY on ${operation.label}`))('%s', async ([, { request }], { send, verify }) => {
    verify(await send(request()), errorResponse(409));
  });

  test.concurrent.for(casesOn('ERR-409-PATCH-DUPLICATE', resource, takingTheKey, (_, operation) => `PATCHing to a key in use is 409 DUPLICATE_KEY on ${operation.label}`))('%s', async ([, { request }], { send, verify }) => {
    verify(await send(request()), errorResponse(409));
  });

  test.concurrent.for(casesOn('ERR-409-DETAILS-KEY', resource, takingTheKey, (row, operation) => `a duplicate-key 409 names ${row.keyField} in its details on ${operation.label}`))('%s', async ([, { keyField, request }], { send, verify }) => {
    verify(await send(request()), all(status(409), detailsNameWhenPresent(keyField)));
  });

  test.concurrent.for(casesOn('ERR-409-OWN-KEY', resource, takingTheKey, (_, operation) => `PATCH repeating the record's own key is 200 on ${operation.label}`))('%s', async ([, { keyField }], { send, verify }) => {
    verify(await send(resource.patch(holder.id, { json: { [keyField]: holder.key } })), status(200));
  });
});
