// Which clauses can be judged on which resource: a resource without a client key has no duplicate
// keys, one without the lookup parameter has no `?by=key`. The suites skip with these reasons, and
// `--list` shows them, so a clause that cannot apply is a skip with a reason, never a silent gap.
import type { ResourceFixture } from '../fixtures/load.ts';

const NEEDS_KEY = ['ERR-409-CREATE-DUPLICATE', 'ERR-409-PATCH-DUPLICATE', 'ERR-409-DETAILS-KEY', 'ERR-409-OWN-KEY', 'ERR-2XX-GET-BY-KEY', 'ERR-2XX-GET-BY-KEY-PARAM'];

/** Why `clause` cannot be judged on `resource` (whatever the target), or undefined when it can. */
export function notApplicable(clause: string, resource: ResourceFixture, known: ReadonlySet<string>): string | undefined {
  if (NEEDS_KEY.includes(clause) && resource.keyField === null) return `${resource.name} has no client key`;
  if (clause === 'ERR-2XX-GET-BY-KEY-PARAM' && resource.lookup === undefined) return `${resource.name} declares no lookup parameter`;
  if (clause === 'ERR-422-DANGLING-REFERENCE' && !resource.references.some((reference) => known.has(reference.resource))) {
    return `${resource.name} references no resource the run knows`;
  }
  if (clause === 'ERR-422-PAGE-SIZE') {
    const pageSize = resource.schemas.filter.properties?.pageSize;
    if (pageSize?.minimum === undefined && pageSize?.maximum === undefined) return `${resource.name}'s description gives pageSize no bounds`;
  }
  return undefined;
}
