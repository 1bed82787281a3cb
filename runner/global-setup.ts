// Vitest global setup: decides the run's context once (target, credentials, seed, run id), starts
// the embedded reference server when no target is configured, and cleans up after the last test.
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { deleteRecords } from '../harness/cleanup.ts';
import { loadConfig } from '../harness/config.ts';
import { pendingInLedgerFile } from '../harness/ledger.ts';
import { preflight } from '../harness/preflight.ts';
import { newRunId, type RunContext } from '../harness/run-context.ts';
import { createSession, ledgerFile } from '../harness/session.ts';
import { startReferenceServer, type RunningReferenceServer } from '../reference-server/index.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = loadConfig();
  let server: RunningReferenceServer | undefined;
  let context: RunContext;
  const common = { runId: process.env.MVMNT_RUN_ID ?? newRunId(), startedAt: new Date().toISOString() };
  if (config.baseUrl === null) {
    server = await startReferenceServer({ rateLimit: config.embedded.rateLimit });
    const [client] = server.clients;
    context = {
      ...common,
      target: { baseUrl: server.baseUrl, tokenUrl: server.tokenUrl, embedded: true },
      credentials: { clientId: client.id, clientSecret: client.secret },
      // The reference server checks paymentTermId's format only, so any UUID is a valid reference.
      settings: { ...config.settings, paymentTermId: config.settings.paymentTermId ?? 'any-uuid' },
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
      await server?.close();
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
