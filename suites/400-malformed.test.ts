// ERR-400-*: bodies that cannot be read as a JSON object get 400 BAD_REQUEST with the envelope, on
// every route of every resource that takes a body. Bodies carry a key of the run, in case a lenient
// parser accepts one and creates a record (the ledger then deletes it).
import { casesOn, errorResponse, forEachResource, recordForFile, test, type Check, type RequestSpec } from '../harness/index.ts';

type Body = (key: string) => string;
const UNPARSEABLE: { name: string; body: Body }[] = [
  { name: 'truncated JSON', body: (key) => `{"name": "ABC Warehouse", "key": "${key}", "email": "ops@abc.example"` },
  { name: 'a trailing comma', body: (key) => `{"name": "ABC Warehouse", "key": "${key}",}` },
  { name: 'single quotes', body: (key) => `{'name': 'ABC Warehouse', 'key': '${key}'}` },
];
const NOT_AN_OBJECT: { name: string; body: Body }[] = [
  { name: 'null', body: () => 'null' },
  { name: 'an array', body: (key) => `[{"name": "ABC Warehouse", "key": "${key}"}]` },
  { name: 'a string', body: () => '"ABC Warehouse"' },
  { name: 'a number', body: () => '42' },
];

/** DECISIONS.md: an empty filter body may be read as {} (200) or refused (400). */
const emptyFilterBody: Check = (exchange) => (exchange.response?.status === 200 ? [] : errorResponse(400)(exchange));

forEachResource((resource) => {
  const record = recordForFile(resource);
  const ROUTES: { route: string; request: (body: string) => RequestSpec }[] = [
    { route: resource.routeLabel('create'), request: (body) => resource.create({ body }) },
    { route: resource.routeLabel('patch'), request: (body) => resource.patch(record.id, { body }) },
    { route: resource.routeLabel('filter'), request: (body) => resource.filter({ body }) },
  ];
  const cross = (bodies: { name: string; body: Body }[]) => bodies.flatMap((body) => ROUTES.map((route) => ({ ...body, ...route })));
  const EMPTY = [
    { route: resource.routeLabel('create'), request: () => resource.create({ body: '' }), expectation: errorResponse(400) },
    { route: resource.routeLabel('patch'), request: () => resource.patch(record.id, { body: '' }), expectation: errorResponse(400) },
    { route: `${resource.routeLabel('filter')} (200 or 400)`, request: () => resource.filter({ body: '' }), expectation: emptyFilterBody },
  ];

  for (const [clause, bodies] of [['ERR-400-MALFORMED-JSON', UNPARSEABLE], ['ERR-400-NOT-AN-OBJECT', NOT_AN_OBJECT]] as const) {
    test.concurrent.for(casesOn(clause, resource, cross(bodies), (row) => `400 BAD_REQUEST for ${row.name} on ${row.route}`))('%s', async ([, { body, request }], { send, verify, session }) => {
      verify(await send(request(body(session.keys.next('malformed')))), errorResponse(400));
    });
  }

  test.concurrent.for(casesOn('ERR-400-EMPTY-BODY', resource, EMPTY, (row) => `400 BAD_REQUEST for an empty body on ${row.route}`))('%s', async ([, { request, expectation }], { send, verify }) => {
    verify(await send(request()), expectation);
  });
});
