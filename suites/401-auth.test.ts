// ERR-401-*: every operation of every resource refuses each kind of bad credential with 401
// UNAUTHORIZED; auth comes before body parsing and record lookup; the scheme name is
// case-insensitive; the token endpoint refuses bad credentials.
import { randomUUID } from 'node:crypto';
import {
  arb,
  casesOn,
  errorResponse,
  FORGED_TOKEN,
  forEachResource,
  INVALID_AUTH,
  recordForFile,
  status,
  test,
  workerSession,
  type RequestSpec,
} from '../harness/index.ts';

forEachResource((resource) => {
  const record = recordForFile(resource);
  // DELETE with a bad token must not delete; if a target does, it only loses this record.
  const deletable = recordForFile(resource);
  const payloads = arb.payloadsFor(workerSession(), resource);
  const [changedField, changedValue] = payloads.change;
  const validChange = { [changedField]: changedValue };

  const OPERATIONS: { operation: string; request: () => RequestSpec }[] = [
    { operation: resource.routeLabel('create'), request: () => resource.create({ json: payloads.sample() }) },
    { operation: resource.routeLabel('get'), request: () => resource.get(record.id) },
    { operation: resource.routeLabel('patch'), request: () => resource.patch(record.id, { json: validChange }) },
    { operation: resource.routeLabel('delete'), request: () => resource.remove(deletable.id) },
    { operation: resource.routeLabel('filter'), request: () => resource.filter({ json: { pageSize: 1 } }) },
  ];
  // One table per clause: each of its kinds of bad credential on each operation.
  for (const clause of new Set(INVALID_AUTH.map((variant) => variant.clause))) {
    const rows = INVALID_AUTH.filter((variant) => variant.clause === clause).flatMap((variant) => OPERATIONS.map((operation) => ({ ...variant, ...operation })));
    test.concurrent.for(casesOn(clause, resource, rows, (row) => `401 UNAUTHORIZED for ${row.name} on ${row.operation}`))('%s', async ([, { request, auth }], { send, verify }) => {
      verify(await send({ ...request(), auth }), errorResponse(401));
    });
  }

  const invalid = [...payloads.create].filter((breaker) => breaker.variant === undefined).sort((a, b) => Number(a.lenient) - Number(b.lenient))[0];
  const BAD_TOKEN_AND_BODY = [
    { what: `malformed JSON on ${resource.routeLabel('create')}`, request: () => resource.create({ body: '{"name": ', auth: FORGED_TOKEN }) },
    // A create schema may have no field a payload can break outside a union variant.
    ...(invalid ? [{ what: `${invalid.label} on ${resource.routeLabel('create')}`, request: () => resource.create({ json: arb.exampleOf(invalid, payloads.sample()).payload, auth: FORGED_TOKEN }) }] : []),
    { what: `malformed JSON on ${resource.routeLabel('patch')}`, request: () => resource.patch(record.id, { body: '{"name": ', auth: FORGED_TOKEN }) },
  ];
  test.concurrent.for(casesOn('ERR-401-BEFORE-BODY', resource, BAD_TOKEN_AND_BODY, (row) => `401, not 400 or 422, for a forged token with ${row.what}`))('%s', async ([, { request }], { send, verify }) => {
    verify(await send(request()), errorResponse(401));
  });

  const LOOKUPS = [
    { operation: 'GET', request: (id: string) => resource.get(id, { auth: FORGED_TOKEN }) },
    { operation: 'PATCH', request: (id: string) => resource.patch(id, { json: validChange, auth: FORGED_TOKEN }) },
    { operation: 'DELETE', request: (id: string) => resource.remove(id, { auth: FORGED_TOKEN }) },
  ];
  test.concurrent.for(casesOn('ERR-401-BEFORE-LOOKUP', resource, LOOKUPS, (row) => `401, not 404, for a forged token on ${row.operation} ${resource.fixture.routes.get.path} of a random id`))('%s', async ([, { request }], { send, verify, property }) => {
    await property(arb.validUuid, async (id) => verify(await send(request(id)), errorResponse(401)), { runs: 5 });
  });

  test.concurrent.for(casesOn('ERR-401-SCHEME-CASE', resource, [resource.routeLabel('get')], (on) => `a valid token sent as "bearer <token>" is accepted on ${on}`))('%s', async (_, { send, verify }) => {
    verify(await send(resource.get(record.id, { auth: { kind: 'token', scheme: 'bearer' } })), status(200));
  });
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
