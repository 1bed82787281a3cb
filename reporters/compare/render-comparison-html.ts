// comparison.html: one self-contained page (inline CSS, no script, no requests) with the two reports'
// headers, each differing clause with the same request's exchange from A and B side by side, the causes
// only one report shows, and what was left out.
import { causeStatement } from '../causes.ts';
import { escapeHtml } from '../html/escape.ts';
import { pageHead } from '../html/fragments.ts';
import { STYLES } from '../html/styles.ts';
import type { ClauseDifference, ReportComparison, Side } from './compare-reports.ts';
import { capitalized } from '../text.ts';
import { headline, leftOutLines } from './render-comparison.ts';
import type { ExchangeSample } from '../../model/evidence.ts';

const PAGE_STYLES = `${STYLES}
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.sides pre { white-space: pre-wrap; word-break: break-word; background: var(--soft); padding: 8px; border-radius: 6px; margin: 0; }
.side-head { font-weight: 600; margin-bottom: 4px; }
.difference { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 12px 0; }
.change { font-weight: 600; } .change.bad { color: var(--failed); } .change.good { color: var(--passed); }
`;

export function renderComparisonHtml(comparison: ReportComparison): string {
  return [
    pageHead(`MVMNT conformance comparison: ${headline(comparison)}`, PAGE_STYLES),
    '<body><main>',
    `<h1 id="headline">${escapeHtml(headline(comparison))}</h1>`,
    sides(comparison),
    comparison.differences.length > 0 ? `<section id="differences"><h2>Clauses that differ</h2>${comparison.differences.map(difference).join('')}</section>` : '',
    causes(comparison),
    leftOut(comparison),
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}

function sides(comparison: ReportComparison): string {
  const row = (label: string, value: (side: Side) => string) => `<tr><th scope="row">${label}</th><td>${value(comparison.a)}</td><td>${value(comparison.b)}</td></tr>`;
  return [
    '<table class="matrix" id="reports">',
    '<thead><tr><th></th><th scope="col">A</th><th scope="col">B</th></tr></thead><tbody>',
    row('Report', (side) => `<code>${escapeHtml(side.file)}</code>`),
    row('Target', (side) => (side.embedded ? 'embedded reference server' : `<code>${escapeHtml(side.target)}</code>`)),
    row('Started', (side) => escapeHtml(side.startedAt)),
    row('Version', (side) => escapeHtml(side.version)),
    row('Resources', (side) => escapeHtml(side.resources.join(', '))),
    '</tbody></table>',
    `<p class="muted">${comparison.sameTarget ? `Same target: ${comparison.later.toUpperCase()} is the later run. ` : ''}Compared: ${comparison.sharedClauses} clauses both reports hold, on the resources both judged (${escapeHtml(comparison.sharedResources.join(', ') || 'none')}).</p>`,
  ].join('\n');
}

function exchange(label: string, sample: ExchangeSample | undefined): string {
  if (!sample) return `<div><div class="side-head">${label}</div><p class="muted">Not recorded in this report.</p></div>`;
  const text = [`${sample.method} ${sample.path}`, `→ ${sample.status ?? 'no answer'}`, ...Object.entries(sample.headers).map(([name, value]) => `${name}: ${value}`), '', sample.bodyExcerpt || '(empty body)'].join('\n');
  return `<div><div class="side-head">${label}</div><pre class="exchange">${escapeHtml(text)}</pre></div>`;
}

function difference(item: ClauseDifference): string {
  const tone = item.change === 'newly passing' ? 'good' : 'bad';
  const status = (side: ClauseDifference['a']) => `${escapeHtml(side.status)}${side.failsOn.length > 0 ? ` on ${escapeHtml(side.failsOn.join(', '))}` : ''}`;
  return [
    `<div class="difference" id="difference-${escapeHtml(item.id)}" data-clause="${escapeHtml(item.id)}">`,
    `<h3><code>${escapeHtml(item.id)}</code> <span class="level ${escapeHtml(item.level)}">${escapeHtml(item.level)}</span> <span class="change ${tone}">${escapeHtml(item.change)}</span></h3>`,
    `<p>${escapeHtml(item.title)}. A: ${status(item.a)} · B: ${status(item.b)}</p>`,
    item.test ? `<p class="muted">The same request on both sides, from the test “${escapeHtml(item.test)}”.</p>` : '',
    `<div class="sides">${exchange('A', item.exchanges.a)}${exchange('B', item.exchanges.b)}</div>`,
    '</div>',
  ].join('');
}

function causes(comparison: ReportComparison): string {
  const items = [
    ...comparison.causes.onlyA.map((cause) => ['A', cause] as const),
    ...comparison.causes.onlyB.map((cause) => ['B', cause] as const),
  ].map(([side, cause]) => `<li data-cause="${escapeHtml(cause.id)}">Only in ${side}: <code>${escapeHtml(cause.id)}</code> <span class="level ${escapeHtml(cause.level)}">${escapeHtml(cause.level)}</span> ${escapeHtml(causeStatement(cause))} <span class="muted">(${cause.clauses.length} failing clause(s); fix: ${escapeHtml(cause.fix)})</span></li>`);
  return items.length === 0 ? '' : `<section id="causes"><h2>Causes in one report only</h2><ul>${items.join('')}</ul></section>`;
}

function leftOut(comparison: ReportComparison): string {
  const items = leftOutLines(comparison).map((line) => `<li>${escapeHtml(capitalized(line))}</li>`);
  return items.length === 0 ? '' : `<section id="left-out"><h2>Left out of the comparison</h2><ul>${items.join('')}</ul></section>`;
}
