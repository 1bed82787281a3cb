// A resource's payloads for the suites: its valid sample and generated valid payloads (a key of the
// run, live records for references), and the breakers of its create and patch schemas, each with
// the base it must be applied to (the right variant of a tagged union).
import fc from 'fast-check';
import type { ResourceRequests } from '../resource.ts';
import type { Session } from '../session.ts';
import { plainTextFields, validObject, variantSchema, type JsonSchema } from '../../schema/index.ts';
import { breakers, patchBreakers, type Breaker } from './payloads.ts';
import { validCreatePayload } from './sample.ts';

export interface ResourcePayloads {
  /** The fixture's valid sample with a fresh key of the run and live references; of `variant` when given. */
  sample(variant?: string): Record<string, unknown>;
  /** Generated valid create payloads: optional fields sometimes, or (`all`) always. */
  valid(all?: boolean): fc.Arbitrary<Record<string, unknown>>;
  /** Generated valid create payloads a breaker can be applied to (of its variant). */
  baseFor(breaker: Breaker): fc.Arbitrary<Record<string, unknown>>;
  create: Breaker[];
  patch: Breaker[];
  /** Generated valid PATCH bodies. */
  validPatch: fc.Arbitrary<Record<string, unknown>>;
  /** A valid PATCH that sets one plain text field (a name, preferably) to a new value: [field, value]. */
  change: [string, string];
}

// Breakers and arbitraries are built once per resource and session, however many suite files ask.
const built = new WeakMap<Session, Map<ResourceRequests, ResourcePayloads>>();

export function payloadsFor(session: Session, resource: ResourceRequests): ResourcePayloads {
  let forSession = built.get(session);
  if (!forSession) built.set(session, (forSession = new Map()));
  let payloads = forSession.get(resource);
  if (!payloads) forSession.set(resource, (payloads = buildPayloads(session, resource)));
  return payloads;
}

function buildPayloads(session: Session, resource: ResourceRequests): ResourcePayloads {
  const { fixture } = resource;
  const { create, patch } = fixture.schemas;
  const keys = session.keys;
  const sample = (variant?: string) => validCreatePayload(fixture, { key: fixture.keyField ? session.keys.next(fixture.name.slice(0, 8)) : undefined, references: session.references.values(fixture), variant });
  // References are read when a payload is generated, inside a test: only then are their records live.
  const withReferences = (payload: Record<string, unknown>) => ({ ...payload, ...session.references.values(fixture) });
  const validOf = (schema: JsonSchema, all: boolean) => validObject(schema, keys, all).map(withReferences);

  return {
    sample,
    valid: (all = false) => validOf(create, all),
    baseFor: (breaker) => (breaker.variant === undefined ? validOf(create, false) : validOf(variantSchema(create, breaker.variant), false)),
    create: breakers(create, keys, fixture.validSample),
    patch: patchBreakers(patch, keys),
    validPatch: validObject(patch, keys),
    change: textChange(patch),
  };
}

/** The patch schema's name field, or else its first text field without a format, enum or limit. */
function textChange(patch: JsonSchema): [string, string] {
  const [field] = plainTextFields(patch);
  if (field === undefined) throw new Error('the patch schema has no plain text field to change');
  return [field, 'Conformance Renamed Record'];
}
