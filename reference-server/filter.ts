// POST /<resource>/filter semantics: the filter operators the fixtures' schemas allow (id, key,
// deletedAt), and cursor pagination; the page object's name comes from the fixture.
import { HttpError } from './envelope.ts';
import type { StoredRecord } from './records.ts';

export interface RecordFilter {
  id?: { equalTo?: string; in?: string[] };
  key?: { equalTo?: string; in?: string[]; isNull?: boolean };
  deletedAt?: { isNull?: boolean };
}

export interface FilterRequest {
  filter?: RecordFilter;
  pageSize?: number;
  cursor?: string | null;
}

export interface PageInfo {
  pageSize: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  endCursor: string | null;
}

export function matchesFilter(record: StoredRecord, filter: RecordFilter): boolean {
  // Soft-deleted records stay out of results unless the filter asks about deletedAt itself.
  const wantLive = filter.deletedAt?.isNull ?? true;
  if ((record.deletedAt === null) !== wantLive) return false;

  const { id, key } = filter;
  if (id?.equalTo !== undefined && record.id !== id.equalTo) return false;
  if (id?.in !== undefined && !id.in.includes(record.id)) return false;
  if (key?.equalTo !== undefined && record.key !== key.equalTo) return false;
  if (key?.in !== undefined && (record.key === null || !key.in.includes(record.key))) return false;
  if (key?.isNull !== undefined && (record.key === null) !== key.isNull) return false;
  return true;
}

// A cursor is the position in creation order where the next page starts. Records are never removed
// (deletes are soft), so a position stays valid while other records are created or deleted.
export function encodeCursor(position: number): string {
  return Buffer.from(String(position), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const invalid = new HttpError(422, 'Validation failed', [{ field: 'cursor', message: 'Invalid cursor' }]);
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^(0|[1-9][0-9]{0,14})$/.test(text)) throw invalid;
  const position = Number(text);
  // Only the exact spelling this server hands out is accepted, not every string that decodes to it.
  if (encodeCursor(position) !== cursor) throw invalid;
  return position;
}

/** One page of the records (in creation order) that match, starting at the cursor's position. */
export function filterPage(records: readonly StoredRecord[], request: FilterRequest, pageSize: number): { data: StoredRecord[]; page: PageInfo } {
  const start = request.cursor === undefined || request.cursor === null ? 0 : decodeCursor(request.cursor);
  const filter = request.filter ?? {};
  const matching = records
    .map((record, position) => ({ record, position }))
    .filter(({ record }) => matchesFilter(record, filter));

  const firstIndex = matching.findIndex(({ position }) => position >= start);
  const from = firstIndex === -1 ? matching.length : firstIndex;
  const page = matching.slice(from, from + pageSize);
  const hasNextPage = from + pageSize < matching.length;
  const last = page[page.length - 1];

  return {
    data: page.map(({ record }) => record),
    page: {
      pageSize: page.length,
      hasNextPage,
      hasPreviousPage: from > 0,
      endCursor: hasNextPage && last !== undefined ? encodeCursor(last.position + 1) : null,
    },
  };
}
