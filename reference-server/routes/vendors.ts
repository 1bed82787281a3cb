// The vendors resource under /v1: create, read, update, soft delete and filter, at the paths the fixture lists.
import type { FastifyInstance, FastifyRequest, HTTPMethods } from 'fastify';
import { requireBody } from '../body.ts';
import { HttpError } from '../envelope.ts';
import { filterPage, type FilterRequest } from '../filter.ts';
import { toRouterPath, type ResourceDefinition, type ResourceRoute } from '../fixtures.ts';
import type { BodySchemas } from '../parts.ts';
import type { VendorInput, VendorPatch, VendorRecord, VendorStore } from '../store.ts';

export interface VendorRouteDeps {
  store: VendorStore;
  schemas: BodySchemas;
  routes: ResourceDefinition['routes'];
  defaultPageSize: number;
}

const notFound = () => new HttpError(404, 'Vendor not found');
const duplicateKey = () =>
  new HttpError(409, 'A vendor with this key already exists', [{ field: 'key', message: 'Key is already in use' }]);

// The hook form of requireBody: a POST or PATCH without content is refused before validation.
async function rejectEmptyBody(request: FastifyRequest): Promise<void> {
  requireBody(request.body);
}

export function registerVendorRoutes(app: FastifyInstance, deps: VendorRouteDeps): void {
  const { store, schemas, routes } = deps;
  const at = (route: ResourceRoute) => ({ method: route.method as HTTPMethods, url: toRouterPath(route.path) });

  const lookUp = (request: FastifyRequest): VendorRecord => {
    const { id } = request.params as { id: string };
    const record = store.resolve(id);
    if (record === undefined) throw notFound();
    return record;
  };

  app.route({
    ...at(routes.create),
    schema: { body: schemas.create },
    preValidation: rejectEmptyBody,
    handler: async (request, reply) => {
      const input = request.body as VendorInput;
      if (typeof input.key === 'string' && store.keyHolder(input.key) !== undefined) throw duplicateKey();
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
      const patch = request.body as VendorPatch;
      if (typeof patch.key === 'string' && store.keyHolder(patch.key, record.id) !== undefined) throw duplicateKey();
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
      return filterPage(store.all(), body, body.pageSize ?? deps.defaultPageSize);
    },
  });
}
