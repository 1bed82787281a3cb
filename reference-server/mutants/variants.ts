// Conformant variants: servers that answer differently from the reference where the contract allows
// two answers. Each must pass the whole run; a clause that fails one of them cries wolf.
import { HttpError } from '../envelope.ts';
import { RESOURCES, routedResource, storeWith } from './support.ts';
import type { Mutant } from '../parts.ts';

export interface Variant extends Mutant {
  /** The clause whose accepted alternative the variant takes, and why that must not fail anything else. */
  allowedBy: string;
  models: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const VARIANTS: Variant[] = [
  {
    name: 'non-uuid-ids-refused',
    allowedBy: 'ERR-404-NON-UUID-ID',
    models: 'A server without client-key lookup in the path: any path id that is not a UUID is a 400 BAD_REQUEST with the envelope (unless a lookup parameter, where the resource declares one, asks for a key).',
    install(app) {
      // After authentication and the rate limit (onRequest), so the 400 carries their headers.
      app.addHook('preHandler', async (request) => {
        // Only the ids of a route: a path no route serves (the not-found handler's wildcard) stays a 404.
        const routed = routedResource(request);
        if (routed === undefined) return;
        const ids = Object.values((request.params as Record<string, unknown> | undefined) ?? {});
        const lookup = RESOURCES.find((resource) => resource.name === routed)?.lookup;
        const byKey = lookup !== undefined && (request.query as Record<string, unknown>)[lookup.parameter] === lookup.byKey;
        if (ids.some((id) => typeof id === 'string' && !UUID.test(id)) && !byKey) throw new HttpError(400, 'The id must be a UUID');
      });
    },
  },
  {
    name: 'deleted-records-stay-addressable',
    allowedBy: 'ERR-404-DELETED-RECORD',
    models: 'Soft-deleted records are still served by id (200 with deletedAt set), and DELETE of a deleted record is an idempotent 204.',
    parts: {
      createStore: storeWith((store) => ({
        resolve: (idOrKey) => store.resolve(idOrKey) ?? store.all().find((record) => record.id === idOrKey),
        softDelete: (id) => {
          const record = store.all().find((candidate) => candidate.id === id)!;
          return record.deletedAt === null ? store.softDelete(id) : record;
        },
      })),
    },
  },
];

export function variantByName(name: string): Variant | undefined {
  return VARIANTS.find((variant) => variant.name === name);
}
