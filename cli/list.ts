// `--list`: the clause table (id, family, level, title), as in CONTRACT.md; then, per resource the run
// would judge, each clause against each of its operations: judged, skipped there with the reason, or
// not one of the kinds of operation the clause speaks of; and the clauses judged per resource.
import { applicabilityContextOf } from '../harness/applicability-context.ts';
import { inScope, notApplicable, OPERATION_CLAUSES } from '../harness/applicability.ts';
import { resolveCatalog } from '../harness/catalog.ts';
import { loadResourceSettings, type Overrides } from '../harness/config.ts';
import { CLAUSES } from '../harness/registry.ts';
import { resourceRequests } from '../harness/resource.ts';

export function listClauses(overrides: Overrides = {}): string {
  const idWidth = Math.max(...CLAUSES.map((clause) => clause.id.length));
  const familyWidth = Math.max(...CLAUSES.map((clause) => clause.family.length));
  const table = CLAUSES.map((clause) => `${clause.id.padEnd(idWidth)}  ${clause.family.padEnd(familyWidth)}  ${clause.level.padEnd(6)}  ${clause.title}`);
  return [...table, '', ...clausesByOperation(overrides, idWidth)].join('\n');
}

function clausesByOperation(overrides: Overrides, idWidth: number): string[] {
  const settings = loadResourceSettings(overrides);
  const { known, judged } = resolveCatalog(settings);
  const requests = new Map(known.map((fixture) => [fixture.name, resourceRequests(fixture)]));
  const context = applicabilityContextOf(requests, settings.references, settings.disposable);
  const reasons: string[] = [];
  const mark = (why: string | undefined) => {
    if (why === undefined) return '✓';
    if (!reasons.includes(why)) reasons.push(why);
    return `-${reasons.indexOf(why) + 1}`;
  };
  const lines: string[] = [];
  let operations = 0;
  for (const name of judged) {
    const resource = requests.get(name)!;
    operations += resource.operations.length;
    const width = (index: number) => Math.max(String(index + 1).length, 4);
    lines.push(`${name}: clause × operation`);
    lines.push(`${''.padEnd(idWidth)}  ${resource.operations.map((_, index) => String(index + 1).padEnd(width(index))).join('  ')}`);
    for (const clause of CLAUSES.filter((candidate) => OPERATION_CLAUSES.has(candidate.id))) {
      const cells = resource.operations.map((operation, index) => (inScope(clause.id, operation, resource.fixture) ? mark(notApplicable(clause.id, operation, resource.fixture, context)) : '·').padEnd(width(index)));
      lines.push(`${clause.id.padEnd(idWidth)}  ${cells.join('  ')}`);
    }
    const perResource = CLAUSES.filter((clause) => !OPERATION_CLAUSES.has(clause.id)).map((clause) => `${clause.id} ${mark(notApplicable(clause.id, undefined, resource.fixture, context))}`);
    lines.push(...resource.operations.map((operation, index) => `  ${index + 1} ${operation.label}`));
    lines.push(`  per resource: ${perResource.join(', ')}`, '');
  }
  return [
    `${operations} operations of ${judged.length} resources`,
    '',
    ...lines,
    '✓ judged there; · not a kind of operation the clause speaks of; -n skipped there, because:',
    ...reasons.map((reason, index) => `  -${index + 1} ${reason}`),
  ];
}
