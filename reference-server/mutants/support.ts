// What a catalog entry is, and the few building blocks mutants share: response rewriting on the way
// out, route matching, wrapped stores and limiters, and edited copies of the fixture's schemas.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_PREFIX } from '../app.ts';
import { parseJsonBody } from '../body.ts';
import { loadResources, operationOf, toRouterPath, type OperationDefinition, type OperationRole, type ResourceFixture, type RouteName } from '../fixtures.ts';
import { defaultParts, type BodySchemas, type Mutant } from '../parts.ts';
import { createFixedWindowLimiter, type RateLimitDecision, type RateLimiter, type RateLimitOptions } from '../rate-limit.ts';
import { createRecordStore, type RecordStore, type StoreOptions, type StoredRecord } from '../records.ts';
import { HttpError } from '../envelope.ts';

export interface CatalogEntry extends Mutant {
  family: string;
  /** Clause ids this mutant must make fail; extra failures are allowed. */
  breaks: string[];
  /** One sentence: the real-world bug it imitates. */
  models: string;
  /**
   * The resources its run judges: the ones whose rules it breaks. A bug of every resource (the
   * envelope, auth) is shown on the first committed resource; the reference run judges them all.
   */
  resources?: string[];
  /** The bug is planted in each of `resources` on its own: every declared clause must fail on every one. */
  eachResource?: boolean;
  /** The cause (fixtures/contract/causes.json) its report must name: the kill matrix counts it killed only then. */
  diagnosis?: string;
}

/** The committed resources the catalog's servers serve. */
export const RESOURCES: readonly ResourceFixture[] = loadResources();

/** True when the request was routed to this CRUD route of any resource (or of the one named). */
export function routedTo(request: FastifyRequest, operation: RouteName, resource?: string): boolean {
  return RESOURCES.some(({ name, routes }) => {
    const route = routes[operation];
    return route !== undefined && (resource === undefined || resource === name) && request.method === route.method && request.routeOptions.url === `${API_PREFIX}${toRouterPath(route.path)}`;
  });
}

/** The operation the request was routed to, of any resource, if any. */
export function routedOperation(request: FastifyRequest): { resource: ResourceFixture; operation: OperationDefinition } | undefined {
  for (const resource of RESOURCES) {
    const operation = resource.operations.find((candidate) => request.method === candidate.method && request.routeOptions.url === `${API_PREFIX}${toRouterPath(candidate.path)}`);
    if (operation) return { resource, operation };
  }
  return undefined;
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

/** The resource a request was routed to (any of its operations), if any. */
export function routedResource(request: FastifyRequest): string | undefined {
  return routedOperation(request)?.resource.name;
}

/** The reference stores as buildApp creates them (just before install runs), for mutants that read them. */
export function capturedStores(): { createStore: (options: StoreOptions) => RecordStore; of: (resource: string | undefined) => RecordStore | undefined } {
  const stores = new Map<string, RecordStore>();
  return {
    createStore: (options) => {
      const store = createRecordStore(options);
      stores.set(options.resource.name, store);
      return store;
    },
    of: (resource) => (resource === undefined ? undefined : stores.get(resource)),
  };
}

/**
 * A createStore part that builds the reference store and lets the mutant override some of its
 * methods: for every resource, or for the ones named.
 */
export function storeWith(override: (store: RecordStore, resource: ResourceFixture) => Partial<RecordStore>, only?: string[]): (options: StoreOptions) => RecordStore {
  return (options) => {
    const store = createRecordStore(options);
    return only === undefined || only.includes(options.resource.name) ? { ...store, ...override(store, options.resource) } : store;
  };
}

/** The reference store, except that DELETE leaves a stale copy GET keeps serving as live (on the resources named, or all). */
export function staleReadStore(only?: string[]): (options: StoreOptions) => RecordStore {
  return storeWith((store) => {
    const cache = new Map<string, StoredRecord>();
    return {
      resolve: (idOrKey, by) => {
        const live = store.resolve(idOrKey, by);
        if (live !== undefined) cache.set(live.id, { ...live });
        return live ?? cache.get(idOrKey);
      },
      softDelete: (id) => {
        if (store.resolve(id, 'id') === undefined) throw new HttpError(404, 'Record not found');
        return store.softDelete(id);
      },
    };
  }, only);
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

const ROLES = { create: 'create', patch: 'update', filter: 'filter' } as const;

/**
 * A schemasFor part: each resource's body schemas with one of them edited (a deep copy): the body of
 * its create, PATCH or filter, or of every operation of another role (`action`, `search`), for every
 * resource or for the ones named. `edit` may leave a schema as it is when it does not apply.
 */
export function schemasWith(which: keyof typeof ROLES | OperationRole, edit: (schema: Schema) => void, only?: string[]): (resource: ResourceFixture) => BodySchemas {
  const role: OperationRole = which in ROLES ? ROLES[which as keyof typeof ROLES] : (which as OperationRole);
  const crud = which in ROLES;
  return (resource) => {
    const schemas = defaultParts().schemasFor(resource);
    if (only !== undefined && !only.includes(resource.name)) return schemas;
    const edited = resource.operations.filter((operation) => operation.role === role && operation.body && (!crud || operation === operationOf(resource, role)));
    return { ...schemas, ...Object.fromEntries(edited.map((operation) => {
      const copy = structuredClone(operation.body!.schema) as Schema;
      edit(copy);
      return [operation.id, copy];
    })) };
  };
}

/** A filter schema edit: pageSize keeps its type and loses its bounds. */
export function dropPageSizeBounds(schema: Schema): void {
  delete schema.properties.pageSize.minimum;
  delete schema.properties.pageSize.maximum;
}

/** Each definition of a property in a body schema (the schema itself and each union variant). */
export function propertiesNamed(schema: Schema, name: string): Schema[] {
  return [schema, ...(schema.oneOf ?? [])].map((holder: Schema) => holder.properties?.[name]).filter(Boolean);
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
