// The cleanup ledger: every record the run creates is written down the moment it exists (an
// append-only file, so the main process can clean up even when a worker dies) and deleted at the end.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface LedgerEntry {
  /** The resource the record belongs to (its deletion order follows the references between resources). */
  resource: string;
  /** Path of the record under the base URL, e.g. /<resource>/<id>. */
  path: string;
  id: string;
  key?: string | null;
}

type Line = { op: 'created'; entry: LedgerEntry } | { op: 'deleted'; id: string } | { op: 'kept'; id: string };

export class Ledger {
  private readonly live = new Map<string, LedgerEntry>();
  constructor(private readonly file: string | null) {
    if (file) mkdirSync(dirname(file), { recursive: true });
  }

  created(entry: LedgerEntry): void {
    if (this.live.has(entry.id)) return;
    this.live.set(entry.id, entry);
    this.append({ op: 'created', entry });
  }

  /** Marks a record gone; `idOrKey` is the last path segment of the DELETE. */
  deleted(resource: string, idOrKey: string): void {
    for (const entry of this.live.values()) {
      if (entry.resource === resource && (entry.id === idOrKey || entry.key === idOrKey)) {
        this.live.delete(entry.id);
        this.append({ op: 'deleted', id: entry.id });
      }
    }
  }

  /** Marks a record the run leaves on purpose (its resource has no DELETE, and the target is disposable). */
  kept(entry: LedgerEntry): void {
    if (!this.live.delete(entry.id)) return;
    this.append({ op: 'kept', id: entry.id });
  }

  pending(): LedgerEntry[] {
    return [...this.live.values()];
  }

  private append(line: Line): void {
    if (this.file) appendFileSync(this.file, `${JSON.stringify(line)}\n`);
  }
}

/** Records a ledger file still lists as created and not deleted (from any process of the run). */
export function pendingInLedgerFile(file: string): LedgerEntry[] {
  return readLedgerFile(file).pending;
}

/** Records a ledger file lists as left on purpose (no DELETE, on a disposable target). */
export function keptInLedgerFile(file: string): LedgerEntry[] {
  return readLedgerFile(file).kept;
}

function readLedgerFile(file: string): { pending: LedgerEntry[]; kept: LedgerEntry[] } {
  const live = new Map<string, LedgerEntry>();
  const kept: LedgerEntry[] = [];
  if (!existsSync(file)) return { pending: [], kept };
  for (const text of readFileSync(file, 'utf8').split('\n')) {
    if (!text.trim()) continue;
    const line = JSON.parse(text) as Line;
    if (line.op === 'created') live.set(line.entry.id, line.entry);
    else if (line.op === 'kept') kept.push(live.get(line.id)!);
    if (line.op !== 'created') live.delete(line.id);
  }
  return { pending: [...live.values()], kept: kept.filter(Boolean) };
}
