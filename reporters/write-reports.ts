// Turns a run record into the report model and writes every rendering of it: conformance.json,
// conformance.md (also to GITHUB_STEP_SUMMARY), conformance.html, a line of history.jsonl, and the
// console summary. The vitest reporter and --merge-reports both end here.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReportModel, historyEntry } from './build-model.ts';
import { consoleSummary } from './console-summary.ts';
import { loadExpectations, type Expectations } from './expectations.ts';
import { appendHistory, readHistory } from './history.ts';
import type { ReportModel } from './model.ts';
import { renderHtml } from './render-html.ts';
import { renderMarkdown } from './render-markdown.ts';
import type { RunRecord } from './run-record.ts';
import type { ReportSettings, RunStats, RunSummary } from '../model/run.ts';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

export function reportModelOf(record: RunRecord, settings: ReportSettings, identity?: { runId: string; startedAt: string; target: ReportModel['target']; profile: ReportModel['profile']; seed: number }): ReportModel {
  const first = record.summaries[0] ?? identity;
  const errors = [...record.unhandledErrors];
  let expectations: Expectations | null = null;
  try {
    expectations = settings.expectationsFile ? loadExpectations(settings.expectationsFile) : null;
  } catch (error) {
    errors.push((error as Error).message);
  }
  return buildReportModel({
    tool: { name: packageJson.name, version: packageJson.version },
    target: first?.target ?? { baseUrl: '(unknown)', embedded: false },
    profile: first?.profile ?? 'full',
    resources: [...new Set(record.summaries.flatMap((summary) => summary.resources))].sort(),
    operations: [...new Set(record.summaries.flatMap((summary) => summary.operations ?? []))],
    runId: first?.runId ?? `merged-${record.startedAtMs}`,
    startedAt: first?.startedAt ?? new Date(record.startedAtMs).toISOString(),
    durationMs: record.durationMs,
    seed: first?.seed ?? null,
    interrupted: record.interrupted,
    tests: record.tests,
    unhandledErrors: errors,
    stats: sumStats(record.summaries),
    expectations,
    history: readHistory(join(settings.reportDir, 'history.jsonl')),
  });
}

export function writeReports(model: ReportModel, reportDir: string): string[] {
  mkdirSync(reportDir, { recursive: true });
  const markdown = renderMarkdown(model);
  const written = [
    write(reportDir, 'conformance.json', `${JSON.stringify(model, null, 2)}\n`),
    write(reportDir, 'conformance.md', markdown),
    write(reportDir, 'conformance.html', renderHtml(model)),
  ];
  appendHistory(join(reportDir, 'history.jsonl'), historyEntry(model));
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
  console.log(consoleSummary(model, written));
  return written;
}

function write(dir: string, name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  console.log(`${name} written to ${path}`);
  return path;
}

/** Each file reports its worker's counters so far; a worker's are the latest (the most requests), the run's their sum. */
function sumStats(summaries: RunSummary[]): RunStats | null {
  const latest = new Map<string, RunStats>();
  for (const { runId, startedAt, resources, stats } of summaries) {
    const worker = `${runId} ${startedAt} ${resources.join(',')}`;
    if ((latest.get(worker)?.requests ?? -1) < stats.requests) latest.set(worker, stats);
  }
  const perWorker = [...latest.values()];
  if (perWorker.length === 0) return null;
  return perWorker.reduce((sum, stats) => ({
    requests: sum.requests + stats.requests,
    throttled: sum.throttled + (stats.throttled ?? 0),
    waitedMs: sum.waitedMs + stats.waitedMs,
    propertyCases: sum.propertyCases + stats.propertyCases,
    propertyMs: sum.propertyMs + stats.propertyMs,
    burstSent: sum.burstSent + stats.burstSent,
    burstBudget: Math.max(sum.burstBudget, stats.burstBudget),
  }));
}
