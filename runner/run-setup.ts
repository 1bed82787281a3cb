// What a run needs before its first test and after its last: the context (target, credentials, seed,
// run id, the resources judged), the embedded reference server when no target is configured, and the
// cleanup of whatever the tests left. Vitest's global setup uses it; so does the kill matrix's batch.
import { rmSync } from 'node:fs';
import { resolveCatalog } from '../harness/catalog.ts';
import { deleteRecords } from '../harness/cleanup.ts';
import type { Config } from '../harness/config.ts';
import { keptInLedgerFile, pendingInLedgerFile, type LedgerEntry } from '../harness/ledger.ts';
import { preflight } from '../harness/preflight.ts';
import { newRunId, type RunContext } from '../harness/run-context.ts';
import { createSession, ledgerFile } from '../harness/session.ts';

export interface PreparedRun {
  context: RunContext;
  /** Stops the embedded server, if the run started one. */
  close(): Promise<void>;
}

export async function prepareRun(config: Config, runId = newRunId(), catalog = resolveCatalog(config.settings)): Promise<PreparedRun> {
  const common = {
    runId,
    startedAt: new Date().toISOString(),
    known: catalog.known,
    judged: catalog.judged,
    ...(catalog.burstElsewhere ? { burstElsewhere: catalog.burstElsewhere } : {}),
  };
  if (config.baseUrl === null) {
    // Loaded only here: a run against a remote target never needs the server's modules.
    const { startReferenceServer } = await import('../reference-server/index.ts');
    const server = await startReferenceServer({ rateLimit: config.embedded.rateLimit, resources: catalog.served });
    const [client] = server.clients;
    return {
      context: {
        ...common,
        target: { baseUrl: server.baseUrl, tokenUrl: server.tokenUrl, embedded: true },
        credentials: { clientId: client.id, clientSecret: client.secret },
        settings: config.settings,
      },
      close: server.close,
    };
  }
  await preflight(config);
  return {
    context: {
      ...common,
      target: { baseUrl: config.baseUrl, tokenUrl: config.tokenUrl, embedded: false },
      credentials: config.credentials,
      settings: config.settings,
    },
    close: async () => undefined,
  };
}

/** Deletes whatever the ledger still lists (tests normally clean up after each file). */
export async function cleanUpAfterRun(context: RunContext): Promise<void> {
  const file = ledgerFile(context);
  const pending = pendingInLedgerFile(file);
  let left: LedgerEntry[] = [];
  if (pending.length > 0) {
    const session = createSession(context);
    try {
      const result = await deleteRecords(session, pending);
      left = result.left;
      console.log(`cleanup: deleted ${result.deleted} record(s) the tests left behind`);
    } finally {
      await session.close();
    }
  }
  // The embedded server goes with the run; a remote target keeps them, and the user should know which.
  const kept = context.target.embedded ? [] : keptInLedgerFile(file);
  if (kept.length > 0) {
    const resources = [...new Set(kept.map((entry) => entry.resource))].join(', ');
    console.log(`cleanup: ${kept.length} record(s) of ${resources} stay on the target: no DELETE operation, and MVMNT_DISPOSABLE=yes allowed them (ids in ${file})`);
  }
  if (left.length > 0) console.error(`cleanup: ${left.length} record(s) could not be deleted (ids in ${file}); run \`npx mvmnt-conformance sweep\``);
  else if (kept.length === 0) rmSync(file, { force: true });
}
