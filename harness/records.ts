// Records a clause needs as its setting (a live vendor to PATCH, a key to collide with), created
// with setup requests (retried, never judged) and always with a key of the run.
import { beforeAll } from 'vitest';
import { describeOutcome, type Exchange } from './http/exchange.ts';
import { toCurl } from './http/curl.ts';
import { credentialsOf, redact } from './redact.ts';
import type { Session } from './session.ts';
import { workerSession } from './worker.ts';

export interface LiveRecord {
  id: string;
  key: string;
  body: Record<string, unknown>;
}

/** Setup could not build what a clause needs: the clause fails, saying why. */
export class SetupError extends Error {
  override readonly name = 'SetupError';
  constructor(what: string, exchange: Exchange, secrets: readonly string[]) {
    const body = redact(exchange.response?.bodyText.slice(0, 300) ?? '', credentialsOf(exchange, secrets));
    super(`setup: ${what} (got ${describeOutcome(exchange)}); the clause cannot be judged until this works.\n  ${body}\n  Reproduce with:\n    ${toCurl(exchange).command}`);
  }
}

export async function createRecord(session: Session, overrides: Record<string, unknown> = {}): Promise<LiveRecord> {
  const key = session.keys.next('rec');
  const payload = { ...session.vendors.fixture.validSample, key, ...overrides };
  const exchange = await session.client.send(session.vendors.create({ json: payload, purpose: 'setup' }));
  const body = exchange.response?.json as Record<string, unknown> | undefined;
  const status = exchange.response?.status ?? 0;
  if (status < 200 || status >= 300 || typeof body?.id !== 'string') {
    throw new SetupError(`could not create a ${session.vendors.fixture.title} to test against`, exchange, session.secrets());
  }
  return { id: body.id, key: typeof payload.key === 'string' ? payload.key : key, body };
}

export async function deleteRecord(session: Session, id: string): Promise<void> {
  const exchange = await session.client.send(session.vendors.remove(id, { purpose: 'setup' }));
  const status = exchange.response?.status ?? 0;
  if (status >= 300 && status !== 404) throw new SetupError(`could not delete ${id}`, exchange, session.secrets());
}

/** A live record shared by the tests of one file: created before them, deleted after them. */
export function recordForFile(overrides: Record<string, unknown> = {}): { readonly id: string; readonly key: string } {
  let record: LiveRecord | undefined;
  beforeAll(async () => {
    record = await createRecord(workerSession(), overrides);
  });
  const get = () => {
    if (!record) throw new Error('the shared record is only available inside tests');
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
