// Records shared by the tests of one describe block: made before them in the worker's session,
// deleted after the file (runner/per-file.ts), so each file leaves the target as it found it.
import { beforeAll } from 'vitest';
import { createRecord, type LiveRecord } from './records.ts';
import type { ResourceRequests } from './resource.ts';
import { workerSession } from './worker.ts';

/**
 * A live record of the resource shared by the tests of one describe block: created before them (or
 * not at all, when the resource's references cannot be had: its tests skip), deleted after the file.
 */
export function recordForFile(resource: ResourceRequests, overrides: Record<string, unknown> = {}): { readonly id: string; readonly key: string } {
  let record: LiveRecord | undefined;
  let failure: unknown;
  beforeAll(async () => {
    const session = workerSession();
    // A setup that fails fails every test that needs the record, with the reason (a hook's error would
    // only skip them, and a target that cannot create records must not pass by skipping).
    if (session.references.unavailable(resource.fixture) === undefined) record = await createRecord(session, resource, overrides).catch((error: unknown) => void (failure = error));
  });
  const get = () => {
    if (failure) throw failure;
    if (!record) throw new Error('the shared record is only available inside tests of a resource whose references can be had');
    return record;
  };
  return {
    get id() {
      return get().id;
    },
    get key() {
      return get().key;
    },
  };
}

/** Makes live the records the resource's payloads reference, before the block's tests (payloads.sample() needs them). */
export function referencesForFile(resource: ResourceRequests): void {
  beforeAll(async () => {
    const session = workerSession();
    // A parent that cannot be created is reported by the tests that need it (references.values() throws why).
    if (session.references.unavailable(resource.fixture) === undefined) await session.references.prepare(resource.fixture).catch(() => undefined);
  });
}
