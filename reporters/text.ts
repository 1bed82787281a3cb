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

/** "operations judged: 172/176 (98%)": the line every report prints of the operations' coverage. */
export function coverageLine(coverage: { operations: { total: number; judged: number } }): string {
  const { total, judged } = coverage.operations;
  return `operations judged: ${judged}/${total}${total > 0 ? ` (${Math.floor((judged / total) * 100)}%)` : ''}`;
}
