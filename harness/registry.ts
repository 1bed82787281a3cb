// The clause registry as the harness uses it (read by the fixtures' loader), and how --only/--skip
// selectors map to its clauses.
import { CLAUSES } from '../fixtures/load.ts';

export { CLAUSES, CLAUSE_ID_PATTERN, FAMILIES, clauseById, clauseOfTestName, type Clause, type Family, type Level } from '../fixtures/load.ts';

/** Resolves --only/--skip selectors (family names or clause ids) to clause ids. */
export function selectClauses(selectors: string[]): { ids: string[]; unknown: string[] } {
  const ids = new Set<string>();
  const unknown: string[] = [];
  for (const selector of selectors.map((s) => s.trim()).filter(Boolean)) {
    const matches = CLAUSES.filter((clause) => clause.family === selector || clause.id === selector.toUpperCase());
    if (matches.length === 0) unknown.push(selector);
    for (const clause of matches) ids.add(clause.id);
  }
  return { ids: [...ids], unknown };
}
