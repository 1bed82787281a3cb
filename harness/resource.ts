// Requests for a resource described by a fixture (fixtures/resources/<name>.json): each of its
// operations as request specs, so a suite names an operation and never builds a URL by hand.
import { nestedCollection, pathParameters, stateRule, type OperationDefinition, type OperationRole, type ResourceFixture, type RouteName } from '../fixtures/load.ts';
import type { RequestSpec } from './http/client.ts';
import type { Operation } from './http/exchange.ts';

export type { JsonSchema, OperationDefinition, OperationRole, Reference, ResourceFixture } from '../fixtures/load.ts';

type Extra = Omit<RequestSpec, 'method' | 'path' | 'url' | 'operation' | 'resource' | 'route'>;

/** One operation of a resource, ready to be sent. */
export interface OperationRequests {
  definition: OperationDefinition;
  /** The resource it belongs to. */
  resource: string;
  /** How reports name it: "POST /orders/{id}/cancel". */
  label: string;
  role: OperationRole;
  /** The path's record parameters, in order: the resource's record, then a nested record's. */
  parameters: string[];
  /** The collection of a nested record it acts on (the `stops` of a route), if any. */
  nested?: string;
  /** The request: `ids` fill the path's parameters in order; the query's required parameters get valid values by the caller. */
  request(ids?: readonly string[], extra?: Extra): RequestSpec;
}

export interface ResourceRequests {
  fixture: ResourceFixture;
  /** Every operation the fixture lists, in its order. */
  operations: OperationRequests[];
  /** The resource's own operation of a role (not a nested record's), if it has one. */
  operation(role: OperationRole): OperationRequests | undefined;
  create(extra?: Extra): RequestSpec;
  get(id: string, extra?: Extra): RequestSpec;
  /** GET with the lookup parameter (`?by=key`); only for a fixture that has one. */
  getByKey(key: string, extra?: Extra): RequestSpec;
  patch(id: string, extra?: Extra): RequestSpec;
  remove(id: string, extra?: Extra): RequestSpec;
  filter(extra?: Extra): RequestSpec;
  /** The path of a record (where GET, PATCH and DELETE address it). */
  itemPath(id: string): string;
  /** The route as the resource's tests name it: "POST /<resource>". */
  routeLabel(route: RouteName): string;
}

const ROUTE_ROLES: Record<RouteName, OperationRole> = { create: 'create', get: 'read', patch: 'update', delete: 'delete', filter: 'filter' };

/** What the ledger and the run-wide tallies call a request to an operation of this role. */
function kindOf(definition: OperationDefinition): Operation {
  if (nestedCollection(definition.path) !== undefined) return 'nested';
  const crud = (Object.entries(ROUTE_ROLES) as [RouteName, OperationRole][]).find(([, role]) => role === definition.role);
  return crud ? crud[0] : (definition.role as Operation);
}

/** `guarded`: the operation has a state rule (fixtures' hints), so a 409 from it may be a state conflict. */
export function operationRequests(resource: string, definition: OperationDefinition, guarded = false): OperationRequests {
  const parameters = pathParameters(definition.path);
  const label = `${definition.method} ${definition.path}`;
  return {
    definition,
    resource,
    label,
    role: definition.role,
    parameters,
    nested: nestedCollection(definition.path),
    request: (ids = [], extra = {}) => {
      if (ids.length < parameters.length) throw new Error(`${label} needs ${parameters.length} id(s) in its path, got ${ids.length}`);
      let index = 0;
      const path = definition.path.replace(/\{[^}/]+\}/g, () => encodeURIComponent(ids[index++]));
      return { method: definition.method, path, operation: kindOf(definition), resource, route: label, ...(guarded ? { stateConflict: true as const } : {}), ...extra };
    },
  };
}

export function resourceRequests(fixture: ResourceFixture): ResourceRequests {
  const operations = fixture.operations.map((definition) => operationRequests(fixture.name, definition, stateRule(fixture, definition.id) !== undefined));
  const operation = (role: OperationRole) => operations.find((candidate) => candidate.role === role && candidate.nested === undefined);
  const route = (name: RouteName) => {
    const found = operation(ROUTE_ROLES[name]);
    if (!found) throw new Error(`${fixture.name} has no ${name} operation`);
    return found;
  };
  const recordPath = (operation('read') ?? operation('update') ?? operation('delete'))?.definition.path;
  const itemPath = (id: string) => {
    if (!recordPath) throw new Error(`${fixture.name} has no operation on a record`);
    return recordPath.replace(/\{[^}/]+\}/, encodeURIComponent(id));
  };
  return {
    fixture,
    operations,
    operation,
    create: (extra) => route('create').request([], extra),
    get: (id, extra) => route('get').request([id], extra),
    getByKey: (key, extra) => {
      const lookup = fixture.lookup!;
      const spec = route('get').request([key], extra);
      return { ...spec, path: `${spec.path}?${encodeURIComponent(lookup.parameter)}=${encodeURIComponent(lookup.byKey)}` };
    },
    patch: (id, extra) => route('patch').request([id], extra),
    remove: (id, extra) => route('delete').request([id], extra),
    filter: (extra) => route('filter').request([], extra),
    itemPath,
    routeLabel: (name) => route(name).label,
  };
}
