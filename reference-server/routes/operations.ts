// Every operation of one resource under /v1, served from its fixture alone: records created, read,
// updated, soft-deleted and filtered; actions run on a live record; a record's nested records (a
// load's carriers) read, changed and removed; searches, reads of a record's parts and reports answered
// with an empty page. Client keys are unique among the resource's live records, references checked,
// bodies validated against their operation's schema.
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { requireBody } from '../body.ts';
import { HttpError, type FieldError } from '../envelope.ts';
import { filterPage, type FilterRequest } from '../filter.ts';
import { nestedCollection, pathParameters, referencesIn, toRouterPath, type JsonSchema, type OperationDefinition, type Reference, type ResourceFixture, type StateRule } from '../fixtures.ts';
import type { BodySchemas } from '../parts.ts';
import type { Fields, RecordStore, StoredRecord } from '../records.ts';
import { stateAt } from '../state.ts';

export interface OperationRouteDeps {
  resource: ResourceFixture;
  store: RecordStore;
  /** The body schema of each operation that takes one, by operation id (the fixture's, or a mutant's). */
  schemas: BodySchemas;
  /** Whether `value` (an id, or an {id} | {key} object) names a live record of `resource` (or of a nested collection, `shipments.orders`); undefined when that resource is not served here. */
  referenceExists(resource: string, value: unknown): boolean | undefined;
  /** The store of another resource this server serves (an action may make a record of it). */
  storeOf(resource: string): RecordStore | undefined;
  /** Refuses an action its record's state forbids, else lets it move the record (state.ts). */
  applyStateRule(rule: StateRule, current: unknown, move: () => void): void;
  defaultPageSize: number;
}

// The hook form of requireBody: an operation that requires a body refuses one without content before validation.
async function rejectEmptyBody(request: FastifyRequest): Promise<void> {
  requireBody(request.body);
}

/** Every value found at a reference's path in a body (each item, for a path through an array). */
function valuesAt(body: unknown, path: string): unknown[] {
  let values: unknown[] = [body];
  for (const segment of path.split('.')) {
    const items = segment.endsWith('[]');
    const name = items ? segment.slice(0, -2) : segment;
    values = values.flatMap((value) => {
      const next = value && typeof value === 'object' ? (value as Fields)[name] : undefined;
      return items ? (Array.isArray(next) ? next : []) : [next];
    });
  }
  return values.filter((value) => value !== undefined && value !== null);
}

const EMPTY_PAGE = { data: [] };

export function registerOperationRoutes(app: FastifyInstance, deps: OperationRouteDeps): void {
  const { resource, store, schemas } = deps;
  const { title, keyField, lookup } = resource;
  const notFound = (what = title) => new HttpError(404, `${what} not found`);
  const duplicateKey = () => new HttpError(409, `A ${title} with this key already exists`, [{ field: keyField ?? 'key', message: 'Key is already in use' }]);
  /** The state each record left before its last move, for an action that moves it back (`leaves: "$previous"`). */
  const previousStates = new Map<string, unknown>();
  const moveUnderRule = (record: StoredRecord, rule: StateRule | undefined) => {
    if (rule?.field === undefined) return;
    const field = rule.field;
    const current = stateAt(record, field);
    deps.applyStateRule(rule, current, () => {
      if (rule.leaves === undefined) return;
      const next = rule.leaves === '$previous' ? previousStates.get(record.id) : rule.leaves;
      previousStates.set(record.id, current);
      store.moveTo(record.id, field, next);
    });
  };
  const takenKey = (body: Fields, exceptId?: string) => keyField !== null && typeof body[keyField] === 'string' && store.keyHolder(body[keyField] as string, exceptId) !== undefined;

  const recordOf = (request: FastifyRequest, operation: OperationDefinition): StoredRecord => {
    const id = (request.params as Record<string, string>)[pathParameters(operation.path)[0]];
    const by = lookup ? (request.query as Record<string, unknown>)[lookup.parameter] : undefined;
    if (by !== undefined && by !== lookup!.byId && by !== lookup!.byKey) {
      throw new HttpError(400, `Query parameter ${lookup!.parameter} must be ${lookup!.byId} or ${lookup!.byKey}`);
    }
    const record = store.resolve(id, by === undefined ? undefined : by === lookup!.byId ? 'id' : 'key');
    if (record === undefined) throw notFound();
    return record;
  };

  /** A 422 naming every reference whose value names no live record of its resource. */
  const checkReferences = (body: unknown, references: Reference[]) => {
    const dangling: FieldError[] = references
      .filter((reference) => valuesAt(body, reference.path).some((value) => deps.referenceExists(reference.resource, value) === false))
      .map((reference) => ({ field: reference.path.replace(/\[\]/g, '[0]'), message: `No live ${reference.resource} record is named here` }));
    if (dangling.length > 0) throw new HttpError(422, 'Validation failed', dangling);
  };

  for (const operation of resource.operations) {
    const schema = schemas[operation.id] as JsonSchema | undefined;
    const references = schema ? referencesIn(schema) : [];
    const collection = nestedCollection(operation.path);
    const hints = resource.operationHints[operation.id] ?? {};
    const handle = handlerFor(operation, collection, hints);
    app.route({
      method: operation.method as HTTPMethods,
      url: toRouterPath(operation.path),
      config: { operation },
      ...(schema ? { schema: { body: schema } } : {}),
      ...(operation.body?.required ? { preValidation: rejectEmptyBody } : {}),
      handler: async (request, reply) => {
        // A body the operation does not declare is not read; an unknown record is a 404 before anything in the body.
        const body = schema ? request.body : undefined;
        if (pathParameters(operation.path).length > 0) recordOf(request, operation);
        if (body !== undefined) checkReferences(body, references);
        return handle(request, reply, body as Fields | undefined);
      },
    });
  }

  function handlerFor(operation: OperationDefinition, collection: string | undefined, hints: ResourceFixture['operationHints'][string]) {
    type Handler = (request: FastifyRequest, reply: FastifyReply, body: Fields | undefined) => Promise<unknown>;
    const status = operation.success;
    if (collection !== undefined) return nestedHandler(operation, collection);
    const handlers: Record<OperationDefinition['role'], Handler> = {
      create: async (_request, reply, body) => {
        if (takenKey(body ?? {})) throw duplicateKey();
        return reply.code(status).send(store.create(body ?? {}));
      },
      read: async (request) => recordOf(request, operation),
      update: async (request, _reply, body) => {
        const record = recordOf(request, operation);
        if (takenKey(body ?? {}, record.id)) throw duplicateKey();
        return store.update(record.id, body ?? {});
      },
      delete: async (request, reply) => {
        store.softDelete(recordOf(request, operation).id);
        return reply.code(status).send();
      },
      filter: async (_request, _reply, body) => {
        const filter = (body ?? {}) as FilterRequest;
        const { data, page } = filterPage(store.all(), filter, filter.pageSize ?? deps.defaultPageSize);
        return { data, [resource.list.page]: page };
      },
      action: async (request, reply, body) => {
        const record = recordOf(request, operation);
        moveUnderRule(record, hints.state);
        if (hints.creates) {
          const made = deps.storeOf(hints.creates.resource)?.create(copyOf(record));
          if (!made) throw new HttpError(500, 'An unexpected error occurred');
          return reply.code(status).send(answerWith(hints.creates.idField, made.id, {}));
        }
        if (hints.produces) {
          const nested = store.addNested(record.id, hints.produces.collection, body ?? {});
          return reply.code(status).send(answerWith(hints.produces.idField, nested.id, nested));
        }
        return reply.code(status).send(record);
      },
      'sub-read': async (request) => {
        recordOf(request, operation);
        return EMPTY_PAGE;
      },
      search: async (_request, reply) => reply.code(status).send(EMPTY_PAGE),
      'collection-action': async (_request, reply) => reply.code(status).send(EMPTY_PAGE),
      report: async (_request, reply) => reply.code(status).send(EMPTY_PAGE),
    };
    return handlers[operation.role];
  }

  /** Operations on a record of a live record's collection: the record first (404), then the nested one (404). */
  function nestedHandler(operation: OperationDefinition, collection: string) {
    const [, nestedParameter] = pathParameters(operation.path);
    const what = `${title} ${collection.replace(/s$/, '')}`;
    return async (request: FastifyRequest, reply: FastifyReply, body: Fields | undefined) => {
      const record = recordOf(request, operation);
      const nestedId = (request.params as Record<string, string>)[nestedParameter];
      if (store.nested(record.id, collection, nestedId) === undefined) throw notFound(what);
      switch (operation.role) {
        case 'update':
          return store.updateNested(record.id, collection, nestedId, body ?? {});
        case 'delete':
          store.removeNested(record.id, collection, nestedId);
          return reply.code(operation.success).send(operation.success === 204 ? undefined : record);
        default:
          return reply.code(operation.success).send(store.nested(record.id, collection, nestedId));
      }
    };
  }
}

/** An answer holding `id` at the dotted path the operation's hints name (`loadCarrierId`, `application.id`), with the record beside it. */
function answerWith(path: string, id: string, record: Fields): Fields {
  const segments = path.split('.');
  const answer: Fields = { ...record };
  let node = answer;
  for (const segment of segments.slice(0, -1)) node = (node[segment] = { ...record }) as Fields;
  node[segments.at(-1)!] = id;
  return answer;
}

/** A record's own fields, for a copy of it: no bookkeeping, no client key (the copy is another record). */
function copyOf(record: StoredRecord): Fields {
  const { object: _object, id: _id, friendlyId: _friendly, key: _key, createdAt: _created, updatedAt: _updated, deletedAt: _deleted, ...fields } = record;
  return structuredClone(fields);
}
