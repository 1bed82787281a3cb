// ERR-422-PAGE-SIZE: pageSize outside the resource's bounds on filter is a 422 naming pageSize.
// ERR-422-POSITIVE-CONTROL: valid payloads are accepted (201) - a validator that rejects everything
// would otherwise pass every 422 clause. Created records are deleted by the ledger after the file.
import { all, arb, casesOn, fc, forEachResource, recordBody, referencesForFile, schema, status, test, validationErrorNaming, workerSession, type OperationRequests } from '../harness/index.ts';

forEachResource((resource) => {
  const { fixture } = resource;
  const session = workerSession();
  const payloads = arb.payloadsFor(session, resource);
  const accepted = all(status(201), recordBody(fixture.schemas.record));
  referencesForFile(resource);

  /** pageSize values outside its bounds (the clause skips where it has none: applicability.ts). */
  const bounds = (operation: OperationRequests) => {
    const pageSize = operation.definition.body?.schema.properties?.pageSize ?? {};
    return { operation, min: pageSize.minimum, max: pageSize.maximum };
  };
  const sizes = (operation: OperationRequests) => {
    const { min, max } = bounds(operation);
    return [...(min !== undefined ? [min - 1, min - 2] : []), ...(max !== undefined ? [max + 1, max * 4] : [])].map((size) => ({ size, operation }));
  };
  test.concurrent.for(casesOn('ERR-422-PAGE-SIZE', resource, sizes, ({ size }, operation) => `422 naming pageSize for pageSize ${size} on ${operation.label}`))('%s', async ([, { size, operation }], { send, verify }) => {
    verify(await send(operation.request([], { json: { pageSize: size } })), validationErrorNaming(['pageSize']));
  });

  test.concurrent.for(casesOn('ERR-422-PAGE-SIZE', resource, (operation) => [bounds(operation)], ({ min, max }, operation) => `any integer pageSize outside ${min ?? '-∞'}..${max ?? '∞'} gets 422 naming pageSize on ${operation.label}`))('%s', async ([, { min, max, operation }], { send, verify, property }) => {
    const outside = fc.oneof(...(min !== undefined ? [fc.integer({ min: min - 10_000, max: min - 1 })] : []), ...(max !== undefined ? [fc.integer({ min: max + 1, max: max + 1_000_000 })] : []));
    await property(outside, async (size) => verify(await send(operation.request([], { json: { pageSize: size } })), validationErrorNaming(['pageSize'])));
  });

  const textField = fixture.schemas.create ? schema.nameField(fixture.schemas.create) : undefined;
  // The boundary first: the gate profile sends only the first row.
  const VALID = [
    ...(fixture.keyField ? [{ what: 'a 512-character key', payload: () => ({ ...payloads.sample(), [fixture.keyField!]: session.keys.ofLength(512) }) }] : []),
    { what: 'a non-ASCII name', payload: () => ({ ...payloads.sample(), ...(textField ? { [textField]: 'Müller Logistik GmbH – 山田運輸' } : {}) }) },
    { what: 'the valid sample, references and every optional field it holds', payload: () => payloads.sample() },
  ];
  test.concurrent.for(casesOn('ERR-422-POSITIVE-CONTROL', resource, (operation) => VALID.map((row) => ({ ...row, operation })), (row, operation) => `201 for a valid payload with ${row.what} on ${operation.label}`))('%s', async ([, { payload, operation }], { send, verify }) => {
    verify(await send(operation.request([], { json: payload() })), accepted);
  });

  test.concurrent.for(casesOn('ERR-422-POSITIVE-CONTROL', resource, (operation) => [operation], (operation) => `generated valid payloads get 201 on ${operation.label}`))('%s', async ([, operation], { send, verify, property }) => {
    const body = payloads.body(operation);
    await property(fc.oneof(body.valid(), body.valid(true)), async (payload) => verify(await send(operation.request([], { json: payload })), accepted));
  });
});
