// A kill-matrix worker process: one vitest instance that judges one target after another (a mutant or
// a variant of the reference server, started here), so the matrix pays vitest's start-up once per
// worker instead of once per mutant. It takes tasks from its parent over IPC and answers each with the
// clause results of that target's conformance.json.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Vitest } from 'vitest/node';
import { loadConfig } from '../../harness/config.ts';
import { startReferenceServer } from '../../reference-server/index.ts';
import { mutantByName } from '../../reference-server/mutants/index.ts';
import { variantByName } from '../../reference-server/mutants/variants.ts';
import { createConformanceVitest, REPORTER_MODULE } from '../../runner/conformance-vitest.ts';
import { cleanUpAfterRun, prepareRun } from '../../runner/run-setup.ts';
import { problemResult, readResult, serverResources, type BatchTask, type RunResult } from './run.ts';

const CLOSE_TIMEOUT_MS = 5_000;

async function judge(vitest: Vitest, task: BatchTask): Promise<RunResult> {
  const started = Date.now();
  const reportDir = await mkdtemp(join(tmpdir(), 'mvmnt-kill-matrix-'));
  const mutant = mutantByName(task.name) ?? variantByName(task.name);
  const server = await startReferenceServer({ port: 0, mutant, rateLimit: task.settings.rateLimit, resources: serverResources(task.resources) });
  try {
    const [client] = server.clients;
    const overrides = {
      MVMNT_BASE_URL: server.baseUrl,
      MVMNT_TOKEN_URL: server.tokenUrl,
      MVMNT_CLIENT_ID: client.id,
      MVMNT_REPORT_DIR: reportDir,
      MVMNT_REQUEST_TIMEOUT_MS: String(task.settings.requestTimeoutMs),
      MVMNT_PROPERTY_RUNS: String(task.settings.propertyRuns),
      MVMNT_PROFILE: task.settings.profile,
      MVMNT_SEED: String(task.settings.seed),
      MVMNT_RESOURCES: task.resources.join(','),
      // The matrix's servers live for one task: records without a DELETE (credit memos) may be made there.
      MVMNT_DISPOSABLE: 'yes',
    };
    const config = loadConfig(overrides, { MVMNT_CLIENT_SECRET: client.secret });
    const { context } = await prepareRun(config);
    vitest.getRootProject().provide('run', context);
    try {
      // Fresh specifications per task: a run's specifications carry that run's state.
      await vitest.runTestSpecifications(await vitest.globTestSpecifications(), true);
    } finally {
      await cleanUpAfterRun(context);
    }
    return await readResult(task.name, reportDir, started, task.resources, null);
  } finally {
    await Promise.race([server.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref())]);
    await rm(reportDir, { recursive: true, force: true });
  }
}

export async function serve(): Promise<void> {
  // The command's configuration, without its global setup (each task prepares its own run) and with
  // the conformance reporter alone (the report is what is judged).
  const vitest = await createConformanceVitest({ globalSetup: [], reporters: [REPORTER_MODULE] });
  let queue = Promise.resolve();
  process.on('message', (task: BatchTask | 'exit') => {
    queue = queue.then(async () => {
      if (task === 'exit') {
        await vitest.close();
        process.exit(0);
      }
      const result = await judge(vitest, task).catch((error: unknown) => problemResult(task.name, task.resources, String((error as Error)?.stack ?? error), 0));
      process.send!(result);
    });
  });
  process.send!('ready');
}
