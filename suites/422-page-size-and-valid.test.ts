// ERR-422-PAGE-SIZE: pageSize outside 1..250 on filter is a 422 naming pageSize.
// ERR-422-POSITIVE-CONTROL: valid payloads are accepted (201) - a validator that rejects everything
// would otherwise pass every 422 clause. Created records are deleted by the ledger after the file.
import { arb, cases, fc, recordBody, resourceRequests, status, all, test, validationErrorNaming, vendorsResource, workerSession } from '../harness/index.ts';

const vendors = resourceRequests(vendorsResource);
const filterSchema = vendorsResource.schemas.filter;
const createSchema = vendorsResource.schemas.create;
const session = workerSession();
const generators = arb.generatorContext(session);
const accepted = all(status(201), recordBody(vendorsResource.schemas.record));

const PAGE_SIZES = [0, -1, 251, 1000];
test.concurrent.for(cases(PAGE_SIZES, (size) => `ERR-422-PAGE-SIZE: 422 naming pageSize for pageSize ${size}`))(
  '%s',
  async ([, pageSize], { send, verify }) => {
    verify(await send(vendors.filter({ json: { pageSize } })), validationErrorNaming(['pageSize']));
  },
);

const outOfRange = fc.oneof(fc.integer({ min: -10_000, max: 0 }), fc.integer({ min: 251, max: 1_000_000 }));
test.concurrent('ERR-422-PAGE-SIZE: any integer pageSize outside 1..250 gets 422 naming pageSize', async ({ send, verify, property }) => {
  await property(outOfRange, async (pageSize) => verify(await send(vendors.filter({ json: { pageSize } })), validationErrorNaming(['pageSize'])));
});

const every = arb.validObject(createSchema, createSchema, generators, true);
const VALID = [
  { what: 'a non-ASCII name', payload: () => ({ name: 'Müller Logistik GmbH – 山田運輸', key: session.keys.next('v201') }) },
  { what: 'a 512-character key', payload: () => ({ name: 'Long Key Freight', key: session.keys.ofLength(512) }) },
  { what: 'every optional field and both addresses', payload: () => ({ ...vendorsResource.validSample, ...arb.referenceValues(createSchema, createSchema, generators), key: session.keys.next('v201') }) },
];
test.concurrent.for(cases(VALID, (row) => `ERR-422-POSITIVE-CONTROL: 201 for a valid payload with ${row.what}`))(
  '%s',
  async ([, { payload }], { send, verify }) => {
    verify(await send(vendors.create({ json: payload() })), accepted);
  },
);

const anyValid = fc.oneof(arb.validObject(createSchema, createSchema, generators), every);
test.concurrent('ERR-422-POSITIVE-CONTROL: generated valid payloads get 201', async ({ send, verify, property }) => {
  await property(anyValid, async (payload) => verify(await send(vendors.create({ json: payload })), accepted));
});
