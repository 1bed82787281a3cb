// Vendors' mocks of one resource, run as a vendor would (`--resources vendors`): a mock answering the
// description's examples without state, and a hand-made CRUD mock with integer ids and plain error
// bodies. Each gets a verdict of its own on nearly every clause, a stateless target is one cause, and
// setup names what it got. Properties send keys of their own each attempt, so a counterexample shows
// the broken rule and not the 409 a reused key earns.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadResources } from '../fixtures/load.ts';
import { createdId } from '../harness/records.ts';
import { KeyFactory } from '../harness/keys.ts';
import type { Cause, ClauseResult, Coverage } from '../reporters/model.ts';
import { startReferenceServer } from '../reference-server/index.ts';
import { mutantByName } from '../reference-server/mutants/index.ts';
import { clientEnv, reportDir, runCli } from './support/cli.ts';
import { exchange } from './support/exchanges.ts';
import { EXAMPLE_ID, exampleMock, integerIdMock } from './support/mocks.ts';
import type { LocalServer } from './support/servers.ts';

interface Report {
  causes: Cause[];
  clauses: ClauseResult[];
  coverage: Coverage;
}

const TOKEN = 'vendor-mock-token';
const vendors = loadResources().find((fixture) => fixture.name === 'vendors')!;

async function vendorRun(server: LocalServer): Promise<{ report: Report; stdout: string }> {
  const dir = reportDir('partial');
  const result = await runCli(['--base-url', `${server.url}/v1`, '--report-dir', dir, '--resources', 'vendors'], { MVMNT_ACCESS_TOKEN: TOKEN, MVMNT_PROPERTY_RUNS: '5' }, 180_000);
  expect(result.code, result.stderr).toBe(1);
  return { report: JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as Report, stdout: result.stdout };
}

const share = ({ clauses }: Coverage) => clauses.ownVerdict / clauses.applicable;
const setupFailures = (report: Report) => report.clauses.flatMap((clause) => clause.failures.filter((failure) => failure.setup).map((failure) => `${clause.id}: ${failure.message}`));
const clause = (report: Report, id: string) => report.clauses.find((candidate) => candidate.id === id)!;

const stateless = exampleMock(vendors);
const crud = integerIdMock(vendors, TOKEN);
const statelessRun = stateless.then(vendorRun);
const crudRun = crud.then(vendorRun);
afterAll(async () => {
  await Promise.allSettled([statelessRun, crudRun]);
  await Promise.all([stateless, crud].map(async (server) => (await server).close()));
});

describe('a mock that answers the examples and keeps no state', () => {
  test('gets a verdict of its own on at least 85% of the clauses that apply, and none waits on a payment term', async () => {
    const { report, stdout } = await statelessRun;
    expect(share(report.coverage)).toBeGreaterThanOrEqual(0.85);
    expect(setupFailures(report)).toEqual([]);
    expect(report.coverage.clauses.withoutVerdict.map(({ reason }) => reason).join('\n')).not.toMatch(/PaymentTerm|payment-terms/);
    expect(stdout).toContain(`clauses with a verdict of their own: ${report.coverage.clauses.ownVerdict}/${report.coverage.clauses.applicable}`);
  });

  test('is one cause, "keeps no state", with the clauses that follow from it and the exchange that shows it', async () => {
    const { report } = await statelessRun;
    const noState = report.causes.filter((cause) => cause.id === 'keeps-no-state');
    expect(noState).toHaveLength(1);
    expect(noState[0]!.home).toEqual(['ERR-404-RANDOM-ID']);
    expect(noState[0]!.clauses).toEqual(expect.arrayContaining(['ERR-404-DELETED-RECORD', 'ERR-409-CREATE-DUPLICATE', 'ERR-2XX-PATCH']));
    expect(noState[0]!.evidence).toMatchObject({ clause: 'ERR-404-RANDOM-ID', status: 200 });
    expect(noState[0]!.observed).toContain(EXAMPLE_ID);
    expect(report.causes.map((cause) => cause.id)).not.toEqual(expect.arrayContaining(['unknown-records-served']));
    expect(report.causes.map((cause) => cause.id).filter((id) => ['records-not-stored', 'values-not-kept', 'duplicates-accepted'].includes(id))).toEqual([]);
    expect(clause(report, 'ERR-409-CREATE-DUPLICATE').followsFrom).toEqual(['keeps-no-state']);
  });

  test('still fails what it breaks on its own evidence (it validates nothing, its errors are no envelope)', async () => {
    const { report } = await statelessRun;
    expect(clause(report, 'ERR-422-FIELD-NAMED').failures[0]!.response?.status).toBe(201);
    expect(report.causes.map((cause) => cause.id)).toEqual(expect.arrayContaining(['invalid-fields-accepted', 'envelope-shape']));
  });
});

describe('a hand-made CRUD mock with integer ids, plain error bodies and no payment terms', () => {
  test('gets a verdict of its own on at least 85% of the clauses that apply: the run goes on with id 1', async () => {
    const { report } = await crudRun;
    expect(share(report.coverage)).toBeGreaterThanOrEqual(0.85);
    expect(setupFailures(report)).toEqual([]);
    expect(clause(report, 'ERR-2XX-DELETE').status).toBe('passed');
    expect(clause(report, 'ERR-2XX-FILTER').status).toBe('passed');
  });

  test('fails the success clauses on the id itself, and every error body on the envelope', async () => {
    const { report } = await crudRun;
    expect(clause(report, 'ERR-2XX-CREATE').failures[0]!.message).toContain('/id must be string');
    expect(report.causes.find((cause) => cause.id === 'records-off-schema')!.clauses).toEqual(expect.arrayContaining(['ERR-2XX-CREATE', 'ERR-2XX-GET']));
    expect(clause(report, 'ERR-404-RANDOM-ID').causes).toEqual(['envelope-shape']);
    expect(report.causes.map((cause) => cause.id)).not.toContain('keeps-no-state');
  });

  test('is left with none of the records the run created', async () => {
    await crudRun;
    const server = await crud;
    const listed = await fetch(`${server.url}/v1/vendors/filter`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: '{}' });
    expect(((await listed.json()) as { data: unknown[] }).data).toEqual([]);
  });
});

describe('setup says what it got and why it cannot use it', () => {
  const create = { method: 'POST', url: 'http://127.0.0.1:1/v1/vendors', headers: {}, operation: 'create' } as const;
  test.for([
    ['a 404', exchange({ status: 404, json: { message: 'Not found' } }, { request: create }), 'got 404 Not Found, application/json'],
    ['an empty body', exchange({ status: 201, bodyText: '' }, { request: create }), 'got 201 Created with an empty body'],
    ['HTML', exchange({ status: 201, bodyText: '<html></html>', headers: { 'content-type': 'text/html' } }, { request: create }), 'got 201 Created with a body that is not JSON (text/html)'],
    ['a record without id', exchange({ status: 201, json: { name: 'A', key: 'k' } }, { request: create }), 'got 201 Created with a record that has no "id" (its fields: name, key)'],
    ['an id object', exchange({ status: 201, json: { id: { value: 1 } } }, { request: create }), 'got 201 Created with "id": {"value":1}, which cannot name the record in a path'],
  ] as const)('a create answered with %s', ([, answered, said]) => {
    expect(createdId(answered)).toEqual({ unusable: expect.stringContaining(said) });
  });

  test('an id of any form is one to go on with', () => {
    expect(createdId(exchange({ status: 201, json: { id: 1 } }))).toEqual({ id: '1' });
    expect(createdId(exchange({ status: 201, json: { id: 'vnd_01' } }))).toEqual({ id: 'vnd_01' });
  });
});

describe('every attempt of a property sends keys of its own', () => {
  test('renewing a generated payload replaces each key of the run with a fresh one of the same length, nothing else', () => {
    const keys = new KeyFactory('run1');
    const first = keys.next('rec');
    const long = keys.ofLength(520);
    const payload = { key: first, name: 'Acme', tags: [long, 'plain'], nested: { notes: first }, count: 3 };
    const renewed = keys.renew(payload);
    expect(renewed.key).not.toBe(first);
    expect(renewed.key.startsWith(keys.prefix)).toBe(true);
    expect(renewed.tags[0]).toHaveLength(520);
    expect(renewed.tags[0]).not.toBe(long);
    expect(renewed).toMatchObject({ name: 'Acme', tags: [expect.any(String), 'plain'], count: 3 });
    expect(payload.key).toBe(first);
  });

  test('a target that wrongly accepts a body without its required name is reported with its 201, not the 409 a reused key would get', async () => {
    const server = await startReferenceServer({ mutant: mutantByName('required-name-not-enforced')!, rateLimit: { limit: 300, windowSeconds: 2 } });
    try {
      const dir = reportDir('fresh-keys');
      // Seed and runs chosen so the property meets the missing name and shrinks past an accepted body.
      const result = await runCli(['--base-url', server.baseUrl, '--token-url', server.tokenUrl, '--report-dir', dir, '--resources', 'vendors', '--only', 'ERR-422-MISSING-OR-TYPE', '--seed', '4'], { ...clientEnv(server), MVMNT_PROPERTY_RUNS: '200' });
      expect(result.code, result.stderr).toBe(1);
      const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as Report;
      const property = clause(report, 'ERR-422-MISSING-OR-TYPE').failures.find((failure) => failure.test.includes('generated bodies') && failure.test.includes('on POST /vendors'));
      expect(property?.response?.status).toBe(201);
      expect(property!.message).toBe('Status 201 is not 400 or 422.');
      const sentKey = (JSON.parse(property!.request!.bodyExcerpt!) as { key: string }).key;
      expect(property!.counterexample).toContain(sentKey);
    } finally {
      await server.close();
    }
  });
});
