// The run-wide clauses (envelope, headers, security, rate-limit headers, no 5xx) judged on a fixed set
// of requests per resource, one of each kind of answer the contract names: each response is judged here
// on its own, and together they give the run-wide tallies traffic when those families run alone.
import { randomUUID } from 'node:crypto';
import { arb, cases, casesOn, forEachResource, INVALID_AUTH, recordForFile, test, workerSession, type Exchange, type RequestSpec, type ResourceRequests } from '../harness/index.ts';

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
    const table = resource ? casesOn(rule.clause, resource, rows, (kind) => `on ${kind.kind}`) : cases(rows, (kind) => `${rule.clause}: on ${kind.kind}`);
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
  const record = recordForFile(resource);
  const payloads = arb.payloadsFor(session, resource);
  const invalid = payloads.create.find((breaker) => !breaker.lenient && breaker.variant === undefined);
  answers([
    { kind: `a 400 for malformed JSON on ${resource.routeLabel('create')}`, error: true, judgedBy: 'ERR-400-MALFORMED-JSON', request: () => resource.create({ body: '{"name": ' }) },
    { kind: `a 401 without a token on ${resource.routeLabel('get')}`, error: true, judgedBy: 'ERR-401-MISSING-TOKEN', request: () => resource.get(record.id, { auth: { kind: 'none' } }) },
    { kind: `a 401 for an altered token on ${resource.routeLabel('filter')}`, error: true, judgedBy: 'ERR-401-ALTERED-TOKEN', request: () => resource.filter({ json: { pageSize: 1 }, auth: alteredToken }) },
    { kind: `a 404 for GET of a random id on ${fixture.routes.get.path}`, error: true, judgedBy: 'ERR-404-RANDOM-ID', request: () => resource.get(randomUUID()) },
    { kind: `a 404 or 405 for DELETE ${fixture.routes.create.path}`, error: true, judgedBy: 'ERR-404-WRONG-METHOD', request: () => ({ method: 'DELETE', path: fixture.routes.create.path, resource: fixture.name }) },
    ...(fixture.keyField
      ? [{ kind: `a 409 for a duplicate key on ${resource.routeLabel('create')}`, error: true, judgedBy: 'ERR-409-CREATE-DUPLICATE', request: () => resource.create({ json: { ...payloads.sample(), [fixture.keyField!]: record.key } }) }]
      : []),
    ...(invalid
      ? [{ kind: `a 422 for ${invalid.label} on ${resource.routeLabel('create')}`, error: true, judgedBy: 'ERR-422-FIELD-NAMED', request: () => resource.create({ json: arb.exampleOf(invalid, payloads.sample()).payload }) }]
      : []),
    { kind: `a 200 for GET of a live record on ${fixture.routes.get.path}`, error: false, judgedBy: 'ERR-2XX-GET', request: () => resource.get(record.id) },
    { kind: `a 201 for a valid create on ${resource.routeLabel('create')}`, error: false, judgedBy: 'ERR-2XX-CREATE', request: () => resource.create({ json: payloads.sample() }) },
  ], resource);
});
