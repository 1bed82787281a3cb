// ERR-ROBUST-*: hostile input (deep nesting, huge strings, wrong types everywhere, invalid UTF-8, a
// wrong Content-Type, generated junk) never gets a 5xx, a hang or a dropped connection, on every
// resource. Anything a lenient target accepts carries a key of the run and is deleted by the ledger.
import {
  acceptableAnswer,
  arb,
  casesOn,
  errorResponse,
  fc,
  forEachResource,
  recordForFile,
  refusal,
  schema,
  test,
  workerSession,
  type Check,
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
  const record = recordForFile(resource);
  const payloads = arb.payloadsFor(session, resource);
  const create = schema.variantSchema(fixture.schemas.create, undefined);
  const properties = create.properties ?? {};
  const keyField = fixture.keyField;
  const key = () => session.keys.next('junk');
  const keyed = (body: Record<string, unknown>) => (keyField ? { ...body, [keyField]: key() } : body);
  // Text fields with no rule but their type: the first is the payload's name, a second takes notes.
  const textFields = schema.plainTextFields(create);
  const [textField, notesField = textField] = textFields;
  const emailField = schema.fieldWithFormat(create, 'email');
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
  const NESTED = withText<{ what: string; request: () => RequestSpec; answer: Check }>([
    textField !== undefined && { what: `${textField} as arrays nested ${DEPTH} deep`, request: () => resource.create({ body: sampleWith(textField, nestedArrays(DEPTH)) }), answer: refusal },
    notesField !== undefined && { what: `${notesField} as objects nested ${DEPTH} deep`, request: () => resource.create({ body: sampleWith(notesField, nestedObjects(DEPTH)) }), answer: refusal },
    { what: `an extra field nested ${DEPTH} deep`, request: () => resource.create({ body: sampleWith('conformanceExtra', nestedObjects(DEPTH)) }), answer: acceptableAnswer },
    { what: `a body of arrays nested ${DEPTH} deep on filter`, request: () => resource.filter({ body: nestedArrays(DEPTH) }), answer: refusal },
    textField !== undefined && { what: `a PATCH of ${textField} as objects nested ${DEPTH} deep`, request: () => resource.patch(record.id, { body: `{"${textField}": ${nestedObjects(DEPTH)}}` }), answer: refusal },
  ]);
  test.concurrent.for(casesOn('ERR-ROBUST-DEEP-NESTING', resource, NESTED, (row) => `${row.answer === refusal ? 'a 4xx with the envelope' : 'a 4xx with the envelope (or a 2xx)'} for ${row.what} on ${resource.fixture.routes.create.path}`))(
    '%s',
    async ([, { request, answer }], { send, verify }) => {
      verify(await send(request()), answer);
    },
  );

  const long = 'x'.repeat(HUGE);
  const HUGE_FIELDS: { field: string; payload: () => Record<string, unknown> }[] = [...new Set(textFields.slice(0, 2))].map((field) => ({ field, payload: () => ({ ...payloads.sample(), [field]: long }) }));
  if (keyField) HUGE_FIELDS.push({ field: keyField, payload: () => ({ ...payloads.sample(), [keyField]: `${key()}${long}` }) });
  if (emailField) HUGE_FIELDS.push({ field: emailField, payload: () => ({ ...payloads.sample(), [emailField]: `${long}@example.com` }) });
  /** A field with a length limit must refuse the long value; one without may take it. */
  const hugeAnswer = (field: string): Check => (properties[field]?.maxLength === undefined ? acceptableAnswer : refusal);
  test.concurrent.for(casesOn('ERR-ROBUST-HUGE-STRING', resource, HUGE_FIELDS, (row) => `a 4xx with the envelope${hugeAnswer(row.field) === refusal ? '' : ' (or a 2xx)'} for a ${HUGE.toLocaleString('en')}-character ${row.field} on ${resource.routeLabel('create')}`))(
    '%s',
    async ([, { field, payload }], { send, verify }) => {
      verify(await send(resource.create({ json: payload() })), hugeAnswer(field));
    },
  );

  const wrongTypes = payloads.create.filter((breaker) => breaker.kind === 'wrong-type' && breaker.field === breaker.top && breaker.variant === undefined);
  const everythingWrong = () => Object.fromEntries(wrongTypes.map((breaker) => [breaker.top, breaker.example]));
  const WRONG_TYPES = [
    { route: resource.routeLabel('create'), request: () => resource.create({ json: everythingWrong() }) },
    { route: resource.routeLabel('patch'), request: () => resource.patch(record.id, { json: everythingWrong() }) },
    { route: resource.routeLabel('filter'), request: () => resource.filter({ json: { filter: 'all', pageSize: 'ten', cursor: 42 } }) },
  ];
  test.concurrent.for(casesOn('ERR-ROBUST-WRONG-TYPES', resource, WRONG_TYPES, (row) => `400 or 422 with the envelope for every field of the wrong type on ${row.route}`))(
    '%s',
    async ([, { request }], { send, verify }) => {
      verify(await send(request()), errorResponse(400, 422));
    },
  );

  const UTF8 = withText<{ route: string; request: () => RequestSpec }>([
    textField !== undefined && { route: resource.routeLabel('create'), request: () => resource.create({ body: sampleWithInvalidUtf8(textField) }) },
    notesField !== undefined && { route: resource.routeLabel('patch'), request: () => resource.patch(record.id, { body: invalidUtf8(`{"${notesField}": "Bad `, '"}') }) },
    { route: resource.routeLabel('filter'), request: () => resource.filter({ body: invalidUtf8('{"cursor": "', '"}') }) },
  ]);
  test.concurrent.for(casesOn('ERR-ROBUST-INVALID-UTF8', resource, UTF8, (row) => `a 4xx with the envelope (or a 2xx) for invalid UTF-8 on ${row.route}`))(
    '%s',
    async ([, { request }], { send, verify }) => {
      verify(await send(request()), acceptableAnswer);
    },
  );

  const CONTENT_TYPES = [
    { label: 'text/plain', contentType: 'text/plain' },
    { label: 'application/x-www-form-urlencoded', contentType: 'application/x-www-form-urlencoded' },
    { label: 'no Content-Type', contentType: null },
  ];
  test.concurrent.for(casesOn('ERR-ROBUST-CONTENT-TYPE', resource, CONTENT_TYPES, (row) => `a 4xx with the envelope (or a 2xx) for a JSON body sent as ${row.label} on ${resource.routeLabel('create')}`))(
    '%s',
    async ([, { contentType }], { send, verify }) => {
      verify(await send(resource.create({ body: JSON.stringify(payloads.sample()), contentType })), acceptableAnswer);
    },
  );

  /** Any JSON value; objects get a key of the run so whatever a lenient target creates can be swept. */
  const junk = fc.jsonValue({ maxDepth: 4 }).map((value) => (isObject(value) ? keyed(value) : value));
  const JUNK_ROUTES: Record<string, (body: unknown) => RequestSpec> = {
    create: (body) => resource.create({ json: body }),
    patch: (body) => resource.patch(record.id, { json: body }),
    filter: (body) => resource.filter({ json: body }),
  };
  const required = create.required ?? [];
  /** Junk that is no JSON object, or a create without every required field, is surely invalid: it must be refused. */
  const junkAnswer = (route: string, body: unknown): Check => (!isObject(body) || (route === 'create' && !required.every((field) => field in body)) ? refusal : acceptableAnswer);
  const junkRequest = fc.record({ route: fc.constantFrom(...Object.keys(JUNK_ROUTES)), body: junk });
  test.concurrent.for(casesOn('ERR-ROBUST-JUNK', resource, [fixture.routes.create.path], (path) => `generated JSON values sent to ${path} (create, PATCH, filter) never break the server`))('%s', async (_, { send, verify, property }) => {
    await property(junkRequest, async ({ route, body }) => verify(await send(JUNK_ROUTES[route](body)), junkAnswer(route, body)));
  });
});
