// Which clauses are judged on which operation. Each clause speaks of some kinds of operation (its
// scope: every operation that takes a JSON body, every one that names a record, a resource's create);
// within its scope it may still not apply: a resource without a client key has no duplicate keys, a
// body with nothing to break has no 422 to give, a record whose required references cannot be had
// cannot be set up. The suites' tables (cases.ts) and `--list` both ask these functions, so a clause
// that cannot apply is one skip row with its reason, never a silent gap or a made-up row.
import { referencesIn, stateRule, type OperationDefinition, type ResourceFixture } from '../fixtures/load.ts';
import { canBreakSeveral } from './arbitraries/broken.ts';
import { breakers, patchBreakers } from './arbitraries/payloads.ts';
import { changeOf } from './arbitraries/resource.ts';
import { fieldWithFormat, stringFields } from '../schema/index.ts';
import type { OperationRequests } from './resource.ts';

export interface ApplicabilityContext {
  /** The names of every resource the run knows (judged, or only a parent). */
  known: ReadonlySet<string>;
  /** Why the resource's required references cannot be had (references.ts), or undefined when they can. */
  unavailable(fixture: ResourceFixture): string | undefined;
  /** Why the body's required references cannot be had, or undefined when they can. */
  missing(owner: string, references: ReturnType<typeof referencesIn>): string | undefined;
}

type Test = (operation: OperationRequests, fixture: ResourceFixture) => boolean;
/** The kinds of operation a clause speaks of: a test, and how a report says it. */
interface Scope {
  test: Test;
  says: string;
}

const own = (operation: OperationRequests) => operation.nested === undefined;
const scope = (says: string, test: Test): Scope => ({ test, says });
const every = scope('any operation', () => true);
const hasBody = scope('an operation that takes a JSON body', (operation) => operation.definition.body !== undefined);
const namesRecord = scope('an operation whose path names a record', (operation) => operation.parameters.length > 0);
const role = (...roles: OperationDefinition['role'][]) => scope(`a record's own ${roles.join(', ')}`, (operation) => own(operation) && roles.includes(operation.role));
/** Operations that change nothing: a valid request to one may be sent as often as a clause needs. */
const safe = scope('an operation that only reads (a read, a filter, a search, a report)', (operation) => ['read', 'sub-read', 'filter', 'search', 'report'].includes(operation.role));
/** A body of values (not a filter's operators, judged by ERR-422-PAGE-SIZE, nor an update's, by the PATCH clauses). */
const valuesBody = scope('a body of values (a create\'s, an action\'s, a search\'s, a batch\'s)', (operation) => operation.definition.body !== undefined && !['filter', 'update'].includes(operation.role));
const updateBody = scope('an update (a record\'s PATCH, a nested record\'s)', (operation) => operation.role === 'update' && operation.definition.body !== undefined);
/** Once per path: a method the path does not serve, sent to the first operation of it. */
const firstOnItsPath = scope('a path (once each)', (operation, fixture) => fixture.operations.find((candidate) => candidate.path === operation.definition.path) === operation.definition);
/** Once per resource: its read (or, without one, its first operation). */
const anchor = scope('a resource (once each, on its read)', (operation, fixture) => operation.definition === (fixture.operations.find((candidate) => candidate.role === 'read' && !candidate.path.includes('}/')) ?? fixture.operations[0]));
const query = scope('a read of a record\'s parts, a nested record, a search or a report', (operation) => ['sub-read', 'search', 'report'].includes(operation.role) || (operation.role === 'read' && !own(operation)));
const action = scope('an action (on a record, or on the collection)', (operation) => operation.role === 'action' || operation.role === 'collection-action');
/** Actions whose description declares a 409: a state they need (DECISIONS.md: state conflicts). */
const guardedAction = scope('an action whose description declares a 409', (operation) => operation.role === 'action' && operation.definition.declared.includes(409));

/** The kinds of operation each clause speaks of; clauses judged on the whole run, or once for the API, have none here. */
const SCOPES: Record<string, Scope> = {
  'ERR-400-MALFORMED-JSON': hasBody,
  'ERR-400-NOT-AN-OBJECT': hasBody,
  'ERR-400-EMPTY-BODY': scope('an operation that requires a JSON body', (operation) => operation.definition.body?.required === true),
  'ERR-401-MISSING-TOKEN': every,
  'ERR-401-WRONG-SCHEME': every,
  'ERR-401-EMPTY-BEARER': every,
  'ERR-401-GARBAGE-TOKEN': every,
  'ERR-401-MALFORMED-JWT': every,
  'ERR-401-BAD-SIGNATURE': every,
  'ERR-401-ALTERED-TOKEN': every,
  'ERR-401-SCHEME-CASE': safe,
  'ERR-401-BEFORE-BODY': hasBody,
  'ERR-401-BEFORE-LOOKUP': namesRecord,
  'ERR-404-RANDOM-ID': namesRecord,
  'ERR-404-NON-UUID-ID': namesRecord,
  'ERR-404-UNKNOWN-PATH': anchor,
  'ERR-404-WRONG-METHOD': firstOnItsPath,
  'ERR-405-ALLOW-HEADER': firstOnItsPath,
  'ERR-404-DELETED-RECORD': role('delete'),
  'ERR-404-DELETE-TWICE': role('delete'),
  'ERR-409-CREATE-DUPLICATE': role('create'),
  'ERR-409-PATCH-DUPLICATE': role('update'),
  'ERR-409-DETAILS-KEY': role('create', 'update'),
  'ERR-409-OWN-KEY': role('update'),
  'ERR-409-STATE-CONFLICT': guardedAction,
  'ERR-409-STATE-UNCHANGED': guardedAction,
  'ERR-409-STATE-ALLOWED': guardedAction,
  'ERR-422-FIELD-NAMED': valuesBody,
  'ERR-422-MISSING-OR-TYPE': valuesBody,
  'ERR-422-EVERY-FIELD': valuesBody,
  'ERR-422-PATCH-FIELD': updateBody,
  'ERR-422-PATCH-EVERY-FIELD': updateBody,
  'ERR-422-PAGE-SIZE': role('filter'),
  'ERR-422-DANGLING-REFERENCE': valuesBody,
  'ERR-422-POSITIVE-CONTROL': role('create'),
  'ERR-2XX-CREATE': role('create'),
  'ERR-2XX-GET': role('read'),
  'ERR-2XX-GET-BY-KEY': role('read'),
  'ERR-2XX-GET-BY-KEY-PARAM': role('read'),
  'ERR-2XX-PATCH': role('update'),
  'ERR-2XX-FILTER': role('filter'),
  'ERR-2XX-DELETE': role('delete'),
  'ERR-2XX-QUERY': query,
  'ERR-2XX-ACTION': action,
  'ERR-5XX-INTERNAL': anchor,
  'ERR-5XX-UNAVAILABLE': anchor,
  'ERR-ROBUST-DEEP-NESTING': role('create', 'update', 'filter'),
  'ERR-ROBUST-HUGE-STRING': role('create'),
  'ERR-ROBUST-WRONG-TYPES': role('create', 'update', 'filter'),
  'ERR-ROBUST-INVALID-UTF8': role('create', 'update', 'filter'),
  'ERR-ROBUST-CONTENT-TYPE': role('create'),
  'ERR-ROBUST-JUNK': role('create'),
};

/** Whether the clause speaks of this kind of operation (undefined: it is judged per resource or for the whole run). */
export function inScope(clause: string, operation: OperationRequests, fixture: ResourceFixture): boolean | undefined {
  return SCOPES[clause]?.test(operation, fixture);
}

/** Clauses judged on operations (the others are judged per resource or once for the run). */
export const OPERATION_CLAUSES = new Set(Object.keys(SCOPES));

/** Why a clause judged on operations has none in this run: no judged resource has the kind it speaks of. */
export function outOfScope(clause: string, resources: readonly { fixture: ResourceFixture; operations: OperationRequests[] }[]): string | undefined {
  const scoped = SCOPES[clause];
  if (!scoped || resources.some((resource) => resource.operations.some((operation) => scoped.test(operation, resource.fixture)))) return undefined;
  return `none of the judged resources (${resources.map((resource) => resource.fixture.name).join(', ')}) has ${scoped.says}, the kind of operation this clause speaks of`;
}

const NEEDS_KEY = ['ERR-409-CREATE-DUPLICATE', 'ERR-409-PATCH-DUPLICATE', 'ERR-409-DETAILS-KEY', 'ERR-409-OWN-KEY', 'ERR-2XX-GET-BY-KEY', 'ERR-2XX-GET-BY-KEY-PARAM'];
/** Counting breakable fields needs no real keys. */
const COUNTING_KEYS = { next: () => 'k', ofLength: (length: number) => 'k'.repeat(length) };

/**
 * Why `clause` cannot be judged on this operation of the resource (in its scope), or on the resource
 * (`operation` undefined: a clause judged per resource), or undefined when it can.
 */
export function notApplicable(clause: string, operation: OperationRequests | undefined, fixture: ResourceFixture, context: ApplicabilityContext): string | undefined {
  return fixtureLacks(clause, fixture) ?? (operation ? operationLacks(clause, operation, fixture, context.known) : undefined) ?? context.unavailable(fixture) ?? (operation ? bodyReferences(operation, fixture, context) : undefined);
}

/** Clauses that make records of the resource (to change, delete, collide with, or act on). */
const NEEDS_CREATE = ['ERR-404-DELETED-RECORD', 'ERR-404-DELETE-TWICE', 'ERR-409-CREATE-DUPLICATE', 'ERR-409-PATCH-DUPLICATE', 'ERR-409-DETAILS-KEY', 'ERR-409-OWN-KEY', 'ERR-2XX-GET', 'ERR-2XX-GET-BY-KEY', 'ERR-2XX-GET-BY-KEY-PARAM', 'ERR-2XX-PATCH', 'ERR-2XX-DELETE'];
/** Clauses that send an operation on a record ids nobody holds: they need no live record. */
const ANY_IDS = ['ERR-404-RANDOM-ID', 'ERR-404-NON-UUID-ID', 'ERR-401-BEFORE-LOOKUP', 'ERR-404-WRONG-METHOD', 'ERR-405-ALLOW-HEADER'];

function fixtureLacks(clause: string, resource: ResourceFixture): string | undefined {
  if (NEEDS_KEY.includes(clause) && resource.keyField === null) return `${resource.name} has no client key`;
  if (clause === 'ERR-2XX-GET-BY-KEY-PARAM' && resource.lookup === undefined) return `${resource.name} declares no lookup parameter`;
  if (clause === 'ERR-422-PAGE-SIZE') {
    const pageSize = resource.schemas.filter?.properties?.pageSize;
    if (pageSize?.minimum === undefined && pageSize?.maximum === undefined) return `${resource.name}'s description gives pageSize no bounds`;
  }
  if (NEEDS_CREATE.includes(clause) && resource.routes.create === undefined) return `${resource.name} has no create operation, so the run can make no record of it`;
  return undefined;
}

/** What the operation gives the clause to judge: a body with something to break, a record to act on. */
function operationLacks(clause: string, operation: OperationRequests, fixture: ResourceFixture, known: ReadonlySet<string>): string | undefined {
  const body = operation.definition.body?.schema;
  const found = () => (operation.role === 'update' ? patchBreakers(body!, COUNTING_KEYS) : breakers(body!, COUNTING_KEYS));
  const strict = () => found().filter((breaker) => !breaker.lenient);
  const what = `${operation.label}'s body`;
  switch (clause) {
    case 'ERR-422-FIELD-NAMED':
      if (strict().length === 0) return `${what} has no field with a format, enum, length or range rule`;
      break;
    case 'ERR-422-MISSING-OR-TYPE':
      if (!found().some((breaker) => breaker.lenient)) return `${what} has no required or typed field`;
      break;
    case 'ERR-422-EVERY-FIELD':
      if (!canBreakSeveral(found())) return `${what} has fewer than two fields that can be made invalid`;
      break;
    case 'ERR-422-PATCH-FIELD':
      if (found().length === 0) return `${what} has no field to break`;
      break;
    case 'ERR-422-PATCH-EVERY-FIELD':
      if (!canBreakSeveral(found())) return `${what} has fewer than two fields that can be made invalid`;
      break;
    case 'ERR-2XX-PATCH':
      if (changeOf(body!) === undefined) return `${what} has no field the run can set to a plain value`;
      break;
    case 'ERR-ROBUST-HUGE-STRING':
      if (stringFields(body!).length === 0 && fieldWithFormat(body!, 'email') === undefined) return `${what} has no field that takes text at its top level`;
      break;
    case 'ERR-ROBUST-WRONG-TYPES':
      if (operation.role !== 'filter' && !found().some((breaker) => breaker.kind === 'wrong-type' && breaker.path.length === 1 && breaker.variant === undefined)) return `${what} has no typed field at its top level`;
      break;
    case 'ERR-ROBUST-INVALID-UTF8':
      if (operation.role === 'create' && stringFields(body!).length === 0) return `${what} has no field that takes text at its top level`;
      break;
    case 'ERR-2XX-ACTION':
      if (operation.definition.declared.includes(409)) return `${operation.label} declares a 409 (a state it needs): a 2xx is owed only in a state the run arranges, which the conflict clauses judge`;
      break;
    case 'ERR-409-STATE-CONFLICT':
    case 'ERR-409-STATE-UNCHANGED':
    case 'ERR-409-STATE-ALLOWED': {
      const why = unarrangeable(clause, operation, fixture);
      if (why !== undefined) return why;
      break;
    }
    case 'ERR-422-DANGLING-REFERENCE':
      if (!referencesIn(body!).some((reference) => (reference.required || reference.path === reference.field) && known.has(reference.resource.split('.')[0]))) return `${what} names no record of a resource the run knows`;
      break;
  }
  if (operation.parameters.length > 0 && !ANY_IDS.includes(clause) && fixture.routes.create === undefined) return `${operation.label} acts on a record, and ${fixture.name} has no create operation to make one`;
  return ANY_IDS.includes(clause) ? undefined : nestedLacks(operation, fixture);
}

/** Why the state an action's rule needs cannot be arranged for this conflict clause (its rule's own words, or that it has none). */
function unarrangeable(clause: string, operation: OperationRequests, fixture: ResourceFixture): string | undefined {
  const rule = stateRule(fixture, operation.definition.id);
  if (rule === undefined) return `${operation.label} declares a 409, and no state rule is kept for it (fixtures/hints/${fixture.name}.json)`;
  const steps = clause === 'ERR-409-STATE-ALLOWED' ? rule.allowedAfter : rule.conflictAfter;
  const unknown = `the run cannot arrange ${clause === 'ERR-409-STATE-ALLOWED' ? 'a state that allows it' : 'a state that forbids it'}`;
  if (steps === undefined || rule.field === undefined) return `${operation.label} (${rule.says}): ${rule.unarrangeable ?? unknown}`;
  if (clause === 'ERR-409-STATE-ALLOWED' && rule.leaves === undefined) return `${operation.label} (${rule.says}): its description names no state it leaves the record in`;
  return undefined;
}

/** A nested record's operation needs one of those records, which only an operation of the resource makes. */
function nestedLacks(operation: OperationRequests, fixture: ResourceFixture): string | undefined {
  if (operation.nested === undefined) return undefined;
  const maker = Object.values(fixture.operationHints).some((hints) => hints.produces?.collection === operation.nested);
  return maker ? undefined : `${operation.label} acts on one of a ${fixture.title}'s ${operation.nested}, and no operation of ${fixture.name} is known to make one (an operation hint "produces")`;
}

/** The operation's own body may need live records the run cannot have (a batch of bills). */
function bodyReferences(operation: OperationRequests, fixture: ResourceFixture, context: ApplicabilityContext): string | undefined {
  const body = operation.definition.body?.schema;
  return body ? context.missing(fixture.name, referencesIn(body)) : undefined;
}
