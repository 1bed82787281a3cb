// conformance.md: the verdict, tables by family and by level, changes since the previous run, then
// each failed clause as a vendor needs it: expected vs received, the fix, the response, a curl line.
import { FAMILIES } from '../fixtures/load.ts';
import { tally } from './build-model.ts';
import { causesHeadline, causeStatement, LEADING_CAUSES, leadingCauses } from './causes.ts';
import type { ClauseOnResource, ClauseResult, FailureRecord, ReportModel } from './model.ts';
import { cellText, resourceMatrix } from './resource-matrix.ts';
import { budgetLine, capitalized, coverageLine, markdownCell, profileText, verdictsLine } from './text.ts';

const LEVELS = ['MUST', 'SHOULD', 'MAY'] as const;
const FAILURES_SHOWN = 3;

export function verdictLine(model: ReportModel): string {
  const { passed, failed, skipped, waived } = model.summary;
  const counts = `${passed} passed, ${failed} failed, ${skipped} skipped, ${waived} waived`;
  return `${model.verdict === 'pass' ? 'PASS' : 'FAIL'}${model.interrupted ? ' (interrupted)' : ''}: ${counts}`;
}

export function renderMarkdown(model: ReportModel): string {
  const lines: string[] = [];
  const target = model.target.embedded ? `${model.target.baseUrl} (embedded reference server)` : model.target.baseUrl;
  lines.push(`# MVMNT conformance: ${verdictLine(model)}`, '');
  lines.push(`Target: ${target} · started ${model.startedAt} · ${(model.durationMs / 1000).toFixed(1)} s · seed ${model.seed ?? 'n/a'} · ${model.tool.name} ${model.tool.version}`, '');
  lines.push(`Profile: ${profileText(model.profile)}. ${capitalized(coverageLine(model.coverage))}. ${capitalized(verdictsLine(model.coverage))}.`, '');
  if (model.budget) lines.push(`${capitalized(budgetLine(model.budget, model.stats?.requests ?? 0))}.`, '');
  const { withoutVerdict } = model.coverage.clauses;
  if (withoutVerdict.length > 0) lines.push(...withoutVerdict.map(({ clause, reason }) => `- ${code(clause)} has no verdict of its own: ${markdownCell(reason.split('\n')[0]!)}`), '');
  lines.push(...causesTable(model));
  lines.push(...table('Family', tally(model.clauses, (c) => c.family, FAMILIES)), '');
  lines.push(...table('Level', tally(model.clauses, (c) => c.level, LEVELS)), '');
  lines.push(...byResource(model), '');

  if (model.comparison) {
    const { newlyFailing, newlyPassing, previousStartedAt } = model.comparison;
    lines.push(`## Since the previous run (${previousStartedAt})`, '');
    lines.push(`- Newly failing: ${newlyFailing.length ? newlyFailing.map(code).join(', ') : 'none'}`);
    lines.push(`- Newly passing: ${newlyPassing.length ? newlyPassing.map(code).join(', ') : 'none'}`);
    lines.push(`- Newly failing on a resource: ${onResources(model.comparison.newlyFailingOn)}`);
    lines.push(`- Newly passing on a resource: ${onResources(model.comparison.newlyPassingOn)}`, '');
  }

  const failed = model.clauses.filter((clause) => clause.status === 'failed');
  if (failed.length > 0) {
    lines.push('## Failed clauses', '');
    for (const clause of failed) lines.push(...failedClause(clause));
  }
  const notices = [
    ...model.waivers.expired.map((w) => `- ${waiverSubject(w)}: the waiver expired on ${w.expires} (${w.reason})`),
    ...model.waivers.nowPassing.map((w) => `- ${waiverSubject(w)}: waived but ${w.clause ? 'now passing' : 'no longer seen'}; remove the waiver (${w.reason})`),
    ...model.clauses.filter((c) => c.status === 'waived').map((c) => `- ${code(c.id)}: ${c.note}`),
  ];
  if (notices.length > 0) lines.push('## Waivers', '', ...notices, '');
  const skipped = model.clauses.filter((clause) => clause.status === 'skipped');
  if (skipped.length > 0) {
    lines.push('## Skipped clauses', '', ...skipped.map((c) => `- ${code(c.id)} (${c.level}): ${c.note ?? 'skipped'}`), '');
  }
  const { notJudged } = model.coverage.operations;
  if (notJudged.length > 0) {
    lines.push('## Operations not judged', '', '| Operation | Why |', '|---|---|', ...notJudged.map((entry) => `| ${code(entry.operation)} | ${markdownCell(entry.reason)} |`), '');
  }
  if (model.unhandledErrors.length > 0) {
    lines.push('## Errors outside any test', '', ...model.unhandledErrors.map((e) => fence(e)), '');
  }
  lines.push('Clause definitions: CONTRACT.md.', '');
  return lines.join('\n');
}

/** The ranked causes first: what to fix, how many clauses each explains, one exchange each as evidence. */
function causesTable(model: ReportModel): string[] {
  if (model.causes.length === 0) return [];
  const lines = ['## What to fix first', '', causesHeadline(leadingCauses(model.causes, model.clauses, LEADING_CAUSES)), ''];
  lines.push('| # | Cause | Level | Clauses | Exchanges | Fix |', '|---:|---|---|---|---:|---|');
  for (const cause of model.causes) {
    const clauses = cause.clauses.map((id) => (cause.home.includes(id) ? `**${id}**` : id)).join(', ');
    const waived = cause.waived !== undefined ? ` (waived: ${cause.waived})` : '';
    lines.push(`| ${cause.rank} | ${markdownCell(causeStatement(cause))} \`${cause.id}\`${markdownCell(waived)} | ${cause.level} | ${cause.clauses.length}: ${clauses} | ${cause.exchanges} | ${markdownCell(cause.fix)} |`);
  }
  lines.push('', 'Bold: the clauses a cause breaks directly; the others follow from it. Evidence, one exchange per cause:', '');
  for (const cause of model.causes) {
    const { evidence } = cause;
    const request = evidence.request ? `${evidence.request.method} ${evidence.request.url} → ${evidence.status ?? 'no answer'}` : evidence.message;
    lines.push(`${cause.rank}. \`${cause.id}\` (${evidence.clause}${evidence.resource ? `, ${evidence.resource}` : ''}): ${request}${evidence.curl ? `: \`${evidence.curl}\`` : ''}`);
  }
  lines.push('');
  return lines;
}


function waiverSubject(notice: ReportModel['waivers']['expired'][number]): string {
  return notice.clause ? code(notice.clause) : `cause ${code(notice.cause ?? '?')}`;
}

function table(heading: string, rows: ReturnType<typeof tally>): string[] {
  return [
    `| ${heading} | Clauses | Passed | Failed | Skipped | Waived |`,
    '|---|---:|---:|---:|---:|---:|',
    ...rows.filter((row) => row.total > 0).map((r) => `| ${r.key} | ${r.total} | ${r.passed} | ${r.failed} | ${r.skipped} | ${r.waived} |`),
  ];
}

/** The resource × family matrix: per family and resource, how its clauses came out there. */
function byResource(model: ReportModel): string[] {
  const matrix = resourceMatrix(model);
  if (matrix.resources.length === 0) return [];
  return [
    `| Family | ${matrix.resources.join(' | ')} |`,
    `|---|${matrix.resources.map(() => '---').join('|')}|`,
    ...matrix.rows.map((row) => `| ${row.family} | ${row.cells.map((cell) => cellText(cell) || ' ').join(' | ')} |`),
  ];
}

export function failingResources(clause: ClauseResult): string[] {
  return Object.entries(clause.resources).filter(([, status]) => status === 'failed').map(([resource]) => resource);
}

function onResources(changes: ClauseOnResource[]): string {
  return changes.length === 0 ? 'none' : changes.map((change) => `${code(change.clause)} on ${change.resource}`).join(', ');
}

function failedClause(clause: ClauseResult): string[] {
  const where = failingResources(clause);
  const lines = [`### ${clause.id} (${clause.level}, ${clause.family}): ${clause.title}`, '', `Rule: ${clause.rule}`, ''];
  if (where.length > 0) lines.push(`Fails on: ${where.join(', ')}`, '');
  if (clause.causes) lines.push(`${clause.followsFrom ? 'Follows from' : 'Causes'}: ${clause.causes.map(code).join(', ')}${clause.followsFrom ? ' (fixing them fixes this clause)' : ''}`, '');
  for (const failure of clause.failures.slice(0, FAILURES_SHOWN)) lines.push(...failureBlock(failure));
  if (clause.failures.length > FAILURES_SHOWN) lines.push(`…and ${clause.failures.length - FAILURES_SHOWN} more failures of this clause in conformance.json.`, '');
  return lines;
}

function failureBlock(failure: FailureRecord): string[] {
  const lines = [`- Test: ${failure.test}${failure.resource ? ` (${failure.resource})` : ''}`];
  for (const violation of failure.violations ?? []) {
    lines.push(`  - ${violation.message}`, `    - Expected: ${violation.expected}`, `    - Received: ${violation.received}`);
  }
  if (failure.fix) lines.push(`  - Fix: ${failure.fix}`);
  if (failure.counterexample) lines.push(`  - Counterexample (shrunk): \`${failure.counterexample.slice(0, 500)}\``);
  if (failure.replay) lines.push(`  - Replay: \`${failure.replay}\``);
  if (failure.response) {
    const headers = Object.entries(failure.response.headers).map(([name, value]) => `${name}: ${value}`);
    lines.push('', fence([`${failure.response.status}`, ...headers, '', failure.response.bodyExcerpt].join('\n'), 'http'));
  } else if (failure.transportFailure) {
    lines.push(`  - No response: ${failure.transportFailure}`);
  }
  if (failure.details) lines.push('', fence(failure.details));
  if (failure.curl) lines.push('', 'Reproduce with:', '', fence(failure.curl, 'sh'));
  lines.push('');
  return lines;
}

function code(text: string): string {
  return `\`${text}\``;
}

function fence(text: string, language = 'text'): string {
  const ticks = text.includes('```') ? '````' : '```';
  return `${ticks}${language}\n${text}\n${ticks}`;
}
