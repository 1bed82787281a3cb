// `--list`: the clause table (id, family, level, title), as in CONTRACT.md, then each clause against
// each resource the run would judge: judged, or the reason it is skipped there.
import { notApplicable } from '../harness/applicability.ts';
import { resolveCatalog } from '../harness/catalog.ts';
import { loadResourceSettings, type Overrides } from '../harness/config.ts';
import { References } from '../harness/references.ts';
import { CLAUSES } from '../harness/registry.ts';
import { resourceRequests } from '../harness/resource.ts';

export function listClauses(overrides: Overrides = {}): string {
  const idWidth = Math.max(...CLAUSES.map((clause) => clause.id.length));
  const familyWidth = Math.max(...CLAUSES.map((clause) => clause.family.length));
  const table = CLAUSES.map((clause) => `${clause.id.padEnd(idWidth)}  ${clause.family.padEnd(familyWidth)}  ${clause.level.padEnd(6)}  ${clause.title}`);
  return [...table, '', ...clausesByResource(overrides, idWidth)].join('\n');
}

function clausesByResource(overrides: Overrides, idWidth: number): string[] {
  const settings = loadResourceSettings(overrides);
  const { known, judged } = resolveCatalog(settings);
  const requests = new Map(known.map((fixture) => [fixture.name, resourceRequests(fixture)]));
  const references = new References({ known: requests, given: settings.references, create: () => Promise.reject(new Error('--list creates nothing')) });
  const names = new Set(known.map((fixture) => fixture.name));
  const fixtures = judged.map((name) => requests.get(name)!.fixture);
  const reasons: string[] = [];
  const mark = (resource: string, why: string | undefined) => {
    if (why === undefined) return '✓';
    const reason = why.replace(new RegExp(`^${resource}\\b`), 'the resource');
    if (!reasons.includes(reason)) reasons.push(reason);
    return `-${reasons.indexOf(reason) + 1}`;
  };
  const widths = fixtures.map((fixture) => Math.max(fixture.name.length, 4));
  const header = `${'clause × resource'.padEnd(idWidth)}  ${fixtures.map((fixture, i) => fixture.name.padEnd(widths[i])).join('  ')}`;
  const rows = CLAUSES.map((clause) => {
    const cells = fixtures.map((fixture, i) => mark(fixture.name, notApplicable(clause.id, fixture, { known: names, unavailable: (candidate) => references.unavailable(candidate) })).padEnd(widths[i]));
    return `${clause.id.padEnd(idWidth)}  ${cells.join('  ')}`;
  });
  return [header, ...rows, '', '✓ judged on the resource; -n skipped there, because:', ...reasons.map((reason, i) => `  -${i + 1} ${reason}`)];
}
