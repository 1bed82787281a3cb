// Causes: the run's violations grouped by what one change on the target would fix, from what the
// checks recorded (the violation's kind, the clause, the response status; never the message text),
// with the rules of fixtures/contract/causes.json. Ranked MUST before SHOULD, then by how many failing
// clauses each explains.
import { CAUSES, clauseById, type CauseDefinition, type Level } from '../fixtures/load.ts';
import type { Cause, CauseEvidence, ClauseResult, FailureRecord } from './model.ts';
import { sampleExcerpt } from '../model/excerpt.ts';

/** A failure without checked violations: a record the suite needed could not be made. */
const SETUP_KIND = 'setup';
/** A failure without checked violations for any other reason (a thrown error, a property's own failure). */
const UNEXPLAINED_KIND = 'unexplained';

const LEVEL_ORDER: Record<Level, number> = { MUST: 0, SHOULD: 1, MAY: 2 };

interface Found {
  definition: CauseDefinition;
  clauses: Set<string>;
  failures: { clause: ClauseResult; failure: FailureRecord; received?: string }[];
}

/** The kinds a failure shows, each with what the check received. */
function kindsOf(failure: FailureRecord): { kind: string; received?: string }[] {
  if (failure.violations && failure.violations.length > 0) return failure.violations.map((violation) => ({ kind: violation.kind ?? UNEXPLAINED_KIND, received: violation.received }));
  if (failure.transportFailure) return [{ kind: 'no-response', received: failure.transportFailure }];
  return [{ kind: failure.setup ? SETUP_KIND : UNEXPLAINED_KIND, received: (failure.details ?? failure.message).split('\n')[0] }];
}

function statusMatches(status: number | null | undefined, wanted: string[] | undefined): boolean {
  if (wanted === undefined) return true;
  if (status === null || status === undefined) return wanted.includes('none');
  return wanted.some((entry) => (/^\dxx$/.test(entry) ? Math.floor(status / 100) === Number(entry[0]) : Number(entry) === status));
}

export function causeDefinitionFor(clause: { id: string; family: string }, kind: string, status: number | null | undefined): CauseDefinition | undefined {
  return CAUSES.find((definition) =>
    definition.match.some((rule) =>
      rule.kinds.includes(kind) &&
      (rule.families === undefined || rule.families.includes(clause.family)) &&
      (rule.clauses === undefined || rule.clauses.includes(clause.id)) &&
      statusMatches(status, rule.statuses),
    ),
  );
}

/** A violation no rule takes is a cause of its own, named after its clause. */
function ownCause(clause: ClauseResult, failure: FailureRecord): CauseDefinition {
  return {
    id: clause.id,
    title: `${clause.title}: ${failure.message.replace(/\.$/, '')}`,
    fix: clause.fix,
    observe: 'received',
    home: { clauses: [clause.id] },
    match: [],
  };
}

function isHome(definition: Pick<CauseDefinition, 'home'>, clause: { id: string; family: string }): boolean {
  return (definition.home.clauses ?? []).includes(clause.id) || (definition.home.families ?? []).includes(clause.family);
}

export interface CauseAnalysis {
  causes: Cause[];
  /** Each failing clause's causes, in rank order. */
  byClause: Map<string, string[]>;
}

/** Groups the violations of the given (failing) clauses into ranked causes. */
export function findCauses(failing: ClauseResult[], waivedCauses: ReadonlyMap<string, string> = new Map()): CauseAnalysis {
  const found = new Map<string, Found>();
  for (const clause of failing) {
    for (const failure of clause.failures) {
      const status = failure.response?.status ?? null;
      for (const { kind, received } of kindsOf(failure)) {
        const definition = causeDefinitionFor(clause, kind, status) ?? ownCause(clause, failure);
        let entry = found.get(definition.id);
        if (!entry) found.set(definition.id, (entry = { definition, clauses: new Set(), failures: [] }));
        entry.clauses.add(clause.id);
        // A failure counts once per cause, however many of its violations the cause takes.
        if (entry.failures.at(-1)?.failure !== failure) entry.failures.push({ clause, failure, received });
      }
    }
  }
  absorbConsequences(found);
  const causes = [...found.values()].map((entry) => toCause(entry, waivedCauses.get(entry.definition.id)));
  causes.sort(byRank);
  causes.forEach((cause, index) => (cause.rank = index + 1));
  // Walked in rank order, so each clause's causes are listed ranked.
  const byClause = new Map<string, string[]>();
  for (const cause of causes) for (const id of cause.clauses) byClause.set(id, [...(byClause.get(id) ?? []), cause.id]);
  return { causes, byClause };
}

/** A found cause takes in the causes it absorbs (their clauses then follow from it). */
function absorbConsequences(found: Map<string, Found>): void {
  for (const entry of found.values()) {
    for (const id of entry.definition.absorbs ?? []) {
      const absorbed = found.get(id);
      if (!absorbed) continue;
      for (const clause of absorbed.clauses) entry.clauses.add(clause);
      for (const failure of absorbed.failures) if (!entry.failures.some((own) => own.failure === failure.failure)) entry.failures.push(failure);
      found.delete(id);
    }
  }
}

function toCause(entry: Found, waived: string | undefined): Cause {
  const { definition } = entry;
  const clauses = [...entry.clauses];
  const level = clauses.map((id) => clauseById(id)!.level).sort((a, b) => LEVEL_ORDER[a] - LEVEL_ORDER[b])[0]!;
  // The evidence shown is a failure of a clause the cause breaks directly, where there is one.
  const shown = entry.failures.find(({ clause }) => isHome(definition, clause)) ?? entry.failures[0]!;
  const observed = observe(definition.observe, entry.failures);
  return {
    id: definition.id,
    rank: 0,
    title: definition.title,
    ...(observed ? { observed } : {}),
    fix: definition.fix,
    level,
    clauses,
    home: clauses.filter((id) => isHome(definition, clauseById(id)!)),
    exchanges: entry.failures.length,
    evidence: evidenceOf(shown.clause, shown.failure),
    ...(waived !== undefined ? { waived } : {}),
  };
}

function byRank(a: Cause, b: Cause): number {
  return (
    Number(a.waived !== undefined) - Number(b.waived !== undefined) ||
    LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
    b.clauses.length - a.clauses.length ||
    b.exchanges - a.exchanges ||
    a.id.localeCompare(b.id)
  );
}

function evidenceOf(clause: ClauseResult, failure: FailureRecord): CauseEvidence {
  return {
    clause: clause.id,
    test: failure.test,
    ...(failure.resource ? { resource: failure.resource } : {}),
    message: failure.message,
    ...(failure.request ? { request: { method: failure.request.method, url: failure.request.url } } : {}),
    status: failure.response?.status ?? null,
    ...(failure.response ? { bodyExcerpt: sampleExcerpt(failure.response.bodyExcerpt) } : {}),
    ...(failure.curl ? { curl: failure.curl } : {}),
  };
}

/** What the target did, in its own terms: the shapes of its bodies, its statuses, or what the check received. */
function observe(what: CauseDefinition['observe'], failures: Found['failures']): string | undefined {
  const counted = (values: string[]) => {
    const counts = new Map<string, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
  };
  if (what === 'status') {
    const statuses = counted(failures.map(({ failure }) => (failure.response ? String(failure.response.status) : 'no answer')));
    return `answered ${statuses.slice(0, 4).map(([status, n]) => `${status} (${n}×)`).join(', ')}`;
  }
  if (what === 'shape') {
    const shapes = counted(failures.flatMap(({ failure }) => shapeOfBody(failure.response?.bodyExcerpt) ?? []));
    if (shapes.length === 0) return undefined;
    return `they are ${shapes.slice(0, 2).map(([shape, n]) => `${shape} (${n}×)`).join(', or ')}`;
  }
  return failures.find(({ received }) => received)?.received;
}

function shapeOfBody(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    return shapeOf(JSON.parse(body), 2);
  } catch {
    return undefined;
  }
}

/** A JSON value's shape: {"error": <string>, "message": <string>}, nested objects to `depth`. */
export function shapeOf(value: unknown, depth: number): string {
  if (value === null) return '<null>';
  if (Array.isArray(value)) return value.length === 0 || depth === 0 ? '<array>' : `[${shapeOf(value[0], depth - 1)}, ...]`;
  if (typeof value !== 'object') return `<${typeof value}>`;
  if (depth === 0) return '<object>';
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}: ${shapeOf(inner, depth - 1)}`).join(', ')}}`;
}

/**
 * The first `count` causes that need fixing, and how many failing clauses follow from them alone (a
 * clause whose other causes are waived follows from them too: once they are fixed, it is waived).
 */
export function leadingCauses(causes: Cause[], clauses: ClauseResult[], count: number): { shown: Cause[]; explained: number; failing: number; waived: number } {
  const waived = causes.filter((cause) => cause.waived !== undefined);
  const shown = causes.filter((cause) => cause.waived === undefined).slice(0, count);
  const covered = new Set([...shown, ...waived].map((cause) => cause.id));
  const failing = clauses.filter((clause) => clause.status === 'failed');
  const explained = failing.filter((clause) => (clause.causes ?? []).length > 0 && clause.causes!.every((id) => covered.has(id))).length;
  return { shown, explained, failing: failing.length, waived: waived.length };
}

/** How many causes the first screen of every report leads with. */
export const LEADING_CAUSES = 5;

/** "Fix these 3 causes: 38 of 42 failing clauses follow from them." */
export function causesHeadline({ shown, explained, failing, waived }: ReturnType<typeof leadingCauses>): string {
  if (failing === 0) return waived > 0 ? 'No clause fails outside the waived causes.' : 'Nothing to fix: no clause fails.';
  const these = shown.length === 1 ? 'this cause' : `these ${shown.length} causes`;
  const them = shown.length === 1 ? 'it' : 'them';
  const count = explained === failing ? `all ${failing} failing ${failing === 1 ? 'clause follows' : 'clauses follow'}` : `${explained} of ${failing} failing clauses follow`;
  return `Fix ${these}: ${count} from ${them}.`;
}

/** The cause in the target's terms: what is wrong, then what the target did. */
export function causeStatement(cause: Pick<Cause, 'title' | 'observed'>): string {
  return cause.observed ? `${cause.title}: ${cause.observed}` : cause.title;
}
