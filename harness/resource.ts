// Requests for a resource described by a fixture (fixtures/resources/<name>.json): the routes as
// request specs, so a suite names an operation and never builds a URL by hand.
import type { ResourceFixture } from '../fixtures/load.ts';
import type { RequestSpec } from './http/client.ts';
import type { Operation } from './http/exchange.ts';

export type { JsonSchema, Reference, ResourceFixture } from '../fixtures/load.ts';

type Extra = Omit<RequestSpec, 'method' | 'path' | 'url' | 'operation' | 'resource'>;

export interface ResourceRequests {
  fixture: ResourceFixture;
  create(extra?: Extra): RequestSpec;
  get(id: string, extra?: Extra): RequestSpec;
  /** GET with the lookup parameter (`?by=key`); only for a fixture that has one. */
  getByKey(key: string, extra?: Extra): RequestSpec;
  patch(id: string, extra?: Extra): RequestSpec;
  remove(id: string, extra?: Extra): RequestSpec;
  filter(extra?: Extra): RequestSpec;
  itemPath(id: string): string;
  /** The route as the resource's tests name it: "POST /<resource>". */
  routeLabel(operation: 'create' | 'get' | 'patch' | 'delete' | 'filter'): string;
}

export function resourceRequests(fixture: ResourceFixture): ResourceRequests {
  const itemPath = (id: string) => fixture.routes.get.path.replace('{id}', encodeURIComponent(id));
  const spec = (operation: Operation, route: { method: string; path: string }, path: string, extra: Extra = {}): RequestSpec => ({
    method: route.method,
    path,
    operation,
    resource: fixture.name,
    ...extra,
  });
  return {
    fixture,
    create: (extra) => spec('create', fixture.routes.create, fixture.routes.create.path, extra),
    get: (id, extra) => spec('get', fixture.routes.get, itemPath(id), extra),
    getByKey: (key, extra) => {
      const lookup = fixture.lookup!;
      return spec('get', fixture.routes.get, `${itemPath(key)}?${encodeURIComponent(lookup.parameter)}=${encodeURIComponent(lookup.byKey)}`, extra);
    },
    patch: (id, extra) => spec('patch', fixture.routes.patch, itemPath(id), extra),
    remove: (id, extra) => spec('delete', fixture.routes.delete, itemPath(id), extra),
    filter: (extra) => spec('filter', fixture.routes.filter, fixture.routes.filter.path, extra),
    itemPath,
    routeLabel: (operation) => `${fixture.routes[operation].method} ${fixture.routes[operation].path}`,
  };
}
