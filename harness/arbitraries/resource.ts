// A resource's payloads for the suites: valid bodies and generated valid bodies for each of its
// operations that takes one (a key of the run, live records for references), and the breakers of
// each body, each with the base it must be applied to (the right variant of a tagged union).
import fc from 'fast-check';
import { plainTextFields, validObject, validSample, variantSchema, type JsonSchema } from '../../schema/index.ts';
import { referencesIn, type Reference } from '../../fixtures/load.ts';
import type { RequestSpec } from '../http/client.ts';
import { perSession } from '../per-session.ts';
import type { OperationRequests, ResourceRequests } from '../resource.ts';
import type { Session } from '../session.ts';
import { breakers, patchBreakers, type Breaker } from './payloads.ts';
import { validCreatePayload } from './sample.ts';

export interface BodyPayloads {
  schema: JsonSchema;
  /** The references the body carries (filled with live records in every valid body). */
  references: Reference[];
  /**
   * A valid body: a create's is the fixture's sample with a fresh key of the run (of `variant` when
   * given); an update's sets one field (see `change`); another's is the hints' valid body or the
   * schema's sample. Live references filled.
   */
  sample(variant?: string): Record<string, unknown>;
  /** Generated valid bodies: optional fields sometimes, or (`all`) always. */
  valid(all?: boolean): fc.Arbitrary<Record<string, unknown>>;
  /** Generated valid bodies a breaker can be applied to (of its variant). */
  baseFor(breaker: Breaker): fc.Arbitrary<Record<string, unknown>>;
  /** Every way to make one field invalid (an update's: every field optional, null breaking non-nullable ones). */
  breakers: Breaker[];
}

export interface ResourcePayloads {
  /** The valid create payload (the create operation's sample). */
  sample(variant?: string): Record<string, unknown>;
  /** The payloads of an operation that takes a body. */
  body(operation: OperationRequests): BodyPayloads;
  /** A valid PATCH that sets one field (a name, preferably) to a new value: [field, value]; undefined without an update. */
  change: [string, unknown] | undefined;
}

// Breakers and arbitraries are built once per resource and session, however many suite files ask.
const built = perSession(() => new Map<ResourceRequests, ResourcePayloads>());

export function payloadsFor(session: Session, resource: ResourceRequests): ResourcePayloads {
  const forSession = built(session);
  let payloads = forSession.get(resource);
  if (!payloads) forSession.set(resource, (payloads = buildPayloads(session, resource)));
  return payloads;
}

function buildPayloads(session: Session, resource: ResourceRequests): ResourcePayloads {
  const { fixture } = resource;
  const update = resource.operation('update');
  const change = update?.definition.body ? changeOf(update.definition.body.schema) : undefined;
  const bodies = new Map<OperationRequests, BodyPayloads>();
  const body = (operation: OperationRequests) => {
    let payloads = bodies.get(operation);
    if (!payloads) bodies.set(operation, (payloads = bodyPayloads(session, resource, operation, change)));
    return payloads;
  };
  const create = resource.operation('create');
  return {
    sample: (variant) => {
      if (!create) throw new Error(`${fixture.name} has no create operation`);
      return body(create).sample(variant);
    },
    body,
    change,
  };
}

function bodyPayloads(session: Session, resource: ResourceRequests, operation: OperationRequests, change: [string, unknown] | undefined): BodyPayloads {
  const { fixture } = resource;
  const schema = operation.definition.body?.schema;
  if (!schema) throw new Error(`${operation.label} takes no body`);
  const keys = session.keys;
  const references = referencesIn(schema);
  // References are filled when a body is made, inside a test: only then are their records live.
  const filled = (payload: Record<string, unknown>) => session.references.fill(fixture.name, references, payload);
  const validOf = (of: JsonSchema, all: boolean) => validObject(of, keys, all).map(filled);
  const hinted = fixture.operationHints[operation.definition.id]?.validBody;
  const isUpdate = operation.role === 'update';
  const sample = (variant?: string): Record<string, unknown> => {
    if (operation.role === 'create') return filled(validCreatePayload(fixture, { key: fixture.keyField ?? fixture.markField ? keys.next(fixture.name.slice(0, 8)) : undefined, variant }));
    if (isUpdate && operation.nested === undefined && change) return { [change[0]]: change[1] };
    // A filter's operators are not values to sample: the smallest page of everything is a valid filter.
    if (operation.role === 'filter') return hinted ? structuredClone(hinted) : schema.properties?.pageSize ? { pageSize: 1 } : {};
    return filled(structuredClone(hinted ?? validSample(schema)));
  };
  return {
    schema,
    references,
    sample,
    valid: (all = false) => validOf(schema, all),
    baseFor: (breaker) => validOf(breaker.variant === undefined ? schema : variantSchema(schema, breaker.variant), false),
    breakers: isUpdate ? patchBreakers(schema, keys) : breakers(schema, keys, operation.role === 'create' ? fixture.validSample : hinted ?? validSample(schema)),
  };
}

/**
 * The operation on these path ids with a valid body where it takes one (unless `extra` brings its
 * own), so the one defect a test adds is the only one in the request.
 */
export function validRequest(session: Session, resource: ResourceRequests, operation: OperationRequests, ids: readonly string[], extra: Partial<RequestSpec> = {}): RequestSpec {
  const given = extra.json !== undefined || extra.body !== undefined;
  const body = operation.definition.body && !given ? { json: payloadsFor(session, resource).body(operation).sample() } : {};
  return operation.request(ids, { ...body, ...extra });
}

/** A field a PATCH can set and its value: the name field, or else the first plain text field, or else the first field with a sample value. */
export function changeOf(patch: JsonSchema): [string, unknown] | undefined {
  const [text] = plainTextFields(patch);
  if (text !== undefined) return [text, 'Conformance Renamed Record'];
  const sample = validSample(patch);
  const [field] = Object.keys(sample).filter((name) => !patch.properties?.[name]?.['x-client-key']);
  return field === undefined ? undefined : [field, sample[field]];
}
