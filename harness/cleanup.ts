// Deletes records the run created: after each test file, at the end of the run, on interruption;
// a record before the records it references (a location before its customer). Records of a resource
// without DELETE (made only on a disposable target) are retired where the resource says how (a credit
// memo is voided) and left, and the ledger says so.
import { validRequest } from './arbitraries/resource.ts';
import type { LedgerEntry } from './ledger.ts';
import { deletionRank } from './references.ts';
import type { Session } from './session.ts';

export interface CleanupResult {
  deleted: number;
  left: LedgerEntry[];
}

export async function deleteRecords(session: Session, entries: LedgerEntry[]): Promise<CleanupResult> {
  const rank = deletionRank(session.known);
  const undeletable = entries.filter((entry) => session.known.get(entry.resource)?.operation('delete') === undefined);
  await Promise.all(undeletable.map((entry) => retire(session, entry)));
  for (const entry of undeletable) session.ledger.kept(entry);
  entries = entries.filter((entry) => !undeletable.includes(entry));
  const ranks = [...new Set(entries.map((entry) => rank(entry.resource)))].sort((a, b) => a - b);
  const left: LedgerEntry[] = [];
  let deleted = 0;
  for (const level of ranks) {
    const batch = entries.filter((entry) => rank(entry.resource) === level);
    const outcomes = await Promise.all(batch.map((entry) => deleteOne(session, entry)));
    deleted += outcomes.filter(Boolean).length;
    left.push(...batch.filter((_, i) => !outcomes[i]));
  }
  return { deleted, left };
}

/** The resource's retiring action on the record, where it has one, with a valid body if it takes one; its answer changes nothing of what is left. */
async function retire(session: Session, entry: LedgerEntry): Promise<void> {
  const resource = session.known.get(entry.resource);
  const operation = resource?.operations.find((candidate) => candidate.definition.id === resource.fixture.retireWith);
  if (!resource || !operation) return;
  await session.client.send(validRequest(session, resource, operation, [entry.id], { purpose: 'setup' }));
}

async function deleteOne(session: Session, entry: LedgerEntry): Promise<boolean> {
  const exchange = await session.client.send({ method: 'DELETE', path: entry.path, operation: 'delete', resource: entry.resource, purpose: 'setup' });
  const status = exchange.response?.status ?? 0;
  // A 404 means it is already gone: nothing is left behind.
  const gone = (status >= 200 && status < 300) || status === 404;
  if (gone) session.ledger.deleted(entry.resource, entry.id);
  return gone;
}
