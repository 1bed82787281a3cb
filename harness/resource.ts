// Requests for a resource described by a fixture (fixtures/resources/<name>.json): the routes as
// request specs, so a suite names an operation and never builds a URL by hand.
import vendorsFixture from '../fixtures/resources/vendors.json' with { type: 'json' };
import type { RequestSpec } from './http/client.ts';
import type { Operation } from './http/exchange.ts';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  examples?: unknown[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  additionalProperties?: boolean;
  'x-client-key'?: boolean;
  'x-references'?: string;
  'x-text'?: string;
};

export interface ResourceFixture {
  name: string;
  title: string;
  routes: Record<'create' | 'get' | 'patch' | 'delete' | 'filter', { method: string; path: string }>;
  keyField: string;
  schemas: { create: JsonSchema; patch: JsonSchema; filter: JsonSchema; record: JsonSchema };
  validSample: Record<string, unknown>;
}

export const vendorsResource = vendorsFixture as unknown as ResourceFixture;

type Extra = Omit<RequestSpec, 'method' | 'path' | 'url' | 'operation'>;

export interface ResourceRequests {
  fixture: ResourceFixture;
  create(extra?: Extra): RequestSpec;
  get(id: string, extra?: Extra): RequestSpec;
  patch(id: string, extra?: Extra): RequestSpec;
  remove(id: string, extra?: Extra): RequestSpec;
  filter(extra?: Extra): RequestSpec;
  itemPath(id: string): string;
}

export function resourceRequests(fixture: ResourceFixture): ResourceRequests {
  const itemPath = (id: string) => fixture.routes.get.path.replace('{id}', encodeURIComponent(id));
  const spec = (operation: Operation, route: { method: string; path: string }, path: string, extra: Extra = {}): RequestSpec => ({
    method: route.method,
    path,
    operation,
    ...extra,
  });
  return {
    fixture,
    create: (extra) => spec('create', fixture.routes.create, fixture.routes.create.path, extra),
    get: (id, extra) => spec('get', fixture.routes.get, itemPath(id), extra),
    patch: (id, extra) => spec('patch', fixture.routes.patch, itemPath(id), extra),
    remove: (id, extra) => spec('delete', fixture.routes.delete, itemPath(id), extra),
    filter: (extra) => spec('filter', fixture.routes.filter, fixture.routes.filter.path, extra),
    itemPath,
  };
}
