// One resource under /v1: create, read, update, soft delete and filter at the paths its fixture lists,
// client keys unique among the resource's live records, and references to other resources checked.
import type { FastifyInstance, FastifyRequest, HTTPMethods } from 'fastify';
import { requireBody } from '../body.ts';
import { HttpError, type FieldError } from '../envelope.ts';
import { filterPage, type FilterRequest } from '../filter.ts';
import { referencesIn, toRouterPath, type JsonSchema, type ResourceFixture, type ResourceRoute } from '../fixtures.ts';
import type { BodySchemas } from '../parts.ts';
import type { Fields, RecordStore, StoredRecord } from '../records.ts';

export interface ResourceRouteDeps {
  resource: ResourceFixture;
  store: RecordStore;
  schemas: BodySchemas;
  /** Whether `value` (an id, or an {id} | {key} object) names a live record of `resource`; undefined when that resource is not served here. */
  referenceExists(resource: string, value: unknown): boolean | undefined;
  defaultPageSize: number;
}

// The hook form of requireBody: a POST or PATCH without content is refused before validation.
async function rejectEmptyBody(request: FastifyRequest): Promise<void> {
  requireBody(request.body);
}

export function registerResourceRoutes(app: FastifyInstance, deps: ResourceRouteDeps): void {
  const { resource, store, schemas } = deps;
  const { routes, title, keyField, lookup } = resource;
  const at = (route: ResourceRoute) => ({ method: route.method as HTTPMethods, url: toRouterPath(route.path) });
  const notFound = () => new HttpError(404, `${title} not found`);
  const duplicateKey = () =>
    new HttpError(409, `A ${title} with this key already exists`, [{ field: keyField ?? 'key', message: 'Key is already in use' }]);
  const references = { create: referencesIn(schemas.create as JsonSchema), patch: referencesIn(schemas.patch as JsonSchema) };

  const lookUp = (request: FastifyRequest): StoredRecord => {
    const { id } = request.params as { id: string };
    const by = lookup ? (request.query as Record<string, unknown>)[lookup.parameter] : undefined;
    if (by !== undefined && by !== lookup!.byId && by !== lookup!.byKey) {
      throw new HttpError(400, `Query parameter ${lookup!.parameter} must be ${lookup!.byId} or ${lookup!.byKey}`);
    }
    const record = store.resolve(id, by === undefined ? undefined : by === lookup!.byId ? 'id' : 'key');
    if (record === undefined) throw notFound();
    return record;
  };

  /** A 422 naming every reference field whose value names no live record of its resource. */
  const checkReferences = (body: Fields, which: 'create' | 'patch') => {
    const dangling: FieldError[] = references[which]
      .filter(({ field }) => body[field] !== undefined && body[field] !== null)
      .filter(({ field, resource: target }) => deps.referenceExists(target, body[field]) === false)
      .map(({ field, resource: target }) => ({ field, message: `No live ${target} record is named here` }));
    if (dangling.length > 0) throw new HttpError(422, 'Validation failed', dangling);
  };

  const takenKey = (body: Fields, exceptId?: string) =>
    keyField !== null && typeof body[keyField] === 'string' && store.keyHolder(body[keyField] as string, exceptId) !== undefined;

  app.route({
    ...at(routes.create),
    schema: { body: schemas.create },
    preValidation: rejectEmptyBody,
    handler: async (request, reply) => {
      const input = request.body as Fields;
      checkReferences(input, 'create');
      if (takenKey(input)) throw duplicateKey();
      return reply.code(201).send(store.create(input));
    },
  });

  app.route({
    ...at(routes.get),
    handler: async (request) => lookUp(request),
  });

  app.route({
    ...at(routes.patch),
    schema: { body: schemas.patch },
    preValidation: rejectEmptyBody,
    handler: async (request) => {
      const record = lookUp(request);
      const patch = request.body as Fields;
      checkReferences(patch, 'patch');
      if (takenKey(patch, record.id)) throw duplicateKey();
      return store.update(record.id, patch);
    },
  });

  app.route({
    ...at(routes.delete),
    handler: async (request, reply) => {
      store.softDelete(lookUp(request).id);
      return reply.code(204).send();
    },
  });

  app.route({
    ...at(routes.filter),
    schema: { body: schemas.filter },
    preValidation: rejectEmptyBody,
    handler: async (request) => {
      const body = request.body as FilterRequest;
      const { data, page } = filterPage(store.all(), body, body.pageSize ?? deps.defaultPageSize);
      return { data, [resource.list.page]: page };
    },
  });
}
