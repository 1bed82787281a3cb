// `--list`: the clause table (id, family, level, title), as in CONTRACT.md.
import { CLAUSES } from '../harness/registry.ts';

export function listClauses(): string {
  const idWidth = Math.max(...CLAUSES.map((clause) => clause.id.length));
  const familyWidth = Math.max(...CLAUSES.map((clause) => clause.family.length));
  return CLAUSES.map((clause) => `${clause.id.padEnd(idWidth)}  ${clause.family.padEnd(familyWidth)}  ${clause.level.padEnd(6)}  ${clause.title}`).join('\n');
}
