// ERR-409-*: a client key held by a live record of a resource cannot be taken by a create or a PATCH
// of that resource (409 DUPLICATE_KEY, details naming the key field when present), and a record does
// not conflict with its own key. The guide promises this of every resource with a key, whatever a
// given operation of its description declares; a resource without a key skips (harness/applicability.ts).
import { all, arb, detailsNameWhenPresent, errorResponse, forEachResource, recordForFile, status, test, workerSession } from '../harness/index.ts';

forEachResource((resource) => {
  const { fixture } = resource;
  const keyField = fixture.keyField ?? 'key';
  const holder = recordForFile(resource);
  const other = recordForFile(resource);
  const payloads = arb.payloadsFor(workerSession(), resource);
  const createWithHeldKey = () => resource.create({ json: { ...payloads.sample(), [keyField]: holder.key } });
  const patchToHeldKey = () => resource.patch(other.id, { json: { [keyField]: holder.key } });

  test.concurrent(`ERR-409-CREATE-DUPLICATE: creating with a key in use is 409 DUPLICATE_KEY on ${resource.routeLabel('create')}`, async ({ send, verify }) => {
    verify(await send(createWithHeldKey()), errorResponse(409));
  });

  test.concurrent(`ERR-409-PATCH-DUPLICATE: PATCHing to a key in use is 409 DUPLICATE_KEY on ${resource.routeLabel('patch')}`, async ({ send, verify }) => {
    verify(await send(patchToHeldKey()), errorResponse(409));
  });

  test.concurrent(`ERR-409-DETAILS-KEY: a duplicate-key 409 on create names ${keyField} in its details on ${resource.routeLabel('create')}`, async ({ send, verify }) => {
    verify(await send(createWithHeldKey()), all(status(409), detailsNameWhenPresent(keyField)));
  });

  test.concurrent(`ERR-409-DETAILS-KEY: a duplicate-key 409 on PATCH names ${keyField} in its details on ${resource.routeLabel('patch')}`, async ({ send, verify }) => {
    verify(await send(patchToHeldKey()), all(status(409), detailsNameWhenPresent(keyField)));
  });

  test.concurrent(`ERR-409-OWN-KEY: PATCH repeating the record's own key is 200 on ${resource.routeLabel('patch')}`, async ({ send, verify }) => {
    verify(await send(resource.patch(holder.id, { json: { [keyField]: holder.key } })), status(200));
  });
});
