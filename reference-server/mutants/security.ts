// Mutants of the security family: error bodies never echo credentials, and never carry stack traces,
// file paths or SQL.
import type { FastifyRequest } from 'fastify';
import { onResponse, type CatalogEntry } from './support.ts';

export const securityMutants: CatalogEntry[] = [
  {
    name: 'token-echoed-in-401',
    family: 'security',
    breaks: ['ERR-SEC-NO-SECRET-ECHO'],
    models: 'The 401 message quotes the Authorization header it refused, "to help debugging", and so repeats the caller\'s token.',
    install(app) {
      onResponse(app, ({ request, status, json }) => {
        const authorization = request.headers.authorization;
        if (status !== 401 || authorization === undefined || json?.error === undefined) return undefined;
        return { error: { ...json.error, message: `Invalid or expired access token: ${authorization}` } };
      });
    },
  },
  {
    name: 'stack-trace-in-500',
    family: 'security',
    breaks: ['ERR-SEC-NO-INTERNALS'],
    models: 'The error handler sends error.stack as the message of every 5xx, a development setting left on in production.',
    install(app) {
      const stacks = new WeakMap<FastifyRequest, string>();
      app.addHook('onError', async (request, _reply, error) => {
        // The reference's own errors carry no stack (it never shows one): the trace is taken here.
        stacks.set(request, new Error(error.message).stack ?? error.message);
      });
      onResponse(app, ({ request, status, json }) => {
        const stack = stacks.get(request);
        if (status < 500 || stack === undefined || json?.error === undefined) return undefined;
        return { error: { ...json.error, message: stack } };
      });
    },
  },
];
