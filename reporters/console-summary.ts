// The console's closing summary: the verdict, counts by family, each failed clause with a one-line
// reason, and where the reports were written. vitest's own reporter shows progress before it.
import { FAMILIES } from '../fixtures/load.ts';
import { tally } from './build-model.ts';
import { causesHeadline, causeStatement, LEADING_CAUSES, leadingCauses } from './causes.ts';
import { failingResources, verdictLine } from './render-markdown.ts';
import type { ReportModel } from './model.ts';
import { budgetLine, coverageLine, profileText, plural, verdictsLine } from './text.ts';

export function consoleSummary(model: ReportModel, written: string[]): string {
  const lines = ['', `MVMNT conformance ${verdictLine(model)}`, `  target: ${model.target.baseUrl}${model.target.embedded ? ' (embedded reference server)' : ''}`];
  if (model.resources.length > 0) lines.push(`  resources: ${model.resources.join(', ')}`);
  lines.push(`  profile: ${profileText(model.profile)}`);
  lines.push(`  ${coverageLine(model.coverage)}${model.coverage.operations.notJudged.length > 0 ? ' (the others, with the reason: see the reports)' : ''}`);
  lines.push(`  ${verdictsLine(model.coverage)}`);
  if (model.budget) lines.push(`  ${budgetLine(model.budget, model.stats?.requests ?? 0)}`);
  for (const { clause, reason } of model.coverage.clauses.withoutVerdict) lines.push(`    ${clause}: ${reason.split('\n')[0]}`);
  const families = tally(model.clauses, (c) => c.family, FAMILIES)
    .filter((row) => row.total > 0)
    .map((row) => `${row.key} ${row.passed}/${row.total}${row.failed ? ` (${row.failed} failed)` : ''}`);
  lines.push(`  by family: ${families.join(' · ')}`);
  if (model.causes.length > 0) {
    const lead = leadingCauses(model.causes, model.clauses, LEADING_CAUSES);
    lines.push(`  fix first: ${causesHeadline(lead)}`);
    for (const cause of lead.shown) lines.push(`    ${cause.rank}. [${cause.level}] ${causeStatement(cause)} (${cause.id}): ${plural(cause.clauses.length, 'clause')}`);
    const more = model.causes.length - lead.shown.length;
    if (more > 0) lines.push(`    …and ${more} more in the reports`);
  }
  const failed = model.clauses.filter((clause) => clause.status === 'failed');
  if (failed.length > 0) {
    lines.push('  failed:');
    for (const clause of failed) {
      const where = failingResources(clause);
      const follows = clause.followsFrom ? ` (follows from ${clause.followsFrom.join(', ')})` : '';
      lines.push(`    ${clause.id} (${clause.level}) ${clause.failures[0]?.message ?? ''}${where.length > 0 ? ` [on ${where.join(', ')}]` : ''}${follows}`.trimEnd());
    }
  }
  if (model.comparison?.newlyFailing.length) lines.push(`  newly failing since ${model.comparison.previousStartedAt}: ${model.comparison.newlyFailing.join(', ')}`);
  if (model.comparison?.newlyPassing.length) lines.push(`  newly passing: ${model.comparison.newlyPassing.join(', ')}`);
  if (model.comparison?.newlyFailingOn.length) lines.push(`  newly failing on a resource: ${model.comparison.newlyFailingOn.map((change) => `${change.clause} on ${change.resource}`).join(', ')}`);
  if (model.seed !== null) lines.push(`  seed: ${model.seed} (replay with MVMNT_SEED=${model.seed})`);
  lines.push(`  reports: ${written.join(', ')}`);
  return lines.join('\n');
}
