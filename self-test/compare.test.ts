// `mvmnt-conformance compare`: a conformant report against a mutant's, two identical reports, two
// runs of one target (the history's wording), reports that share only part of their clauses and
// resources, and files that are no report.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { startReferenceServer } from '../reference-server/index.ts';
import { mutantByName, type CatalogEntry } from '../reference-server/mutants/index.ts';
import { clientEnv, reportDir, runCli } from './support/cli.ts';

async function reportOf(mutant: CatalogEntry | undefined): Promise<string> {
  const server = await startReferenceServer({ mutant, rateLimit: { limit: 300, windowSeconds: 2 } });
  try {
    const dir = reportDir('compare-input');
    const result = await runCli(['--base-url', server.baseUrl, '--token-url', server.tokenUrl, '--report-dir', dir, '--resources', 'payment-terms'], clientEnv(server));
    expect(result.code, result.stderr).toBe(mutant ? 1 : 0);
    return join(dir, 'conformance.json');
  } finally {
    await server.close();
  }
}

/** A copy of a report with some fields changed, as another run or another version would write it. */
function edited(file: string, edit: (report: Record<string, any>) => void): string {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  edit(report);
  const copy = join(reportDir('compare-edited'), 'conformance.json');
  writeFileSync(copy, JSON.stringify(report));
  return copy;
}

describe('compare', () => {
  let conformant = '';
  let mutant = '';
  beforeAll(async () => {
    [conformant, mutant] = await Promise.all([reportOf(undefined), reportOf(mutantByName('key-uniqueness-not-enforced'))]);
  }, 120_000);

  test('a conformant target against a mutant: exit 1, the clauses that differ with the same request from each side, the cause only the mutant shows', async () => {
    const out = reportDir('compare-out');
    const result = await runCli(['compare', conformant, mutant, '--report-dir', out]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/A and B differ on 3 of \d+ shared clauses/);
    expect(result.stdout).toContain('ERR-409-CREATE-DUPLICATE (MUST) fails on B only: A passed, B failed (on payment-terms)');
    expect(result.stdout).toMatch(/A: POST \/v1\/payment-terms → 409 · B: POST \/v1\/payment-terms → 201/);
    expect(result.stdout).toContain('cause only in B: duplicates-accepted');
    const markdown = readFileSync(join(out, 'comparison.md'), 'utf8');
    expect(markdown).toContain('### ERR-409-CREATE-DUPLICATE (MUST): fails on B only');
    expect(markdown).toMatch(/\| Status \| 409 \| 201 \|/);
    expect(markdown).toContain('Only in B: `duplicates-accepted`');
    const html = readFileSync(join(out, 'comparison.html'), 'utf8');
    const block = html.slice(html.indexOf('id="difference-ERR-409-CREATE-DUPLICATE"'));
    expect(block.slice(0, block.indexOf('</div></div>')).match(/<pre class="exchange">/g)).toHaveLength(2);
    expect(html).not.toMatch(/<script/);
  });

  test('a request the other side did not record is shown as not recorded, never another request in its place', async () => {
    const other = edited(conformant, (report) => {
      const duplicate = report.clauses.find((clause: { id: string }) => clause.id === 'ERR-409-CREATE-DUPLICATE');
      for (const test of duplicate.tests) test.checked = test.checked.map((sample: { path: string }) => ({ ...sample, method: 'GET' }));
    });
    const result = await runCli(['compare', other, mutant, '--report-dir', reportDir('compare-unrecorded')]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/A: \(not recorded\) · B: POST \/v1\/payment-terms → 201/);
  });

  test('two identical reports agree: exit 0', async () => {
    const result = await runCli(['compare', mutant, mutant, '--report-dir', reportDir('compare-same')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/A and B agree on all \d+ shared clauses/);
  });

  test('two runs of one target read as history: newly failing, newly passing', async () => {
    const { target } = JSON.parse(readFileSync(conformant, 'utf8'));
    const later = edited(mutant, (report) => {
      report.target = target;
      report.startedAt = '2999-01-01T00:00:00.000Z';
    });
    const result = await runCli(['compare', conformant, later, '--report-dir', reportDir('compare-history')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('same target: B is the later run');
    expect(result.stdout).toContain('ERR-409-CREATE-DUPLICATE (MUST) newly failing');
    // The mutant's run first, then the conformant one: the clauses it broke are newly passing.
    const fixedLater = edited(conformant, (report) => (report.startedAt = '2999-01-01T00:00:00.000Z'));
    const earlier = edited(mutant, (report) => (report.target = target));
    const fixed = await runCli(['compare', earlier, fixedLater, '--report-dir', reportDir('compare-history')]);
    expect(fixed.stdout).toContain('ERR-409-CREATE-DUPLICATE (MUST) newly passing');
  });

  test('reports with other clauses, resources or versions are compared on what they share, saying what was left out', async () => {
    const other = edited(mutant, (report) => {
      report.clauses = report.clauses.filter((clause: { id: string }) => clause.id !== 'ERR-409-PATCH-DUPLICATE');
      report.resources = [...report.resources, 'vendors'];
      report.tool.version = '9.9.9';
    });
    const result = await runCli(['compare', conformant, other, '--report-dir', reportDir('compare-partial')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/differ on 2 of \d+ shared clauses/);
    expect(result.stdout).toContain('left out: clauses only in A: ERR-409-PATCH-DUPLICATE');
    expect(result.stdout).toContain('left out: resources only in B: vendors');
    expect(result.stdout).toContain('9.9.9: clauses are compared by id');
  });

  /** The report text with one field of its JSON changed. */
  const withEdit = (edit: (report: Record<string, any>) => void) => (text: string) => {
    const report = JSON.parse(text);
    edit(report);
    return JSON.stringify(report);
  };
  const firstFailed = (report: Record<string, any>) => report.clauses.find((clause: { status: string }) => clause.status === 'failed');
  test.for([
    ['a truncated file', (text: string) => text.slice(0, 1000), /is not JSON .*is it a whole conformance\.json\?/],
    ['JSON that is no report', () => '{"hello": "world"}', /is not a conformance report: the report must have required property 'clauses'/],
    ['a clause without a status', withEdit((report) => delete report.clauses[0].status), /is not a conformance report: \/clauses\/0 must have required property 'status'/],
    ['a status no report gives', withEdit((report) => (report.clauses[0].status = 'pending')), /is not a conformance report: \/clauses\/0\/status must be equal to one of the allowed values/],
    ['a clause without its tests', withEdit((report) => delete firstFailed(report).tests), /is not a conformance report: \/clauses\/\d+ must have required property 'tests'/],
    ['a failure whose request URL is no string', withEdit((report) => (firstFailed(report).failures[0].request.url = 42)), /is not a conformance report: \/clauses\/\d+\/failures\/0\/request\/url must be string/],
    ['a cause without its clauses', withEdit((report) => delete report.causes[0].clauses), /is not a conformance report: \/causes\/0 must have required property 'clauses'/],
  ] as const)('%s is one line on stderr and exit 2', async ([, damage, message]) => {
    const damaged = join(reportDir('compare-damaged'), 'conformance.json');
    writeFileSync(damaged, damage(readFileSync(mutant, 'utf8')));
    const result = await runCli(['compare', conformant, damaged, '--report-dir', reportDir('compare-damaged')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  test('a missing file is one line and exit 2', async () => {
    const result = await runCli(['compare', conformant, join(reportDir('compare-missing'), 'nope.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^mvmnt-conformance: cannot read .*nope\.json: ENOENT\n$/);
  });
});
