// Which clauses can be judged on which resource: a resource without a client key has no duplicate
// keys, one without the lookup parameter has no `?by=key`, one whose required references cannot be
// had cannot be set up. The suites' tables (cases.ts) and `--list` both ask this one function, so a
// clause that cannot apply is one skip row with its reason, never a silent gap or a made-up row.
import type { ResourceFixture } from '../fixtures/load.ts';
import { breakers, patchBreakers } from './arbitraries/payloads.ts';
import { canBreakSeveral } from './arbitraries/broken.ts';

export interface ApplicabilityContext {
  /** The names of every resource the run knows (judged, or only a parent). */
  known: ReadonlySet<string>;
  /** Why the resource's required references cannot be had (references.ts), or undefined when they can. */
  unavailable(fixture: ResourceFixture): string | undefined;
}

const NEEDS_KEY = ['ERR-409-CREATE-DUPLICATE', 'ERR-409-PATCH-DUPLICATE', 'ERR-409-DETAILS-KEY', 'ERR-409-OWN-KEY', 'ERR-2XX-GET-BY-KEY', 'ERR-2XX-GET-BY-KEY-PARAM'];
/** Counting breakable fields needs no real keys. */
const COUNTING_KEYS = { next: () => 'k', ofLength: (length: number) => 'k'.repeat(length) };

/** Why `clause` cannot be judged on `resource` (whatever the target), or undefined when it can. */
export function notApplicable(clause: string, resource: ResourceFixture, context: ApplicabilityContext): string | undefined {
  return fixtureLacks(clause, resource, context.known) ?? context.unavailable(resource);
}

function fixtureLacks(clause: string, resource: ResourceFixture, known: ReadonlySet<string>): string | undefined {
  if (NEEDS_KEY.includes(clause) && resource.keyField === null) return `${resource.name} has no client key`;
  if (clause === 'ERR-2XX-GET-BY-KEY-PARAM' && resource.lookup === undefined) return `${resource.name} declares no lookup parameter`;
  if (clause === 'ERR-422-DANGLING-REFERENCE' && !resource.references.some((reference) => known.has(reference.resource))) {
    return `${resource.name} references no resource the run knows`;
  }
  if (clause === 'ERR-422-PAGE-SIZE') {
    const pageSize = resource.schemas.filter.properties?.pageSize;
    if (pageSize?.minimum === undefined && pageSize?.maximum === undefined) return `${resource.name}'s description gives pageSize no bounds`;
  }
  return bodyLacks(clause, resource);
}

/** The validation clauses need fields their body schemas let a payload break. */
function bodyLacks(clause: string, resource: ResourceFixture): string | undefined {
  const create = () => breakers(resource.schemas.create, COUNTING_KEYS);
  const patch = () => patchBreakers(resource.schemas.patch, COUNTING_KEYS);
  const strict = <B extends { lenient: boolean }>(found: B[]) => found.filter((breaker) => !breaker.lenient);
  switch (clause) {
    case 'ERR-422-FIELD-NAMED':
      return strict(create()).length === 0 ? `${resource.name}'s create body has no field with a format, enum, length or range rule` : undefined;
    case 'ERR-422-MISSING-OR-TYPE':
      return create().some((breaker) => breaker.lenient) ? undefined : `${resource.name}'s create body has no required or typed field`;
    case 'ERR-422-EVERY-FIELD':
      return canBreakSeveral(strict(create())) ? undefined : `${resource.name} has fewer than two fields with format, enum or range rules`;
    case 'ERR-422-PATCH-FIELD':
      return patch().length === 0 ? `${resource.name}'s PATCH body has no field to break` : undefined;
    case 'ERR-422-PATCH-EVERY-FIELD':
      return canBreakSeveral(strict(patch())) ? undefined : `${resource.name} has fewer than two patchable fields with format, enum or range rules`;
    default:
      return undefined;
  }
}
