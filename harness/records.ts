// Records a clause needs as its setting (a live vendor to PATCH, a key to collide with), created
// with setup requests (retried, never judged) and always with a key of the run.
import { SETUP_ERROR, SETUP_UNJUDGED } from '../model/evidence.ts';
import { redact } from '../model/excerpt.ts';
import { validCreatePayload } from './arbitraries/sample.ts';
import { idText } from './checks/success.ts';
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
  /** `why`: what in the answer cannot be used (default: the status it got). */
  constructor(what: string, exchange: Exchange, secrets: readonly string[], why = `got ${describeOutcome(exchange)}`) {
    const body = redact(exchange.response?.bodyText.slice(0, 300) ?? '', credentialsOf(exchange, secrets));
    super(`setup: ${what} (${why})${SETUP_UNJUDGED}\n  ${body}\n  Reproduce with:\n    ${toCurl(exchange).command}`);
  }
}

/**
 * The id a create's answer gives the record, or what makes the answer unusable, in the target's
 * terms. Any string or number is an id to go on with: one that is not a UUID (`1`) fails the success
 * clauses on their own evidence, and every other clause still gets a verdict of its own.
 */
export function createdId(exchange: Exchange): { id: string } | { unusable: string } {
  const response = exchange.response;
  const got = `got ${describeOutcome(exchange)}`;
  if (!response) return { unusable: got };
  const type = response.headers['content-type'] ?? 'no content type';
  if (response.status < 200 || response.status >= 300) return { unusable: `${got}, ${type}` };
  if (response.bodyText.trim() === '') return { unusable: `${got} with an empty body: the created record, with its id, must come back` };
  const body = response.json;
  if (body === undefined) return { unusable: `${got} with a body that is not JSON (${type})` };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { unusable: `${got} with ${Array.isArray(body) ? 'a JSON array' : `the JSON ${typeof body === 'string' ? 'string' : String(body)}`} instead of the record` };
  const { id } = body as Record<string, unknown>;
  if (id === undefined) return { unusable: `${got} with a record that has no "id" (its fields: ${Object.keys(body).slice(0, 8).join(', ') || 'none'})` };
  const text = idText(id);
  if (text !== undefined) return { id: text };
  return { unusable: `${got} with "id": ${JSON.stringify(id).slice(0, 60)}, which cannot name the record in a path` };
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
  const created = createdId(exchange);
  if ('unusable' in created) throw new SetupError(`could not create a ${fixture.title} to test against`, exchange, maker.secrets(), created.unusable);
  const held = fixture.keyField ? payload[fixture.keyField] : undefined;
  return { id: created.id, key: typeof held === 'string' ? held : key, body: exchange.response!.json as Record<string, unknown> };
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
