// ERR-409-*: a key held by a live record cannot be taken by a create or a PATCH (409 DUPLICATE_KEY,
// details naming key when present), and a record does not conflict with its own key.
import { all, detailsNameWhenPresent, errorResponse, recordForFile, resourceRequests, status, test, vendorsResource } from '../harness/index.ts';

const vendors = resourceRequests(vendorsResource);
const holder = recordForFile();
const other = recordForFile();
const createWithHeldKey = () => vendors.create({ json: { ...vendorsResource.validSample, key: holder.key } });
const patchToHeldKey = () => vendors.patch(other.id, { json: { key: holder.key } });

test.concurrent('ERR-409-CREATE-DUPLICATE: creating with a key in use is 409 DUPLICATE_KEY', async ({ send, verify }) => {
  verify(await send(createWithHeldKey()), errorResponse(409));
});

test.concurrent('ERR-409-PATCH-DUPLICATE: PATCHing to a key in use is 409 DUPLICATE_KEY', async ({ send, verify }) => {
  verify(await send(patchToHeldKey()), errorResponse(409));
});

test.concurrent('ERR-409-DETAILS-KEY: a duplicate-key 409 on create names key in its details', async ({ send, verify }) => {
  verify(await send(createWithHeldKey()), all(status(409), detailsNameWhenPresent('key')));
});

test.concurrent('ERR-409-DETAILS-KEY: a duplicate-key 409 on PATCH names key in its details', async ({ send, verify }) => {
  verify(await send(patchToHeldKey()), all(status(409), detailsNameWhenPresent('key')));
});

test.concurrent('ERR-409-OWN-KEY: PATCH repeating the record\'s own key is 200', async ({ send, verify }) => {
  verify(await send(vendors.patch(holder.id, { json: { key: holder.key } })), status(200));
});
