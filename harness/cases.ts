// Table rows for test.for with readable names: vitest quotes strings it interpolates from `$field`,
// so each row carries its finished title and tests are declared with the '%s' template. A clause's
// table on a resource is its rows where the clause applies there, else one row that skips saying why.
import { notApplicable } from './applicability.ts';
import { clauseById } from './registry.ts';
import type { ResourceRequests } from './resource.ts';
import type { Session } from './session.ts';
import { workerSession } from './worker.ts';

export type Case<Row> = [title: string, row: Row];

export function cases<Row>(rows: readonly Row[], title: (row: Row) => string): Case<Row>[] {
  return rows.map((row) => [title(row), row]);
}

/** Skip rows of each session (a run), by resource and title: the test fixture skips them before their body runs. */
const skipRowsOf = new WeakMap<Session, Map<string, string>>();

function skipRows(session: Session): Map<string, string> {
  let rows = skipRowsOf.get(session);
  if (!rows) skipRowsOf.set(session, (rows = new Map()));
  return rows;
}

/**
 * The clause's rows on the resource, each titled "<clause>: …"; where the clause cannot apply there
 * (applicability.ts), one row titled after the clause that skips with the reason instead.
 */
export function casesOn<Row>(clause: string, resource: ResourceRequests, table: readonly Row[], title: (row: Row) => string): Case<Row>[] {
  const session = workerSession();
  const why = notApplicable(clause, resource.fixture, { known: new Set(session.known.keys()), unavailable: (fixture) => session.references.unavailable(fixture) });
  if (why === undefined) {
    if (table.length === 0) throw new Error(`${clause} applies to ${resource.fixture.name} but its table there has no row`);
    return table.map((row) => [`${clause}: ${title(row)}`, row]);
  }
  const skipTitle = `${clause}: ${clauseById(clause)!.title}, on ${resource.fixture.name}`;
  // One skip row says it for the clause on this resource, however many of its tables the suites declare.
  const rows = skipRows(session);
  if (rows.has(rowKey(resource.fixture.name, skipTitle))) return [];
  rows.set(rowKey(resource.fixture.name, skipTitle), why);
  // The row's value is never read: the test skips before its body runs.
  return [[skipTitle, undefined as Row]];
}

/** Why this test of the resource's block is a skip row, or undefined for a row to run. */
export function skipRowReason(resource: string, testName: string): string | undefined {
  return skipRows(workerSession()).get(rowKey(resource, testName));
}

const rowKey = (resource: string, title: string) => `${resource}\n${title}`;
