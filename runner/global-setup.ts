// Vitest global setup: decides the run's context once (see run-setup.ts), hands it to the test
// workers, and cleans up after the last test.
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../harness/config.ts';
import { cleanUpAfterRun, prepareRun } from './run-setup.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { context, close } = await prepareRun(loadConfig(), process.env.MVMNT_RUN_ID, project.getProvidedContext().catalog);
  project.provide('run', context);
  return async () => {
    try {
      await cleanUpAfterRun(context);
    } finally {
      await close();
    }
  };
}
