// Vitest global setup: decides the run's context once (target, credentials, seed, run id, the
// resources judged), starts the embedded reference server when no target is configured, and cleans
// up after the last test.
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { resolveCatalog } from '../harness/catalog.ts';
import { deleteRecords } from '../harness/cleanup.ts';
import { loadConfig } from '../harness/config.ts';
import { pendingInLedgerFile } from '../harness/ledger.ts';
import { preflight } from '../harness/preflight.ts';
import { newRunId, type RunContext } from '../harness/run-context.ts';
import { createSession, ledgerFile } from '../harness/session.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = loadConfig();
  const catalog = resolveCatalog(config.settings);
  let close: (() => Promise<void>) | undefined;
  let context: RunContext;
  const common = {
    runId: process.env.MVMNT_RUN_ID ?? newRunId(),
    startedAt: new Date().toISOString(),
    known: catalog.known,
    judged: catalog.judged,
    ...(catalog.burstElsewhere ? { burstElsewhere: catalog.burstElsewhere } : {}),
  };
  if (config.baseUrl === null) {
    // Loaded only here: a run against a remote target never needs the server's modules.
    const { startReferenceServer } = await import('../reference-server/index.ts');
    const server = await startReferenceServer({ rateLimit: config.embedded.rateLimit, resources: catalog.known });
    close = server.close;
    const [client] = server.clients;
    context = {
      ...common,
      target: { baseUrl: server.baseUrl, tokenUrl: server.tokenUrl, embedded: true },
      credentials: { clientId: client.id, clientSecret: client.secret },
      settings: config.settings,
    };
  } else {
    await preflight(config);
    context = {
      ...common,
      target: { baseUrl: config.baseUrl, tokenUrl: config.tokenUrl, embedded: false },
      credentials: config.credentials,
      settings: config.settings,
    };
  }
  project.provide('run', context);

  return async () => {
    try {
      await cleanUpAfterRun(context);
    } finally {
      await close?.();
    }
  };
}

/** Deletes whatever the ledger still lists (tests normally clean up after each file). */
async function cleanUpAfterRun(context: RunContext): Promise<void> {
  const file = ledgerFile(context);
  const pending = pendingInLedgerFile(file);
  if (pending.length === 0) {
    rmSync(file, { force: true });
    return;
  }
  const session = createSession(context);
  try {
    const { deleted, left } = await deleteRecords(session, pending);
    console.log(`cleanup: deleted ${deleted} record(s) the tests left behind`);
    if (left.length > 0) {
      console.error(`cleanup: ${left.length} record(s) could not be deleted (ids in ${file}); run \`npx mvmnt-conformance sweep\``);
    } else {
      rmSync(file, { force: true });
    }
  } finally {
    await session.close();
  }
}
