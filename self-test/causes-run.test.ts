// Causes on real targets: a reference server with three independent defects at once gives exactly
// those three causes, each explaining the clauses it should; with one of the defects, one cause. (The
// conformant server's run, with no cause, is in conformance-run.test.ts.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { startReferenceServer } from '../reference-server/index.ts';
import { combineMutants } from '../reference-server/mutants/combined.ts';
import { mutantByName, type CatalogEntry } from '../reference-server/mutants/index.ts';
import { clientEnv, reportDir, runCli } from './support/cli.ts';

interface Report {
  causes: { id: string; clauses: string[]; home: string[]; exchanges: number; evidence: { curl?: string } }[];
  clauses: { id: string; status: string; causes?: string[]; followsFrom?: string[] }[];
}

const FLAT_ENVELOPE = mutantByName('openapi-flat-envelope')!;
const ANY_TOKEN = mutantByName('any-bearer-accepted')!;
const NO_DUPLICATE_CHECK = mutantByName('key-uniqueness-not-enforced')!;

async function causesOf(mutant: CatalogEntry): Promise<{ report: Report; stdout: string }> {
  const server = await startReferenceServer({ mutant, rateLimit: { limit: 300, windowSeconds: 2 } });
  try {
    const dir = reportDir('causes');
    const result = await runCli(['--base-url', server.baseUrl, '--token-url', server.tokenUrl, '--report-dir', dir, '--resources', 'payment-terms'], clientEnv(server));
    expect(result.code, result.stderr).toBe(1);
    return { report: JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as Report, stdout: result.stdout };
  } finally {
    await server.close();
  }
}

describe('a target with three independent defects', () => {
  const run = causesOf(combineMutants('three-defects', [FLAT_ENVELOPE, ANY_TOKEN, NO_DUPLICATE_CHECK]));
  afterAll(async () => void (await run.catch(() => undefined)));

  test('gives exactly three causes, each explaining the clauses its defect breaks', async () => {
    const { report } = await run;
    expect(report.causes.map((cause) => cause.id)).toEqual(['envelope-shape', 'auth-not-enforced', 'duplicates-accepted']);
    const [shape, auth, duplicates] = report.causes;
    expect(shape!.home).toEqual(['ERR-ENV-SHAPE']);
    expect(shape!.clauses).toEqual(expect.arrayContaining(['ERR-ENV-SHAPE', 'ERR-400-MALFORMED-JSON', 'ERR-404-RANDOM-ID', 'ERR-422-FIELD-NAMED']));
    expect(auth!.clauses).toEqual(expect.arrayContaining(ANY_TOKEN.breaks));
    expect(duplicates!.clauses).toEqual(expect.arrayContaining(NO_DUPLICATE_CHECK.breaks));
    for (const cause of report.causes) expect(cause.evidence.curl).toMatch(/^curl /);
  });

  test('together they explain every failing clause, and each failing clause knows its causes', async () => {
    const { report, stdout } = await run;
    const failing = report.clauses.filter((clause) => clause.status === 'failed');
    expect(failing.filter((clause) => !clause.causes || clause.causes.length === 0).map((clause) => clause.id)).toEqual([]);
    expect(report.clauses.find((clause) => clause.id === 'ERR-404-RANDOM-ID')).toMatchObject({ followsFrom: ['envelope-shape'] });
    expect(report.clauses.find((clause) => clause.id === 'ERR-ENV-SHAPE')!.followsFrom).toBeUndefined();
    expect(stdout).toContain(`fix first: Fix these 3 causes: all ${failing.length} failing clauses follow from them.`);
  });
});

describe('a target with one defect', () => {
  test('gives one cause', async () => {
    const { report } = await causesOf(NO_DUPLICATE_CHECK);
    expect(report.causes.map((cause) => [cause.id, cause.clauses])).toEqual([['duplicates-accepted', NO_DUPLICATE_CHECK.breaks]]);
  });
});
