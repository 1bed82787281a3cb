// ERR-422-PATCH-FIELD, ERR-422-PATCH-EVERY-FIELD: PATCH validates like create (every field optional, name not nullable, nested
// address fields required inside a given address): one invalid field is named, several are all named.
import { arb, cases, recordForFile, resourceRequests, test, vendorsResource, workerSession } from '../harness/index.ts';

const vendors = resourceRequests(vendorsResource);
const schema = vendorsResource.schemas.patch;
const session = workerSession();
const generators = arb.generatorContext(session);
const ALL = arb.patchBreakers(schema, schema, generators);
const STRICT = ALL.filter((breaker) => !breaker.lenient);
const record = recordForFile();
const validBase = arb.validObject(schema, schema, generators);

test.concurrent.for(cases(ALL, (breaker) => `ERR-422-PATCH-FIELD: 422 naming ${breaker.field}${breaker.lenient ? ' (or 400)' : ''} for ${breaker.label}`))(
  '%s',
  async ([, breaker], { send, verify }) => {
    const broken = arb.exampleOf(breaker, { notes: 'conformance' });
    verify(await send(vendors.patch(record.id, { json: broken.payload })), arb.expectationFor(broken));
  },
);

test.concurrent('ERR-422-PATCH-FIELD: generated PATCH bodies with one invalid field get 422 naming it (or 400 where allowed)', async ({ send, verify, property }) => {
  await property(arb.oneBroken(validBase, ALL), async (broken) => verify(await send(vendors.patch(record.id, { json: broken.payload })), arb.expectationFor(broken)));
});

test.concurrent('ERR-422-PATCH-EVERY-FIELD: a PATCH with every kind of invalid value gets 422 naming each field', async ({ send, verify }) => {
  const broken = arb.allExamples(STRICT, { notes: 'conformance' });
  verify(await send(vendors.patch(record.id, { json: broken.payload })), arb.expectationFor(broken));
});

test.concurrent('ERR-422-PATCH-EVERY-FIELD: generated PATCH bodies with several invalid values get 422 naming all of them', async ({ send, verify, property }) => {
  await property(arb.severalBroken(validBase, STRICT), async (broken) => verify(await send(vendors.patch(record.id, { json: broken.payload })), arb.expectationFor(broken)));
});
