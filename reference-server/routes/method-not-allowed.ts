// 405 answers for known paths: every method a path does not serve gets METHOD_NOT_ALLOWED and an Allow header.
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { HttpError } from '../envelope.ts';
import { toRouterPath, type ResourceRoute } from '../fixtures.ts';

const ROUTABLE_METHODS: HTTPMethods[] = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

// Registered as real routes rather than decided in the not-found handler: the router then settles
// overlaps such as GET /<resource>/filter (the static path wins over /<resource>/:id) exactly as for the
// allowed methods.
export function registerMethodNotAllowed(app: FastifyInstance, routes: readonly ResourceRoute[]): void {
  const allowedByPath = new Map<string, string[]>();
  for (const route of routes) {
    const url = toRouterPath(route.path);
    allowedByPath.set(url, [...(allowedByPath.get(url) ?? []), route.method.toUpperCase()]);
  }

  for (const [url, allowed] of allowedByPath) {
    const others = ROUTABLE_METHODS.filter((method) => !allowed.includes(method));
    app.route({
      method: others,
      url,
      handler: async (_request, reply) => {
        reply.header('Allow', allowed.join(', '));
        throw new HttpError(405, 'Method not allowed');
      },
    });
  }
}
