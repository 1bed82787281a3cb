// Renders the clause registry as CONTRACT.md's table; `npm run contract:table` rewrites the table
// in place, and the drift test fails when CONTRACT.md and the registry disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CLAUSES, type Clause } from '../harness/registry.ts';

export const CONTRACT_FILE = fileURLToPath(new URL('../CONTRACT.md', import.meta.url));
const START = '<!-- clause-table:start (generated from fixtures/contract/clauses.json by npm run contract:table) -->';
const END = '<!-- clause-table:end -->';

const cell = (text: string | undefined) => (text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderClauseTable(clauses: readonly Clause[] = CLAUSES): string {
  const rows = clauses.map(
    (c) => `| <a id="${c.id.toLowerCase()}"></a>\`${c.id}\` | ${c.family} | ${c.level} | ${cell(c.rule)} | ${cell(c.source)} | ${cell(c.accepts) || '—'} |`,
  );
  return [START, '| ID | Family | Level | Rule | Source | Accepted alternatives |', '|---|---|---|---|---|---|', ...rows, END].join('\n');
}

export function tableInContract(markdown: string): string | undefined {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  return start === -1 || end === -1 ? undefined : markdown.slice(start, end + END.length);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const markdown = readFileSync(CONTRACT_FILE, 'utf8');
  const current = tableInContract(markdown);
  if (!current) throw new Error(`CONTRACT.md has no clause-table markers`);
  writeFileSync(CONTRACT_FILE, markdown.replace(current, renderClauseTable()));
  console.log(`CONTRACT.md: table of ${CLAUSES.length} clauses written`);
}
