// Records shared by the tests of one describe block: made before them in the worker's session,
// deleted after the file (runner/per-file.ts), so each file leaves the target as it found it. Under the
// gate profile the blocks of every file can share one (holderFor), deleted after the last file.
import { beforeAll } from 'vitest';
import { payloadsFor } from './arbitraries/resource.ts';
import { valueAt } from '../fixtures/load.ts';
import { createRecord, SetupError, type LiveRecord } from './records.ts';
import { perSession } from './per-session.ts';
import type { ResourceRequests } from './resource.ts';
import type { Session } from './session.ts';
import { workerSession } from './worker.ts';

export interface FileRecord {
  readonly id: string;
  readonly key: string;
}

/** Where a shared record is kept once made: one per block, or one per run that blocks of several files share. */
interface Holder {
  made?: Promise<void>;
  record?: LiveRecord;
  failure?: unknown;
}

type SharedRecord = FileRecord & { whenMade(): Promise<LiveRecord | undefined> };

/** A record made before the block's tests (once per holder); reading it inside a test throws why it could not be made. */
function sharedRecord(make: () => Promise<LiveRecord | undefined> | undefined, holder: Holder = {}): SharedRecord {
  beforeAll(async () => {
    // A setup that fails fails every test that needs the record, with the reason (a hook's error would
    // only skip them, and a target that cannot create records must not pass by skipping).
    holder.made ??= Promise.resolve(make()).then(
      (value) => void (holder.record = value),
      (error: unknown) => void (holder.failure = error),
    );
    await holder.made;
  });
  const get = () => {
    if (holder.failure) throw holder.failure;
    if (!holder.record) throw new Error('the shared record is only available inside tests of a resource whose records can be made');
    return holder.record;
  };
  return {
    get id() {
      return get().id;
    },
    get key() {
      return get().key;
    },
    whenMade: async () => {
      await holder.made;
      return holder.record;
    },
  };
}

/** The holders of records a gate run shares between files, by resource and name. */
const runHolders = perSession(() => new Map<string, Holder>());

/**
 * The holder of the run's record `name` of a resource: under the gate profile the blocks of every
 * file share it (made by the first, deleted after the last: runner/per-file.ts); otherwise each block has its own.
 */
export function holderFor(resource: ResourceRequests, name: string): Holder {
  const session = workerSession();
  if (session.context.settings.profile === 'full') return {};
  const holders = runHolders(session);
  const key = `${resource.fixture.name}\n${name}`;
  if (!holders.has(key)) holders.set(key, {});
  return holders.get(key)!;
}

/** The ids of the records the files of a gate run share (none under the full profile). */
export function recordsOfTheRun(session: Session): Set<string> {
  return new Set([...runHolders(session).values()].flatMap((holder) => (holder.record ? [holder.record.id] : [])));
}

/**
 * A live record of the resource shared by the tests of one describe block: created before them (or
 * not at all, when the resource has no create or its references cannot be had: its tests skip), deleted after the file.
 */
export function recordForFile(resource: ResourceRequests, overrides: Record<string, unknown> = {}, holder: Holder = {}): SharedRecord {
  return sharedRecord(() => {
    const session = workerSession();
    if (!resource.operation('create') || session.references.unavailable(resource.fixture) !== undefined) return undefined;
    return createRecord(session, resource, overrides);
  }, holder);
}

/**
 * A live record of one of the shared record's nested collections (a load's carrier), made by the
 * operation whose hints say it produces one, on the shared record.
 */
export function nestedForFile(resource: ResourceRequests, parent: SharedRecord, collection: string, holder: Holder = {}): FileRecord {
  return sharedRecord(async () => {
    const session = workerSession();
    const [id, hints] = Object.entries(resource.fixture.operationHints).find(([, candidate]) => candidate.produces?.collection === collection) ?? [];
    const producer = resource.operations.find((operation) => operation.definition.id === id);
    const record = await parent.whenMade();
    if (!producer || !hints?.produces || !record) return undefined;
    const body = producer.definition.body ? payloadsFor(session, resource).body(producer) : undefined;
    if (body) await session.references.prepare(resource.fixture.name, body.references, []);
    const exchange = await session.client.send(producer.request([record.id], { json: body?.sample(), purpose: 'setup' }));
    const made = valueAt(exchange.response?.json, hints.produces.idField);
    if ((exchange.response?.status ?? 0) >= 300 || typeof made !== 'string') {
      throw new SetupError(`could not make one of a ${resource.fixture.title}'s ${collection} with ${producer.label} (no "${hints.produces.idField}" in the answer)`, exchange, session.secrets());
    }
    return { id: made, key: '', body: {} };
  }, holder);
}

/** Makes live the records the resource's bodies reference (its create's and every operation's), before the block's tests. */
export function referencesForFile(resource: ResourceRequests): void {
  beforeAll(async () => {
    const session = workerSession();
    if (session.references.unavailable(resource.fixture) !== undefined) return;
    const payloads = payloadsFor(session, resource);
    // Each body's records: a body whose records cannot be had is skipped by its tests (applicability.ts);
    // a parent that cannot be created is reported by the tests that need it (references.fill() throws why).
    // A create's records are on the way to a record of this resource; another body's are not (a batch names the resource's own).
    const bodies = resource.operations.flatMap((operation) => (operation.definition.body ? [{ references: payloads.body(operation).references, chain: operation.role === 'create' ? undefined : [] }] : []));
    await Promise.all(bodies.map(({ references, chain }) => session.references.prepare(resource.fixture.name, references, chain).catch(() => undefined)));
  });
}
