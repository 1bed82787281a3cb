// The contract data the server is built from: the resource fixtures and the status -> error.code
// table, read through the fixtures' own loader, so the server and the suite share data, never code.
export {
  ERROR_CODES,
  loadResources,
  nestedCollection,
  operationOf,
  pathParameters,
  referencesIn,
  type JsonSchema,
  type OperationDefinition,
  type OperationRole,
  type Reference,
  type ResourceFixture,
  type RouteName,
  type StateRule,
} from '../fixtures/load.ts';

export interface ResourceRoute {
  method: string;
  path: string;
}

/** Fixture paths use OpenAPI's `{id}`; fastify's router spells it `:id`. */
export function toRouterPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}
