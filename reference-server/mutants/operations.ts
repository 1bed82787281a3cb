// Mutants of operations beyond a record's CRUD: each breaks one family on one kind of operation only
// (an action, a read of a record's parts, a search, a wrapper body), so the kill matrix proves that the
// suites' loops over every operation run; and one that answers a question one way on one resource only.
import { errorBody, HttpError } from '../envelope.ts';
import { onResponse, routedOperation, schemasWith, type CatalogEntry } from './support.ts';

type Schema = Record<string, any>;

export const operationMutants: CatalogEntry[] = [
  {
    name: 'actions-skip-auth',
    family: 'auth',
    resources: ['credit-memos'],
    breaks: ['ERR-401-MISSING-TOKEN', 'ERR-401-GARBAGE-TOKEN', 'ERR-401-BAD-SIGNATURE'],
    models: 'The action routes were added to a router mounted before the authentication middleware, so POST /credit-memos/{id}/void runs for anyone.',
    parts: { requiresToken: (operation) => operation?.role !== 'action' },
  },
  {
    name: 'sub-reads-500-for-unknown-record',
    family: 'not-found',
    resources: ['carrier-factors'],
    breaks: ['ERR-404-RANDOM-ID', 'ERR-ROBUST-NO-5XX'],
    models: 'GET /carrier-factors/{id}/bills-for-payment queries the bills of the id straight away, and a missing carrier factor surfaces as an unhandled null: 500.',
    install(app) {
      onResponse(app, ({ request, reply, status }) => {
        if (routedOperation(request)?.operation.role !== 'sub-read' || status !== 404) return undefined;
        reply.code(500);
        return errorBody(500, 'An unexpected error occurred');
      });
    },
  },
  {
    name: 'searches-500-on-malformed-json',
    family: 'malformed',
    resources: ['customers'],
    breaks: ['ERR-400-MALFORMED-JSON', 'ERR-ROBUST-NO-5XX'],
    models: 'The search endpoints parse their body with a second, hand-written JSON reader whose SyntaxError nobody catches: 500.',
    install(app) {
      onResponse(app, ({ request, reply, status, json }) => {
        if (routedOperation(request)?.operation.role !== 'search' || status !== 400 || !/JSON/.test(String(json?.error?.message))) return undefined;
        reply.code(500);
        return errorBody(500, 'An unexpected error occurred');
      });
    },
  },
  {
    name: 'wrapper-body-not-validated',
    family: 'validation',
    resources: ['services'],
    breaks: ['ERR-422-FIELD-NAMED'],
    models: 'POST /services checks that the wrapper\'s service is an object and hands it on unvalidated: a service of an unknown type, a 3,000-character description, an invalid date are stored.',
    parts: {
      schemasFor: schemasWith('create', (schema) => {
        const { service } = schema.properties as Record<string, Schema>;
        for (const keyword of Object.keys(service)) if (!['type', 'required', 'properties'].includes(keyword)) delete service[keyword];
        for (const field of Object.values<Schema>(service.properties)) {
          for (const keyword of ['enum', 'format', 'maxLength']) delete field[keyword];
        }
      }, ['services']),
    },
  },
  {
    name: 'sub-reads-404-when-empty',
    family: 'success',
    resources: ['carrier-factors'],
    breaks: ['ERR-2XX-QUERY'],
    models: 'A read of a record\'s parts answers 404 when there is nothing to list (the ORM\'s findOrFail on an empty result), not 200 with an empty list.',
    install(app) {
      onResponse(app, ({ request, reply, status, json }) => {
        if (routedOperation(request)?.operation.role !== 'sub-read' || status !== 200 || json?.data?.length !== 0) return undefined;
        reply.code(404);
        return errorBody(404, 'Not found');
      });
    },
  },
  {
    name: 'actions-answer-202',
    family: 'success',
    resources: ['shipments'],
    breaks: ['ERR-2XX-ACTION'],
    models: 'Actions were moved to a job queue and answer 202 Accepted with no body, where each action\'s description promises its status and result.',
    install(app) {
      onResponse(app, ({ request, reply, status }) => {
        if (routedOperation(request)?.operation.role !== 'action' || status >= 300) return undefined;
        reply.code(202);
        return '';
      });
    },
  },
  {
    name: 'one-resource-refuses-non-uuid-ids',
    family: 'consistency',
    resources: ['payment-terms', 'companies'],
    breaks: ['ERR-ONE-ANSWER'],
    models: 'Companies were moved to a service whose id parser refuses anything but a UUID (400) while every other resource looks a non-UUID id up as a client key (404): two answers to one question.',
    install(app) {
      app.addHook('preHandler', async (request) => {
        if (routedOperation(request)?.resource.name !== 'companies') return;
        const ids = Object.values((request.params as Record<string, unknown> | undefined) ?? {});
        if (ids.some((id) => typeof id === 'string' && !/^[0-9a-f-]{36}$/i.test(id))) throw new HttpError(400, 'The id must be a UUID');
      });
    },
  },
];
