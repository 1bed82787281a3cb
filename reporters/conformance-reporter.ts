// The vitest reporter that turns a run into the report model and hands it to every renderer:
// conformance.json, conformance.md (also to GITHUB_STEP_SUMMARY), conformance.html, history.jsonl,
// and the console summary. It renders; it sends no requests.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SerializedError } from 'vitest';
import type { TestModule, Vitest } from 'vitest/node';
import type { Reporter } from 'vitest/reporters';
import { clauseOfTestName } from '../harness/registry.ts';
import type { RunSummary } from '../harness/run-context.ts';
import { buildReportModel, historyEntry, type CollectedTest } from './build-model.ts';
import { consoleSummary } from './console-summary.ts';
import { loadExpectations, type Expectations } from './expectations.ts';
import { appendHistory, readHistory } from './history.ts';
import type { RunStats } from './model.ts';
import { renderHtml } from './render-html.ts';
import { renderMarkdown } from './render-markdown.ts';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

export default class ConformanceReporter implements Reporter {
  private vitest?: Vitest;
  private startedAt = Date.now();

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
    this.startedAt = Date.now();
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: 'passed' | 'interrupted' | 'failed'): void {
    const reportDir = process.env.MVMNT_REPORT_DIR?.trim() || 'reports';
    mkdirSync(reportDir, { recursive: true });
    const tests = collectTests(testModules);
    const summaries = testModules.flatMap((module) => [...module.children.allTests()].map((test) => test.meta().run)).filter((run): run is RunSummary => run !== undefined);
    const identity = summaries[0] ?? this.providedRun();
    const errors = unhandledErrors.map((error) => `${error.name ?? 'Error'}: ${error.message}`);
    let expectations: Expectations | null = null;
    const expectationsFile = process.env.MVMNT_EXPECTATIONS?.trim();
    try {
      expectations = expectationsFile ? loadExpectations(expectationsFile) : null;
    } catch (error) {
      errors.push((error as Error).message);
    }
    const historyFile = join(reportDir, 'history.jsonl');
    const model = buildReportModel({
      tool: { name: packageJson.name, version: packageJson.version },
      target: identity?.target ?? { baseUrl: '(unknown)', embedded: false },
      runId: identity?.runId ?? `merged-${this.startedAt}`,
      startedAt: identity?.startedAt ?? new Date(this.startedAt).toISOString(),
      durationMs: Date.now() - this.startedAt,
      seed: identity?.seed ?? null,
      interrupted: reason === 'interrupted',
      tests,
      unhandledErrors: errors,
      stats: sumStats(summaries),
      expectations,
      history: readHistory(historyFile),
    });
    const markdown = renderMarkdown(model);
    const written = [
      write(reportDir, 'conformance.json', `${JSON.stringify(model, null, 2)}\n`),
      write(reportDir, 'conformance.md', markdown),
      write(reportDir, 'conformance.html', renderHtml(model)),
    ];
    appendHistory(historyFile, historyEntry(model));
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
    console.log(consoleSummary(model, written));
  }

  private providedRun(): Pick<RunSummary, 'runId' | 'startedAt' | 'target' | 'seed'> | undefined {
    try {
      const run = this.vitest?.getRootProject().getProvidedContext().run;
      return run && { runId: run.runId, startedAt: run.startedAt, target: { baseUrl: run.target.baseUrl, embedded: run.target.embedded }, seed: run.settings.seed };
    } catch {
      return undefined;
    }
  }
}

function write(dir: string, name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  console.log(`${name} written to ${path}`);
  return path;
}

function collectTests(testModules: ReadonlyArray<TestModule>): CollectedTest[] {
  return testModules.flatMap((module) =>
    [...module.children.allTests()].map((test): CollectedTest => {
      const result = test.result();
      const meta = test.meta();
      return {
        fullName: test.fullName,
        clause: meta.clause ?? clauseOfTestName(test.name)?.id,
        state: result.state,
        durationMs: Math.round(test.diagnostic()?.duration ?? 0),
        note: result.state === 'skipped' ? result.note : undefined,
        evidence: meta.evidence,
        errors: result.state === 'failed' ? result.errors.map((error) => error.message) : [],
      };
    }),
  );
}

/** Shards each report their own counters; the run's are their sum. */
function sumStats(summaries: RunSummary[]): RunStats | null {
  const perWorker = new Map(summaries.map((summary) => [`${summary.runId} ${summary.startedAt}`, summary.stats]));
  if (perWorker.size === 0) return null;
  return [...perWorker.values()].reduce((sum, stats) => ({
    requests: sum.requests + stats.requests,
    waitedMs: sum.waitedMs + stats.waitedMs,
    propertyCases: sum.propertyCases + stats.propertyCases,
    propertyMs: sum.propertyMs + stats.propertyMs,
    burstSent: sum.burstSent + stats.burstSent,
    burstBudget: Math.max(sum.burstBudget, stats.burstBudget),
  }));
}

