// ERR-422-* on create: a valid payload with one field broken gets 422 naming exactly that field (or
// 400 where DECISIONS.md allows it), several broken fields are all named. Table rows cover every
// breaker of the fixture once; properties explore generated payloads and values.
import { arb, cases, resourceRequests, test, vendorsResource, workerSession } from '../harness/index.ts';

const vendors = resourceRequests(vendorsResource);
const schema = vendorsResource.schemas.create;
const session = workerSession();
const generators = arb.generatorContext(session);
const ALL = arb.breakers(schema, schema, generators);
const STRICT = ALL.filter((breaker) => !breaker.lenient);
const LENIENT = ALL.filter((breaker) => breaker.lenient);
const sampleBase = () => ({ ...vendorsResource.validSample, key: session.keys.next('v422') });
const validBase = arb.validObject(schema, schema, generators);

test.concurrent.for(cases(STRICT, (breaker) => `ERR-422-FIELD-NAMED: 422 naming ${breaker.field} for ${breaker.label}`))(
  '%s',
  async ([, breaker], { send, verify }) => {
    const broken = arb.exampleOf(breaker, sampleBase());
    verify(await send(vendors.create({ json: broken.payload })), arb.expectationFor(broken));
  },
);

test.concurrent('ERR-422-FIELD-NAMED: generated payloads with one invalid value get 422 naming that field', async ({ send, verify, property }) => {
  await property(arb.oneBroken(validBase, STRICT), async (broken) => verify(await send(vendors.create({ json: broken.payload })), arb.expectationFor(broken)));
});

test.concurrent.for(cases(LENIENT, (breaker) => `ERR-422-MISSING-OR-TYPE: 422 naming ${breaker.field} (or 400) for ${breaker.label}`))(
  '%s',
  async ([, breaker], { send, verify }) => {
    const broken = arb.exampleOf(breaker, sampleBase());
    verify(await send(vendors.create({ json: broken.payload })), arb.expectationFor(broken));
  },
);

test.concurrent('ERR-422-MISSING-OR-TYPE: generated payloads with one field missing or mistyped get 422 naming it, or 400', async ({ send, verify, property }) => {
  await property(arb.oneBroken(validBase, LENIENT), async (broken) => verify(await send(vendors.create({ json: broken.payload })), arb.expectationFor(broken)));
});

test.concurrent('ERR-422-EVERY-FIELD: a payload with every kind of invalid value gets 422 naming each field', async ({ send, verify }) => {
  const broken = arb.allExamples(STRICT, sampleBase());
  verify(await send(vendors.create({ json: broken.payload })), arb.expectationFor(broken));
});

test.concurrent('ERR-422-EVERY-FIELD: generated payloads with several invalid values get 422 naming all of them', async ({ send, verify, property }) => {
  await property(arb.severalBroken(validBase, STRICT), async (broken) => verify(await send(vendors.create({ json: broken.payload })), arb.expectationFor(broken)));
});
