// `compare` as text: the console's summary and comparison.md. Both say first whether the reports agree,
// then each differing clause with both statuses and the same request on each side, then the causes
// only one report shows, then what was left out.
import { causeStatement } from '../causes.ts';
import { capitalized, markdownCell, plural } from '../text.ts';
import type { ClauseDifference, ReportComparison, Side } from './compare-reports.ts';
import type { ExchangeSample } from '../../model/evidence.ts';

export function headline(comparison: ReportComparison): string {
  const { differences, sharedClauses } = comparison;
  return differences.length === 0
    ? `A and B agree on all ${sharedClauses} shared clauses`
    : `A and B differ on ${differences.length} of ${sharedClauses} shared clauses`;
}

function sideLine(side: Side): string {
  return `${side.label}: ${side.file} · ${side.embedded ? 'embedded reference server' : side.target} · ${side.startedAt} · ${side.version}`;
}

function statusText(side: ClauseDifference['a']): string {
  return `${side.status}${side.failsOn.length > 0 ? ` (on ${side.failsOn.join(', ')})` : ''}`;
}

function exchangeLine(sample: ExchangeSample | undefined): string {
  return sample ? `${sample.method} ${sample.path} → ${sample.status ?? 'no answer'}` : '(not recorded)';
}

/** What only one report has, each as a phrase. */
export function leftOutLines(comparison: ReportComparison): string[] {
  const { clausesOnlyIn, resourcesOnlyIn, judgedInOneOnly, versions } = comparison.leftOut;
  const list = (ids: string[]) => ids.join(', ');
  return [
    clausesOnlyIn.a.length > 0 ? `clauses only in A: ${list(clausesOnlyIn.a)}` : '',
    clausesOnlyIn.b.length > 0 ? `clauses only in B: ${list(clausesOnlyIn.b)}` : '',
    resourcesOnlyIn.a.length > 0 ? `resources only in A: ${list(resourcesOnlyIn.a)}` : '',
    resourcesOnlyIn.b.length > 0 ? `resources only in B: ${list(resourcesOnlyIn.b)}` : '',
    judgedInOneOnly.length > 0 ? `judged in one report only (skipped in the other): ${list(judgedInOneOnly)}` : '',
    versions ?? '',
  ].filter(Boolean);
}


export function comparisonSummary(comparison: ReportComparison, written: string[]): string {
  const lines = ['', `mvmnt-conformance compare: ${headline(comparison)}`, `  ${sideLine(comparison.a)}`, `  ${sideLine(comparison.b)}`];
  if (comparison.sameTarget) lines.push(`  same target: ${comparison.later.toUpperCase()} is the later run`);
  for (const difference of comparison.differences) {
    lines.push(`  ${difference.id} (${difference.level}) ${difference.change}: A ${statusText(difference.a)}, B ${statusText(difference.b)}`);
    lines.push(`    A: ${exchangeLine(difference.exchanges.a)} · B: ${exchangeLine(difference.exchanges.b)}`);
  }
  for (const [side, causes] of [['A', comparison.causes.onlyA], ['B', comparison.causes.onlyB]] as const) {
    for (const cause of causes) lines.push(`  cause only in ${side}: ${cause.id}: ${cause.title} (${plural(cause.clauses.length, 'clause')})`);
  }
  for (const line of leftOutLines(comparison)) lines.push(`  left out: ${line}`);
  if (written.length > 0) lines.push(`  written: ${written.join(', ')}`);
  return lines.join('\n');
}

export function renderComparisonMarkdown(comparison: ReportComparison): string {
  const { a, b } = comparison;
  const lines = [`# Comparison: ${headline(comparison)}`, ''];
  lines.push('| | A | B |', '|---|---|---|');
  lines.push(`| Report | ${markdownCell(a.file)} | ${markdownCell(b.file)} |`);
  lines.push(`| Target | ${a.embedded ? 'embedded reference server' : markdownCell(a.target)} | ${b.embedded ? 'embedded reference server' : markdownCell(b.target)} |`);
  lines.push(`| Started | ${a.startedAt} | ${b.startedAt} |`, `| Version | ${a.version} | ${b.version} |`, `| Resources | ${a.resources.join(', ')} | ${b.resources.join(', ')} |`, '');
  if (comparison.sameTarget) lines.push(`Same target: ${comparison.later.toUpperCase()} is the later run, so the changes read as newly failing or newly passing.`, '');
  lines.push(`Compared: ${comparison.sharedClauses} clauses both reports hold, on the resources both judged (${comparison.sharedResources.join(', ') || 'none'}).`, '');

  if (comparison.differences.length > 0) lines.push('## Clauses that differ', '');
  for (const difference of comparison.differences) {
    const { a: onA, b: onB } = difference.exchanges;
    lines.push(`### ${difference.id} (${difference.level}): ${difference.change}`, '', `${difference.title}. A: ${statusText(difference.a)} · B: ${statusText(difference.b)}`, '');
    if (difference.test) lines.push(`The same request on both sides, from the test "${difference.test}":`, '');
    const names = [...new Set([...Object.keys(onA?.headers ?? {}), ...Object.keys(onB?.headers ?? {})])];
    lines.push('| | A | B |', '|---|---|---|');
    lines.push(`| Request | ${onA ? `${onA.method} ${markdownCell(onA.path)}` : '(not recorded)'} | ${onB ? `${onB.method} ${markdownCell(onB.path)}` : '(not recorded)'} |`);
    lines.push(`| Status | ${onA?.status ?? '—'} | ${onB?.status ?? '—'} |`);
    for (const name of names) lines.push(`| ${name} | ${markdownCell(onA?.headers[name] ?? '(absent)')} | ${markdownCell(onB?.headers[name] ?? '(absent)')} |`);
    lines.push(`| Body | \`${markdownCell(onA?.bodyExcerpt ?? '')}\` | \`${markdownCell(onB?.bodyExcerpt ?? '')}\` |`, '');
  }
  const causes = [...comparison.causes.onlyA.map((cause) => ['A', cause] as const), ...comparison.causes.onlyB.map((cause) => ['B', cause] as const)];
  if (causes.length > 0) {
    lines.push('## Causes in one report only', '');
    for (const [side, cause] of causes) lines.push(`- Only in ${side}: \`${cause.id}\` (${cause.level}) ${causeStatement(cause)}; ${cause.clauses.length} failing clause(s). Fix: ${cause.fix}`);
    lines.push('');
  }
  const leftOut = leftOutLines(comparison);
  if (leftOut.length > 0) lines.push('## Left out of the comparison', '', ...leftOut.map((line) => `- ${capitalized(line)}`), '');
  return lines.join('\n');
}
