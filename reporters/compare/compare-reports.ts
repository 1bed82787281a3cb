// Two conformance reports side by side: the clauses both judged on the resources both judged, where
// they differ (with the same request's exchange from each), the causes only one shows, and what was
// left out because only one report has it. Waived counts as failed: a waiver changes the verdict, not
// what the target did. A clause skipped in one report was not judged there, so it is left out.
import { historyTarget } from '../build-model.ts';
import type { Cause, ClauseResult, ReportModel } from '../model.ts';
import { SAMPLED_HEADERS, type ExchangeSample } from '../../model/evidence.ts';
import { sampleExcerpt } from '../../model/excerpt.ts';
import { KEY_PREFIX } from '../../model/run.ts';

type Judged = 'passed' | 'failed';

export interface Side {
  /** "A" or "B", with the file it came from. */
  label: string;
  file: string;
  target: string;
  embedded: boolean;
  version: string;
  startedAt: string;
  resources: string[];
}

export interface ClauseDifference {
  id: string;
  title: string;
  level: string;
  a: { status: string; failsOn: string[] };
  b: { status: string; failsOn: string[] };
  /** In a same-target comparison (A earlier than B, or the other way): newly failing or newly passing; else which side fails. */
  change: 'newly failing' | 'newly passing' | 'fails on A only' | 'fails on B only';
  /** The same request on both sides, where the reports recorded it. */
  test?: string;
  exchanges: { a?: ExchangeSample; b?: ExchangeSample };
}

export interface ReportComparison {
  a: Side;
  b: Side;
  /** Same target: the comparison reads as a history (earlier → later). */
  sameTarget: boolean;
  /** For a same-target comparison: which side is the later run. */
  later: 'a' | 'b';
  sharedClauses: number;
  sharedResources: string[];
  differences: ClauseDifference[];
  causes: { onlyA: Cause[]; onlyB: Cause[] };
  leftOut: {
    clausesOnlyIn: { a: string[]; b: string[] };
    resourcesOnlyIn: { a: string[]; b: string[] };
    /** Clauses judged in one report and skipped in the other. */
    judgedInOneOnly: string[];
    versions?: string;
  };
  agree: boolean;
}

function sideOf(label: string, file: string, report: ReportModel): Side {
  return {
    label,
    file,
    target: report.target.baseUrl,
    embedded: report.target.embedded === true,
    version: report.tool.version,
    startedAt: report.startedAt,
    resources: report.resources ?? [],
  };
}

/** The clause's outcome on the shared resources (API-wide clauses, judged on no resource, as they are). */
function judgedOn(clause: ClauseResult, shared: Set<string>): { judged: Judged | 'skipped'; failsOn: string[] } {
  const entries = Object.entries(clause.resources ?? {});
  const overall = clause.status === 'waived' ? 'failed' : clause.status;
  if (entries.length === 0) return { judged: overall, failsOn: [] };
  const onShared = entries.filter(([resource]) => shared.has(resource));
  const failsOn = onShared.filter(([, status]) => status === 'failed').map(([resource]) => resource);
  if (failsOn.length > 0) return { judged: 'failed', failsOn };
  return { judged: onShared.some(([, status]) => status === 'passed') ? 'passed' : 'skipped', failsOn };
}

export function compareReports(a: ReportModel, b: ReportModel, files: { a: string; b: string }): ReportComparison {
  const resourcesA = new Set(a.resources ?? []);
  const resourcesB = new Set(b.resources ?? []);
  const shared = new Set([...resourcesA].filter((resource) => resourcesB.has(resource)));
  const clausesB = new Map(b.clauses.map((clause) => [clause.id, clause]));
  const idsA = new Set(a.clauses.map((clause) => clause.id));
  const sameTarget = historyTarget(a.target) === historyTarget(b.target);
  const later = a.startedAt > b.startedAt ? 'a' : 'b';

  const differences: ClauseDifference[] = [];
  const judgedInOneOnly: string[] = [];
  let sharedClauses = 0;
  for (const clauseA of a.clauses) {
    const clauseB = clausesB.get(clauseA.id);
    if (!clauseB) continue;
    sharedClauses += 1;
    const onA = judgedOn(clauseA, shared);
    const onB = judgedOn(clauseB, shared);
    if (onA.judged === 'skipped' || onB.judged === 'skipped') {
      if (onA.judged !== onB.judged) judgedInOneOnly.push(clauseA.id);
      continue;
    }
    if (onA.judged === onB.judged) continue;
    const failsOnLater = (later === 'a' ? onA : onB).judged === 'failed';
    const change = sameTarget ? (failsOnLater ? 'newly failing' : 'newly passing') : onA.judged === 'failed' ? 'fails on A only' : 'fails on B only';
    const [failing, passing] = onA.judged === 'failed' ? [{ clause: clauseA, report: a }, { clause: clauseB, report: b }] : [{ clause: clauseB, report: b }, { clause: clauseA, report: a }];
    const pair = sameRequest(failing, passing, shared);
    differences.push({
      id: clauseA.id,
      title: clauseA.title,
      level: clauseA.level,
      a: { status: clauseA.status, failsOn: onA.failsOn },
      b: { status: clauseB.status, failsOn: onB.failsOn },
      change,
      ...(pair.test ? { test: pair.test } : {}),
      exchanges: onA.judged === 'failed' ? { a: pair.failing, b: pair.passing } : { a: pair.passing, b: pair.failing },
    });
  }

  const causeIds = (report: ReportModel) => new Set((report.causes ?? []).map((cause) => cause.id));
  const causesA = causeIds(a);
  const causesB = causeIds(b);
  const versions = a.tool.version === b.tool.version ? undefined : `A was written by ${a.tool.name} ${a.tool.version}, B by ${b.tool.name} ${b.tool.version}: clauses are compared by id`;
  return {
    a: sideOf('A', files.a, a),
    b: sideOf('B', files.b, b),
    sameTarget,
    later,
    sharedClauses,
    sharedResources: [...shared].sort(),
    differences,
    causes: {
      onlyA: (a.causes ?? []).filter((cause) => !causesB.has(cause.id)),
      onlyB: (b.causes ?? []).filter((cause) => !causesA.has(cause.id)),
    },
    leftOut: {
      clausesOnlyIn: { a: a.clauses.filter((clause) => !clausesB.has(clause.id)).map((clause) => clause.id), b: b.clauses.filter((clause) => !idsA.has(clause.id)).map((clause) => clause.id) },
      resourcesOnlyIn: { a: [...resourcesA].filter((resource) => !resourcesB.has(resource)), b: [...resourcesB].filter((resource) => !resourcesA.has(resource)) },
      judgedInOneOnly,
      ...(versions ? { versions } : {}),
    },
    agree: differences.length === 0,
  };
}

interface Judging {
  clause: ClauseResult;
  report: ReportModel;
}

/**
 * The failing side's first failing test on a shared resource with the exchange it failed on, and the
 * other side's exchange of the same request in the same test: at the same step where that step is the
 * same request, else the first of its exchanges that is. None where the other side did not record it
 * (a report keeps a test's first few exchanges, and one case of a property).
 */
function sameRequest(failing: Judging, passing: Judging, shared: Set<string>): { test?: string; failing?: ExchangeSample; passing?: ExchangeSample } {
  const onShared = (resource: string | undefined) => resource === undefined || shared.has(resource);
  const failedTest = failing.clause.tests.find((test) => test.state === 'failed' && onShared(test.resource));
  if (!failedTest) return {};
  const failed = failureSample(failing.clause, failedTest.name) ?? failedTest.checked?.at(-1);
  if (!failed) return { test: failedTest.name };
  const shapeOfFailed = requestShape(failed, failing.report);
  const twin = passing.clause.tests.find((test) => test.name === failedTest.name)?.checked ?? [];
  const step = failedTest.checked?.findIndex((sample) => sample.method === failed.method && sample.path === failed.path) ?? -1;
  const same = (sample: ExchangeSample | undefined) => sample !== undefined && requestShape(sample, passing.report) === shapeOfFailed;
  return { test: failedTest.name, failing: failed, passing: same(twin[step]) ? twin[step] : twin.find(same) };
}

const UUID_SEGMENT = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=[/?]|$)/gi;
const RUN_KEY = new RegExp(`${KEY_PREFIX}[^/?&]+`, 'g');

/** A request as two runs both send it: past the target's base path, with the ids and keys each run made itself left out. */
function requestShape(sample: ExchangeSample, report: ReportModel): string {
  const basePath = URL.canParse(report.target.baseUrl) ? new URL(report.target.baseUrl).pathname.replace(/\/$/, '') : '';
  const path = sample.path.startsWith(basePath) ? sample.path.slice(basePath.length) : sample.path;
  return `${sample.method} ${path.replace(UUID_SEGMENT, '/:id').replace(RUN_KEY, ':key')}`;
}

/** The failure's own request and response, in brief. */
function failureSample(clause: ClauseResult, test: string): ExchangeSample | undefined {
  const failure = clause.failures.find((candidate) => candidate.test === test);
  if (!failure?.request || !URL.canParse(failure.request.url)) return undefined;
  const url = new URL(failure.request.url);
  const headers = failure.response?.headers ?? {};
  return {
    method: failure.request.method,
    path: `${url.pathname}${url.search}`,
    status: failure.response?.status ?? null,
    headers: Object.fromEntries(SAMPLED_HEADERS.filter((name) => headers[name] !== undefined).map((name) => [name, headers[name]!])),
    bodyExcerpt: failure.response ? sampleExcerpt(failure.response.bodyExcerpt) : `no response (${failure.transportFailure ?? 'unknown'})`,
  };
}
