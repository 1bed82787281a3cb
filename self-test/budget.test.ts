// The request budget (MVMNT_MAX_REQUESTS): a capped run stops sending once the cap is reached, skips
// the tests left with the reason instead of failing them (properties cut short included), and says how
// many requests a full verdict would need.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { BUDGET_SPENT } from '../model/run.ts';
import type { ReportModel } from '../reporters/model.ts';
import { reportDir, runCli } from './support/cli.ts';

const CAP = 300;

test('a run capped at 300 requests passes on the reference server, skips what the cap left out, and estimates the rest', async () => {
  const dir = reportDir('budget');
  const result = await runCli(['--resources', 'payment-terms', '--max-requests', String(CAP), '--report-dir', dir]);
  expect(result.code, result.stdout.slice(-2000)).toBe(0);
  const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ReportModel;
  expect(report.summary.failed).toBe(0);
  const skippedForBudget = report.clauses.filter((clause) => clause.status === 'skipped' && clause.note?.startsWith(BUDGET_SPENT));
  expect(skippedForBudget.length).toBeGreaterThan(0);
  // Past the cap only by the requests in flight when it was reached (16 on the embedded server) and by setup and cleanup.
  expect(report.stats!.requests).toBeLessThan(CAP + 60);
  expect(report.budget!.estimatedRequests).toBeGreaterThan(report.stats!.requests);
  expect(result.stdout).toMatch(/request budget spent after \d+ requests \(MVMNT_MAX_REQUESTS\): \d+ tests skipped; a full verdict needs about [\d,]+ requests/);
});
