// ERR-422-PATCH-FIELD, ERR-422-PATCH-EVERY-FIELD: PATCH validates like create, by each resource's patch
// rules (every field optional, non-nullable fields refusing null, nested objects checked as given): one
// invalid field is named, several are all named.
import { arb, casesOn, forEachResource, recordForFile, test, workerSession } from '../harness/index.ts';

forEachResource((resource) => {
  const payloads = arb.payloadsFor(workerSession(), resource);
  const ALL = payloads.patch;
  const STRICT = ALL.filter((breaker) => !breaker.lenient);
  const record = recordForFile(resource);
  const route = resource.routeLabel('patch');
  const [changedField, changedValue] = payloads.change;
  const base = () => ({ [changedField]: changedValue });

  test.concurrent.for(casesOn('ERR-422-PATCH-FIELD', resource, ALL, (breaker) => `422 naming ${breaker.field}${breaker.lenient ? ' (or 400)' : ''} for ${breaker.label} on ${route}`))('%s', async ([, breaker], { send, verify }) => {
    const broken = arb.exampleOf(breaker, base());
    verify(await send(resource.patch(record.id, { json: broken.payload })), arb.expectationFor(broken));
  });

  test.concurrent.for(casesOn('ERR-422-PATCH-FIELD', resource, [route], (on) => `generated PATCH bodies with one invalid field get 422 naming it (or 400 where allowed) on ${on}`))('%s', async (_, { send, verify, property }) => {
    await property(arb.oneBroken(() => payloads.validPatch, ALL), async (broken) => verify(await send(resource.patch(record.id, { json: broken.payload })), arb.expectationFor(broken)));
  });

  test.concurrent.for(casesOn('ERR-422-PATCH-EVERY-FIELD', resource, [route], (on) => `a PATCH with every kind of invalid value gets 422 naming each field on ${on}`))('%s', async (_, { send, verify }) => {
    const broken = arb.allExamples(STRICT, base());
    verify(await send(resource.patch(record.id, { json: broken.payload })), arb.expectationFor(broken));
  });

  test.concurrent.for(casesOn('ERR-422-PATCH-EVERY-FIELD', resource, [route], (on) => `generated PATCH bodies with several invalid values get 422 naming all of them on ${on}`))('%s', async (_, { send, verify, property }) => {
    await property(arb.severalBroken(payloads.validPatch, STRICT), async (broken) => verify(await send(resource.patch(record.id, { json: broken.payload })), arb.expectationFor(broken)));
  });
});
