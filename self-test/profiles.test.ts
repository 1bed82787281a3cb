// The gate profile: on the same target it gives the same clauses their verdicts on the same resources
// and operations as the full profile, on far fewer requests, and every report says which profile ran.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../harness/config.ts';
import { startReferenceServer } from '../reference-server/index.ts';
import { mutantByName } from '../reference-server/mutants/index.ts';
import type { ReportModel } from '../reporters/model.ts';
import { clientEnv, reportDir, runCli } from './support/cli.ts';

const RESOURCES = 'payment-terms,quotes';

async function run(profile: string) {
  const dir = reportDir(`profile-${profile}`);
  const result = await runCli(['--resources', RESOURCES, '--profile', profile, '--report-dir', dir]);
  expect(result.code, result.stdout.slice(-2000)).toBe(0);
  const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ReportModel;
  return { report, stdout: result.stdout, markdown: readFileSync(join(dir, 'conformance.md'), 'utf8'), junit: readFileSync(join(dir, 'junit.xml'), 'utf8') };
}

describe('--profile', () => {
  test('MVMNT_PROFILE is gate or full (full by default); the gate runs each property once unless MVMNT_PROPERTY_RUNS says otherwise', () => {
    expect(loadConfig({}, {}).settings).toMatchObject({ profile: 'full', propertyRuns: 25 });
    expect(loadConfig({ MVMNT_PROFILE: 'GATE' }, {}).settings).toMatchObject({ profile: 'gate', propertyRuns: 1 });
    expect(loadConfig({ MVMNT_PROFILE: 'gate', MVMNT_PROPERTY_RUNS: '5' }, {}).settings.propertyRuns).toBe(5);
    expect(() => loadConfig({ MVMNT_PROFILE: 'quick' }, {})).toThrow(/MVMNT_PROFILE must be gate or full, got 'quick'/);
  });

  test('gate judges every clause on every resource and operation that full judges, with under a third of its requests (the burst aside), and says so in every report', async () => {
    const full = await run('full');
    const gate = await run('gate');
    const verdicts = (report: ReportModel) => Object.fromEntries(report.clauses.map((clause) => [clause.id, { status: clause.status, resources: clause.resources }]));
    expect(verdicts(gate.report)).toEqual(verdicts(full.report));
    expect(gate.report.coverage).toEqual(full.report.coverage);
    expect(gate.report.summary.failed).toBe(0);
    // The burst is the target's rate limit, the same under both profiles.
    const judging = ({ report }: { report: ReportModel }) => report.stats!.requests - report.stats!.burstSent;
    expect(judging(gate), `gate ${judging(gate)}, full ${judging(full)}`).toBeLessThan(judging(full) / 3);

    expect([gate.report.profile, full.report.profile]).toEqual(['gate', 'full']);
    expect(gate.stdout).toContain('profile: gate (every clause on every operation');
    expect(gate.markdown).toContain('Profile: gate');
    expect(gate.junit).toContain('name="mvmnt-conformance (gate profile)"');
    expect(full.junit).toContain('name="mvmnt-conformance (full profile)"');
  }, 240_000);

  // Under gate a token clause and a precedence clause share one request (a bad token with a malformed
  // body, on a random id): a target that checks tokens after looking records up must fail the
  // precedence clauses only, as under full, never the token clauses whose question it shared.
  test.each(['full', 'gate'])('against a target that looks records up before checking tokens, %s fails ERR-401-BEFORE-BODY and ERR-401-BEFORE-LOOKUP and no token clause', async (profile) => {
    const server = await startReferenceServer({ mutant: mutantByName('auth-after-lookup'), rateLimit: { limit: 1000, windowSeconds: 2 } });
    try {
      const dir = reportDir(`profile-mutant-${profile}`);
      const result = await runCli(['--base-url', server.baseUrl, '--token-url', server.tokenUrl, '--report-dir', dir, '--resources', 'payment-terms', '--only', 'auth', '--profile', profile], clientEnv(server));
      expect(result.code, result.stdout.slice(-2000)).toBe(1);
      const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ReportModel;
      expect(report.clauses.filter((clause) => clause.status === 'failed').map((clause) => clause.id).sort()).toEqual(['ERR-401-BEFORE-BODY', 'ERR-401-BEFORE-LOOKUP']);
    } finally {
      await server.close();
    }
  }, 120_000);
});
