// ERR-401-*: every operation of every resource refuses each kind of bad credential with 401
// UNAUTHORIZED; auth comes before body parsing and record lookup; the scheme name is
// case-insensitive; the token endpoint refuses bad credentials. Each request is valid but for its
// credentials: live records in the path, a valid body.
import { randomUUID } from 'node:crypto';
import { arb, casesOn, errorResponse, FORGED_TOKEN, forEachResource, INVALID_AUTH, operationTargets, status, test, workerSession, type SharedQuestion } from '../harness/index.ts';

forEachResource((resource) => {
  const targets = operationTargets(resource);
  // An operation that changes its record (a DELETE, an action) is sent to a record of its own: if a
  // target wrongly obeys a bad token, it only loses that one.
  const spare = operationTargets(resource, 'spare');
  const changes = (role: string) => ['delete', 'action'].includes(role);
  const targetOf = (role: string) => (changes(role) ? spare : targets);
  const payloads = arb.payloadsFor(workerSession(), resource);
  type Operation = Parameters<typeof targets.valid>[0];
  type Variant = (typeof INVALID_AUTH)[number];
  const variantOf = (clause: string) => INVALID_AUTH.find((variant) => variant.clause === clause)!;

  const badBodies = (operation: Operation) => {
    const body = payloads.body(operation);
    const invalid = [...body.breakers].filter((breaker) => breaker.variant === undefined).sort((a, b) => Number(a.lenient) - Number(b.lenient))[0];
    return [
      { what: 'malformed JSON', extra: () => ({ body: '{"name": ' }), pairedWith: variantOf('ERR-401-GARBAGE-TOKEN') },
      // A body may have no field a payload can break outside a union variant.
      ...(invalid ? [{ what: invalid.label, extra: () => ({ json: arb.exampleOf(invalid, body.sample()).payload }), pairedWith: variantOf('ERR-401-EMPTY-BEARER') }] : []),
    ].map((row) => ({ ...row, operation }));
  };
  const LOOKUP_PAIRED_WITH = variantOf('ERR-401-MALFORMED-JWT');

  /**
   * Under the gate profile one answer settles a token clause and a precedence clause (DECISIONS: auth
   * comes before body parsing and record lookup): a bad token of the token clause with the precedence
   * clause's defect, a bad body or a random id. 401 settles both; any other answer settles neither.
   */
  const pairedQuestion = ({ name, auth }: Variant, operation: Operation): SharedQuestion | undefined => {
    const bad = operation.definition.body ? badBodies(operation).find((row) => row.pairedWith.name === name) : undefined;
    if (bad) return { question: `${name} with ${bad.what} on ${operation.label}`, request: () => targetOf(operation.role).valid(operation, { ...bad.extra(), auth }) };
    if (name === LOOKUP_PAIRED_WITH.name && operation.parameters.length > 0) return { question: `${name} of a random id on ${operation.label}`, request: () => targets.valid(operation, { auth }, targets.randomIds(operation)) };
    return undefined;
  };

  // One table per clause: each of its kinds of bad credential on each operation.
  for (const clause of new Set(INVALID_AUTH.map((variant) => variant.clause))) {
    const variants = INVALID_AUTH.filter((variant) => variant.clause === clause);
    test.concurrent.for(casesOn(clause, resource, (operation) => variants.map((variant) => ({ ...variant, operation })), (row, operation) => `401 UNAUTHORIZED for ${row.name} on ${operation.label}`))('%s', async ([, { operation, ...variant }], { settle }) => {
      await settle(() => targetOf(operation.role).valid(operation, { auth: variant.auth }), pairedQuestion(variant, operation), errorResponse(401));
    });
  }

  test.concurrent.for(casesOn('ERR-401-BEFORE-BODY', resource, badBodies, (row, operation) => `401, not 400 or 422, for a forged token with ${row.what} on ${operation.label}`))('%s', async ([, { operation, extra, pairedWith }], { settle }) => {
    await settle(() => targetOf(operation.role).valid(operation, { ...extra(), auth: FORGED_TOKEN }), pairedQuestion(pairedWith, operation), errorResponse(401));
  });

  test.concurrent.for(casesOn('ERR-401-BEFORE-LOOKUP', resource, (operation) => [operation], (operation) => `401, not 404, for a forged token on ${operation.label} of a random id`))('%s', async ([, operation], { settle, property }) => {
    await property(arb.validUuid, async (id) => settle(() => targets.valid(operation, { auth: FORGED_TOKEN }, operation.parameters.map(() => id)), pairedQuestion(LOOKUP_PAIRED_WITH, operation), errorResponse(401)), { maxRuns: 5 });
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
