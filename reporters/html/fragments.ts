// Pieces of markup the report's sections share: links to clause rows, labelled blocks of text with a
// copy button, counted nouns.
import { createHash } from 'node:crypto';
import { escapeHtml } from './escape.ts';

/**
 * A page's head. The policy pins the page's stylesheet (and its one script, if any) by hash, so even
 * markup that slipped past escaping could neither run script nor load anything.
 */
export function pageHead(title: string, styles: string, script?: string): string {
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  const policy = `default-src 'none'; script-src ${script === undefined ? "'none'" : hash(script)}; style-src ${hash(styles)}; img-src data:; base-uri 'none'; form-action 'none'`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${styles}</style>`,
    '</head>',
  ].join('\n');
}

export function rowId(clauseId: string): string {
  return `clause-${clauseId}`;
}

/** A link the page's script turns into "open this clause's row", even when the filters hide it. */
export function clauseLink(id: string): string {
  return `<a class="clause-link" href="#${escapeHtml(rowId(id))}"><code>${escapeHtml(id)}</code></a>`;
}

export function pre(label: string, text: string, ids: { next: number }, kind: string, copy = false): string {
  const id = `${kind}-${(ids.next += 1)}`;
  const button = copy ? `<button type="button" class="copy" data-copy="${id}" aria-label="Copy: ${escapeHtml(label)}">Copy</button>` : '';
  return `<div class="pre-head"><span class="label">${escapeHtml(label)}:</span>${button}</div><pre class="${kind}" id="${id}">${escapeHtml(text)}</pre>`;
}
