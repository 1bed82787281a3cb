// ERR-422-PATCH-FIELD, ERR-422-PATCH-EVERY-FIELD: PATCH validates like create, by each resource's patch
// rules (every field optional, non-nullable fields refusing null, nested objects checked as given): one
// invalid field is named, several are all named.
import { arb, cases, forEachResource, recordForFile, test, workerSession } from '../harness/index.ts';

forEachResource((resource) => {
  const { fixture } = resource;
  const payloads = arb.payloadsFor(workerSession(), resource);
  const ALL = payloads.patch;
  const STRICT = ALL.filter((breaker) => !breaker.lenient);
  const record = recordForFile(resource);
  const route = resource.routeLabel('patch');
  const [changedField, changedValue] = payloads.change;
  const base = () => ({ [changedField]: changedValue });

  test.concurrent.for(cases(ALL, (breaker) => `ERR-422-PATCH-FIELD: 422 naming ${breaker.field}${breaker.lenient ? ' (or 400)' : ''} for ${breaker.label} on ${route}`))(
    '%s',
    async ([, breaker], { send, verify }) => {
      const broken = arb.exampleOf(breaker, base());
      verify(await send(resource.patch(record.id, { json: broken.payload })), arb.expectationFor(broken));
    },
  );

  test.concurrent(`ERR-422-PATCH-FIELD: generated PATCH bodies with one invalid field get 422 naming it (or 400 where allowed) on ${route}`, async ({ send, verify, property }) => {
    await property(arb.oneBroken(() => payloads.validPatch, ALL), async (broken) => verify(await send(resource.patch(record.id, { json: broken.payload })), arb.expectationFor(broken)));
  });

  test.concurrent(`ERR-422-PATCH-EVERY-FIELD: a PATCH with every kind of invalid value gets 422 naming each field on ${route}`, async ({ send, verify, skipUnless }) => {
    skipUnless(arb.canBreakSeveral(STRICT), `${fixture.name} has fewer than two patchable fields with format, enum or range rules`);
    const broken = arb.allExamples(STRICT, base());
    verify(await send(resource.patch(record.id, { json: broken.payload })), arb.expectationFor(broken));
  });

  test.concurrent(`ERR-422-PATCH-EVERY-FIELD: generated PATCH bodies with several invalid values get 422 naming all of them on ${route}`, async ({ send, verify, property, skipUnless }) => {
    skipUnless(arb.canBreakSeveral(STRICT), `${fixture.name} has fewer than two patchable fields with format, enum or range rules`);
    await property(arb.severalBroken(payloads.validPatch, STRICT), async (broken) => verify(await send(resource.patch(record.id, { json: broken.payload })), arb.expectationFor(broken)));
  });
});
