// ERR-401-*: every operation refuses each kind of bad credential with 401 UNAUTHORIZED; auth comes
// before body parsing and record lookup; the scheme name is case-insensitive; the token endpoint
// refuses bad credentials.
import { randomUUID } from 'node:crypto';
import {
  arb,
  cases,
  errorResponse,
  FORGED_TOKEN,
  INVALID_AUTH,
  recordForFile,
  resourceRequests,
  status,
  test,
  vendorsResource,
  workerSession,
  type RequestSpec,
} from '../harness/index.ts';

const vendors = resourceRequests(vendorsResource);
const record = recordForFile();
// DELETE with a bad token must not delete; if a target does, it only loses this record.
const deletable = recordForFile();
const validPayload = () => ({ ...vendorsResource.validSample, key: workerSession().keys.next('auth') });

const OPERATIONS: { operation: string; request: () => RequestSpec }[] = [
  { operation: 'POST /vendors', request: () => vendors.create({ json: validPayload() }) },
  { operation: 'GET /vendors/{id}', request: () => vendors.get(record.id) },
  { operation: 'PATCH /vendors/{id}', request: () => vendors.patch(record.id, { json: { notes: 'conformance' } }) },
  { operation: 'DELETE /vendors/{id}', request: () => vendors.remove(deletable.id) },
  { operation: 'POST /vendors/filter', request: () => vendors.filter({ json: { pageSize: 1 } }) },
];
const BAD_CREDENTIALS = INVALID_AUTH.flatMap((variant) => OPERATIONS.map((operation) => ({ ...variant, ...operation })));

test.concurrent.for(cases(BAD_CREDENTIALS, (row) => `${row.clause}: 401 UNAUTHORIZED for ${row.name} on ${row.operation}`))(
  '%s',
  async ([, { request, auth }], { send, verify }) => {
    verify(await send({ ...request(), auth }), errorResponse(401));
  },
);

const BAD_TOKEN_AND_BODY = [
  { what: 'malformed JSON on POST /vendors', request: () => vendors.create({ body: '{"name": ', auth: FORGED_TOKEN }) },
  { what: 'an invalid email on POST /vendors', request: () => vendors.create({ json: { ...validPayload(), email: 'not-an-email' }, auth: FORGED_TOKEN }) },
  { what: 'malformed JSON on PATCH /vendors/{id}', request: () => vendors.patch(record.id, { body: '{"name": ', auth: FORGED_TOKEN }) },
];
test.concurrent.for(cases(BAD_TOKEN_AND_BODY, (row) => `ERR-401-BEFORE-BODY: 401, not 400 or 422, for a forged token with ${row.what}`))(
  '%s',
  async ([, { request }], { send, verify }) => {
    verify(await send(request()), errorResponse(401));
  },
);

const LOOKUPS = [
  { operation: 'GET', request: (id: string) => vendors.get(id, { auth: FORGED_TOKEN }) },
  { operation: 'PATCH', request: (id: string) => vendors.patch(id, { json: { notes: 'conformance' }, auth: FORGED_TOKEN }) },
  { operation: 'DELETE', request: (id: string) => vendors.remove(id, { auth: FORGED_TOKEN }) },
];
test.concurrent.for(cases(LOOKUPS, (row) => `ERR-401-BEFORE-LOOKUP: 401, not 404, for a forged token on ${row.operation} of a random id`))(
  '%s',
  async ([, { request }], { send, verify, property }) => {
    await property(arb.validUuid, async (id) => verify(await send(request(id)), errorResponse(401)), { runs: 5 });
  },
);

test.concurrent('ERR-401-SCHEME-CASE: a valid token sent as "bearer <token>" is accepted', async ({ send, verify }) => {
  verify(await send(vendors.get(record.id, { auth: { kind: 'token', scheme: 'bearer' } })), status(200));
});

test.concurrent('ERR-401-TOKEN-ENDPOINT: the token endpoint refuses a wrong client secret with 400 or 401', async ({ send, verify, session, skipUnless }) => {
  const { clientId } = session.context.credentials;
  const exchange = await send({
    method: 'POST',
    url: session.context.target.tokenUrl ?? undefined,
    operation: 'token',
    auth: { kind: 'none' },
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId ?? 'conformance-unknown-client', client_secret: `conformance-wrong-${randomUUID()}` }).toString(),
  });
  skipUnless(exchange.response !== null && ![404, 405].includes(exchange.response.status), 'the target has no token endpoint at MVMNT_TOKEN_URL');
  verify(exchange, status(400, 401));
});
