// ERR-422-* on create, on every resource, by its own field rules: a valid payload with one field broken
// gets 422 naming exactly that field (or 400 where DECISIONS.md allows it), several broken fields are all
// named, a reference to no live record is refused. Table rows cover every breaker of the fixture once;
// properties explore generated payloads and values.
import { randomUUID } from 'node:crypto';
import { arb, casesOn, danglingReferenceRefused, forEachResource, referencesForFile, test, workerSession } from '../harness/index.ts';

forEachResource((resource) => {
  const { fixture } = resource;
  const session = workerSession();
  const payloads = arb.payloadsFor(session, resource);
  const STRICT = payloads.create.filter((breaker) => !breaker.lenient);
  const LENIENT = payloads.create.filter((breaker) => breaker.lenient);
  const route = resource.routeLabel('create');
  referencesForFile(resource);

  test.concurrent.for(casesOn('ERR-422-FIELD-NAMED', resource, STRICT, (breaker) => `422 naming ${breaker.field} for ${breaker.label} on ${route}`))('%s', async ([, breaker], { send, verify }) => {
    const broken = arb.exampleOf(breaker, payloads.sample(breaker.variant));
    verify(await send(resource.create({ json: broken.payload })), arb.expectationFor(broken));
  });

  test.concurrent.for(casesOn('ERR-422-FIELD-NAMED', resource, [route], (on) => `generated payloads with one invalid value get 422 naming that field on ${on}`))('%s', async (_, { send, verify, property }) => {
    await property(arb.oneBroken(payloads.baseFor, STRICT), async (broken) => verify(await send(resource.create({ json: broken.payload })), arb.expectationFor(broken)));
  });

  test.concurrent.for(casesOn('ERR-422-MISSING-OR-TYPE', resource, LENIENT, (breaker) => `422 naming ${breaker.field} (or 400) for ${breaker.label} on ${route}`))('%s', async ([, breaker], { send, verify }) => {
    const broken = arb.exampleOf(breaker, payloads.sample(breaker.variant));
    verify(await send(resource.create({ json: broken.payload })), arb.expectationFor(broken));
  });

  test.concurrent.for(casesOn('ERR-422-MISSING-OR-TYPE', resource, [route], (on) => `generated payloads with one field missing or mistyped get 422 naming it, or 400, on ${on}`))('%s', async (_, { send, verify, property }) => {
    await property(arb.oneBroken(payloads.baseFor, LENIENT), async (broken) => verify(await send(resource.create({ json: broken.payload })), arb.expectationFor(broken)));
  });

  test.concurrent.for(casesOn('ERR-422-EVERY-FIELD', resource, [route], (on) => `a payload with every kind of invalid value gets 422 naming each field on ${on}`))('%s', async (_, { send, verify }) => {
    const broken = arb.allExamples(STRICT, payloads.sample());
    verify(await send(resource.create({ json: broken.payload })), arb.expectationFor(broken));
  });

  test.concurrent.for(casesOn('ERR-422-EVERY-FIELD', resource, [route], (on) => `generated payloads with several invalid values get 422 naming all of them on ${on}`))('%s', async (_, { send, verify, property }) => {
    await property(arb.severalBroken(payloads.valid(), STRICT), async (broken) => verify(await send(resource.create({ json: broken.payload })), arb.expectationFor(broken)));
  });

  const references = fixture.references.filter((reference) => session.known.has(reference.resource));
  test.concurrent.for(casesOn('ERR-422-DANGLING-REFERENCE', resource, references, (reference) => `422 naming ${reference.field} (or 404) for a ${reference.resource} id no record has on ${route}`))('%s', async ([, reference], { send, verify }) => {
    const missing = randomUUID();
    const payload = { ...payloads.sample(), [reference.field]: reference.shape === 'object' ? { id: missing } : missing };
    verify(await send(resource.create({ json: payload })), danglingReferenceRefused(reference.field));
  });
});
