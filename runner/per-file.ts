// Runs after every suite file: deletes the records the file created (a record before the ones it
// references), so the target holds as few of the run's records as possible at any time (global
// teardown catches anything left); the parents made for references go with them. Under the gate
// profile the records files share (references, each resource's record) stay until the last file.
// Then the file hands the report the run's summary so far (resources, operations, counters),
// whichever of its tests ran.
import { afterAll } from 'vitest';
import { deleteRecords } from '../harness/cleanup.ts';
import { recordsOfTheRun } from '../harness/file-records.ts';
import { runSummary } from '../harness/stats.ts';
import { workerSession } from '../harness/worker.ts';
import { isLastFile } from './files.ts';

afterAll(async ({}, suite) => {
  const session = workerSession();
  if (session.context.settings.profile === 'gate' && !isLastFile(suite.file?.filepath ?? '')) {
    // A gate run keeps the records its bodies reference and the records its files share for the next
    // files (the last file deletes them): making them again for each file would cost more than the tests.
    const kept = new Set([...session.references.made(), ...recordsOfTheRun(session)]);
    await deleteRecords(session, session.ledger.pending().filter((entry) => !kept.has(entry.id)));
  } else {
    await deleteRecords(session, session.ledger.pending());
    session.references.forget();
  }
  (suite.file ?? suite).meta.run = runSummary(session);
});
