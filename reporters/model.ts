// The report model: one object built from vitest's TestModule/TestCase tree, each test's meta and
// the clause registry. Every renderer (JSON, Markdown, HTML, console) renders this and nothing else.
import type { Clause, Level } from '../fixtures/load.ts';
import type { Evidence, ExchangeSample } from '../model/evidence.ts';
import type { Profile, RunStats } from '../model/run.ts';

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
  /** Setup could not build what the clause needs, so the clause was never judged. */
  setup?: true;
}

export interface TestRecord {
  name: string;
  resource?: string;
  /** The operation it judged ("POST /orders/{id}/cancel"). */
  operation?: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  durationMs: number;
  note?: string;
  /** The exchanges it checked, in brief (for comparing two reports request by request). */
  checked?: ExchangeSample[];
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
  /** A failing clause's causes, in rank order. */
  causes?: string[];
  /** Set when the clause fails only as a consequence of these causes (none of them breaks it directly). */
  followsFrom?: string[];
}

/** Violations one change on the target would fix together (reporters/causes.ts). */
export interface Cause {
  /** Stable: an id of fixtures/contract/causes.json, or the clause id for a violation no rule takes. */
  id: string;
  /** 1 is the first to fix. */
  rank: number;
  title: string;
  /** What the target did, in its terms (the bodies' shape, the statuses, what a check received). */
  observed?: string;
  fix: string;
  /** The strongest level among the clauses it explains. */
  level: Level;
  /** The failing clauses it explains. */
  clauses: string[];
  /** Of those, the ones it breaks directly; the others follow from it. */
  home: string[];
  /** How many recorded failing exchanges show it. */
  exchanges: number;
  evidence: CauseEvidence;
  /** The expectations file's reason, when the cause is waived. */
  waived?: string;
}

export interface CauseEvidence {
  clause: string;
  test: string;
  resource?: string;
  message: string;
  request?: { method: string; url: string };
  status: number | null;
  bodyExcerpt?: string;
  curl?: string;
}

export type ResourceStatus = 'passed' | 'failed' | 'skipped';

export interface Coverage {
  /**
   * The clauses that apply to the run's operations (neither out of scope nor unselected) and how
   * many got a verdict of their own: passed, waived, or failed on their own evidence rather than on
   * a record setup could not make. The others each say why, in one line.
   */
  clauses: {
    applicable: number;
    ownVerdict: number;
    withoutVerdict: { clause: string; reason: string }[];
  };
  operations: {
    /** The operations the judged resources declare. */
    total: number;
    /** Those a clause sent a request to and gave a verdict on (passed or failed). */
    judged: number;
    /** The others, each with why no clause judged it (a skip's reason). */
    notJudged: { operation: string; reason: string }[];
  };
}

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
  /** The waived clause, or (for a waiver by cause) the cause id. */
  clause?: string;
  cause?: string;
  reason: string;
  expires?: string;
}

export interface ReportModel {
  tool: { name: string; version: string };
  target: { baseUrl: string; embedded: boolean };
  /** How deep the run judged (MVMNT_PROFILE): history and comparisons are kept per profile. */
  profile: Profile;
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
  /** The failing clauses' causes, ranked: what to fix first. */
  causes: Cause[];
  /** Which of the judged resources' operations a clause sent a request to and gave a verdict on. */
  coverage: Coverage;
  comparison: Comparison | null;
  waivers: { expired: WaiverNotice[]; nowPassing: WaiverNotice[] };
  history: HistoryEntry[];
  stats: RunStats | null;
  /**
   * Set when the run spent its request budget (MVMNT_MAX_REQUESTS): the tests skipped for it, and the
   * requests a full verdict would have taken, estimated from the requests per test of those that ran.
   */
  budget: { skippedTests: number; estimatedRequests: number } | null;
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
  /** Absent in lines of older runs, which were all full. */
  profile?: Profile;
  durationMs: number;
  seed: number | null;
}

export function failsRun(clause: Pick<ClauseResult, 'status' | 'level'>): boolean {
  return clause.status === 'failed' && clause.level !== 'MAY';
}
