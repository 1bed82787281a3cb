// Deletes records the run created: after each test file, at the end of the run, on interruption.
import type { LedgerEntry } from './ledger.ts';
import type { Session } from './session.ts';

export interface CleanupResult {
  deleted: number;
  left: LedgerEntry[];
}

export async function deleteRecords(session: Session, entries: LedgerEntry[]): Promise<CleanupResult> {
  const outcomes = await Promise.all(
    entries.map(async (entry) => {
      const exchange = await session.client.send({ method: 'DELETE', path: entry.path, operation: 'delete', purpose: 'setup' });
      const status = exchange.response?.status ?? 0;
      // A 404 means it is already gone: nothing is left behind.
      const gone = (status >= 200 && status < 300) || status === 404;
      if (gone) session.ledger.deleted(entry.id);
      return gone;
    }),
  );
  return { deleted: outcomes.filter(Boolean).length, left: entries.filter((_, i) => !outcomes[i]) };
}
