// Records a clause needs as its setting (a live vendor to PATCH, a key to collide with), created
// with setup requests (retried, never judged) and always with a key of the run.
import { beforeAll } from 'vitest';
import { SETUP_ERROR } from './evidence.ts';
import { describeOutcome, type Exchange } from './http/exchange.ts';
import { toCurl } from './http/curl.ts';
import { credentialsOf, redact } from './redact.ts';
import type { ResourceRequests } from './resource.ts';
import type { Session } from './session.ts';
import { workerSession } from './worker.ts';

export interface LiveRecord {
  id: string;
  key: string;
  body: Record<string, unknown>;
}

/** Setup could not build what a clause needs: the clause fails, saying why. */
export class SetupError extends Error {
  override readonly name = SETUP_ERROR;
  constructor(what: string, exchange: Exchange, secrets: readonly string[]) {
    const body = redact(exchange.response?.bodyText.slice(0, 300) ?? '', credentialsOf(exchange, secrets));
    super(`setup: ${what} (got ${describeOutcome(exchange)}); the clause cannot be judged until this works.\n  ${body}\n  Reproduce with:\n    ${toCurl(exchange).command}`);
  }
}

/** A record of the resource, valid, with a key of the run and live records for its references. */
export async function createRecord(session: Session, resource: ResourceRequests, overrides: Record<string, unknown> = {}): Promise<LiveRecord> {
  await session.references.prepare(resource.fixture);
  const key = session.keys.next('rec');
  const keyField = resource.fixture.keyField;
  const payload = { ...resource.fixture.validSample, ...(keyField ? { [keyField]: key } : {}), ...session.references.values(resource.fixture), ...overrides };
  const exchange = await session.client.send(resource.create({ json: payload, purpose: 'setup' }));
  const body = exchange.response?.json as Record<string, unknown> | undefined;
  const status = exchange.response?.status ?? 0;
  if (status < 200 || status >= 300 || typeof body?.id !== 'string') {
    throw new SetupError(`could not create a ${resource.fixture.title} to test against`, exchange, session.secrets());
  }
  const held = keyField ? payload[keyField] : undefined;
  return { id: body.id, key: typeof held === 'string' ? held : key, body };
}

export async function deleteRecord(session: Session, resource: ResourceRequests, id: string): Promise<void> {
  const exchange = await session.client.send(resource.remove(id, { purpose: 'setup' }));
  const status = exchange.response?.status ?? 0;
  if (status >= 300 && status !== 404) throw new SetupError(`could not delete ${id}`, exchange, session.secrets());
}

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
