// Records shared by the tests of one describe block: made before them in the worker's session,
// deleted after the file (runner/per-file.ts), so each file leaves the target as it found it.
import { beforeAll } from 'vitest';
import { payloadsFor } from './arbitraries/resource.ts';
import { valueAt } from '../fixtures/load.ts';
import { createRecord, SetupError, type LiveRecord } from './records.ts';
import type { ResourceRequests } from './resource.ts';
import { workerSession } from './worker.ts';

export interface FileRecord {
  readonly id: string;
  readonly key: string;
}

/** A record made before the block's tests; reading it inside a test throws why it could not be made. */
function sharedRecord(make: () => Promise<LiveRecord | undefined> | undefined): FileRecord & { whenMade(): Promise<LiveRecord | undefined> } {
  let record: LiveRecord | undefined;
  let failure: unknown;
  let made: Promise<LiveRecord | undefined> = Promise.resolve(undefined);
  beforeAll(async () => {
    // A setup that fails fails every test that needs the record, with the reason (a hook's error would
    // only skip them, and a target that cannot create records must not pass by skipping).
    made = Promise.resolve(make()).then(
      (value) => (record = value),
      (error: unknown) => void (failure = error),
    );
    await made;
  });
  const get = () => {
    if (failure) throw failure;
    if (!record) throw new Error('the shared record is only available inside tests of a resource whose records can be made');
    return record;
  };
  return {
    get id() {
      return get().id;
    },
    get key() {
      return get().key;
    },
    whenMade: () => made,
  };
}

/**
 * A live record of the resource shared by the tests of one describe block: created before them (or
 * not at all, when the resource has no create or its references cannot be had: its tests skip), deleted after the file.
 */
export function recordForFile(resource: ResourceRequests, overrides: Record<string, unknown> = {}): FileRecord & { whenMade(): Promise<LiveRecord | undefined> } {
  return sharedRecord(() => {
    const session = workerSession();
    if (!resource.operation('create') || session.references.unavailable(resource.fixture) !== undefined) return undefined;
    return createRecord(session, resource, overrides);
  });
}

/**
 * A live record of one of the shared record's nested collections (a load's carrier), made by the
 * operation whose hints say it produces one, on the shared record.
 */
export function nestedForFile(resource: ResourceRequests, parent: ReturnType<typeof recordForFile>, collection: string): FileRecord {
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
  });
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
