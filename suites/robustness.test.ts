// ERR-ROBUST-*: hostile input (deep nesting, huge strings, wrong types everywhere, invalid UTF-8, a
// wrong Content-Type, generated junk) never gets a 5xx, a hang or a dropped connection. Anything a
// lenient target accepts carries a key of the run and is deleted by the ledger.
import {
  acceptableAnswer,
  arb,
  cases,
  errorResponse,
  fc,
  recordForFile,
  refusal,
  resourceRequests,
  test,
  vendorsResource,
  workerSession,
  type Check,
  type RequestSpec,
} from '../harness/index.ts';

const vendors = resourceRequests(vendorsResource);
const record = recordForFile();
const session = workerSession();
const key = () => session.keys.next('junk');
const DEPTH = 1000;
const HUGE = 100_000;
const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

// `answer`: a refusal where the body is no valid request by the contract (another clause would fail
// a 2xx), any 4xx with the envelope or a 2xx where it still is one.
const NESTED: { what: string; request: () => RequestSpec; answer: Check }[] = [
  { what: `name as arrays nested ${DEPTH} deep`, request: () => vendors.create({ body: `{"name": ${nestedArrays(DEPTH)}, "key": "${key()}"}` }), answer: refusal },
  { what: `notes as objects nested ${DEPTH} deep`, request: () => vendors.create({ body: `{"name": "Deep", "key": "${key()}", "notes": ${nestedObjects(DEPTH)}}` }), answer: refusal },
  { what: `an extra field nested ${DEPTH} deep`, request: () => vendors.create({ body: `{"name": "Deep", "key": "${key()}", "conformanceExtra": ${nestedObjects(DEPTH)}}` }), answer: acceptableAnswer },
  { what: `a body of arrays nested ${DEPTH} deep on filter`, request: () => vendors.filter({ body: nestedArrays(DEPTH) }), answer: refusal },
  { what: `a PATCH of objects nested ${DEPTH} deep`, request: () => vendors.patch(record.id, { body: `{"corporateAddress": ${nestedObjects(DEPTH)}}` }), answer: refusal },
];
test.concurrent.for(cases(NESTED, (row) => `ERR-ROBUST-DEEP-NESTING: ${row.answer === refusal ? 'a 4xx with the envelope' : 'a 4xx with the envelope (or a 2xx)'} for ${row.what}`))('%s', async ([, { request, answer }], { send, verify }) => {
  verify(await send(request()), answer);
});

const long = 'x'.repeat(HUGE);
const HUGE_FIELDS: { field: string; payload: () => Record<string, unknown> }[] = [
  { field: 'name', payload: () => ({ name: long, key: key() }) },
  { field: 'notes', payload: () => ({ name: 'Huge Notes', notes: long, key: key() }) },
  { field: 'key', payload: () => ({ name: 'Huge Key', key: `${key()}${long}` }) },
  { field: 'email', payload: () => ({ name: 'Huge Email', key: key(), email: `${long}@example.com` }) },
];
/** A field with a length limit must refuse the long value; one without may take it. */
const hugeAnswer = (field: string): Check => (vendorsResource.schemas.create.properties?.[field]?.maxLength === undefined ? acceptableAnswer : refusal);
test.concurrent.for(cases(HUGE_FIELDS, (row) => `ERR-ROBUST-HUGE-STRING: a 4xx with the envelope${hugeAnswer(row.field) === refusal ? '' : ' (or a 2xx)'} for a ${HUGE.toLocaleString('en')}-character ${row.field}`))(
  '%s',
  async ([, { field, payload }], { send, verify }) => {
    verify(await send(vendors.create({ json: payload() })), hugeAnswer(field));
  },
);

const createSchema = vendorsResource.schemas.create;
const wrongTypes = arb
  .breakers(createSchema, createSchema, arb.generatorContext(session))
  .filter((breaker) => breaker.kind === 'wrong-type' && breaker.field === breaker.top);
const everythingWrong = () => Object.fromEntries(wrongTypes.map((breaker) => [breaker.top, breaker.example]));
const WRONG_TYPES = [
  { route: 'POST /vendors', request: () => vendors.create({ json: everythingWrong() }) },
  { route: 'PATCH /vendors/{id}', request: () => vendors.patch(record.id, { json: everythingWrong() }) },
  { route: 'POST /vendors/filter', request: () => vendors.filter({ json: { filter: 'all', pageSize: 'ten', cursor: 42 } }) },
];
test.concurrent.for(cases(WRONG_TYPES, (row) => `ERR-ROBUST-WRONG-TYPES: 400 or 422 with the envelope for every field of the wrong type on ${row.route}`))(
  '%s',
  async ([, { request }], { send, verify }) => {
    verify(await send(request()), errorResponse(400, 422));
  },
);

const invalidUtf8 = (prefix: string, suffix: string) => Buffer.concat([Buffer.from(prefix), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(suffix)]);
const UTF8 = [
  { route: 'POST /vendors', request: () => vendors.create({ body: invalidUtf8('{"name": "Bad ', `", "key": "${key()}"}`) }) },
  { route: 'PATCH /vendors/{id}', request: () => vendors.patch(record.id, { body: invalidUtf8('{"notes": "Bad ', '"}') }) },
  { route: 'POST /vendors/filter', request: () => vendors.filter({ body: invalidUtf8('{"cursor": "', '"}') }) },
];
test.concurrent.for(cases(UTF8, (row) => `ERR-ROBUST-INVALID-UTF8: a 4xx with the envelope (or a 2xx) for invalid UTF-8 on ${row.route}`))(
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
test.concurrent.for(cases(CONTENT_TYPES, (row) => `ERR-ROBUST-CONTENT-TYPE: a 4xx with the envelope (or a 2xx) for a JSON body sent as ${row.label}`))(
  '%s',
  async ([, { contentType }], { send, verify }) => {
    const body = JSON.stringify({ ...vendorsResource.validSample, key: key() });
    verify(await send(vendors.create({ body, contentType })), acceptableAnswer);
  },
);

/** Any JSON value; objects get a key of the run so whatever a lenient target creates can be swept. */
const junk = fc.jsonValue({ maxDepth: 4 }).map((value) => (value && typeof value === 'object' && !Array.isArray(value) ? { ...value, key: key() } : value));
const JUNK_ROUTES: Record<string, (json: unknown) => RequestSpec> = {
  'POST /vendors': (json) => vendors.create({ json }),
  'PATCH /vendors/{id}': (json) => vendors.patch(record.id, { json }),
  'POST /vendors/filter': (json) => vendors.filter({ json }),
};
const junkRequest = fc.record({ route: fc.constantFrom(...Object.keys(JUNK_ROUTES)), body: junk });
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** Junk that is no JSON object, or a create without every required field, is surely invalid: it must be refused. */
const junkAnswer = (route: string, body: unknown): Check =>
  !isObject(body) || (route === 'POST /vendors' && !(createSchema.required ?? []).every((field) => field in body)) ? refusal : acceptableAnswer;
test.concurrent('ERR-ROBUST-JUNK: generated JSON values sent to create, PATCH and filter never break the server', async ({ send, verify, property }) => {
  await property(junkRequest, async ({ route, body }) => verify(await send(JUNK_ROUTES[route](body)), junkAnswer(route, body)));
});
