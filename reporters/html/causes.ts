// The HTML report's first section: the ranked causes, each opening to its fix, the clauses it
// explains (links to their rows) and one exchange as evidence.
import { causeStatement, causesHeadline, leadingCauses, LEADING_CAUSES } from '../causes.ts';
import type { Cause, ReportModel } from '../model.ts';
import { escapeHtml } from './escape.ts';
import { plural } from '../text.ts';
import { clauseLink, pre } from './fragments.ts';

export function causesSection(model: ReportModel, ids: { next: number }): string {
  if (model.causes.length === 0) return '';
  const lead = leadingCauses(model.causes, model.clauses, LEADING_CAUSES);
  return [
    '<section aria-labelledby="causes-heading" id="causes">',
    '<h2 id="causes-heading">What to fix first</h2>',
    `<p class="causes-headline" id="causes-headline">${escapeHtml(causesHeadline(lead))}</p>`,
    `<ol class="causes">${model.causes.map((cause) => causeItem(cause, ids)).join('')}</ol>`,
    '</section>',
  ].join('\n');
}

function causeItem(cause: Cause, ids: { next: number }): string {
  const follows = cause.clauses.filter((id) => !cause.home.includes(id));
  const evidence = cause.evidence;
  const parts = [
    `<li class="cause${cause.waived !== undefined ? ' waived' : ''}" id="cause-${escapeHtml(cause.id)}" data-cause="${escapeHtml(cause.id)}">`,
    '<details class="cause-details">',
    `<summary><span class="rank">${cause.rank}</span> <span class="level ${cause.level}">${cause.level}</span> ${escapeHtml(causeStatement(cause))} `,
    `<span class="muted">· ${plural(cause.clauses.length, 'clause')} · ${plural(cause.exchanges, 'exchange')} · <code>${escapeHtml(cause.id)}</code></span>`,
    cause.waived !== undefined ? ` <span class="badge waived">waived</span>` : '',
    '</summary>',
    '<div class="detail-body">',
    `<p><span class="label">Fix:</span> ${escapeHtml(cause.fix)}</p>`,
    cause.waived !== undefined ? `<p><span class="label">Waived:</span> ${escapeHtml(cause.waived)}</p>` : '',
    `<p><span class="label">Breaks directly:</span> ${cause.home.map(clauseLink).join(', ') || '<span class="muted">none</span>'}</p>`,
    follows.length > 0 ? `<p><span class="label">Also fails, as a consequence:</span> ${follows.map(clauseLink).join(', ')}</p>` : '',
    `<p><span class="label">Evidence:</span> ${escapeHtml(evidence.test)}${evidence.resource ? ` <span class="muted">(${escapeHtml(evidence.resource)})</span>` : ''}: ${escapeHtml(evidence.message)}</p>`,
    evidence.request ? `<p><span class="label">Request:</span> <code>${escapeHtml(`${evidence.request.method} ${evidence.request.url}`)}</code> → ${evidence.status ?? 'no answer'}</p>` : '',
    evidence.bodyExcerpt !== undefined ? pre('Response body', evidence.bodyExcerpt === '' ? '(empty body)' : evidence.bodyExcerpt, ids, 'response') : '',
    evidence.curl ? pre('Reproduce with', evidence.curl, ids, 'curl', true) : '',
    '</div>',
    '</details>',
    '</li>',
  ];
  return parts.join('');
}
