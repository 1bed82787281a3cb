// Live records for the references a body carries (a location's customerId, a payment's
// applications[].invoiceId, an invoice's orderId: an order of a shipment): one the user named
// (MVMNT_REF_<RESOURCE>), or one the run creates first through the same ledger, so it is deleted
// after its dependants. Never a random UUID: a correct server refuses that (404 or 422).
import { SETUP_ERROR, SETUP_UNJUDGED } from '../model/evidence.ts';
import type { Reference, ResourceFixture } from '../fixtures/load.ts';
import type { LiveRecord } from './records.ts';
import type { ResourceRequests } from './resource.ts';

export interface ReferenceDeps {
  /** Every resource the run knows, by name (a parent may be known without being judged). */
  known: ReadonlyMap<string, ResourceRequests>;
  /** Records the user named, by resource name. */
  given: Readonly<Record<string, string>>;
  /** The resources the run judges: an optional reference gets a record only of one of these (or a named one). */
  judged: ReadonlySet<string>;
  /** Makes a record; `chain`: the records being made on the way (see prepare()). */
  create(resource: ResourceRequests, chain: string[]): Promise<LiveRecord>;
  /** Reads a record the user named (its nested records are in its body). */
  read(resource: ResourceRequests, id: string): Promise<LiveRecord>;
  /** The target may keep records the run cannot delete. */
  disposable: boolean;
}

/** Why the run makes no record of a resource without DELETE on this target, or undefined when it may. */
export function undeletable(fixture: ResourceFixture, disposable: boolean): string | undefined {
  // A resource without a create (global search) makes no records to leave behind.
  if (disposable || fixture.routes.delete || !fixture.routes.create) return undefined;
  return `${fixture.name} has no DELETE: the run makes none of its records on a target that is not disposable (set MVMNT_DISPOSABLE=yes where leftovers do no harm)`;
}

export function referenceVariable(resource: string): string {
  return `MVMNT_REF_${resource.toUpperCase().replace(/-/g, '_')}`;
}

/** The resource a reference names records of, and the nested collection of its records, if any (`shipments.orders`). */
export function referencedResource(reference: Pick<Reference, 'resource'>): { resource: string; collection?: string } {
  const [resource, collection] = reference.resource.split('.');
  return collection ? { resource, collection } : { resource };
}

/** The MVMNT_REF_<RESOURCE> variables these resources can use, one per resource another of them references, with its help text. */
export function referenceVariables(resources: readonly ResourceFixture[]): Record<string, string> {
  const names = new Set(resources.map((resource) => resource.name));
  const referenced = [...new Set(resources.flatMap((resource) => resource.references.map((reference) => referencedResource(reference).resource)))].filter((name) => names.has(name)).sort();
  return Object.fromEntries(referenced.map((name) => [referenceVariable(name), `id of a live record of ${name}, for records that reference one (a remote target; default: the run creates one)`]));
}

export class References {
  private readonly pending = new Map<string, Promise<LiveRecord>>();
  private readonly ready = new Map<string, LiveRecord>();
  /** Why the last attempt to create a resource's record failed (a SetupError saying what came back). */
  private readonly failures = new Map<string, unknown>();
  constructor(private readonly deps: ReferenceDeps) {}

  /** Why the resource's records cannot be made here (no DELETE, or required references that cannot be had), so its clauses skip; undefined when they can. */
  unavailable(fixture: ResourceFixture, chain: string[] = [fixture.name]): string | undefined {
    return undeletable(fixture, this.deps.disposable) ?? this.missing(fixture.name, fixture.references, chain);
  }

  /** Why a body's required references (an operation's) cannot be had, or undefined when they can. */
  missing(owner: string, references: readonly Reference[], chain: string[] = [owner]): string | undefined {
    for (const reference of references.filter((candidate) => candidate.required)) {
      const why = this.unreachable(referencedResource(reference).resource, chain);
      if (why) return `${owner}.${reference.path} needs a live ${reference.resource} record: ${why}`;
    }
    return undefined;
  }

  /**
   * The references a valid body carries: every required one, and the optional ones whose records the
   * run can make here, of a resource it judges (or one the user named). An optional reference to a
   * resource the run was not asked about (`--resources vendors`: a vendor's payment term) is left out,
   * so a mock that serves only what it was asked about is judged on it.
   */
  fillable(owner: string, references: readonly Reference[], chain: string[] = [owner]): Reference[] {
    return references.filter((reference) => {
      const { resource } = referencedResource(reference);
      if (reference.required) return true;
      return (this.deps.judged.has(resource) || this.deps.given[resource] !== undefined) && this.unreachable(resource, chain) === undefined;
    });
  }

  /**
   * Makes a record live for each fillable reference (once per file; concurrent callers share it).
   * `chain`: the records being made on the way here, whose resources an optional reference leaves alone
   * (users name teams and teams name users: making one does not make the other first).
   */
  async prepare(owner: string, references: readonly Reference[], chain: string[] = [owner]): Promise<void> {
    const why = this.missing(owner, references, chain);
    if (why) throw new Error(why);
    // Every record is waited for, so none is still in flight when the first failure is reported. An
    // optional reference whose record could not be made is left out of the body (fill() skips it).
    const fillable = this.fillable(owner, references, chain);
    const outcomes = await Promise.allSettled(fillable.map((reference) => this.recordOf(referencedResource(reference).resource, chain)));
    const failed = outcomes.find((outcome, index): outcome is PromiseRejectedResult => outcome.status === 'rejected' && fillable[index]!.required);
    if (failed) throw failed.reason;
  }

  /**
   * The body with each reference set to a live record (after prepare()): an id, or {id}, at its path;
   * through arrays on every item the body has; a required one always (or it throws why it cannot), an
   * optional one where its record is live and its parent is in the body.
   */
  fill<Body extends Record<string, unknown>>(owner: string, references: readonly Reference[], body: Body): Body {
    const filled = structuredClone(body);
    for (const reference of references) {
      const { resource } = referencedResource(reference);
      if (!reference.required && !this.ready.has(resource)) continue;
      const value = this.valueFor(owner, reference);
      setAt(filled, reference.path.split('.'), reference.shape === 'object' ? { id: value } : value, reference.required);
    }
    return filled;
  }

  /** The values of a resource's top-level create references (its parents), as their fields take them; after prepare(). */
  values(fixture: ResourceFixture): Record<string, unknown> {
    return this.fill(fixture.name, fixture.references.filter((reference) => !reference.path.includes('.') && !reference.path.endsWith('[]')), {});
  }

  /** The ids of the records this run made for references (not those the user named). */
  made(): Set<string> {
    return new Set([...this.ready].filter(([resource]) => !this.deps.given[resource]).map(([, record]) => record.id));
  }

  /** The records a file created are deleted after it; the next file makes its own. */
  forget(): void {
    this.pending.clear();
    this.ready.clear();
    this.failures.clear();
  }

  private valueFor(owner: string, reference: Reference): string {
    const { resource, collection } = referencedResource(reference);
    const record = this.ready.get(resource);
    if (record === undefined && this.failures.has(resource)) throw this.failures.get(resource);
    if (record === undefined) throw new Error(`${owner}: the ${resource} record for ${reference.path} was not prepared before use`);
    if (collection === undefined) return record.id;
    const nested = (record.body[collection] as { id?: unknown }[] | undefined)?.[0]?.id;
    if (typeof nested !== 'string') throw new Error(`${owner}.${reference.path} needs one of the ${collection} of a ${resource} record, and the ${resource} record ${record.id} has none with an id (its ${collection}: ${JSON.stringify(record.body[collection] ?? null).slice(0, 200)})`);
    return nested;
  }

  private unreachable(resource: string, chain: string[]): string | undefined {
    if (this.deps.given[resource]) return undefined;
    const parent = this.deps.known.get(resource);
    if (!parent) return `none was named in ${referenceVariable(resource)}, and the run knows no ${resource} resource to create one`;
    if (chain.includes(resource)) return `the references ${[...chain, resource].join(' → ')} go round in a circle`;
    if (!parent.operation('create')) return `none was named in ${referenceVariable(resource)}, and ${resource} has no create operation`;
    return this.unavailable(parent.fixture, [...chain, resource]);
  }

  private recordOf(resource: string, chain: string[]): Promise<LiveRecord> {
    let pending = this.pending.get(resource);
    if (!pending) {
      const parent = this.deps.known.get(resource)!;
      const given = this.deps.given[resource];
      // Started on the next tick: the promise is registered before the parent's own references are made.
      pending = Promise.resolve()
        .then(() => (given ? this.deps.read(parent, given) : this.deps.create(parent, [...chain, resource]).catch((error: unknown) => Promise.reject(this.advised(error, resource)))))
        .then((record) => {
          this.ready.set(resource, record);
          this.failures.delete(resource);
          return record;
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

  /** A record of a resource the run does not judge could not be made: the user can name one instead. */
  private advised(error: unknown, resource: string): unknown {
    if (this.deps.judged.has(resource) || !(error instanceof Error) || error.name !== SETUP_ERROR) return error;
    error.message = error.message.replace(SETUP_UNJUDGED, `; ${resource} is not among the resources this run judges, so name a live one with ${referenceVariable(resource)}=<id>${SETUP_UNJUDGED}`);
    return error;
  }
}

/** Sets the value at a path of segments (`items[]` for each item of an array); containers are made only for a required reference. */
function setAt(node: Record<string, unknown>, segments: string[], value: unknown, required: boolean): void {
  const [segment, ...rest] = segments;
  const items = segment.endsWith('[]');
  const name = items ? segment.slice(0, -2) : segment;
  if (rest.length === 0 && !items) {
    node[name] = value;
    return;
  }
  if (items) {
    if (!Array.isArray(node[name])) {
      if (!required) return;
      node[name] = rest.length === 0 ? [] : [{}];
    }
    const list = node[name] as unknown[];
    if (rest.length === 0) {
      if (list.length === 0) list.push(value);
      else list.fill(value);
      return;
    }
    for (const item of list) if (item && typeof item === 'object') setAt(item as Record<string, unknown>, rest, value, required);
    return;
  }
  if (!node[name] || typeof node[name] !== 'object') {
    if (!required) return;
    node[name] = {};
  }
  setAt(node[name] as Record<string, unknown>, rest, value, required);
}

/**
 * Delete order: a record before the records it references (a location before its customer). Deeper
 * first: a resource's depth is one more than the deepest resource it references.
 */
export function deletionRank(known: ReadonlyMap<string, ResourceRequests>): (resource: string) => number {
  const depth = new Map<string, number>();
  const of = (name: string, chain: string[]): number => {
    if (depth.has(name)) return depth.get(name)!;
    const parents = (known.get(name)?.fixture.references ?? []).map((reference) => referencedResource(reference).resource).filter((parent) => known.has(parent) && !chain.includes(parent));
    const value = parents.length === 0 ? 0 : 1 + Math.max(...parents.map((parent) => of(parent, [...chain, name])));
    depth.set(name, value);
    return value;
  };
  return (resource) => -of(resource, []);
}
