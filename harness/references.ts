// Live records for the references a resource's payloads carry (a location's customerId): one the
// user named (MVMNT_REF_<RESOURCE>), or one the run creates first through the same ledger, so it is
// deleted after its dependants. Never a random UUID: a correct server refuses that (404 or 422).
import type { Reference, ResourceFixture } from '../fixtures/load.ts';
import type { LiveRecord } from './records.ts';
import type { ResourceRequests } from './resource.ts';

export interface ReferenceDeps {
  /** Every resource the run knows, by name (a parent may be known without being judged). */
  known: ReadonlyMap<string, ResourceRequests>;
  /** Records the user named, by resource name. */
  given: Readonly<Record<string, string>>;
  create(resource: ResourceRequests): Promise<LiveRecord>;
}

export function referenceVariable(resource: string): string {
  return `MVMNT_REF_${resource.toUpperCase().replace(/-/g, '_')}`;
}

/** The MVMNT_REF_<RESOURCE> variables these resources can use, one per resource another of them references, with its help text. */
export function referenceVariables(resources: readonly ResourceFixture[]): Record<string, string> {
  const names = new Set(resources.map((resource) => resource.name));
  const referenced = [...new Set(resources.flatMap((resource) => resource.references.map((reference) => reference.resource)))].filter((name) => names.has(name)).sort();
  return Object.fromEntries(referenced.map((name) => [referenceVariable(name), `id of a live record of ${name}, for records that reference one (a remote target; default: the run creates one)`]));
}

export class References {
  private readonly pending = new Map<string, Promise<string>>();
  private readonly ready = new Map<string, string>();
  /** Why the last attempt to create a resource's record failed (a SetupError saying what came back). */
  private readonly failures = new Map<string, unknown>();
  constructor(private readonly deps: ReferenceDeps) {}

  /** Why the resource's required references cannot be had, so its clauses skip; undefined when they can. */
  unavailable(fixture: ResourceFixture, chain: string[] = [fixture.name]): string | undefined {
    for (const reference of fixture.references.filter((candidate) => candidate.required)) {
      const why = this.unreachable(reference.resource, chain);
      if (why) return `${fixture.name}.${reference.field} needs a live ${reference.resource} record: ${why}`;
    }
    return undefined;
  }

  /** The references a valid payload carries: every required one, and the optional ones the run can fill. */
  fillable(fixture: ResourceFixture): Reference[] {
    return fixture.references.filter((reference) => this.unreachable(reference.resource, [fixture.name]) === undefined);
  }

  /** Makes a record live for each fillable reference (once per file; concurrent callers share it). */
  async prepare(fixture: ResourceFixture): Promise<void> {
    await Promise.all(this.fillable(fixture).map((reference) => this.idOf(reference.resource)));
  }

  /** The values of the fillable references, as their fields take them (an id, or {id}); after prepare(). */
  values(fixture: ResourceFixture): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const reference of this.fillable(fixture)) {
      const id = this.deps.given[reference.resource] ?? this.ready.get(reference.resource);
      if (id === undefined && this.failures.has(reference.resource)) throw this.failures.get(reference.resource);
      if (id === undefined) throw new Error(`${fixture.name}: the ${reference.resource} record for ${reference.field} was not prepared before use`);
      values[reference.field] = reference.shape === 'object' ? { id } : id;
    }
    return values;
  }

  /** The records a file created are deleted after it; the next file makes its own. */
  forget(): void {
    this.pending.clear();
    this.ready.clear();
    this.failures.clear();
  }

  private unreachable(resource: string, chain: string[]): string | undefined {
    if (this.deps.given[resource]) return undefined;
    const parent = this.deps.known.get(resource);
    if (!parent) return `none was named in ${referenceVariable(resource)}, and the run knows no ${resource} resource to create one`;
    if (chain.includes(resource)) return `the references ${[...chain, resource].join(' → ')} go round in a circle`;
    return this.unavailable(parent.fixture, [...chain, resource]);
  }

  private idOf(resource: string): Promise<string> {
    const given = this.deps.given[resource];
    if (given) return Promise.resolve(given);
    let pending = this.pending.get(resource);
    if (!pending) {
      const parent = this.deps.known.get(resource)!;
      pending = this.prepare(parent.fixture)
        .then(() => this.deps.create(parent))
        .then((record) => {
          this.ready.set(resource, record.id);
          this.failures.delete(resource);
          return record.id;
        });
      // A failed setup is not cached: the next test tries again (and says why it could not).
      pending.catch((error: unknown) => {
        this.pending.delete(resource);
        this.failures.set(resource, error);
      });
      this.pending.set(resource, pending);
    }
    return pending;
  }
}

/**
 * Delete order: a record before the records it references (a location before its customer). Deeper
 * first: a resource's depth is one more than the deepest resource it references.
 */
export function deletionRank(known: ReadonlyMap<string, ResourceRequests>): (resource: string) => number {
  const depth = new Map<string, number>();
  const of = (name: string, chain: string[]): number => {
    if (depth.has(name)) return depth.get(name)!;
    const parents = (known.get(name)?.fixture.references ?? []).map((reference) => reference.resource).filter((parent) => known.has(parent) && !chain.includes(parent));
    const value = parents.length === 0 ? 0 : 1 + Math.max(...parents.map((parent) => of(parent, [...chain, name])));
    depth.set(name, value);
    return value;
  };
  return (resource) => -of(resource, []);
}
