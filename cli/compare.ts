// `mvmnt-conformance compare A.json B.json`: how two reports differ, printed and written as
// comparison.md and comparison.html. Exit 0 when they agree on every clause both judged, 1 when they
// differ, 2 when a file is not a readable report.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareReports } from '../reporters/compare/compare-reports.ts';
import { readReport } from '../reporters/compare/read-report.ts';
import { comparisonSummary, renderComparisonMarkdown } from '../reporters/compare/render-comparison.ts';
import { renderComparisonHtml } from '../reporters/compare/render-comparison-html.ts';
import { EXIT } from './exit.ts';

export function compareCommand(fileA: string, fileB: string, reportDir: string, log: (line: string) => void): number {
  const comparison = compareReports(readReport(fileA), readReport(fileB), { a: fileA, b: fileB });
  mkdirSync(reportDir, { recursive: true });
  const written = [
    ['comparison.md', renderComparisonMarkdown(comparison)],
    ['comparison.html', renderComparisonHtml(comparison)],
  ].map(([name, content]) => {
    const file = join(reportDir, name!);
    writeFileSync(file, content!);
    return file;
  });
  log(comparisonSummary(comparison, written));
  return comparison.agree ? EXIT.pass : EXIT.fail;
}
