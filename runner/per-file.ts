// Runs around every suite file: afterwards, delete the records the file created and save the
// worker's counters (requests, waits, property cases) for the report and the benchmark.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll } from 'vitest';
import { deleteRecords } from '../harness/cleanup.ts';
import { runStats } from '../harness/stats.ts';
import { workerSession } from '../harness/worker.ts';

afterAll(async () => {
  const session = workerSession();
  await deleteRecords(session, session.ledger.pending());
  const { reportDir } = session.context.settings;
  const dir = join(reportDir, '.stats');
  mkdirSync(dir, { recursive: true });
  const stats = { requests: session.client.sent.requests, waitedMs: session.pacer.waitedMs, ...runStats };
  writeFileSync(join(dir, `${session.context.runId}-${process.pid}-${threadId}.json`), JSON.stringify(stats));
});
