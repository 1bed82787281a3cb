// Full conformance runs as users start them: on the embedded server (the README's first command), and
// against a reference server with a tight rate limit (120 requests per 5 s) and 3-second tokens, which
// must pass every clause, leave no record behind and print no credential anywhere.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { startReferenceServer, type Mutant } from '../reference-server/index.ts';
import { clientEnv, liveKeys, reportDir, runCli, tokenFor } from './support/cli.ts';

interface Report {
  verdict: string;
  target: { baseUrl: string; embedded: boolean };
  summary: Record<string, number>;
  clauses: { id: string; status: string; failures: unknown[] }[];
  stats: { waitedMs: number; requests: number } | null;
}
const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as Report;
const notPassed = (report: Report) => report.clauses.filter((clause) => clause.status !== 'passed').map((clause) => `${clause.id}: ${clause.status}`);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('npm run conformance, with no target configured', () => {
  test('starts the embedded reference server, passes every clause and writes conformance.json', async () => {
    const dir = reportDir('embedded');
    const result = await runCli(['--report-dir', dir]);
    expect(result.code, result.stderr).toBe(0);
    const report = readReport(dir);
    expect(report).toMatchObject({ verdict: 'pass', target: { embedded: true }, summary: { failed: 0, skipped: 0, waived: 0 } });
    expect(notPassed(report)).toEqual([]);
    expect(result.stdout).toContain('conformance.json written to');
  });
});

describe('a target with a tight rate limit and short-lived tokens', () => {
  const issuedTokens: string[] = [];
  // Records the tokens the target hands out, so every output of the run can be searched for them.
  const tokenRecorder: Mutant = {
    name: 'token-recorder',
    install: (app) =>
      app.addHook('onSend', async (request, _reply, payload) => {
        if (request.url.startsWith('/oauth2/token') && typeof payload === 'string' && payload.includes('access_token')) issuedTokens.push(JSON.parse(payload).access_token);
        return payload;
      }),
  };
  const server = startReferenceServer({ rateLimit: { limit: 120, windowSeconds: 5 }, tokenTtlSeconds: 3, mutant: tokenRecorder });
  afterAll(async () => (await server).close());

  test('passes every clause, waits instead of failing, leaves nothing behind and leaks no credential', async () => {
    const target = await server;
    const dir = reportDir('tight');
    const result = await runCli(['--base-url', target.baseUrl, '--report-dir', dir], { ...clientEnv(target), MVMNT_PROPERTY_RUNS: '5', GITHUB_STEP_SUMMARY: join(dir, 'step-summary.md') }, 240_000);
    expect(result.code, result.stdout.slice(-3000)).toBe(0);
    const report = readReport(dir);
    expect(notPassed(report)).toEqual([]);
    expect(report.stats!.waitedMs).toBeGreaterThan(0);

    const token = await tokenFor(target.tokenUrl, target.clients[0]);
    expect(await liveKeys(target.baseUrl, token)).toEqual([]);

    // More than one token means the run renewed it (3-second lifetime, a run of many seconds).
    expect(issuedTokens.length).toBeGreaterThan(1);
    const secrets = [target.clients[0].secret, ...issuedTokens, ...issuedTokens.map((t) => t.split('.')[2])];
    const outputs = [result.stdout, result.stderr, ...filesUnder(dir).map((file) => readFileSync(file, 'latin1'))];
    const leaks = secrets.filter((secret) => outputs.some((output) => output.includes(secret)));
    expect(leaks).toEqual([]);
  }, 300_000);
});
