// The report model: one object built from vitest's TestModule/TestCase tree, each test's meta and
// the clause registry. Every renderer (JSON, Markdown, HTML, console) renders this and nothing else.
import type { Clause } from '../fixtures/load.ts';
import type { Evidence } from '../harness/evidence.ts';
import type { RunStats } from '../harness/run-context.ts';

export type { RunStats };

export type ClauseStatus = 'passed' | 'failed' | 'skipped' | 'waived';

export interface FailureRecord {
  /** One line: what broke. */
  message: string;
  /** The test that failed (its full name). */
  test: string;
  /** The resource the failing request was sent to. */
  resource?: string;
  violations?: Evidence['violations'];
  fix?: string;
  curl?: string;
  request?: Evidence['request'];
  response?: Evidence['response'];
  transportFailure?: string;
  counterexample?: string;
  seed?: number;
  replay?: string;
  /** Failure text when there is no structured evidence (a setup failure, say). */
  details?: string;
}

export interface TestRecord {
  name: string;
  resource?: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  durationMs: number;
  note?: string;
}

/** A registry clause with this run's verdict on it. */
export interface ClauseResult extends Clause {
  status: ClauseStatus;
  /** Why it was skipped or waived. */
  note?: string;
  tests: TestRecord[];
  failures: FailureRecord[];
  /** The clause's result on each resource it was judged on (a waiver applies to the clause as a whole). */
  resources: Record<string, ResourceStatus>;
}

export type ResourceStatus = 'passed' | 'failed' | 'skipped';

export interface Comparison {
  previousStartedAt: string;
  newlyFailing: string[];
  newlyPassing: string[];
  /** The same, per clause and resource ("ERR-409-CREATE-DUPLICATE on customers"), where the previous run recorded resources. */
  newlyFailingOn: ClauseOnResource[];
  newlyPassingOn: ClauseOnResource[];
}

export interface ClauseOnResource {
  clause: string;
  resource: string;
}

export interface WaiverNotice {
  clause: string;
  reason: string;
  expires?: string;
}

export interface ReportModel {
  tool: { name: string; version: string };
  target: { baseUrl: string; embedded: boolean };
  /** The resources the run judged. */
  resources: string[];
  runId: string;
  startedAt: string;
  durationMs: number;
  seed: number | null;
  /** fail when a MUST or SHOULD clause failed (skips, waivers and MAY failures do not fail a run). */
  verdict: 'pass' | 'fail';
  interrupted: boolean;
  summary: { passed: number; failed: number; skipped: number; waived: number };
  clauses: ClauseResult[];
  comparison: Comparison | null;
  waivers: { expired: WaiverNotice[]; nowPassing: WaiverNotice[] };
  history: HistoryEntry[];
  stats: RunStats | null;
  /** Errors outside any test (a crashed setup file, say). */
  unhandledErrors: string[];
}

/** One line of history.jsonl. */
export interface HistoryEntry {
  runId: string;
  startedAt: string;
  /** 'embedded' for the embedded reference server (its port changes every run), else the base URL. */
  target: string;
  verdict: 'pass' | 'fail';
  counts: ReportModel['summary'];
  failed: string[];
  /** Failed clauses per resource, as "<clause> <resource>"; absent in lines of older runs. */
  failedOn?: string[];
  /** The resources judged; absent in lines of older runs. */
  resources?: string[];
  durationMs: number;
  seed: number | null;
}

export function failsRun(clause: Pick<ClauseResult, 'status' | 'level'>): boolean {
  return clause.status === 'failed' && clause.level !== 'MAY';
}
