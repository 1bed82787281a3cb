// ERR-400-*: bodies that cannot be read as a JSON object get 400 BAD_REQUEST with the envelope, on
// every operation of every resource that takes a JSON body (on a live record where the path names one).
// Bodies carry a key of the run, in case a lenient parser accepts one and creates a record (the ledger
// then deletes it).
import { casesOn, errorResponse, forEachResource, operationTargets, test, type Check } from '../harness/index.ts';

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
  const targets = operationTargets(resource);

  for (const [clause, bodies] of [['ERR-400-MALFORMED-JSON', UNPARSEABLE], ['ERR-400-NOT-AN-OBJECT', NOT_AN_OBJECT]] as const) {
    test.concurrent.for(casesOn(clause, resource, (operation) => bodies.map((body) => ({ ...body, operation })), (row, operation) => `400 BAD_REQUEST for ${row.name} on ${operation.label}`))('%s', async ([, { body, operation }], { send, verify, session }) => {
      verify(await send(targets.valid(operation, { body: body(session.keys.next('malformed')) })), errorResponse(400));
    });
  }

  test.concurrent.for(casesOn('ERR-400-EMPTY-BODY', resource, (operation) => [operation], (operation) => `400 BAD_REQUEST for an empty body on ${operation.label}${operation.role === 'filter' ? ' (200 or 400)' : ''}`))('%s', async ([, operation], { send, verify }) => {
    verify(await send(targets.valid(operation, { body: '' })), operation.role === 'filter' ? emptyFilterBody : errorResponse(400));
  });
});
