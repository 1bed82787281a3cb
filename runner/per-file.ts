// Runs after every suite file: deletes the records the file created (a record before the ones it
// references), so the target holds as few of the run's records as possible at any time (global
// teardown catches anything left); the parents made for references go with them. Then the file hands
// the report the run's summary so far (resources, operations, counters), whichever of its tests ran.
import { afterAll } from 'vitest';
import { deleteRecords } from '../harness/cleanup.ts';
import { runSummary } from '../harness/stats.ts';
import { workerSession } from '../harness/worker.ts';

afterAll(async ({}, suite) => {
  const session = workerSession();
  await deleteRecords(session, session.ledger.pending());
  session.references.forget();
  (suite.file ?? suite).meta.run = runSummary(session);
});
