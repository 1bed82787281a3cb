// Records a clause needs as its setting (a live vendor to PATCH, a key to collide with), created
// with setup requests (retried, never judged) and always with a key of the run.
import { SETUP_ERROR } from '../model/evidence.ts';
import { redact } from '../model/excerpt.ts';
import { validCreatePayload } from './arbitraries/sample.ts';
import type { Client } from './http/client.ts';
import { toCurl } from './http/curl.ts';
import { describeOutcome, type Exchange } from './http/exchange.ts';
import type { KeyFactory } from './keys.ts';
import { credentialsOf } from './redact.ts';
import type { Reference, ResourceRequests } from './resource.ts';

export interface LiveRecord {
  id: string;
  key: string;
  body: Record<string, unknown>;
}

/** What making and deleting records takes; a session has all of it. */
export interface RecordMaker {
  client: Pick<Client, 'send'>;
  keys: KeyFactory;
  references: {
    /** Makes the records these references name live (`owner`: whose body it is; `chain`: the records being made on the way). */
    prepare(owner: string, references: readonly Reference[], chain?: string[]): Promise<void>;
    /** The body with the references set to the live records. */
    fill<Body extends Record<string, unknown>>(owner: string, references: readonly Reference[], body: Body): Body;
  };
  secrets(): string[];
}

/** Setup could not build what a clause needs: the clause fails, saying why. */
export class SetupError extends Error {
  override readonly name = SETUP_ERROR;
  constructor(what: string, exchange: Exchange, secrets: readonly string[]) {
    const body = redact(exchange.response?.bodyText.slice(0, 300) ?? '', credentialsOf(exchange, secrets));
    super(`setup: ${what} (got ${describeOutcome(exchange)}); the clause cannot be judged until this works.\n  ${body}\n  Reproduce with:\n    ${toCurl(exchange).command}`);
  }
}

/**
 * A record of the resource, valid, with a key of the run and live records for its references
 * (`chain`: the records being made on the way to this one, when a reference asks for it).
 */
export async function createRecord(maker: RecordMaker, resource: ResourceRequests, overrides: Record<string, unknown> = {}, chain?: string[]): Promise<LiveRecord> {
  const { fixture } = resource;
  await maker.references.prepare(fixture.name, fixture.references, chain);
  const key = maker.keys.next('rec');
  const payload = { ...maker.references.fill(fixture.name, fixture.references, validCreatePayload(fixture, { key })), ...overrides };
  const exchange = await maker.client.send(resource.create({ json: payload, purpose: 'setup' }));
  const body = exchange.response?.json as Record<string, unknown> | undefined;
  const status = exchange.response?.status ?? 0;
  if (status < 200 || status >= 300 || typeof body?.id !== 'string') {
    throw new SetupError(`could not create a ${fixture.title} to test against`, exchange, maker.secrets());
  }
  const held = fixture.keyField ? payload[fixture.keyField] : undefined;
  return { id: body.id, key: typeof held === 'string' ? held : key, body };
}

/** A record the user named (MVMNT_REF_*), read as it is: its nested records (a shipment's orders) are what other records name. */
export async function readRecord(maker: RecordMaker, resource: ResourceRequests, id: string): Promise<LiveRecord> {
  const exchange = await maker.client.send(resource.get(id, { purpose: 'setup' }));
  const body = exchange.response?.json as Record<string, unknown> | undefined;
  if (exchange.response?.status !== 200 || typeof body?.id !== 'string') throw new SetupError(`could not read the ${resource.fixture.title} ${id} named in the run's settings`, exchange, maker.secrets());
  const key = resource.fixture.keyField ? body[resource.fixture.keyField] : undefined;
  return { id: body.id, key: typeof key === 'string' ? key : '', body };
}

export async function deleteRecord(maker: RecordMaker, resource: ResourceRequests, id: string): Promise<void> {
  const exchange = await maker.client.send(resource.remove(id, { purpose: 'setup' }));
  const status = exchange.response?.status ?? 0;
  if (status >= 300 && status !== 404) throw new SetupError(`could not delete ${id}`, exchange, maker.secrets());
}
