// `sweep`: finds live records whose key starts with "conformance-" (leftovers of interrupted runs)
// through the filter endpoint, prints them, then deletes them. Records without that prefix are
// never touched.
import { deleteRecords } from '../harness/cleanup.ts';
import { loadConfig, type Overrides } from '../harness/config.ts';
import { ConfigError } from '../harness/errors.ts';
import { KEY_PREFIX } from '../harness/keys.ts';
import type { LedgerEntry } from '../harness/ledger.ts';
import { preflight } from '../harness/preflight.ts';
import { newRunId } from '../harness/run-context.ts';
import { createSession, type Session } from '../harness/session.ts';

const PAGE_SIZE = 250;
/** At most this many pages are read (100,000 records): the sweep always ends. */
const MAX_PAGES = 400;

export interface SweepOptions {
  overrides: Overrides;
  dryRun: boolean;
  log: (line: string) => void;
}

export async function sweep({ overrides, dryRun, log }: SweepOptions): Promise<{ found: number; deleted: number; left: number }> {
  const config = loadConfig(overrides);
  if (!config.baseUrl) {
    throw new ConfigError('MVMNT_BASE_URL', 'is needed for sweep: the embedded server starts empty every run, so it has nothing to sweep');
  }
  await preflight(config);
  const session = createSession({
    runId: `sweep-${newRunId()}`,
    startedAt: new Date().toISOString(),
    target: { baseUrl: config.baseUrl, tokenUrl: config.tokenUrl, embedded: false },
    credentials: config.credentials,
    settings: config.settings,
  });
  try {
    const leftovers = await findLeftovers(session);
    log(`sweep: ${leftovers.length} live record(s) with a key starting "${KEY_PREFIX}" at ${config.baseUrl}`);
    for (const entry of leftovers) log(`  ${entry.id}  ${entry.key}`);
    if (dryRun || leftovers.length === 0) return { found: leftovers.length, deleted: 0, left: leftovers.length };
    const { deleted, left } = await deleteRecords(session, leftovers);
    log(`sweep: deleted ${deleted}${left.length ? `, ${left.length} could not be deleted` : ''}`);
    return { found: leftovers.length, deleted, left: left.length };
  } finally {
    await session.close();
  }
}

async function findLeftovers(session: Session): Promise<LedgerEntry[]> {
  const found: LedgerEntry[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const exchange = await session.client.send(session.vendors.filter({ json: { pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) }, purpose: 'setup' }));
    const body = exchange.response?.json as { data?: { id?: unknown; key?: unknown }[]; pageInfo?: { hasNextPage?: unknown; endCursor?: unknown } } | undefined;
    if (exchange.response?.status !== 200 || !Array.isArray(body?.data)) {
      throw new Error(`sweep: the filter endpoint answered ${exchange.response?.status ?? exchange.failure?.message}; nothing was deleted`);
    }
    for (const record of body.data) {
      if (typeof record.id === 'string' && typeof record.key === 'string' && record.key.startsWith(KEY_PREFIX)) {
        found.push({ id: record.id, key: record.key, path: session.vendors.itemPath(record.id) });
      }
    }
    cursor = typeof body.pageInfo?.endCursor === 'string' ? body.pageInfo.endCursor : null;
    if (body.pageInfo?.hasNextPage !== true || !cursor) break;
  }
  return found;
}
