// Full conformance runs as users start them: on the embedded server (the README's first command), and
// against a reference server with a tight rate limit (120 requests per 5 s) and 3-second tokens, which
// must pass every clause, leave no record behind and print no credential anywhere.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CLAUSES, FAMILIES } from '../harness/registry.ts';
import { mutantByName } from '../reference-server/mutants/index.ts';
import { inPool } from './kill-matrix/run.ts';
import { startReferenceServer, type Mutant } from '../reference-server/index.ts';
import { clientEnv, liveKeys, reportDir, runCli, tokenFor } from './support/cli.ts';

interface Report {
  verdict: string;
  target: { baseUrl: string; embedded: boolean };
  summary: Record<string, number>;
  clauses: { id: string; family: string; status: string; failures: unknown[] }[];
  causes: unknown[];
  stats: { waitedMs: number; requests: number; throttled: number } | null;
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
  // Resources where every clause applies (quotes for the conflict family): the run of the whole API
  // through the command is the kill matrix's reference run, and the default run itself is timed (and
  // must pass) in `npm run bench`.
  test('starts the embedded reference server, passes every clause, finds no cause and writes conformance.json', async () => {
    const dir = reportDir('embedded');
    const result = await runCli(['--report-dir', dir, '--resources', 'customers,bill-payments,quotes']);
    expect(result.code, result.stderr).toBe(0);
    const report = readReport(dir);
    expect(report).toMatchObject({ verdict: 'pass', target: { embedded: true }, summary: { failed: 0, skipped: 0, waived: 0 } });
    expect(notPassed(report)).toEqual([]);
    expect(report.causes).toEqual([]);
    expect(result.stdout).toContain('conformance.json written to');
  });
});

// This block and the next run side by side: the paced run mostly waits on its target's rate limit,
// while the families' runs keep the CPU busy.
describe.concurrent('each family chosen alone (--only <family>)', () => {
  // Run-wide families (envelope, headers, security) judge the traffic of the others: alone they must
  // still send what they need and get a verdict, never fail a conformant server for having nothing to judge.
  test('passes against the embedded reference server, every family', async () => {
    const outcomes = await inPool([...FAMILIES], 3, async (family) => {
      const dir = reportDir(`only-${family}`);
      // Three runs share the CPU: a 1-second window could roll over mid-burst (as in the kill matrix).
      // Customers have every kind of rule, a lookup parameter, a reference (to a payment term the run
      // makes and deletes) and reads of a record's parts; bill payments add an action: every clause
      // applies to one of them, but the conflict family's, which quotes (an action with a state rule)
      // have. Families, not resources, are under test.
      const resources = family === 'conflict' ? 'quotes' : 'customers,bill-payments';
      const result = await runCli(['--only', family, '--resources', resources, '--report-dir', dir], { MVMNT_PROPERTY_RUNS: '5', MVMNT_EMBEDDED_RATE_LIMIT: '300/2' });
      const report = result.code === 0 || result.code === 1 ? readReport(dir) : undefined;
      const selected = report?.clauses.filter((clause) => clause.family === family) ?? [];
      return `${family}: exit ${result.code}, ${selected.filter((clause) => clause.status === 'passed').length}/${selected.length} passed`;
    });
    const expected = FAMILIES.map((family) => `${family}: exit 0, ${CLAUSES.filter((clause) => clause.family === family).length}/${CLAUSES.filter((clause) => clause.family === family).length} passed`);
    expect(outcomes).toEqual(expected);
  }, 240_000);
});

/** Records the tokens a target hands out (around any mutant), so every output can be searched for them. */
function recordingTokens(inner?: Mutant): { mutant: Mutant; issued: string[] } {
  const issued: string[] = [];
  const mutant: Mutant = {
    name: `token-recorder${inner ? `+${inner.name}` : ''}`,
    parts: inner?.parts,
    install: (app, parts) => {
      app.addHook('onSend', async (request, _reply, payload) => {
        if (request.url.startsWith('/oauth2/token') && typeof payload === 'string' && payload.includes('access_token')) issued.push(JSON.parse(payload).access_token);
        return payload;
      });
      inner?.install?.(app, parts);
    },
  };
  return { mutant, issued };
}

/** Every credential value a run could leak, and the halves of token signatures (a one-character change keeps them). */
function leaksIn(outputs: string[], client: { id: string; secret: string }, tokens: string[]): string[] {
  const signatureHalves = tokens.map((token) => token.split('.')[2].slice(0, 20));
  const basic = Buffer.from(`${client.id}:${client.secret}`).toString('base64');
  return [client.secret, basic, ...tokens, ...signatureHalves].filter((secret) => outputs.some((output) => output.includes(secret)));
}

describe.concurrent('a target with a tight rate limit and short-lived tokens', () => {
  const { mutant: tokenRecorder, issued: issuedTokens } = recordingTokens();
  const server = startReferenceServer({ rateLimit: { limit: 120, windowSeconds: 5 }, tokenTtlSeconds: 3, mutant: tokenRecorder });
  afterAll(async () => (await server).close());

  test('passes every clause, waits instead of failing, leaves nothing behind and leaks no credential', async () => {
    const target = await server;
    const dir = reportDir('tight');
    // Three resources, one referencing a fourth (a customer made for the contacts), one with a lookup
    // parameter, one with reads of a record's parts and an action: pacing, token renewal and cleanup
    // do not depend on how many resources there are. None has an action with a state rule: the
    // conflict family, judged elsewhere, is left out (--skip) rather than skipped as out of scope.
    const resources = ['--resources', 'customer-contacts,payment-terms,bill-payments', '--skip', 'conflict'];
    const result = await runCli(['--base-url', target.baseUrl, '--report-dir', dir, ...resources], { ...clientEnv(target), MVMNT_PROPERTY_RUNS: '5', GITHUB_STEP_SUMMARY: join(dir, 'step-summary.md') }, 240_000);
    expect(result.code, result.stdout.slice(-3000)).toBe(0);
    const report = readReport(dir);
    expect(notPassed(report).filter((line) => !line.startsWith('ERR-409-STATE-'))).toEqual([]);
    expect(report.stats!.waitedMs).toBeGreaterThan(0);
    // Paced on the headers: the only 429s are the burst's.
    expect(report.stats!.throttled).toBe(0);
    expect(readFileSync(join(dir, 'step-summary.md'), 'utf8')).toMatch(/^# MVMNT conformance: PASS/);

    // The server served this run alone: every record it holds, whatever its key (some resources have none), is a leftover.
    const token = await tokenFor(target.tokenUrl, target.clients[0]);
    expect(await liveKeys(target.baseUrl, token, null)).toEqual([]);

    // More than one token means the run renewed it (3-second lifetime, a run of many seconds).
    expect(issuedTokens.length).toBeGreaterThan(1);
    const outputs = [result.stdout, result.stderr, ...filesUnder(dir).map((file) => readFileSync(file, 'latin1'))];
    expect(leaksIn(outputs, target.clients[0], issuedTokens)).toEqual([]);
  }, 300_000);
});

describe('a target whose rate limit is larger than the burst may send', () => {
  // Ten-second windows: a 100,000-request burst never fits in what is left of one, so the burst would wait for a fresh window.
  const server = startReferenceServer({ rateLimit: { limit: 100_000, windowSeconds: 10 } });
  afterAll(async () => (await server).close());

  test('skips the burst with the numbers that made it skip, without waiting for a window it cannot use', async () => {
    const target = await server;
    const dir = reportDir('large-limit');
    const result = await runCli(['--base-url', target.baseUrl, '--report-dir', dir, '--only', 'rate-limit', '--resources', 'payment-terms'], clientEnv(target));
    expect(result.code, result.stdout.slice(-3000)).toBe(0);
    const report = readReport(dir);
    const trips = report.clauses.find((clause) => clause.id === 'ERR-429-TRIPS')!;
    expect(trips).toMatchObject({ status: 'skipped', note: expect.stringContaining('a fresh window gives Remaining + 1 = 100000 (X-RateLimit-Limit), which exceeds MVMNT_MAX_BURST (1000)') });
    expect(report.stats!.waitedMs).toBe(0);
  });
});

describe('a target that echoes the credentials it receives', () => {
  const { mutant, issued } = recordingTokens(mutantByName('token-echoed-in-401'));
  const server = startReferenceServer({ mutant });
  afterAll(async () => (await server).close());

  test('fails ERR-SEC-NO-SECRET-ECHO (a GitHub annotation in CI), and no output of the run repeats a credential', async () => {
    const target = await server;
    const dir = reportDir('echo');
    const result = await runCli(['--base-url', target.baseUrl, '--report-dir', dir, '--only', 'auth,security'], { ...clientEnv(target), MVMNT_PROPERTY_RUNS: '3', GITHUB_ACTIONS: 'true' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error file=.*run-wide\.test\.ts.*ERR-SEC-NO-SECRET-ECHO/m);
    const report = readReport(dir);
    expect(notPassed(report).filter((clause) => !clause.endsWith('skipped'))).toEqual(['ERR-SEC-NO-SECRET-ECHO: failed']);
    const outputs = [result.stdout, result.stderr, ...filesUnder(dir).map((file) => readFileSync(file, 'latin1'))];
    expect(outputs.join('\n')).toContain('[redacted credential]');
    expect(leaksIn(outputs, target.clients[0], issued)).toEqual([]);
  });
});
