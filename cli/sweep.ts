// `sweep`: finds live records whose key starts with "conformance-" (leftovers of interrupted runs)
// through each resource's filter endpoint, and the records the ledgers of killed runs in the report
// folder still list (the only trace of records without a key: shipments, loads, bills, …); prints
// them, then deletes them (a record before the ones it references). Nothing else is ever touched.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { resolveCatalog } from '../harness/catalog.ts';
import { deleteRecords } from '../harness/cleanup.ts';
import { loadConfig, type Overrides } from '../harness/config.ts';
import { ConfigError } from '../harness/errors.ts';
import { pendingInLedgerFile, type LedgerEntry } from '../harness/ledger.ts';
import { preflight } from '../harness/preflight.ts';
import { newRunId } from '../harness/run-context.ts';
import type { ResourceRequests } from '../harness/resource.ts';
import { createSession, ledgerFolder, type Session } from '../harness/session.ts';
import { KEY_PREFIX } from '../model/run.ts';

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
  const catalog = resolveCatalog(config.settings);
  await preflight(config);
  const session = createSession({
    runId: `sweep-${newRunId()}`,
    startedAt: new Date().toISOString(),
    target: { baseUrl: config.baseUrl, tokenUrl: config.tokenUrl, embedded: false },
    credentials: config.credentials,
    settings: config.settings,
    known: catalog.known,
    judged: catalog.judged,
  });
  try {
    const byKey = (await Promise.all(session.judged.map((resource) => findLeftovers(session, resource)))).flat();
    log(`sweep: ${byKey.length} live record(s) with a key (or a mark, without one) starting "${KEY_PREFIX}" at ${config.baseUrl}`);
    for (const entry of byKey) log(`  ${entry.resource.padEnd(18)} ${entry.id}  ${entry.key}`);
    const ledgers = ledgersOf(config.settings.reportDir, session);
    const listed = ledgers.flatMap((ledger) => ledger.pending).filter((entry) => !byKey.some((found) => found.id === entry.id));
    if (ledgers.length > 0) {
      log(`sweep: ${listed.length} more record(s) listed in ${ledgers.length} ledger(s) of interrupted runs in ${ledgerFolder(config.settings.reportDir)}`);
      for (const entry of listed) log(`  ${entry.resource.padEnd(18)} ${entry.id}  ${entry.key ?? '(no key)'}`);
    }
    const leftovers = [...byKey, ...listed];
    if (dryRun) return { found: leftovers.length, deleted: 0, left: leftovers.length };
    const { deleted, left } = await deleteRecords(session, leftovers);
    if (leftovers.length > 0) log(`sweep: deleted ${deleted}${left.length ? `, ${left.length} could not be deleted` : ''}`);
    // A ledger is done with when none of its records is left (deleted now, or gone already: a 404).
    for (const ledger of ledgers) if (!ledger.pending.some((entry) => left.includes(entry))) rmSync(ledger.file, { force: true });
    return { found: leftovers.length, deleted, left: left.length };
  } finally {
    await session.close();
  }
}

/** The ledgers runs that were killed left in the report folder, with the records each still lists (of resources this sweep knows). */
function ledgersOf(reportDir: string, session: Session): { file: string; pending: LedgerEntry[] }[] {
  const folder = ledgerFolder(reportDir);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => join(folder, name))
    .map((file) => ({ file, pending: pendingInLedgerFile(file).filter((entry) => session.known.has(entry.resource)) }));
}

async function findLeftovers(session: Session, resource: ResourceRequests): Promise<LedgerEntry[]> {
  const { keyField, markField, list, name } = resource.fixture;
  const field = keyField ?? markField;
  if (field === null || !resource.operation('filter')) return [];
  const pageSize = Math.min(PAGE_SIZE, resource.fixture.schemas.filter?.properties?.pageSize?.maximum ?? PAGE_SIZE);
  const found: LedgerEntry[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const exchange = await session.client.send(resource.filter({ json: { pageSize, ...(cursor ? { cursor } : {}) }, purpose: 'setup' }));
    const body = exchange.response?.json as ({ data?: Record<string, unknown>[] } & Record<string, { hasNextPage?: unknown; endCursor?: unknown } | undefined>) | undefined;
    if (exchange.response?.status !== 200 || !Array.isArray(body?.data)) {
      throw new Error(`sweep: the ${name} filter endpoint answered ${exchange.response?.status ?? exchange.failure?.message}; nothing was deleted`);
    }
    for (const record of body.data) {
      const key = record[field];
      if (typeof record.id === 'string' && typeof key === 'string' && key.startsWith(KEY_PREFIX)) {
        found.push({ resource: name, id: record.id, key, path: resource.itemPath(record.id) });
      }
    }
    const info = body[list.page];
    cursor = typeof info?.endCursor === 'string' ? info.endCursor : null;
    if (info?.hasNextPage !== true || !cursor) break;
  }
  return found;
}
