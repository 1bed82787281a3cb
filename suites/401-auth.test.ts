// ERR-401-*: every operation of every resource refuses each kind of bad credential with 401
// UNAUTHORIZED; auth comes before body parsing and record lookup; the scheme name is
// case-insensitive; the token endpoint refuses bad credentials. Each request is valid but for its
// credentials: live records in the path, a valid body.
import { randomUUID } from 'node:crypto';
import { arb, casesOn, errorResponse, FORGED_TOKEN, forEachResource, INVALID_AUTH, operationTargets, status, test, workerSession } from '../harness/index.ts';

forEachResource((resource) => {
  const targets = operationTargets(resource);
  // An operation that changes its record (a DELETE, an action) is sent to a record of its own: if a
  // target wrongly obeys a bad token, it only loses that one.
  const spare = operationTargets(resource);
  const changes = (role: string) => ['delete', 'action'].includes(role);
  const targetOf = (role: string) => (changes(role) ? spare : targets);
  const payloads = arb.payloadsFor(workerSession(), resource);

  // One table per clause: each of its kinds of bad credential on each operation.
  for (const clause of new Set(INVALID_AUTH.map((variant) => variant.clause))) {
    const variants = INVALID_AUTH.filter((variant) => variant.clause === clause);
    test.concurrent.for(casesOn(clause, resource, (operation) => variants.map((variant) => ({ ...variant, operation })), (row, operation) => `401 UNAUTHORIZED for ${row.name} on ${operation.label}`))('%s', async ([, { operation, auth }], { send, verify }) => {
      verify(await send(targetOf(operation.role).valid(operation, { auth })), errorResponse(401));
    });
  }

  const badBodies = (operation: Parameters<typeof targets.valid>[0]) => {
    const body = payloads.body(operation);
    const invalid = [...body.breakers].filter((breaker) => breaker.variant === undefined).sort((a, b) => Number(a.lenient) - Number(b.lenient))[0];
    return [
      { what: 'malformed JSON', extra: () => ({ body: '{"name": ' }) },
      // A body may have no field a payload can break outside a union variant.
      ...(invalid ? [{ what: invalid.label, extra: () => ({ json: arb.exampleOf(invalid, body.sample()).payload }) }] : []),
    ].map((row) => ({ ...row, operation }));
  };
  test.concurrent.for(casesOn('ERR-401-BEFORE-BODY', resource, badBodies, (row, operation) => `401, not 400 or 422, for a forged token with ${row.what} on ${operation.label}`))('%s', async ([, { operation, extra }], { send, verify }) => {
    verify(await send(targetOf(operation.role).valid(operation, { ...extra(), auth: FORGED_TOKEN })), errorResponse(401));
  });

  test.concurrent.for(casesOn('ERR-401-BEFORE-LOOKUP', resource, (operation) => [operation], (operation) => `401, not 404, for a forged token on ${operation.label} of a random id`))('%s', async ([, operation], { send, verify, property }) => {
    await property(arb.validUuid, async (id) => verify(await send(targets.valid(operation, { auth: FORGED_TOKEN }, operation.parameters.map(() => id))), errorResponse(401)), { maxRuns: 5 });
  });

  test.concurrent.for(casesOn('ERR-401-SCHEME-CASE', resource, (operation) => [operation], (operation) => `a valid token sent as "bearer <token>" is accepted on ${operation.label}`))('%s', async ([, operation], { send, verify }) => {
    verify(await send(targets.valid(operation, { auth: { kind: 'token', scheme: 'bearer' } })), status(operation.definition.success));
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
