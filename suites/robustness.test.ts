// ERR-ROBUST-*: hostile input (deep nesting, huge strings, wrong types everywhere, invalid UTF-8, a
// wrong Content-Type, generated junk) never gets a 5xx, a hang or a dropped connection, on every
// resource. Anything a lenient target accepts carries a key of the run and is deleted by the ledger.
import {
  acceptableAnswer,
  arb,
  casesOn,
  operationTargets,
  errorResponse,
  fc,
  forEachResource,
  refusal,
  schema,
  test,
  workerSession,
  type Check,
  type OperationRequests,
  type RequestSpec,
} from '../harness/index.ts';

const DEPTH = 1000;
const HUGE = 100_000;
const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const invalidUtf8 = (prefix: string, suffix: string) => Buffer.concat([Buffer.from(prefix), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(suffix)]);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

forEachResource((resource) => {
  const { fixture } = resource;
  const session = workerSession();
  const targets = operationTargets(resource);
  const record = targets.record;
  const payloads = arb.payloadsFor(session, resource);
  const create = schema.variantSchema(fixture.schemas.create ?? {}, undefined);
  const properties = create.properties ?? {};
  const keyField = fixture.keyField;
  const key = () => session.keys.next('junk');
  const keyed = (body: Record<string, unknown>) => (keyField ? { ...body, [keyField]: key() } : body);
  // Text fields with no rule but their type: the first is the payload's name, a second takes notes.
  const textFields = schema.plainTextFields(create);
  const [textField, notesField = textField] = textFields;
  const emailField = schema.fieldWithFormat(create, 'email');
  // A PATCH's field for hostile values: its plain text field, or else its first field (typed: the junk is no value of it).
  const patchSchema = fixture.schemas.patch ?? {};
  const patchField = schema.plainTextFields(patchSchema)[0] ?? Object.keys(patchSchema.properties ?? {})[0];
  const patchFieldSchema = patchField === undefined ? {} : patchSchema.properties![patchField];
  const patchAnswer: Check = schema.isTyped(patchFieldSchema) && schema.mainType(patchFieldSchema) !== 'object' ? refusal : acceptableAnswer;
  /** The valid sample as JSON text with `field` set to raw JSON text (hostile text a serializer would not write). */
  const sampleWith = (field: string, raw: string) => {
    const marker = `conformance-raw-${key()}`;
    return JSON.stringify({ ...payloads.sample(), [field]: marker }).replace(JSON.stringify(marker), raw);
  };

  /** The valid sample with invalid UTF-8 bytes inside the string value of `field`. */
  const sampleWithInvalidUtf8 = (field: string) => {
    const [before, after] = sampleWith(field, '"Bad <bytes>"').split('<bytes>');
    return invalidUtf8(before, after);
  };

  // `answer`: a refusal where the body is no valid request by the contract (another clause would fail
  // a 2xx), any 4xx with the envelope or a 2xx where it still is one.
  const withText = <Row>(rows: (Row | false)[]) => rows.filter((row): row is Row => row !== false);
  /** The rows of a table that belong to an operation of this role (create, update or filter). */
  const of = <Row extends { role: string }>(rows: Row[]) => (operation: OperationRequests) => rows.filter((row) => row.role === operation.role).map((row) => ({ ...row, operation }));
  const NESTED = withText<{ role: string; what: string; request: () => RequestSpec; answer: Check }>([
    textField !== undefined && { role: 'create', what: `${textField} as arrays nested ${DEPTH} deep`, request: () => resource.create({ body: sampleWith(textField, nestedArrays(DEPTH)) }), answer: refusal },
    notesField !== undefined && { role: 'create', what: `${notesField} as objects nested ${DEPTH} deep`, request: () => resource.create({ body: sampleWith(notesField, nestedObjects(DEPTH)) }), answer: refusal },
    { role: 'create', what: `an extra field nested ${DEPTH} deep`, request: () => resource.create({ body: sampleWith('conformanceExtra', nestedObjects(DEPTH)) }), answer: acceptableAnswer },
    { role: 'filter', what: `a body of arrays nested ${DEPTH} deep`, request: () => resource.filter({ body: nestedArrays(DEPTH) }), answer: refusal },
    patchField !== undefined && { role: 'update', what: `${patchField} as objects nested ${DEPTH} deep`, request: () => resource.patch(record.id, { body: `{"${patchField}": ${nestedObjects(DEPTH)}}` }), answer: patchAnswer },
  ]);
  test.concurrent.for(casesOn('ERR-ROBUST-DEEP-NESTING', resource, of(NESTED), (row, operation) => `${row.answer === refusal ? 'a 4xx with the envelope' : 'a 4xx with the envelope (or a 2xx)'} for ${row.what} on ${operation.label}`))(
    '%s',
    async ([, { request, answer }], { send, verify }) => {
      verify(await send(request()), answer);
    },
  );

  const long = 'x'.repeat(HUGE);
  const HUGE_FIELDS: { role: string; field: string; payload: () => Record<string, unknown> }[] = [...new Set(textFields.slice(0, 2))].map((field) => ({ role: 'create', field, payload: () => ({ ...payloads.sample(), [field]: long }) }));
  if (keyField) HUGE_FIELDS.push({ role: 'create', field: keyField, payload: () => ({ ...payloads.sample(), [keyField]: `${key()}${long}` }) });
  if (emailField) HUGE_FIELDS.push({ role: 'create', field: emailField, payload: () => ({ ...payloads.sample(), [emailField]: `${long}@example.com` }) });
  // Without a text field, a key or an email: the first field that takes text at all (applicability.ts skips a body without one).
  const [anyText] = schema.stringFields(create);
  if (HUGE_FIELDS.length === 0 && anyText) HUGE_FIELDS.push({ role: 'create', field: anyText, payload: () => ({ ...payloads.sample(), [anyText]: long }) });
  /** A field with a length limit must refuse the long value; one without may take it. */
  const hugeAnswer = (field: string): Check => (properties[field]?.maxLength === undefined ? acceptableAnswer : refusal);
  test.concurrent.for(casesOn('ERR-ROBUST-HUGE-STRING', resource, of(HUGE_FIELDS), (row, operation) => `a 4xx with the envelope${hugeAnswer(row.field) === refusal ? '' : ' (or a 2xx)'} for a ${HUGE.toLocaleString('en')}-character ${row.field} on ${operation.label}`))(
    '%s',
    async ([, { field, payload }], { send, verify }) => {
      verify(await send(resource.create({ json: payload() })), hugeAnswer(field));
    },
  );

  /** Every top-level field of the operation's own body (on every variant) set to a value of another JSON type. */
  const everythingWrong = (operation: OperationRequests) => {
    const wrong = payloads.body(operation).breakers.filter((breaker) => breaker.kind === 'wrong-type' && breaker.path.length === 1 && breaker.variant === undefined);
    return Object.fromEntries(wrong.map((breaker) => [breaker.top, breaker.example]));
  };
  const WRONG_TYPES = [
    { role: 'create', request: (operation: OperationRequests) => resource.create({ json: everythingWrong(operation) }) },
    { role: 'update', request: (operation: OperationRequests) => resource.patch(record.id, { json: everythingWrong(operation) }) },
    { role: 'filter', request: () => resource.filter({ json: { filter: 'all', pageSize: 'ten', cursor: 42 } }) },
  ];
  test.concurrent.for(casesOn('ERR-ROBUST-WRONG-TYPES', resource, of(WRONG_TYPES), (_, operation) => `400 or 422 with the envelope for every field of the wrong type on ${operation.label}`))(
    '%s',
    async ([, { request, operation }], { send, verify }) => {
      verify(await send(request(operation)), errorResponse(400, 422));
    },
  );

  const UTF8 = withText<{ role: string; request: () => RequestSpec }>([
    (textField ?? schema.stringFields(create)[0]) !== undefined && { role: 'create', request: () => resource.create({ body: sampleWithInvalidUtf8(textField ?? schema.stringFields(create)[0]) }) },
    patchField !== undefined && { role: 'update', request: () => resource.patch(record.id, { body: invalidUtf8(`{"${patchField}": "Bad `, '"}') }) },
    { role: 'filter', request: () => resource.filter({ body: invalidUtf8('{"cursor": "', '"}') }) },
  ]);
  test.concurrent.for(casesOn('ERR-ROBUST-INVALID-UTF8', resource, of(UTF8), (_, operation) => `a 4xx with the envelope (or a 2xx) for invalid UTF-8 on ${operation.label}`))(
    '%s',
    async ([, { request }], { send, verify }) => {
      verify(await send(request()), acceptableAnswer);
    },
  );

  const CONTENT_TYPES = [
    { role: 'create', label: 'text/plain', contentType: 'text/plain' },
    { role: 'create', label: 'application/x-www-form-urlencoded', contentType: 'application/x-www-form-urlencoded' },
    { role: 'create', label: 'no Content-Type', contentType: null },
  ];
  test.concurrent.for(casesOn('ERR-ROBUST-CONTENT-TYPE', resource, of(CONTENT_TYPES), (row, operation) => `a 4xx with the envelope (or a 2xx) for a JSON body sent as ${row.label} on ${operation.label}`))(
    '%s',
    async ([, { contentType }], { send, verify }) => {
      verify(await send(resource.create({ body: JSON.stringify(payloads.sample()), contentType })), acceptableAnswer);
    },
  );

  /** Any JSON value; objects get a key of the run so whatever a lenient target creates can be swept. */
  const junk = fc.jsonValue({ maxDepth: 4 }).map((value) => (isObject(value) ? keyed(value) : value));
  const JUNK_ROUTES: Record<string, (body: unknown) => RequestSpec> = {
    create: (body) => resource.create({ json: body }),
    ...(resource.operation('update') ? { patch: (body: unknown) => resource.patch(record.id, { json: body }) } : {}),
    ...(resource.operation('filter') ? { filter: (body: unknown) => resource.filter({ json: body }) } : {}),
  };
  const required = create.required ?? [];
  /** Junk that is no JSON object, or a create without every required field, is surely invalid: it must be refused. */
  const junkAnswer = (route: string, body: unknown): Check => (!isObject(body) || (route === 'create' && !required.every((field) => field in body)) ? refusal : acceptableAnswer);
  const junkRequest = fc.record({ route: fc.constantFrom(...Object.keys(JUNK_ROUTES)), body: junk });
  test.concurrent.for(casesOn('ERR-ROBUST-JUNK', resource, (operation) => [operation], (operation) => `generated JSON values sent to ${operation.definition.path} (create, PATCH, filter) never break the server`))('%s', async (_, { send, verify, property }) => {
    // First a create body that is JSON but no object: the junk likeliest to reach code that assumes one.
    await property(junkRequest, async ({ route, body }) => verify(await send(JUNK_ROUTES[route](body)), junkAnswer(route, body)), { examples: [{ route: 'create', body: [1] }] });
  });
});
