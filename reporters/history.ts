// history.jsonl: one line per run in the report folder, so nightly reports can show what changed
// and how the trend looks. A damaged line is skipped, not fatal: history is a convenience.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { HistoryEntry } from './model.ts';

export function readHistory(file: string): HistoryEntry[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as HistoryEntry];
      } catch {
        return [];
      }
    });
}

export function appendHistory(file: string, entry: HistoryEntry): void {
  appendFileSync(file, `${JSON.stringify(entry)}\n`);
}
