// A run's life around the tests: interrupted runs clean up and still report, sweep removes only
// the run's own leftovers, and shards merge into one report.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { afterAll, describe, expect, test } from 'vitest';
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
    const { child, done } = startCli(['--base-url', target.baseUrl, '--report-dir', dir], clientEnv(target));
    for (let i = 0; i < 300 && (await liveKeys(target.baseUrl, token)).length === 0; i++) await sleep(100);
    expect((await liveKeys(target.baseUrl, token)).length).toBeGreaterThan(0);
    child.kill(signal);
    const result = await done;
    expect(result.code, result.stderr).toBe(exitCode);
    expect(result.stderr).toContain(`${signal}: stopping`);
    expect(await liveKeys(target.baseUrl, token)).toEqual([]);
    const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8'));
    expect(report.interrupted).toBe(true);
  });
});

describe('sweep', () => {
  const server = serverFor();

  test('lists, then deletes, live records whose key starts with conformance-, and nothing else', async () => {
    const target = await server;
    const token = await tokenFor(target.tokenUrl, target.clients[0]);
    const create = (key: string) =>
      request(`${target.baseUrl}/vendors`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Sweep Test', key }),
      }).then((response) => response.body.dump());
    await Promise.all(['conformance-old1-a', 'conformance-old1-b', 'conformance-old2-c', 'customer-owned-key'].map(create));

    const dryRun = await runCli(['sweep', '--dry-run', '--base-url', target.baseUrl], clientEnv(target));
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toContain('3 live record(s) with a key starting "conformance-"');
    expect(await liveKeys(target.baseUrl, token)).toHaveLength(3);

    const swept = await runCli(['sweep', '--base-url', target.baseUrl], clientEnv(target));
    expect(swept.code, swept.stderr).toBe(0);
    expect(swept.stdout).toContain('sweep: deleted 3');
    expect(await liveKeys(target.baseUrl, token)).toEqual([]);
    expect(await liveKeys(target.baseUrl, token, 'customer-owned-key')).toEqual(['customer-owned-key']);
  });
});

describe('sharding', () => {
  const server = serverFor();

  test('two shards merge into one conformance report with every clause', async () => {
    const target = await server;
    const dir = reportDir('shards');
    for (const shard of ['1/2', '2/2']) {
      const result = await runCli(['--base-url', target.baseUrl, '--report-dir', dir, '--shard', shard], clientEnv(target));
      expect(result.code, result.stdout.slice(-2000)).toBe(0);
    }
    expect(existsSync(join(dir, 'blob', 'blob-1-2.json')) && existsSync(join(dir, 'blob', 'blob-2-2.json'))).toBe(true);
    const merged = await runCli(['--merge-reports', join(dir, 'blob'), '--report-dir', dir]);
    expect(merged.code, merged.stdout.slice(-2000) + merged.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8'));
    expect(report.clauses.filter((clause: { status: string }) => clause.status !== 'passed')).toEqual([]);
    expect(report.target.baseUrl).toBe(target.baseUrl);
  });
});
