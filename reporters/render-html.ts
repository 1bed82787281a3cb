// conformance.html: one self-contained page (inline CSS, JS and SVG, no requests) with the verdict,
// tables by family and level, changes since the previous run, the history chart and the clause table.
import { FAMILIES } from '../fixtures/load.ts';
import { tally } from './build-model.ts';
import { longDate, renderChart } from './html/chart.ts';
import { causesSection } from './html/causes.ts';
import { escapeHtml } from './html/escape.ts';
import { clauseLink, pageHead, pre, rowId } from './html/fragments.ts';
import { budgetLine, capitalized, coverageLine, plural, profileText, verdictsLine } from './text.ts';
import { SCRIPT } from './html/script.ts';
import { STYLES } from './html/styles.ts';
import { failsRun, type ClauseResult, type ClauseStatus, type FailureRecord, type ReportModel } from './model.ts';
import { failingResources, verdictLine } from './render-markdown.ts';
import { cellText, resourceMatrix } from './resource-matrix.ts';
import { REASON_PHRASES } from '../model/evidence.ts';

export { escapeHtml };

const STATUSES: readonly ClauseStatus[] = ['passed', 'failed', 'skipped', 'waived'];
const LEVELS = ['MUST', 'SHOULD', 'MAY'] as const;
const FAILURES_SHOWN = 25;
const TESTS_SHOWN = 30;

export function renderHtml(model: ReportModel): string {
  const ids = { next: 0 };
  return [
    pageHead(`MVMNT conformance: ${verdictLine(model)}`, STYLES, SCRIPT),
    '<body>',
    '<main>',
    header(model),
    causesSection(model, ids),
    unhandledErrors(model),
    matrices(model),
    resourceSection(model),
    coverageSection(model),
    sincePrevious(model),
    history(model),
    clauseTable(model, ids),
    `<footer>${escapeHtml(`${model.tool.name} ${model.tool.version}`)} · run ${escapeHtml(model.runId)} · clause definitions: CONTRACT.md · every detail: conformance.json</footer>`,
    '</main>',
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function header(model: ReportModel): string {
  const target = `<code>${escapeHtml(model.target.baseUrl)}</code>${model.target.embedded ? ' <span class="muted">(embedded reference server)</span>' : ''}`;
  const meta: [string, string][] = [
    ['Target', target],
    ['Profile', escapeHtml(profileText(model.profile))],
    ['Started', escapeHtml(longDate(model.startedAt))],
    ['Duration', escapeHtml(duration(model.durationMs))],
    ['Seed', model.seed === null ? '<span class="muted">n/a</span>' : `<code>${escapeHtml(model.seed)}</code>`],
    ['Run', `<code>${escapeHtml(model.runId)}</code>`],
    ['Tool', escapeHtml(`${model.tool.name} ${model.tool.version}`)],
  ];
  if (model.stats) meta.push(['Traffic', escapeHtml(traffic(model.stats))]);
  meta.push(['Coverage', `<a href="#coverage-heading">${escapeHtml(coverageLine(model.coverage))}</a>`]);
  meta.push(['Verdicts', `<a href="#coverage-heading">${escapeHtml(verdictsLine(model.coverage))}</a>`]);
  if (model.budget) meta.push(['Budget', escapeHtml(budgetLine(model.budget, model.stats?.requests ?? 0))]);
  const blocking = model.clauses.filter(failsRun).length;
  const note = model.verdict === 'fail'
    ? [blocking > 0 ? `${blocking} MUST or SHOULD ${blocking === 1 ? 'clause' : 'clauses'} failed.` : '', model.unhandledErrors.length > 0 ? 'Errors occurred outside any test.' : ''].filter(Boolean).join(' ')
    : 'No MUST or SHOULD clause failed. Skips, waivers and MAY failures do not fail a run.';
  const interrupted = model.interrupted ? ' <span class="tag-interrupted">interrupted</span>' : '';
  const counts = STATUSES.map((status) =>
    `<li><button type="button" class="${status}" data-filter-status="${status}" title="Show the ${status} clauses"><span class="n">${model.summary[status]}</span>${status}</button></li>`);
  return [
    '<header class="run">',
    '<div>',
    '<h1>MVMNT API error-contract conformance</h1>',
    `<dl class="meta">${meta.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>`,
    '</div>',
    `<div class="verdict-box" id="verdict">`,
    `<span class="verdict ${model.verdict}">${model.verdict === 'pass' ? 'PASS' : 'FAIL'}</span>${interrupted}`,
    `<p class="verdict-note">${escapeHtml(note)}${model.interrupted ? ' The run was interrupted: clauses that had not run are skipped.' : ''}</p>`,
    '</div>',
    '</header>',
    `<ul class="counts" id="counts" aria-label="Clauses by outcome">${counts.join('')}</ul>`,
  ].join('\n');
}

/** Which operations a clause judged, and why each other one was not. */
function coverageSection(model: ReportModel): string {
  const { notJudged } = model.coverage.operations;
  const { withoutVerdict } = model.coverage.clauses;
  return [
    '<section aria-labelledby="coverage-heading">',
    '<h2 id="coverage-heading">Operations judged</h2>',
    `<p>${escapeHtml(capitalized(verdictsLine(model.coverage)))}: a clause has one when it passed, or failed on its own evidence rather than on a record setup could not make.</p>`,
    ...(withoutVerdict.length === 0
      ? []
      : ['<table class="coverage"><thead><tr><th scope="col">Clause without a verdict of its own</th><th scope="col">Why</th></tr></thead><tbody>', ...withoutVerdict.map((entry) => `<tr><td><code>${escapeHtml(entry.clause)}</code></td><td>${escapeHtml(entry.reason.split('\n')[0]!)}</td></tr>`), '</tbody></table>']),
    `<p>${escapeHtml(capitalized(coverageLine(model.coverage)))}: an operation counts as judged when a clause sent it a request and gave a verdict.</p>`,
    ...(notJudged.length === 0
      ? []
      : ['<table class="coverage"><thead><tr><th scope="col">Operation not judged</th><th scope="col">Why</th></tr></thead><tbody>', ...notJudged.map((entry) => `<tr><td><code>${escapeHtml(entry.operation)}</code></td><td>${escapeHtml(entry.reason)}</td></tr>`), '</tbody></table>']),
    '</section>',
  ].join('\n');
}

function unhandledErrors(model: ReportModel): string {
  if (model.unhandledErrors.length === 0) return '';
  return [
    '<section aria-labelledby="errors-heading">',
    '<h2 id="errors-heading">Errors outside any test</h2>',
    '<p class="notice bad">These errors happened outside any clause\'s test (a setup file, say); they fail the run.</p>',
    ...model.unhandledErrors.map((error) => `<pre>${escapeHtml(error)}</pre>`),
    '</section>',
  ].join('\n');
}

function matrices(model: ReportModel): string {
  return [
    '<section aria-labelledby="matrix-heading">',
    '<h2 id="matrix-heading">Results by family and level</h2>',
    '<div class="matrices">',
    matrix('Family', 'family', tally(model.clauses, (c) => c.family, FAMILIES)),
    matrix('Level', 'level', tally(model.clauses, (c) => c.level, LEVELS)),
    '</div>',
    '</section>',
  ].join('\n');
}

function matrix(heading: string, kind: 'family' | 'level', rows: ReturnType<typeof tally>): string {
  const cell = (key: string, status: ClauseStatus, count: number) => {
    if (count === 0) return '<td class="num zero">0</td>';
    const label = `Show the ${status} clauses of ${kind} ${key}`;
    return `<td class="num${status === 'failed' ? ' failed-cell' : ''}"><button type="button" data-filter-${kind}="${escapeHtml(key)}" data-filter-status="${status}" aria-label="${escapeHtml(label)}">${count}</button></td>`;
  };
  const body = rows.map((row) =>
    `<tr><th scope="row">${escapeHtml(row.key)}</th><td class="num">${row.total}</td>${STATUSES.map((status) => cell(row.key, status, row[status])).join('')}</tr>`);
  const sum = (key: 'total' | ClauseStatus) => rows.reduce((total, row) => total + row[key], 0);
  return [
    `<table class="matrix" id="matrix-${kind}">`,
    `<caption class="visually-hidden">Clauses by ${kind} and outcome</caption>`,
    `<thead><tr><th scope="col">${heading}</th><th scope="col" class="num">Clauses</th>${STATUSES.map((s) => `<th scope="col" class="num">${capitalized(s)}</th>`).join('')}</tr></thead>`,
    `<tbody>${body.join('')}</tbody>`,
    `<tfoot><tr><th scope="row">All</th><td class="num">${sum('total')}</td>${STATUSES.map((s) => `<td class="num">${sum(s)}</td>`).join('')}</tr></tfoot>`,
    '</table>',
  ].join('\n');
}

/** Families × resources: each cell counts the family's clauses on that resource, and narrows the clause table to them. */
function resourceSection(model: ReportModel): string {
  const { resources, rows } = resourceMatrix(model);
  if (resources.length === 0) return '';
  const cell = (family: string, resource: string, text: string, failed: boolean) => {
    if (text === '') return '<td class="zero">—</td>';
    const label = `Show the ${family} clauses as judged on ${resource}`;
    return `<td class="${failed ? 'failed-cell' : ''}"><button type="button" data-filter-family="${escapeHtml(family)}" data-filter-resource="${escapeHtml(resource)}" aria-label="${escapeHtml(label)}">${escapeHtml(text)}</button></td>`;
  };
  return [
    '<section aria-labelledby="resources-heading">',
    `<h2 id="resources-heading">Results by resource <span class="muted">(${plural(resources.length, 'resource')})</span></h2>`,
    '<div class="scroll">',
    '<table class="matrix" id="matrix-resource">',
    '<caption class="visually-hidden">Clauses by family and resource</caption>',
    `<thead><tr><th scope="col">Family</th>${resources.map((resource) => `<th scope="col">${escapeHtml(resource)}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.map((row) => `<tr><th scope="row">${escapeHtml(row.family)}</th>${row.cells.map((c, i) => cell(row.family, resources[i], cellText(c), c.failed > 0)).join('')}</tr>`).join('')}</tbody>`,
    '</table>',
    '</div>',
    '</section>',
  ].join('\n');
}

function sincePrevious(model: ReportModel): string {
  const parts = ['<section aria-labelledby="changes-heading" class="changes">'];
  if (model.comparison) {
    const { newlyFailing, newlyPassing, previousStartedAt } = model.comparison;
    parts.push(
      `<h2 id="changes-heading">Since the previous run <span class="muted">(${escapeHtml(longDate(previousStartedAt))})</span></h2>`,
      changeList('Newly failing', newlyFailing, 'bad'),
      changeList('Newly passing', newlyPassing, 'good'),
    );
  } else {
    parts.push('<h2 id="changes-heading">Since the previous run</h2>', '<p class="muted">This is the first recorded run against this target: there is nothing to compare with.</p>');
  }
  const waived = model.clauses.filter((clause) => clause.status === 'waived');
  const notices = [
    ...model.waivers.expired.map((w) => `<li class="notice bad">${waiverSubject(w)}: the waiver expired on ${escapeHtml(w.expires ?? '?')}, so ${w.clause ? 'the clause fails' : 'its clauses fail'} again. <span class="muted">(${escapeHtml(w.reason)})</span></li>`),
    ...model.waivers.nowPassing.map((w) => `<li class="notice good">${waiverSubject(w)}: waived but ${w.clause ? 'now passing' : 'no longer seen'}; remove the waiver. <span class="muted">(${escapeHtml(w.reason)})</span></li>`),
    ...waived.map((c) => `<li class="notice warn">${clauseLink(c.id)}: failed and ${escapeHtml(c.note ?? 'waived')}</li>`),
  ];
  if (notices.length > 0) parts.push('<h3>Waivers</h3>', `<ul class="notices" id="waiver-notices">${notices.join('')}</ul>`);
  parts.push('</section>');
  return parts.join('\n');
}

function waiverSubject(notice: ReportModel['waivers']['expired'][number]): string {
  return notice.clause ? clauseLink(notice.clause) : `cause <code>${escapeHtml(notice.cause ?? '?')}</code>`;
}

function changeList(label: string, ids: string[], tone: 'bad' | 'good'): string {
  const items = ids.length === 0 ? '<span class="muted">none</span>' : ids.map(clauseLink).join(', ');
  return `<p class="${ids.length > 0 ? `notice ${tone}` : ''}" data-change="${tone === 'bad' ? 'newly-failing' : 'newly-passing'}"><strong>${label}:</strong> ${items}</p>`;
}

function history(model: ReportModel): string {
  const runs = model.history.length + 1;
  return [
    '<section aria-labelledby="history-heading">',
    `<h2 id="history-heading">History <span class="muted">(${runs} ${runs === 1 ? 'run' : 'runs'} against this target under the ${model.profile} profile)</span></h2>`,
    '<p class="legend"><span><span class="swatch passed"></span>passed clauses</span><span><span class="swatch failed"></span>failed clauses</span><span class="muted">Skipped and waived clauses are not drawn; hover a bar for its run.</span></p>',
    renderChart(model),
    model.history.length === 0 ? '<p class="muted">No earlier run against this target is recorded yet; later runs will be added here.</p>' : '',
    '</section>',
  ].join('\n');
}

function clauseTable(model: ReportModel, ids: { next: number }): string {
  const option = (value: string, label: string) => `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`;
  const statusOptions = STATUSES.map((s) => option(s, `${s} (${model.summary[s]})`));
  const familyOptions = FAMILIES.map((f) => option(f, f));
  const resourceOptions = model.resources.map((r) => option(r, r));
  const levelOptions = LEVELS.map((l) => option(l, l));
  return [
    '<section aria-labelledby="clauses-heading" id="clauses">',
    '<h2 id="clauses-heading">Clauses</h2>',
    '<div class="filters" role="search" aria-label="Filter the clauses">',
    `<label for="filter-status">Status<select id="filter-status">${option('', 'all statuses')}${statusOptions.join('')}</select></label>`,
    `<label for="filter-family">Family<select id="filter-family">${option('', 'all families')}${familyOptions.join('')}</select></label>`,
    `<label for="filter-level">Level<select id="filter-level">${option('', 'all levels')}${levelOptions.join('')}</select></label>`,
    `<label for="filter-resource">Resource<select id="filter-resource">${option('', 'all resources')}${resourceOptions.join('')}</select></label>`,
    '<label for="filter-text">Id or title contains<input id="filter-text" type="search" placeholder="e.g. 404 or Retry-After" autocomplete="off"></label>',
    '<button type="button" id="filter-reset">Reset filters</button>',
    `<span class="shown" id="shown-count" aria-live="polite">All ${model.clauses.length} clauses</span>`,
    '</div>',
    '<table class="clauses" id="clause-table">',
    '<colgroup><col class="c-id"><col class="c-family"><col class="c-level"><col class="c-status"><col class="c-title"></colgroup>',
    '<thead><tr><th scope="col">Clause</th><th scope="col">Family</th><th scope="col">Level</th><th scope="col">Status</th><th scope="col">Title <span class="muted hint">(click for the rule and evidence)</span></th></tr></thead>',
    '<tbody>',
    ...model.clauses.map((clause) => clauseRow(clause, ids)),
    '<tr class="empty-row" id="no-match" hidden><td colspan="5">No clause matches these filters.</td></tr>',
    '</tbody>',
    '</table>',
    '</section>',
  ].join('\n');
}

function clauseRow(clause: ClauseResult, ids: { next: number }): string {
  const search = `${clause.id} ${clause.title}`.toLowerCase();
  // "customers:failed vendors:passed": with a resource chosen, the status filter reads that resource's result.
  const onResources = Object.entries(clause.resources).map(([resource, status]) => `${resource}:${status}`).join(' ');
  return [
    `<tr class="clause" id="${escapeHtml(rowId(clause.id))}" data-status="${clause.status}" data-family="${escapeHtml(clause.family)}" data-level="${clause.level}" data-resources="${escapeHtml(onResources)}" data-search="${escapeHtml(search)}">`,
    `<th scope="row">${escapeHtml(clause.id)}</th>`,
    `<td>${escapeHtml(clause.family)}</td>`,
    `<td><span class="level ${clause.level}">${clause.level}</span></td>`,
    `<td><span class="badge ${clause.status}">${clause.status}</span></td>`,
    `<td><details class="clause-details"><summary>${escapeHtml(clause.title)}${clause.failures.length > 0 ? ` <span class="muted">· ${plural(clause.failures.length, 'failure')}</span>` : ''}</summary>`,
    clauseDetails(clause, ids),
    '</details></td>',
    '</tr>',
  ].join('');
}

function clauseDetails(clause: ClauseResult, ids: { next: number }): string {
  const parts = ['<div class="detail-body">'];
  const field = (label: string, value: string) => `<p><span class="label">${label}:</span> ${value}</p>`;
  parts.push(field('Rule', escapeHtml(clause.rule)), field('Source', escapeHtml(clause.source)));
  if (clause.accepts) parts.push(field('Also accepted', escapeHtml(clause.accepts)));
  if (clause.note) parts.push(field(clause.status === 'skipped' ? 'Why skipped' : 'Note', escapeHtml(clause.note)));
  const resources = Object.entries(clause.resources);
  if (resources.length > 0) {
    const where = failingResources(clause);
    parts.push(field('On each resource', resources.map(([resource, status]) => `<span class="badge ${status}">${escapeHtml(resource)}: ${status}</span>`).join(' ')));
    if (where.length > 0) parts.push(field('Fails on', escapeHtml(where.join(', '))));
  }
  if (clause.status === 'failed' && clause.level === 'MAY') parts.push('<p class="muted">A MAY clause: its failure is reported but does not fail the run.</p>');
  if (clause.causes) {
    const links = clause.causes.map((id) => `<a href="#cause-${escapeHtml(id)}"><code>${escapeHtml(id)}</code></a>`).join(', ');
    parts.push(field(clause.followsFrom ? 'Follows from' : 'Causes', `${links}${clause.followsFrom ? ' <span class="muted">(fixing them fixes this clause)</span>' : ''}`));
  }
  if (clause.status === 'failed' || clause.status === 'waived') parts.push(field('How to fix', escapeHtml(clause.fix)));
  if (clause.tests.length > 0) {
    const tests = clause.tests.slice(0, TESTS_SHOWN).map((test) =>
      `<li><span class="badge ${test.state === 'pending' ? 'skipped' : test.state}">${test.state}</span> ${escapeHtml(test.name)} <span class="muted">${Math.round(test.durationMs)} ms${test.note ? ` · ${escapeHtml(test.note)}` : ''}</span></li>`);
    if (clause.tests.length > TESTS_SHOWN) tests.push(`<li class="muted">…and ${clause.tests.length - TESTS_SHOWN} more in conformance.json</li>`);
    parts.push(`<h3>Tests</h3><ul class="tests">${tests.join('')}</ul>`);
  }
  clause.failures.slice(0, FAILURES_SHOWN).forEach((failure, index) => parts.push(failureBlock(failure, index, clause.failures.length, ids)));
  if (clause.failures.length > FAILURES_SHOWN) parts.push(`<p class="muted">…and ${clause.failures.length - FAILURES_SHOWN} more failures of this clause in conformance.json.</p>`);
  parts.push('</div>');
  return parts.join('');
}

function failureBlock(failure: FailureRecord, index: number, total: number, ids: { next: number }): string {
  const parts = [`<details class="failure"${index === 0 ? ' open' : ''}><summary>Failure ${index + 1} of ${total}: ${escapeHtml(failure.message)}</summary><div class="failure-body">`];
  parts.push(`<p><span class="label">Test:</span> ${escapeHtml(failure.test)}</p>`);
  if (failure.resource) parts.push(`<p><span class="label">Resource:</span> ${escapeHtml(failure.resource)}</p>`);
  if (failure.violations && failure.violations.length > 0) {
    const rows = failure.violations.map((v) => `<tr><td>${escapeHtml(v.message)}</td><td class="mono">${escapeHtml(v.expected)}</td><td class="mono">${escapeHtml(v.received)}</td></tr>`);
    parts.push(`<table class="violations"><thead><tr><th scope="col">Violation</th><th scope="col">Expected</th><th scope="col">Received</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
  }
  if (failure.fix) parts.push(`<p><span class="label">Fix:</span> ${escapeHtml(failure.fix)}</p>`);
  if (failure.counterexample) parts.push(pre('Counterexample (shrunk)', failure.counterexample, ids, 'counterexample'));
  if (failure.seed !== undefined) parts.push(`<p><span class="label">Seed:</span> <code>${escapeHtml(failure.seed)}</code></p>`);
  if (failure.replay) parts.push(pre('Replay', failure.replay, ids, 'replay', true));
  if (failure.request) parts.push(`<p><span class="label">Request:</span> <code>${escapeHtml(`${failure.request.method} ${failure.request.url}`)}</code></p>`);
  if (failure.response) {
    const { status, headers, bodyExcerpt, truncated } = failure.response;
    const text = [
      `HTTP ${status} ${REASON_PHRASES[status] ?? ''}`.trimEnd(),
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      '',
      bodyExcerpt === '' ? '(empty body)' : bodyExcerpt,
    ].join('\n');
    parts.push(pre(`Response${truncated ? ' (body cut at 1 MiB)' : ''}`, text, ids, 'response'));
  } else if (failure.transportFailure) {
    parts.push(`<p><span class="label">No response:</span> ${escapeHtml(failure.transportFailure)}</p>`);
  }
  if (failure.details) parts.push(pre('Details', failure.details, ids, 'failure-details'));
  if (failure.curl) parts.push(pre('Reproduce with', failure.curl, ids, 'curl', true));
  parts.push('</div></details>');
  return parts.join('');
}

function duration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

function traffic(stats: NonNullable<ReportModel['stats']>): string {
  const parts = [plural(stats.requests, 'request')];
  if (stats.waitedMs > 0) parts.push(`waited ${duration(stats.waitedMs)} for rate limits`);
  if (stats.throttled > 0) parts.push(`${plural(stats.throttled, 'request')} throttled outside the burst`);
  if (stats.propertyCases > 0) parts.push(`${plural(stats.propertyCases, 'property case')} in ${duration(stats.propertyMs)}`);
  if (stats.burstBudget > 0) parts.push(`burst ${stats.burstSent} of ${stats.burstBudget} requests`);
  return parts.join(' · ');
}

