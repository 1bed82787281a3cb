// Small text helpers every renderer (console, Markdown, HTML, comparison) shares.

/** "1 clause", "1,234 requests". */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/** The phrase as a sentence's start: its first letter upper case. */
export function capitalized(phrase: string): string {
  return phrase.length === 0 ? phrase : `${phrase[0]!.toUpperCase()}${phrase.slice(1)}`;
}

/** Text that keeps a Markdown table cell whole: pipes escaped, line breaks flattened. */
export function markdownCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** "clauses with a verdict of their own: 56/63 (88%)": how many applicable clauses setup or the target left unjudged. */
export function verdictsLine(coverage: { clauses: { applicable: number; ownVerdict: number } }): string {
  const { applicable, ownVerdict } = coverage.clauses;
  return `clauses with a verdict of their own: ${ownVerdict}/${applicable}${applicable > 0 ? ` (${Math.floor((ownVerdict / applicable) * 100)}%)` : ''}`;
}

/** "request budget spent after 3,012 requests (MVMNT_MAX_REQUESTS): 212 tests skipped; a full verdict needs about 17,900 requests (…)". */
/** "gate (…)": what depth the verdicts come from, in every report's header. */
export function profileText(profile: 'gate' | 'full'): string {
  return profile === 'gate' ? 'gate (every clause on every operation, one representative case each; the full profile sends every case)' : 'full (every case of every clause)';
}

export function budgetLine(budget: { skippedTests: number; estimatedRequests: number }, sent: number): string {
  return `request budget spent after ${plural(sent, 'request')} (MVMNT_MAX_REQUESTS): ${plural(budget.skippedTests, 'test')} skipped; a full verdict needs about ${plural(budget.estimatedRequests, 'request')} (estimated from the tests that ran)`;
}

/** "operations judged: 172/176 (98%)": the line every report prints of the operations' coverage. */
export function coverageLine(coverage: { operations: { total: number; judged: number } }): string {
  const { total, judged } = coverage.operations;
  return `operations judged: ${judged}/${total}${total > 0 ? ` (${Math.floor((judged / total) * 100)}%)` : ''}`;
}
