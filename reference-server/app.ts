// Assembles the reference server: fastify with the contract's error handling, the token endpoint and
// the /v1 API with every resource of its fixtures.
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { HttpError, UNEXPECTED_ERROR_MESSAGE, genericClientMessage } from './envelope.ts';
import { createGate } from './gate.ts';
import { DEFAULTS, resolveOptions, type ReferenceServerOptions } from './options.ts';
import { defaultParts, type ServerParts } from './parts.ts';
import { registerMethodNotAllowed } from './routes/method-not-allowed.ts';
import { TOKEN_PATH, registerTokenRoute } from './routes/token.ts';
import { nestedCollection, referencesIn, type ResourceFixture } from './fixtures.ts';
import type { RecordStore } from './records.ts';
import { registerOperationRoutes } from './routes/operations.ts';
import type { TokenCheck } from './tokens.ts';
import { createBodyValidatorCompiler } from './validation.ts';

export const API_PREFIX = '/v1';

// Long enough for a 512-character client key used as the {id} segment, even fully percent-encoded.
const MAX_PARAM_LENGTH = 8192;

const JSON_UTF8 = 'application/json; charset=utf-8';

function isApiUrl(url: string): boolean {
  return url === API_PREFIX || url.startsWith(`${API_PREFIX}/`) || url.startsWith(`${API_PREFIX}?`);
}

/** Our own failures keep their status and text; fastify's 4xx get a generic text; anything else is a 500. */
function asHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpError(status, genericClientMessage(status));
  }
  return new HttpError(500, UNEXPECTED_ERROR_MESSAGE);
}

/**
 * The collections of each resource's records that hold records of their own: those other records name
 * (`routes.stops`), those operations address (/routes/{routeId}/stops/{stopId}) or add to.
 */
function nestedCollections(resources: readonly ResourceFixture[]): Map<string, string[]> {
  const found = new Map<string, Set<string>>();
  const add = (resource: string, collection: string) => found.set(resource, (found.get(resource) ?? new Set()).add(collection));
  for (const resource of resources) {
    for (const operation of resource.operations) {
      const collection = nestedCollection(operation.path);
      if (collection) add(resource.name, collection);
      const produced = resource.operationHints[operation.id]?.produces;
      if (produced) add(resource.name, produced.collection);
      for (const reference of operation.body ? referencesIn(operation.body.schema) : []) {
        const [name, nested] = reference.resource.split('.');
        if (nested) add(name, nested);
      }
    }
  }
  return new Map([...found].map(([name, names]) => [name, [...names]]));
}

async function notFound(): Promise<never> {
  throw new HttpError(404, 'Resource not found');
}

export function buildApp(options: ReferenceServerOptions = {}): FastifyInstance {
  const settings = resolveOptions(options);
  const parts: ServerParts = { ...defaultParts(), ...settings.mutant?.parts };

  // A fresh key per start: tokens never outlive the server that issued them.
  const signingKey = randomBytes(32);
  const clientIds = new Set(settings.clients.map((client) => client.id));
  const tokenCheck = (): TokenCheck => ({ signingKey, clientIds, nowSeconds: parts.now() / 1000 });
  const issueToken = (clientId: string): string => {
    const iat = Math.floor(parts.now() / 1000);
    // Rounded up: the token lives at least as long as the expires_in it is issued with.
    const claims = { sub: clientId, iat, exp: Math.ceil(parts.now() / 1000) + settings.tokenTtlSeconds, jti: parts.newId() };
    return parts.signToken(claims, signingKey);
  };

  const limiter = parts.createLimiter({ ...settings.rateLimit, now: () => parts.now() });
  const collections = nestedCollections(settings.resources);
  const stores = new Map<string, RecordStore>(
    settings.resources.map((resource) => [resource.name, parts.createStore({ resource, collections: collections.get(resource.name) ?? [], newId: () => parts.newId(), now: () => parts.now() })]),
  );
  // A reference names a live record of a resource this server serves (by id, or by an {id} | {key} object),
  // or a record of one of its records' collections (`shipments.orders`: an order of a live shipment).
  const referenceExists = (target: string, value: unknown): boolean | undefined => {
    const [name, collection] = target.split('.');
    const store = stores.get(name);
    if (store === undefined) return undefined;
    const { id, key } = (typeof value === 'string' ? { id: value } : (value ?? {})) as { id?: unknown; key?: unknown };
    if (collection !== undefined) return typeof id === 'string' && store.all().some((record) => record.deletedAt === null && store.nested(record.id, collection, id) !== undefined);
    if (typeof id === 'string') return store.resolve(id, 'id') !== undefined;
    return typeof key === 'string' && store.resolve(key, 'key') !== undefined;
  };
  const gate = createGate({ parts, limiter, tokenCheck });

  function sendError(reply: FastifyReply, error: unknown): FastifyReply {
    const failure = asHttpError(error);
    // The client only ever sees the generic text; the cause goes to the log (when logging is on).
    if (failure.statusCode >= 500 && !(error instanceof HttpError)) reply.log.error({ err: error }, 'request failed');
    return reply
      .code(failure.statusCode)
      .type(JSON_UTF8)
      .send(parts.errorBody(failure.statusCode, failure.message, failure.details, failure.envelopeCode));
  }

  const app = Fastify({
    logger: settings.logger,
    bodyLimit: DEFAULTS.bodyLimitBytes,
    // The fixture lists the methods of each path; HEAD is not among them, so it gets a 405 too.
    exposeHeadRoutes: false,
    genReqId: () => parts.newRequestId(),
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // A URL the router cannot decode (broken percent-encoding) reaches no hook and no route, so it
    // gets the same headers and envelope here.
    frameworkErrors: (error, request, reply) => {
      reply.header('X-Request-Id', request.id);
      try {
        if (isApiUrl(request.url)) gate.admit(request, reply);
        const outcome = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? new HttpError(404, 'Resource not found')
          : new HttpError(400, 'Malformed request URL');
        sendError(reply, outcome);
      } catch (failure) {
        sendError(reply, failure);
      }
    },
  });

  // Fastify's default parsers would accept text/plain and use its own JSON errors; each scope
  // below adds exactly the parser it needs.
  app.removeAllContentTypeParsers();
  app.setErrorHandler((error, _request, reply) => sendError(reply, error));
  app.setNotFoundHandler(notFound);

  // Hook order for mutants: fastify runs hooks of one kind in registration order, the parent scope's
  // before a child scope's. install() runs after the app-wide handlers above (so a mutant may replace
  // the error handler) and before every reference hook and route, so its onRequest hooks run first.
  // The reference registers no onSend hook, so a mutant's onSend sees the final status, headers and payload.
  settings.mutant?.install?.(app, parts);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });

  registerTokenRoute(app, { clients: settings.clients, ttlSeconds: settings.tokenTtlSeconds, issue: issueToken });
  registerMethodNotAllowed(app, [{ method: 'POST', path: TOKEN_PATH }]);

  app.register(
    async (api) => {
      api.addContentTypeParser('application/json', { parseAs: 'buffer' }, async (_request: FastifyRequest, body: Buffer) =>
        parts.parseJsonBody(body),
      );
      const compile = createBodyValidatorCompiler(parts.ajvOptions, parts.validationDetails);
      api.setValidatorCompiler(({ schema }) => compile(schema as object));

      api.addHook('onRequest', async (request, reply) => gate.admit(request, reply));
      const requireClient = async (request: FastifyRequest) => gate.requireClient(request);
      const injectFault = async (request: FastifyRequest) => gate.injectFault(request);
      if (parts.authStage === 'onRequest') {
        api.addHook('onRequest', requireClient);
        api.addHook('onRequest', injectFault);
      } else {
        api.addHook('preHandler', requireClient);
        api.addHook('preHandler', injectFault);
      }

      api.setNotFoundHandler(notFound);
      for (const resource of settings.resources) {
        registerOperationRoutes(api, {
          resource,
          store: stores.get(resource.name)!,
          schemas: parts.schemasFor(resource),
          referenceExists,
          storeOf: (name) => stores.get(name),
          applyStateRule: parts.applyStateRule,
          defaultPageSize: DEFAULTS.pageSize,
        });
      }
      registerMethodNotAllowed(api, settings.resources.flatMap((resource) => resource.operations));
    },
    { prefix: API_PREFIX },
  );

  return app;
}
