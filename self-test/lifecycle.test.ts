// A run's life around the tests: interrupted runs clean up and still report, sweep removes only
// the run's own leftovers, and shards merge into one report.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { afterAll, describe, expect, test } from 'vitest';
import { CLAUSES, loadResources } from '../fixtures/load.ts';
import { startReferenceServer } from '../reference-server/index.ts';
import { clientEnv, liveKeys, reportDir, runCli, startCli, tokenFor } from './support/cli.ts';

/** A reference server per scenario, so no scenario sees another's records. */
function serverFor(options: Parameters<typeof startReferenceServer>[0] = {}) {
  const server = startReferenceServer(options);
  afterAll(async () => (await server).close());
  return server;
}

describe('a signal during a run', () => {
  // A slow target (the run paces itself on 40 requests per 2 s), so the run is surely mid-way, with
  // records live, when the signal comes. The test looks on as a second client, with a budget of its own.
  const clients = [
    { id: 'conformance-run', secret: 'run-secret-value' },
    { id: 'observer', secret: 'observer-secret-value' },
  ];
  const server = serverFor({ rateLimit: { limit: 40, windowSeconds: 2 }, clients });

  test.for([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s stops the run, deletes what it created, writes a partial report and exits %i', async ([signal, exitCode]) => {
    const target = await server;
    const token = await tokenFor(target.tokenUrl, clients[1]);
    const dir = reportDir('signal');
    // Customer contacts reference customers: the run makes both, and must delete both (contacts first).
    const { child, done } = startCli(['--base-url', target.baseUrl, '--report-dir', dir, '--resources', 'customer-contacts'], clientEnv(target));
    const live = async () => ({ contacts: await liveKeys(target.baseUrl, token, 'conformance-', 'customer-contacts'), customers: await liveKeys(target.baseUrl, token, 'conformance-', 'customers') });
    // Records come and go as each suite file cleans up after itself: the signal goes the moment a
    // contact and a customer are seen live together, not after a second look that may find them gone.
    let beforeSignal = await live();
    for (let i = 0; i < 300 && (beforeSignal.contacts.length === 0 || beforeSignal.customers.length === 0); i++) beforeSignal = await sleep(100).then(live);
    child.kill(signal);
    expect(beforeSignal.contacts).not.toEqual([]);
    expect(beforeSignal.customers).not.toEqual([]);
    const result = await done;
    expect(result.code, result.stderr).toBe(exitCode);
    expect(result.stderr).toContain(`${signal}: stopping`);
    expect(await live()).toEqual({ contacts: [], customers: [] });
    const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8'));
    expect(report.interrupted).toBe(true);
  });
});

describe('sweep', () => {
  const server = serverFor();

  test('lists, then deletes, live records of every resource whose key (or mark, without a key) starts with conformance-, and nothing else', async () => {
    const target = await server;
    const token = await tokenFor(target.tokenUrl, target.clients[0]);
    const create = (path: string, body: Record<string, unknown>) =>
      request(`${target.baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((response) => response.body.json() as Promise<{ id: string }>);
    await Promise.all(['conformance-old1-a', 'conformance-old1-b', 'customer-owned-key'].map((key) => create('/vendors', { name: 'Sweep Test', key })));
    // A leftover customer with a leftover location that references it: the location goes first.
    const customer = await create('/customers', { name: 'Sweep Customer', status: 'ACTIVE', key: 'conformance-old2-c' });
    await create('/locations', { name: 'Sweep Dock', isAppointmentRequired: false, customerId: customer.id, key: 'conformance-old2-d' });
    // Saved searches have no key: a run marks them in their name.
    const search = loadResources().find((fixture) => fixture.name === 'saved-searches')!.validSample;
    const marked = await create('/saved-searches', { ...search, name: 'conformance-old3-e' });
    const theirs = await create('/saved-searches', { ...search, name: 'customer-search' });
    const status = async (id: string) => (await request(`${target.baseUrl}/saved-searches/${id}`, { headers: { authorization: `Bearer ${token}` } })).statusCode;

    const dryRun = await runCli(['sweep', '--dry-run', '--base-url', target.baseUrl], clientEnv(target));
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toContain('5 live record(s) with a key (or a mark, without one) starting "conformance-"');
    expect(await liveKeys(target.baseUrl, token)).toHaveLength(4);
    expect(await status(marked.id)).toBe(200);

    const swept = await runCli(['sweep', '--base-url', target.baseUrl], clientEnv(target));
    expect(swept.code, swept.stderr).toBe(0);
    expect(swept.stdout).toContain('sweep: deleted 5');
    for (const resource of ['vendors', 'customers', 'locations']) expect(await liveKeys(target.baseUrl, token, 'conformance-', resource)).toEqual([]);
    expect(await liveKeys(target.baseUrl, token, 'customer-owned-key')).toEqual(['customer-owned-key']);
    expect([await status(marked.id), await status(theirs.id)]).toEqual([404, 200]);
  });

  test('finishes what a killed run left: the records its ledger lists, keyless ones included, then the ledger', async () => {
    const target = await server;
    const token = await tokenFor(target.tokenUrl, target.clients[0]);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const sample = loadResources().find((fixture) => fixture.name === 'saved-searches')!.validSample;
    const created = await request(`${target.baseUrl}/saved-searches`, { method: 'POST', headers, body: JSON.stringify({ ...sample, name: 'Left by a killed run' }) });
    expect(created.statusCode).toBe(201);
    const { id } = (await created.body.json()) as { id: string };
    const dir = reportDir('killed-run');
    const ledger = join(dir, '.ledger', 'killed-run.jsonl');
    mkdirSync(dirname(ledger), { recursive: true });
    writeFileSync(ledger, `${JSON.stringify({ op: 'created', entry: { resource: 'saved-searches', path: `/saved-searches/${id}`, id, key: null } })}\n`);

    const swept = await runCli(['sweep', '--base-url', target.baseUrl, '--report-dir', dir], clientEnv(target));
    expect(swept.code, swept.stderr).toBe(0);
    expect(swept.stdout).toContain('1 more record(s) listed in 1 ledger(s) of interrupted runs');
    expect(swept.stdout).toContain('sweep: deleted 1');
    expect((await request(`${target.baseUrl}/saved-searches/${id}`, { headers })).statusCode).toBe(404);
    expect(existsSync(ledger)).toBe(false);
  });
});

describe('sharding', () => {
  const server = serverFor();
  const CONFLICT_CLAUSES = CLAUSES.filter((clause) => clause.family === 'conflict').map((clause) => clause.id);

  // Three resources, one of which (locations) references another (customers) that another shard
  // judges; bill payments have an action, so every clause has an operation to judge, but the conflict
  // family's (judged elsewhere, and left out here).
  const args = (dir: string, target: { baseUrl: string }) => ['--base-url', target.baseUrl, '--report-dir', dir, '--resources', 'bill-payments,customers,locations', '--skip', 'conflict'];
  const env = (target: Parameters<typeof clientEnv>[0]) => ({ ...clientEnv(target), MVMNT_PROPERTY_RUNS: '5', MVMNT_SEED: '4242' });
  const verdicts = (dir: string) => {
    const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as { resources: string[]; clauses: { id: string; status: string; resources: Record<string, string> }[] };
    return { resources: report.resources, clauses: report.clauses.map(({ id, status, resources }) => ({ id, status, resources })) };
  };

  test('spread the resources across jobs, and two shards merge into the report one run gives', async () => {
    const target = await server;
    const dir = reportDir('shards');
    for (const shard of ['1/2', '2/2']) {
      const result = await runCli([...args(dir, target), '--shard', shard], env(target));
      expect(result.code, result.stdout.slice(-2000)).toBe(0);
    }
    expect(existsSync(join(dir, 'blob', 'shard-1-of-2.json')) && existsSync(join(dir, 'blob', 'shard-2-of-2.json'))).toBe(true);
    const merged = await runCli(['--merge-reports', join(dir, 'blob'), '--report-dir', dir]);
    expect(merged.code, merged.stdout.slice(-2000) + merged.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8'));
    expect(report.target.baseUrl).toBe(target.baseUrl);

    const single = reportDir('unsharded');
    expect((await runCli(args(single, target), env(target))).code).toBe(0);
    expect(verdicts(dir)).toEqual(verdicts(single));
    expect(verdicts(dir).resources).toEqual(['bill-payments', 'customers', 'locations']);
    expect(verdicts(dir).clauses.filter((clause) => clause.status !== 'passed').map((clause) => clause.id)).toEqual(CONFLICT_CLAUSES);
  }, 180_000);
});
