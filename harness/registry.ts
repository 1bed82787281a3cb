// The clause registry (fixtures/contract/clauses.json): the one source of clause ids, families and levels.
import registry from '../fixtures/contract/clauses.json' with { type: 'json' };

export const FAMILIES = [
  'malformed', 'auth', 'not-found', 'duplicate-key', 'validation', 'rate-limit',
  'success', 'headers', 'envelope', 'server-error', 'robustness', 'security',
] as const;
export type Family = (typeof FAMILIES)[number];
export type Level = 'MUST' | 'SHOULD' | 'MAY';

export interface Clause {
  id: string;
  family: Family;
  level: Level;
  title: string;
  rule: string;
  source: string;
  accepts?: string;
  fix: string;
}

export const CLAUSES: readonly Clause[] = registry.clauses as Clause[];
const BY_ID = new Map(CLAUSES.map((clause) => [clause.id, clause]));

export const CLAUSE_ID_PATTERN = /^ERR-[A-Z0-9]+(?:-[A-Z0-9]+)+/;

export function clauseById(id: string): Clause | undefined {
  return BY_ID.get(id);
}

/** The clause a test belongs to, from the id its name starts with. */
export function clauseOfTestName(name: string): Clause | undefined {
  const id = CLAUSE_ID_PATTERN.exec(name)?.[0];
  return id === undefined ? undefined : BY_ID.get(id);
}

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
