// The run-wide clauses (envelope, headers, security, rate-limit headers, no 5xx) judged on a fixed set
// of requests per resource, one of each kind of answer the contract names: each response is judged here
// on its own, and together they give the run-wide tallies traffic when those families run alone.
import { randomUUID } from 'node:crypto';
import { arb, cases, casesOnResource, forEachResource, INVALID_AUTH, operationTargets, test, workerSession, type Exchange, type RequestSpec, type ResourceRequests } from '../harness/index.ts';

const session = workerSession();
const alteredToken = INVALID_AUTH.find((variant) => variant.clause === 'ERR-401-ALTERED-TOKEN')!.auth;

interface Kind {
  kind: string;
  error: boolean;
  /** The clause that says what the status must be (this file only judges what every response owes). */
  judgedBy: string;
  request: () => RequestSpec;
}

/** Each kind is sent once; every clause of the table judges that one response (on a resource, a table per clause). */
function answers(kinds: Kind[], resource?: ResourceRequests) {
  const sent = new Map<string, Promise<Exchange>>();
  const answerTo = (kind: Kind) => {
    if (!sent.has(kind.kind)) sent.set(kind.kind, session.client.send(kind.request()));
    return sent.get(kind.kind)!;
  };
  for (const rule of session.observations.perResponseRules) {
    const rows = kinds.filter((kind) => rule.scope === 'responses' || kind.error);
    const table = resource ? casesOnResource(rule.clause, resource, rows, (kind) => `on ${kind.kind}`) : cases(rows, (kind) => `${rule.clause}: on ${kind.kind}`);
    test.concurrent.for(table)('%s', async ([, kind], { verify, skipUnless }) => {
      const exchange = await answerTo(kind);
      skipUnless(rule.applies(exchange), `the answer (${exchange.response?.status ?? 'none'}) is not one this clause judges; ${kind.judgedBy} judges its status`);
      verify(exchange, rule.check);
    });
  }
}

answers([{ kind: 'a 404 for an unknown path', error: true, judgedBy: 'ERR-404-UNKNOWN-PATH', request: () => ({ method: 'GET', path: `/conformance-no-such-resource-${randomUUID()}` }) }]);

forEachResource((resource) => {
  const { fixture } = resource;
  const targets = operationTargets(resource);
  const record = targets.record;
  const payloads = arb.payloadsFor(session, resource);
  const { operations } = resource;
  const create = resource.operation('create');
  const withBody = operations.find((operation) => operation.definition.body && operation.role !== 'filter' && operation.role !== 'update');
  const invalid = withBody && payloads.body(withBody).breakers.find((breaker) => !breaker.lenient && breaker.variant === undefined);
  const safe = operations.find((operation) => ['read', 'filter', 'search', 'sub-read', 'report'].includes(operation.role) && operation.nested === undefined) ?? operations[0];
  const onRecord = operations.find((operation) => operation.parameters.length > 0 && operation.nested === undefined);
  const first = operations[0];
  answers([
    ...(withBody ? [{ kind: `a 400 for malformed JSON on ${withBody.label}`, error: true, judgedBy: 'ERR-400-MALFORMED-JSON', request: () => targets.valid(withBody, { body: '{"name": ' }) }] : []),
    { kind: `a 401 without a token on ${safe.label}`, error: true, judgedBy: 'ERR-401-MISSING-TOKEN', request: () => targets.valid(safe, { auth: { kind: 'none' } }) },
    { kind: `a 401 for an altered token on ${safe.label}`, error: true, judgedBy: 'ERR-401-ALTERED-TOKEN', request: () => targets.valid(safe, { auth: alteredToken }) },
    ...(onRecord ? [{ kind: `a 404 for a random id on ${onRecord.label}`, error: true, judgedBy: 'ERR-404-RANDOM-ID', request: () => targets.valid(onRecord, {}, targets.randomIds(onRecord)) }] : []),
    { kind: `a 404 or 405 for PUT ${first.definition.path}`, error: true, judgedBy: 'ERR-404-WRONG-METHOD', request: () => ({ method: 'PUT', path: first.request(targets.randomIds(first)).path, resource: fixture.name, json: {} }) },
    ...(create && fixture.keyField
      ? [{ kind: `a 409 for a duplicate key on ${create.label}`, error: true, judgedBy: 'ERR-409-CREATE-DUPLICATE', request: () => resource.create({ json: { ...payloads.sample(), [fixture.keyField!]: record.key } }) }]
      : []),
    ...(withBody && invalid
      ? [{ kind: `a 422 for ${invalid.label} on ${withBody.label}`, error: true, judgedBy: 'ERR-422-FIELD-NAMED', request: () => targets.valid(withBody, { json: arb.exampleOf(invalid, payloads.body(withBody).sample()).payload }) }]
      : []),
    { kind: `a ${safe.definition.success} for a valid ${safe.label}`, error: false, judgedBy: 'ERR-2XX-GET', request: () => targets.valid(safe) },
    ...(create ? [{ kind: `a 201 for a valid create on ${create.label}`, error: false, judgedBy: 'ERR-2XX-CREATE', request: () => resource.create({ json: payloads.sample() }) }] : []),
  ], resource);
});
