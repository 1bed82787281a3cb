// Builds the report model from collected test results: one row per registry clause, tests
// aggregated under their clause id (and per resource), waivers applied, compared with the previous
// run of the target.
import { CLAUSES, type Clause } from '../fixtures/load.ts';
import { findCauses } from './causes.ts';
import type { Expectations, Waiver } from './expectations.ts';
import { SETUP_UNJUDGED, type Evidence, type ExchangeSample } from '../model/evidence.ts';
import { BUDGET_SPENT } from '../model/run.ts';
import {
  failsRun,
  type ClauseOnResource,
  type ClauseResult,
  type Comparison,
  type Coverage,
  type FailureRecord,
  type HistoryEntry,
  type ReportModel,
  type RunStats,
  type TestRecord,
} from './model.ts';

export interface CollectedTest {
  fullName: string;
  clause?: string;
  resource?: string;
  operation?: string;
  state: TestRecord['state'];
  durationMs: number;
  note?: string;
  evidence?: Evidence[];
  checked?: ExchangeSample[];
  /** Error messages of a failed test, for failures without structured evidence. */
  errors: string[];
  /** The test failed before it could judge: setup could not build what the clause needs. */
  setupFailed?: boolean;
  /** Skipped because its clause does not apply (to this operation, resource or run), not because of the target. */
  inapplicable?: boolean;
}

export interface ModelInput {
  tool: ReportModel['tool'];
  target: ReportModel['target'];
  profile: ReportModel['profile'];
  /** The resources judged (their union, for merged shards). */
  resources: string[];
  /** The operations those resources declare. */
  operations: string[];
  runId: string;
  startedAt: string;
  durationMs: number;
  seed: number | null;
  interrupted: boolean;
  tests: CollectedTest[];
  unhandledErrors: string[];
  stats: RunStats | null;
  expectations: Expectations | null;
  history: HistoryEntry[];
  /** For waiver expiry; defaults to now. */
  today?: Date;
}

const HISTORY_SHOWN = 30;

export function historyTarget(target: ReportModel['target']): string {
  return target.embedded ? 'embedded' : target.baseUrl;
}

export function buildReportModel(input: ModelInput): ReportModel {
  const byClause = new Map<string, CollectedTest[]>();
  for (const test of input.tests) {
    if (test.clause) byClause.set(test.clause, [...(byClause.get(test.clause) ?? []), test]);
  }
  const today = (input.today ?? new Date()).toISOString().slice(0, 10);
  const expired: ReportModel['waivers']['expired'] = [];
  const nowPassing: ReportModel['waivers']['nowPassing'] = [];

  const isExpired = (waiver: Waiver) => waiver.expires !== undefined && waiver.expires < today;
  const judged = CLAUSES.map((clause): ClauseResult => {
    const result = judge(clause, byClause.get(clause.id) ?? [], input.interrupted);
    const waiver = input.expectations?.waivers.find((w) => w.clause === clause.id);
    if (!waiver) return result;
    if (result.status === 'failed' && !isExpired(waiver)) return { ...result, status: 'waived', note: `waived: ${waiver.reason}` };
    if (result.status === 'failed' && isExpired(waiver)) {
      expired.push(waiver);
      return { ...result, note: `the waiver expired on ${waiver.expires}` };
    }
    if (result.status === 'passed') nowPassing.push(waiver);
    return result;
  });

  // Causes of what still fails; a clause that fails only from waived causes is waived with them.
  const causeWaivers = (input.expectations?.waivers ?? []).filter((waiver) => waiver.cause !== undefined);
  const activeCauseWaivers = new Map(causeWaivers.filter((waiver) => !isExpired(waiver)).map((waiver) => [waiver.cause!, waiver.reason]));
  const { causes, byClause: causesOf } = findCauses(judged.filter((clause) => clause.status === 'failed'), activeCauseWaivers);
  const present = new Set(causes.map((cause) => cause.id));
  for (const waiver of causeWaivers) {
    if (!present.has(waiver.cause!)) nowPassing.push(waiver);
    else if (isExpired(waiver)) expired.push(waiver);
  }
  const causeById = new Map(causes.map((cause) => [cause.id, cause]));
  const clauses = judged.map((clause): ClauseResult => {
    const ids = causesOf.get(clause.id);
    if (clause.status !== 'failed' || !ids) return clause;
    const direct = ids.some((id) => causeById.get(id)!.home.includes(clause.id));
    const withCauses = { ...clause, causes: ids, ...(direct ? {} : { followsFrom: ids }) };
    const waivedBy = ids.map((id) => activeCauseWaivers.get(id));
    if (waivedBy.every((reason) => reason !== undefined)) return { ...withCauses, status: 'waived', note: `waived with its cause${ids.length > 1 ? 's' : ''} ${ids.join(', ')}: ${[...new Set(waivedBy)].join('; ')}` };
    return withCauses;
  });

  const count = (status: ClauseResult['status']) => clauses.filter((clause) => clause.status === status).length;
  const summary = { passed: count('passed'), failed: count('failed'), skipped: count('skipped'), waived: count('waived') };
  const verdict = clauses.some(failsRun) || input.unhandledErrors.length > 0 ? 'fail' : 'pass';
  const key = historyTarget(input.target);
  // A gate run is compared with gate runs: a case only the full profile sends must not read as fixed.
  const sameTarget = input.history.filter((entry) => entry.target === key && (entry.profile ?? 'full') === input.profile && entry.runId !== input.runId);
  return {
    tool: input.tool,
    target: input.target,
    profile: input.profile,
    resources: input.resources,
    runId: input.runId,
    startedAt: input.startedAt,
    durationMs: input.durationMs,
    seed: input.seed,
    verdict,
    interrupted: input.interrupted,
    summary,
    clauses,
    causes,
    coverage: { clauses: verdictsOf(clauses, input.tests), operations: operationsCoverage(input.operations, input.tests) },
    comparison: compare(clauses, sameTarget.at(-1)),
    waivers: { expired, nowPassing },
    history: sameTarget.slice(-HISTORY_SHOWN),
    stats: input.stats,
    budget: budgetOf(input.tests, input.stats),
    unhandledErrors: input.unhandledErrors,
  };
}

function judge(clause: Clause, tests: CollectedTest[], interrupted: boolean): ClauseResult {
  const records: TestRecord[] = tests.map((test) => ({ name: test.fullName, ...(test.resource ? { resource: test.resource } : {}), ...(test.operation ? { operation: test.operation } : {}), state: test.state, durationMs: test.durationMs, note: test.note, ...(test.checked ? { checked: test.checked } : {}) }));
  const byResource = new Map<string, CollectedTest[]>();
  for (const test of tests) if (test.resource) byResource.set(test.resource, [...(byResource.get(test.resource) ?? []), test]);
  const resources = Object.fromEntries([...byResource].sort(([a], [b]) => a.localeCompare(b)).map(([resource, group]) => [resource, outcomeOf(group)]));
  const base = { ...clause, tests: records, failures: [] as FailureRecord[], resources };
  const failed = tests.filter((test) => test.state === 'failed');
  if (failed.length > 0) return { ...base, status: 'failed', failures: failed.flatMap(failureRecords) };
  if (tests.some((test) => test.state === 'passed')) return { ...base, status: 'passed' };
  const note = tests.find((test) => test.note)?.note ?? (interrupted ? 'the run was interrupted before this clause ran' : 'not selected in this run');
  return { ...base, status: 'skipped', note };
}

/** A group of tests' outcome: failed if one failed, passed if one passed, else skipped. */
function outcomeOf(tests: CollectedTest[]): 'passed' | 'failed' | 'skipped' {
  if (tests.some((test) => test.state === 'failed')) return 'failed';
  return tests.some((test) => test.state === 'passed') ? 'passed' : 'skipped';
}

function failureRecords(test: CollectedTest): FailureRecord[] {
  if (test.evidence && test.evidence.length > 0) {
    return test.evidence.map((evidence) => ({
      message: evidence.violations[0]?.message ?? evidence.transportFailure ?? 'the check failed',
      test: test.fullName,
      ...(evidence.resource ?? test.resource ? { resource: evidence.resource ?? test.resource } : {}),
      violations: evidence.violations,
      fix: evidence.fix,
      curl: evidence.curl,
      request: evidence.request,
      response: evidence.response,
      transportFailure: evidence.transportFailure,
      counterexample: evidence.counterexample,
      seed: evidence.seed,
      replay: evidence.replay,
    }));
  }
  const details = test.errors.join('\n\n') || 'the test failed without an error message';
  return [{ message: details.split('\n')[0], test: test.fullName, ...(test.resource ? { resource: test.resource } : {}), details, ...(test.setupFailed ? { setup: true } : {}) }];
}

function budgetOf(tests: CollectedTest[], stats: ReportModel['stats']): ReportModel['budget'] {
  const skippedTests = tests.filter((test) => test.state === 'skipped' && test.note?.startsWith(BUDGET_SPENT)).length;
  const ran = tests.filter((test) => test.state === 'passed' || test.state === 'failed').length;
  if (skippedTests === 0 || stats === null) return null;
  return { skippedTests, estimatedRequests: Math.round((stats.requests * (ran + skippedTests)) / Math.max(ran, 1)) };
}

/** Which applicable clauses got a verdict of their own, and why each other one did not. */
function verdictsOf(clauses: ClauseResult[], tests: CollectedTest[]): Coverage['clauses'] {
  const inapplicable = new Set(clauses.filter((clause) => clause.status === 'skipped').map((clause) => clause.id));
  // A clause applies when one of its tests ran, or was skipped for a reason about the target.
  for (const test of tests) if (test.clause && !test.inapplicable && (test.state !== 'skipped' || test.note)) inapplicable.delete(test.clause);
  const applicable = clauses.filter((clause) => !inapplicable.has(clause.id));
  const withoutVerdict = applicable.flatMap((clause) => {
    if (clause.status === 'passed' || clause.status === 'waived') return [];
    if (clause.status === 'failed') {
      if (clause.failures.some((failure) => !failure.setup)) return [];
      const { message } = clause.failures[0]!;
      return [{ clause: clause.id, reason: message.endsWith(SETUP_UNJUDGED) ? message.slice(0, -SETUP_UNJUDGED.length) : message }];
    }
    const note = tests.find((test) => test.clause === clause.id && test.note && !test.inapplicable)?.note ?? clause.note ?? 'it did not run';
    return [{ clause: clause.id, reason: note }];
  });
  return { applicable: applicable.length, ownVerdict: applicable.length - withoutVerdict.length, withoutVerdict };
}

/** An operation is judged when a test sent it a request and passed or failed; the others say why (their tests' skip reasons). */
function operationsCoverage(operations: string[], tests: CollectedTest[]): Coverage['operations'] {
  const declared = [...new Set(operations)];
  const judged = new Set(tests.filter((test) => test.operation && (test.state === 'passed' || test.state === 'failed')).map((test) => test.operation));
  const notJudged = declared
    .filter((operation) => !judged.has(operation))
    .map((operation) => {
      const reasons = tests.filter((test) => test.operation === operation && test.note).map((test) => test.note!);
      const counted = [...new Set(reasons)].map((reason) => ({ reason, count: reasons.filter((candidate) => candidate === reason).length })).sort((a, b) => b.count - a.count);
      return { operation, reason: counted[0]?.reason ?? 'no clause of this run sent it a request (its families were not selected)' };
    });
  return { total: declared.length, judged: declared.length - notJudged.length, notJudged };
}

function compare(clauses: ClauseResult[], previous: HistoryEntry | undefined): Comparison | null {
  if (!previous) return null;
  const failedBefore = new Set(previous.failed);
  const failedOnBefore = new Set(previous.failedOn ?? []);
  const judgedBefore = new Set(previous.resources ?? []);
  const on = (wanted: 'passed' | 'failed') =>
    clauses.flatMap((clause) =>
      Object.entries(clause.resources)
        .filter(([resource, status]) => status === wanted && judgedBefore.has(resource) && failedOnBefore.has(onKey({ clause: clause.id, resource })) === (wanted === 'passed'))
        .map(([resource]): ClauseOnResource => ({ clause: clause.id, resource })),
    );
  return {
    previousStartedAt: previous.startedAt,
    newlyFailing: clauses.filter((c) => c.status === 'failed' && !failedBefore.has(c.id)).map((c) => c.id),
    newlyPassing: clauses.filter((c) => c.status === 'passed' && failedBefore.has(c.id)).map((c) => c.id),
    newlyFailingOn: on('failed'),
    newlyPassingOn: on('passed'),
  };
}

function onKey({ clause, resource }: ClauseOnResource): string {
  return `${clause} ${resource}`;
}

export function historyEntry(model: ReportModel): HistoryEntry {
  return {
    runId: model.runId,
    startedAt: model.startedAt,
    target: historyTarget(model.target),
    verdict: model.verdict,
    counts: model.summary,
    failed: model.clauses.filter((clause) => clause.status === 'failed').map((clause) => clause.id),
    failedOn: model.clauses.flatMap((clause) => Object.entries(clause.resources).filter(([, status]) => status === 'failed').map(([resource]) => onKey({ clause: clause.id, resource }))),
    resources: model.resources,
    profile: model.profile,
    durationMs: model.durationMs,
    seed: model.seed,
  };
}

/** Counts per family (or level): the tables of the Markdown and HTML reports. */
export function tally<K extends string>(clauses: ClauseResult[], keyOf: (clause: ClauseResult) => K, keys: readonly K[]) {
  return keys.map((key) => {
    const group = clauses.filter((clause) => keyOf(clause) === key);
    const of = (status: ClauseResult['status']) => group.filter((clause) => clause.status === status).length;
    return { key, total: group.length, passed: of('passed'), failed: of('failed'), skipped: of('skipped'), waived: of('waived') };
  });
}

