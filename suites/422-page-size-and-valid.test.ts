// ERR-422-PAGE-SIZE: pageSize outside the resource's bounds on filter is a 422 naming pageSize.
// ERR-422-POSITIVE-CONTROL: valid payloads are accepted (201) - a validator that rejects everything
// would otherwise pass every 422 clause. Created records are deleted by the ledger after the file.
import { all, arb, casesOn, fc, forEachResource, recordBody, referencesForFile, schema, status, test, validationErrorNaming, workerSession } from '../harness/index.ts';

forEachResource((resource) => {
  const { fixture } = resource;
  const session = workerSession();
  const payloads = arb.payloadsFor(session, resource);
  const accepted = all(status(201), recordBody(fixture.schemas.record));
  const pageSize = fixture.schemas.filter.properties?.pageSize ?? {};
  const [min, max] = [pageSize.minimum, pageSize.maximum];
  referencesForFile(resource);

  // Without bounds there are no rows: the clause skips there (applicability.ts).
  const PAGE_SIZES = [...(min !== undefined ? [min - 1, min - 2] : []), ...(max !== undefined ? [max + 1, max * 4] : [])];
  test.concurrent.for(casesOn('ERR-422-PAGE-SIZE', resource, PAGE_SIZES, (size) => `422 naming pageSize for pageSize ${size} on ${resource.routeLabel('filter')}`))('%s', async ([, size], { send, verify }) => {
    verify(await send(resource.filter({ json: { pageSize: size } })), validationErrorNaming(['pageSize']));
  });

  const outside = [...(min !== undefined ? [fc.integer({ min: min - 10_000, max: min - 1 })] : []), ...(max !== undefined ? [fc.integer({ min: max + 1, max: max + 1_000_000 })] : [])];
  const OUT_OF_RANGE = outside.length > 0 ? [fc.oneof(...outside)] : [];
  test.concurrent.for(casesOn('ERR-422-PAGE-SIZE', resource, OUT_OF_RANGE, () => `any integer pageSize outside ${min ?? '-∞'}..${max ?? '∞'} gets 422 naming pageSize on ${resource.routeLabel('filter')}`))('%s', async ([, outOfRange], { send, verify, property }) => {
    await property(outOfRange, async (size) => verify(await send(resource.filter({ json: { pageSize: size } })), validationErrorNaming(['pageSize'])));
  });

  const keyField = fixture.keyField;
  const textField = schema.nameField(fixture.schemas.create);
  const VALID = [
    { what: 'a non-ASCII name', payload: () => ({ ...payloads.sample(), ...(textField ? { [textField]: 'Müller Logistik GmbH – 山田運輸' } : {}) }) },
    ...(keyField ? [{ what: 'a 512-character key', payload: () => ({ ...payloads.sample(), [keyField]: session.keys.ofLength(512) }) }] : []),
    { what: 'the valid sample, references and every optional field it holds', payload: () => payloads.sample() },
  ];
  test.concurrent.for(casesOn('ERR-422-POSITIVE-CONTROL', resource, VALID, (row) => `201 for a valid payload with ${row.what} on ${resource.routeLabel('create')}`))('%s', async ([, { payload }], { send, verify }) => {
    verify(await send(resource.create({ json: payload() })), accepted);
  });

  const anyValid = fc.oneof(payloads.valid(), payloads.valid(true));
  test.concurrent.for(casesOn('ERR-422-POSITIVE-CONTROL', resource, [resource.routeLabel('create')], (on) => `generated valid payloads get 201 on ${on}`))('%s', async (_, { send, verify, property }) => {
    await property(anyValid, async (payload) => verify(await send(resource.create({ json: payload })), accepted));
  });
});
