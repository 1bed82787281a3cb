// Table rows for test.for with readable names: vitest quotes strings it interpolates from `$field`,
// so each row carries its finished title and tests are declared with the '%s' template. A clause's
// table on a resource has rows for each operation in the clause's scope where the clause applies, and
// one row per operation where it does not, which skips saying why (applicability.ts).
import { inScope, notApplicable, OPERATION_CLAUSES, outOfScope, type ApplicabilityContext } from './applicability.ts';
import { perSession } from './per-session.ts';
import { clauseById } from './registry.ts';
import type { OperationRequests, ResourceRequests } from './resource.ts';
import type { Session } from './session.ts';
import { workerSession } from './worker.ts';

export type Case<Row> = [title: string, row: Row];

export function cases<Row>(rows: readonly Row[], title: (row: Row) => string): Case<Row>[] {
  return rows.map((row) => [title(row), row]);
}

interface SkipRow {
  reason: string;
  /** The operation it would have judged, as reports name it. */
  operation?: string;
}

/** Skip rows of each session (a run), by resource and title: the test fixture skips them before their body runs. */
const skipRows = perSession(() => new Map<string, SkipRow>());

function applicabilityContext(session: Session): ApplicabilityContext {
  return {
    known: new Set(session.known.keys()),
    unavailable: (fixture) => session.references.unavailable(fixture),
    // An operation's body names records of any resource, its own included (a batch of bills): no record is on the way.
    missing: (owner, references) => session.references.missing(owner, references, []),
  };
}

/** Under the gate profile, the clause × operation pairs of each session that a table already judges, and how many of each clause. */
const gateJudged = perSession(() => ({ pairs: new Set<string>(), perClause: new Map<string, number>() }));

export interface TableOptions<Row> {
  /**
   * What kind of case a row is (a field rule's constraint kind): the gate profile sends the first row
   * of each kind, where one row of the table could not stand for the others. Default: one kind.
   */
  kindOf?: (row: Row) => string;
}

/** Rows that break a field, of a kind each: a validator tends to miss a constraint kind (formats, types), not one field of it. */
export const byConstraintKind: TableOptions<{ breaker: { kind: string } }> = { kindOf: ({ breaker }) => breaker.kind };

/**
 * The rows the run sends of one table on one operation. The full profile sends them all; the gate
 * profile gives each clause × operation its verdict on few cases: one row of each kind of the first
 * table declared for it, and no row of the clause's later tables there. The row taken turns with each
 * operation the clause is judged on (the first operation takes the first row, the likeliest to break):
 * a bug of the whole server is met by every row somewhere in the run.
 */
function rowsToRun<Row>(session: Session, clause: string, resource: ResourceRequests, operation: OperationRequests, rows: readonly Row[], { kindOf = () => '' }: TableOptions<Row>): readonly Row[] {
  if (session.context.settings.profile === 'full') return rows;
  const judged = gateJudged(session);
  const pair = `${resource.fixture.name}\n${clause}\n${operation.label}`;
  if (judged.pairs.has(pair)) return [];
  judged.pairs.add(pair);
  const turn = judged.perClause.get(clause) ?? 0;
  judged.perClause.set(clause, turn + 1);
  const kinds = new Map<string, Row[]>();
  for (const row of rows) {
    const kind = kindOf(row);
    if (kinds.has(kind)) kinds.get(kind)!.push(row);
    else kinds.set(kind, [row]);
  }
  return [...kinds.values()].map((group) => group[turn % group.length]!);
}

/**
 * The clause's table on a resource: for each operation in the clause's scope, the rows `rowsOf` makes
 * (titled "<clause>: …"; under the gate profile, see rowsToRun), or, where the clause cannot apply to
 * it, one row that skips with the reason.
 */
export function casesOn<Row>(clause: string, resource: ResourceRequests, rowsOf: (operation: OperationRequests) => readonly Row[], title: (row: Row, operation: OperationRequests) => string, options: TableOptions<Row> = {}): Case<Row>[] {
  const session = workerSession();
  const context = applicabilityContext(session);
  return resource.operations
    .filter((operation) => inScope(clause, operation, resource.fixture))
    .flatMap((operation) => {
      const why = notApplicable(clause, operation, resource.fixture, context);
      if (why !== undefined) return skipRow<Row>(session, clause, resource, why, operation);
      const rows = rowsOf(operation);
      if (rows.length === 0) throw new Error(`${clause} applies to ${operation.label} but its table there has no row`);
      return rowsToRun(session, clause, resource, operation, rows, options).map((row): Case<Row> => [`${clause}: ${title(row, operation)}`, row]);
    });
}

/** A clause judged once per resource (over every response to it, say): its rows, or one skip row with the reason. */
export function casesOnResource<Row>(clause: string, resource: ResourceRequests, rows: readonly Row[], title: (row: Row) => string): Case<Row>[] {
  const session = workerSession();
  const why = notApplicable(clause, undefined, resource.fixture, applicabilityContext(session));
  if (why !== undefined) return skipRow<Row>(session, clause, resource, why);
  return rows.map((row) => [`${clause}: ${title(row)}`, row]);
}

function skipRow<Row>(session: Session, clause: string, resource: ResourceRequests, reason: string, operation?: OperationRequests): Case<Row>[] {
  const title = `${clause}: ${clauseById(clause)!.title}, on ${operation?.label ?? resource.fixture.name}`;
  // One skip row says it for the clause on this operation, however many of its tables the suites declare.
  const rows = skipRows(session);
  if (rows.has(rowKey(resource.fixture.name, title))) return [];
  rows.set(rowKey(resource.fixture.name, title), { reason, ...(operation ? { operation: operation.label } : {}) });
  // The row's value is never read: the test skips before its body runs.
  return [[title, undefined as Row]];
}

/** Why this test of the resource's block is a skip row (and the operation it would have judged), or undefined for a row to run. */
export function skipRowOf(resource: string, testName: string): SkipRow | undefined {
  return skipRows(workerSession()).get(rowKey(resource, testName));
}

const rowKey = (resource: string, title: string) => `${resource}\n${title}`;

/** The clauses judged on operations that none of the run's resources has, each with why. */
export function clausesOutOfScope(): { clause: string; reason: string }[] {
  const { judged } = workerSession();
  return [...OPERATION_CLAUSES].flatMap((clause) => {
    const reason = outOfScope(clause, judged);
    return reason === undefined ? [] : [{ clause, reason }];
  });
}
