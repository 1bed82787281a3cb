// The run-wide clauses (envelope, headers, security, rate-limit headers, no 5xx) judged on a fixed set
// of requests, one of each kind of answer the contract names: each response is judged here on its
// own, and together they give the run-wide tallies traffic when those families run alone.
import { randomUUID } from 'node:crypto';
import { cases, INVALID_AUTH, recordForFile, resourceRequests, test, vendorsResource, workerSession, type Exchange, type RequestSpec } from '../harness/index.ts';

const vendors = resourceRequests(vendorsResource);
const record = recordForFile();
const session = workerSession();
const alteredToken = INVALID_AUTH.find((variant) => variant.clause === 'ERR-401-ALTERED-TOKEN')!.auth;
const validCreate = (extra: Record<string, unknown> = {}) => ({ ...vendorsResource.validSample, key: session.keys.next('kinds'), ...extra });

/** `judgedBy`: the clause that says what the status must be (this file only judges what every response owes). */
const KINDS: { kind: string; error: boolean; judgedBy: string; request: () => RequestSpec }[] = [
  { kind: 'a 400 for malformed JSON on POST /vendors', error: true, judgedBy: 'ERR-400-MALFORMED-JSON', request: () => vendors.create({ body: '{"name": ' }) },
  { kind: 'a 401 without a token on GET /vendors/{id}', error: true, judgedBy: 'ERR-401-MISSING-TOKEN', request: () => vendors.get(record.id, { auth: { kind: 'none' } }) },
  { kind: 'a 401 for an altered token on POST /vendors/filter', error: true, judgedBy: 'ERR-401-ALTERED-TOKEN', request: () => vendors.filter({ json: { pageSize: 1 }, auth: alteredToken }) },
  { kind: 'a 404 for GET of a random id', error: true, judgedBy: 'ERR-404-RANDOM-ID', request: () => vendors.get(randomUUID()) },
  { kind: 'a 404 for an unknown path', error: true, judgedBy: 'ERR-404-UNKNOWN-PATH', request: () => ({ method: 'GET', path: `/conformance-no-such-resource-${randomUUID()}` }) },
  { kind: 'a 404 or 405 for DELETE /vendors', error: true, judgedBy: 'ERR-404-WRONG-METHOD', request: () => ({ method: 'DELETE', path: vendorsResource.routes.create.path }) },
  { kind: 'a 409 for a duplicate key on POST /vendors', error: true, judgedBy: 'ERR-409-CREATE-DUPLICATE', request: () => vendors.create({ json: validCreate({ key: record.key }) }) },
  { kind: 'a 422 for an invalid email on POST /vendors', error: true, judgedBy: 'ERR-422-FIELD-NAMED', request: () => vendors.create({ json: validCreate({ email: 'not-an-email' }) }) },
  { kind: 'a 200 for GET of a live record', error: false, judgedBy: 'ERR-2XX-GET', request: () => vendors.get(record.id) },
  { kind: 'a 201 for a valid create', error: false, judgedBy: 'ERR-2XX-CREATE', request: () => vendors.create({ json: validCreate() }) },
];

// Each kind is sent once; every clause below judges that one response.
const answers = new Map<string, Promise<Exchange>>();
const answerTo = (kind: (typeof KINDS)[number]) => {
  if (!answers.has(kind.kind)) answers.set(kind.kind, session.client.send(kind.request()));
  return answers.get(kind.kind)!;
};

const ROWS = session.observations.perResponseRules.flatMap((rule) =>
  KINDS.filter((kind) => rule.scope === 'responses' || kind.error).map((kind) => ({ ...kind, rule })),
);

test.concurrent.for(cases(ROWS, (row) => `${row.rule.clause}: on ${row.kind}`))('%s', async ([, row], { verify, skipUnless }) => {
  const exchange = await answerTo(row);
  skipUnless(row.rule.applies(exchange), `the answer (${exchange.response?.status ?? 'none'}) is not one this clause judges; ${row.judgedBy} judges its status`);
  verify(exchange, row.rule.check);
});
