// The vitest reporter: collects the run's tests (clause, resource, result, evidence) and hands them to
// the report writers, or, in a shard, writes them as the shard's record for --merge-reports. It
// renders; it sends no requests.
import type { SerializedError } from 'vitest';
import type { TestModule } from 'vitest/node';
import type { Reporter } from 'vitest/reporters';
import { clauseOfTestName } from '../fixtures/load.ts';
import type { CollectedTest } from './build-model.ts';
import { writeShardRecord, type RunRecord } from './run-record.ts';
import { reportModelOf, writeReports } from './write-reports.ts';
import { SETUP_ERROR } from '../model/evidence.ts';
import type { ReportSettings, RunSummary } from '../model/run.ts';

export default class ConformanceReporter implements Reporter {
  private startedAt = Date.now();

  onInit(): void {
    this.startedAt = Date.now();
  }

  // One vitest instance may run several times (the kill matrix's batch workers).
  onTestRunStart(): void {
    this.startedAt = Date.now();
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: 'passed' | 'interrupted' | 'failed'): void {
    const run = providedRun(testModules);
    // Without a run context (its global setup failed before deciding one), the default folder.
    const settings: ReportSettings = run?.settings ?? { reportDir: 'reports' };
    const record: RunRecord = {
      tests: collectTests(testModules),
      summaries: testModules.map((module) => module.meta().run).filter((run): run is RunSummary => run !== undefined),
      // A failed hook (setup, cleanup) or a module that failed to load is an error of the run, not a skip.
      unhandledErrors: [...unhandledErrors, ...hookErrors(testModules)].map((error) => `${error.name ?? 'Error'}: ${error.message}`),
      interrupted: reason === 'interrupted',
      startedAtMs: this.startedAt,
      durationMs: Date.now() - this.startedAt,
    };
    if (settings.shard) {
      console.log(`shard ${settings.shard.index}/${settings.shard.count} record written to ${writeShardRecord(settings.reportDir, settings.shard, record)}`);
      return;
    }
    const identity = run && { runId: run.runId, startedAt: run.startedAt, target: { baseUrl: run.target.baseUrl, embedded: run.target.embedded }, profile: run.settings.profile, seed: run.settings.seed };
    writeReports(reportModelOf(record, settings, identity), settings.reportDir);
  }
}

/** The run's context as its global setup (or the kill matrix's batch) provided it: the reports' settings and the run's identity. */
function providedRun(testModules: ReadonlyArray<TestModule>) {
  return testModules[0]?.project.getProvidedContext().run;
}

function hookErrors(testModules: ReadonlyArray<TestModule>): ReadonlyArray<SerializedError> {
  return testModules.flatMap((module) => [...module.errors(), ...[...module.children.allSuites()].flatMap((suite) => suite.errors())]);
}

function collectTests(testModules: ReadonlyArray<TestModule>): CollectedTest[] {
  return testModules.flatMap((module) =>
    [...module.children.allTests()].map((test): CollectedTest => {
      const result = test.result();
      const meta = test.meta();
      return {
        fullName: test.fullName,
        clause: meta.clause ?? clauseOfTestName(test.name)?.id,
        ...(meta.resource ? { resource: meta.resource } : {}),
        ...(meta.operation ? { operation: meta.operation } : {}),
        state: result.state,
        durationMs: Math.round(test.diagnostic()?.duration ?? 0),
        note: result.state === 'skipped' ? result.note : undefined,
        evidence: meta.evidence,
        ...(meta.checked ? { checked: meta.checked } : {}),
        errors: result.state === 'failed' ? result.errors.map((error) => error.message) : [],
        ...(result.state === 'failed' && result.errors.some((error) => error.name === SETUP_ERROR) ? { setupFailed: true } : {}),
        ...(meta.inapplicable ? { inapplicable: true } : {}),
      };
    }),
  );
}
