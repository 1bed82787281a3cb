// What a catalog entry is, and the few building blocks mutants share: response rewriting on the way
// out, route matching, wrapped stores and limiters, and edited copies of the fixture's schemas.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_PREFIX } from '../app.ts';
import { parseJsonBody } from '../body.ts';
import { toRouterPath, vendorsResource, type ResourceRoute } from '../fixtures.ts';
import type { BodySchemas, Mutant } from '../parts.ts';
import { createFixedWindowLimiter, type RateLimitDecision, type RateLimiter, type RateLimitOptions } from '../rate-limit.ts';
import { createVendorStore, type StoreOptions, type VendorStore } from '../store.ts';

export interface CatalogEntry extends Mutant {
  family: string;
  /** Clause ids this mutant must make fail; extra failures are allowed. */
  breaks: string[];
  /** One sentence: the real-world bug it imitates. */
  models: string;
}

export const ROUTES = vendorsResource.routes;

/** True when the request was routed to this route of the vendors resource. */
export function routedTo(request: FastifyRequest, route: ResourceRoute): boolean {
  return request.method === route.method && request.routeOptions.url === `${API_PREFIX}${toRouterPath(route.path)}`;
}

export interface Outgoing {
  request: FastifyRequest;
  reply: FastifyReply;
  status: number;
  /** The payload parsed as JSON; undefined when it is empty or not JSON. */
  json: any;
}

/**
 * An onSend hook: it sees the final status, headers and payload of every response. The rewrite may
 * change the status or headers through `reply`; it returns a replacement body (an object is sent as
 * JSON, a string as is) or undefined to keep the payload.
 */
export function onResponse(app: FastifyInstance, rewrite: (outgoing: Outgoing) => unknown): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const replaced = rewrite({ request, reply, status: reply.statusCode, json: parseJson(payload) });
    if (replaced === undefined) return payload;
    return typeof replaced === 'string' ? replaced : JSON.stringify(replaced);
  });
}

function parseJson(payload: unknown): unknown {
  if (typeof payload !== 'string' || payload === '') return undefined;
  try {
    return JSON.parse(payload);
  } catch {
    return undefined;
  }
}

/** A createStore part that builds the reference store and lets the mutant override some of its methods. */
export function storeWith(override: (store: VendorStore) => Partial<VendorStore>): (options: StoreOptions) => VendorStore {
  return (options) => {
    const store = createVendorStore(options);
    return { ...store, ...override(store) };
  };
}

/** A createLimiter part that passes every decision of the reference limiter through `change`. */
export function limiterWith(
  change: (decision: RateLimitDecision, subject: string) => RateLimitDecision,
): (options: RateLimitOptions) => RateLimiter {
  return (options) => {
    const limiter = createFixedWindowLimiter(options);
    return { hit: (subject) => change(limiter.hit(subject), subject) };
  };
}

type Schema = Record<string, any>;

/** A deep copy of one of the fixture's body schemas, edited by `edit`. */
function editedSchema(which: 'create' | 'patch' | 'filter', edit: (schema: Schema) => void): object {
  const copy = structuredClone(vendorsResource.schemas[which]) as Schema;
  edit(copy);
  return copy;
}

/** The fixture's schemas with one of them edited. */
export function schemasWith(which: 'create' | 'patch' | 'filter', edit: (schema: Schema) => void): BodySchemas {
  const { create, patch, filter } = vendorsResource.schemas;
  return { create, patch, filter, [which]: editedSchema(which, edit) };
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The reference parser, except that JSON which is not an object (null, an array, a scalar) gets through. */
export function parseAnyJsonBody(raw: Buffer): unknown {
  try {
    return parseJsonBody(raw);
  } catch (error) {
    let value: unknown;
    try {
      value = JSON.parse(raw.toString('utf8'));
    } catch {
      throw error;
    }
    if (isJsonObject(value)) throw error;
    return value;
  }
}
