// Mutants of the not-found family: unknown ids, unknown paths, wrong methods and deleted records.
import { capturedStores, onResponse, routedResource, routedTo, staleReadStore, storeWith, type CatalogEntry } from './support.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const notFoundMutants: CatalogEntry[] = [
  {
    name: 'delete-unknown-id-is-204',
    family: 'not-found',
    breaks: ['ERR-404-RANDOM-ID', 'ERR-404-NON-UUID-ID', 'ERR-404-DELETE-TWICE'],
    models: 'DELETE runs `UPDATE ... WHERE id = $1` and answers 204 whether or not a row matched ("idempotent delete").',
    install(app) {
      onResponse(app, ({ request, reply, status }) => {
        if (!routedTo(request, 'delete') || status !== 404) return undefined;
        reply.code(204);
        return '';
      });
    },
  },
  {
    name: 'non-uuid-id-is-500',
    family: 'not-found',
    breaks: ['ERR-404-NON-UUID-ID', 'ERR-2XX-GET-BY-KEY', 'ERR-ROBUST-NO-5XX'],
    models: 'The path id goes straight into a uuid column, and the database\'s "invalid input syntax for type uuid" surfaces as a 500.',
    parts: {
      createStore: storeWith((store) => ({
        resolve: (idOrKey) => {
          if (!UUID.test(idOrKey)) throw new Error(`invalid input syntax for type uuid: "${idOrKey}"`);
          return store.resolve(idOrKey);
        },
      })),
    },
  },
  {
    name: 'unknown-path-framework-404',
    family: 'not-found',
    breaks: ['ERR-404-UNKNOWN-PATH', 'ERR-ENV-SHAPE'],
    models: 'Unknown paths fall through to the framework\'s default 404 body ({statusCode, error, message}) instead of the envelope.',
    install(app) {
      onResponse(app, ({ request, status }) => {
        if (status !== 404 || request.routeOptions.url !== undefined) return undefined;
        return { statusCode: 404, error: 'Not Found', message: `Route ${request.method}:${request.url} not found` };
      });
    },
  },
  {
    name: 'wrong-method-is-400',
    family: 'not-found',
    breaks: ['ERR-404-WRONG-METHOD'],
    models: 'A method the path does not serve is rejected by a request guard as a generic 400 "Unsupported method" rather than 404/405.',
    install(app, parts) {
      onResponse(app, ({ reply, status }) => {
        if (status !== 405) return undefined;
        reply.code(400).removeHeader('allow');
        return parts.errorBody(400, 'Unsupported method');
      });
    },
  },
  {
    name: 'method-not-allowed-without-allow',
    family: 'not-found',
    breaks: ['ERR-405-ALLOW-HEADER'],
    models: 'A hand-written 405 handler sends the envelope but forgets the Allow header RFC 9110 requires.',
    install(app) {
      onResponse(app, ({ reply, status }) => {
        if (status === 405) reply.removeHeader('allow');
        return undefined;
      });
    },
  },
  {
    name: 'stale-read-cache-after-delete',
    family: 'not-found',
    breaks: ['ERR-404-DELETED-RECORD'],
    models: 'Reads go through a cache that DELETE never invalidates, so GET of a deleted record still answers 200 with deletedAt null.',
    parts: {
      createStore: staleReadStore(),
    },
  },
  secondDeleteIs204(),
];

/**
 * GET treats a deleted record as gone (404) while DELETE still finds it and answers 204: the two
 * handlers disagree on whether deleted records exist.
 */
function secondDeleteIs204(): CatalogEntry {
  const stores = capturedStores();
  return {
    name: 'second-delete-is-204',
    family: 'not-found',
    breaks: ['ERR-404-DELETE-TWICE'],
    models: 'The DELETE handler looks records up without `deleted_at IS NULL` while GET filters on it, so a deleted record is gone for GET but deleted again (204) by DELETE.',
    parts: { createStore: stores.createStore },
    install(app) {
      onResponse(app, ({ request, reply, status }) => {
        if (!routedTo(request, 'delete') || status !== 404) return undefined;
        const { id } = request.params as { id: string };
        if (!stores.of(routedResource(request))?.all().some((record) => record.id === id && record.deletedAt !== null)) return undefined;
        reply.code(204);
        return '';
      });
    },
  };
}
