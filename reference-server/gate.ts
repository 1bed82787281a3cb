// The front door of /v1: who is calling, the rate limit, the 401 for callers without a valid token,
// and fault injection through the Prefer header.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, UNEXPECTED_ERROR_MESSAGE } from './envelope.ts';
import type { OperationDefinition } from './fixtures.ts';
import type { ServerParts } from './parts.ts';
import { retryAfterSeconds, type RateLimitDecision, type RateLimiter } from './rate-limit.ts';
import type { TokenCheck } from './tokens.ts';

export interface GateDeps {
  parts: ServerParts;
  limiter: RateLimiter;
  tokenCheck(): TokenCheck;
}

export interface Gate {
  /** Identifies the caller and counts the request; throws the 429. Runs first, so a 429 can precede a 401. */
  admit(request: FastifyRequest, reply: FastifyReply): void;
  /** Throws the 401 unless admit found a valid token. */
  requireClient(request: FastifyRequest): void;
  /** Throws the 500 or 503 that a `Prefer: code=500|503` header asks for. */
  injectFault(request: FastifyRequest): void;
}

/** The operation a request was routed to (its route's config carries it), if any. */
export function operationOf(request: FastifyRequest): OperationDefinition | undefined {
  return (request.routeOptions.config as { operation?: OperationDefinition } | undefined)?.operation;
}

function setRateLimitHeaders(reply: FastifyReply, decision: RateLimitDecision): void {
  reply.header('X-RateLimit-Limit', String(decision.limit));
  reply.header('X-RateLimit-Remaining', String(decision.remaining));
  reply.header('X-RateLimit-Reset', String(decision.resetSeconds));
}

/** The status a Prefer header asks for (Stoplight Prism's `code=` preference), if it is one we fake. */
export function requestedFault(prefer: string | string[] | undefined): 500 | 503 | undefined {
  const preferences = [prefer ?? []].flat().join(',').split(/[,;]/);
  for (const preference of preferences) {
    const match = /^\s*code\s*=\s*"?(\d+)"?\s*$/i.exec(preference);
    if (match?.[1] === '500') return 500;
    if (match?.[1] === '503') return 503;
  }
  return undefined;
}

export function createGate({ parts, limiter, tokenCheck }: GateDeps): Gate {
  // The verified client of each request in flight, kept off the request object so no types are widened.
  const clientOf = new WeakMap<FastifyRequest, string>();

  return {
    admit(request, reply) {
      const token = parts.parseAuthorization(request.headers.authorization);
      const clientId = token === null ? null : parts.verifyToken(token, tokenCheck());
      if (clientId !== null) clientOf.set(request, clientId);

      const decision = limiter.hit(clientId ?? `anon:${request.ip}`);
      setRateLimitHeaders(reply, decision);
      if (!decision.allowed) {
        const retryAfter = retryAfterSeconds(decision, parts.now());
        reply.header('Retry-After', String(retryAfter));
        throw new HttpError(429, `Rate limit exceeded. Try again in ${retryAfter} seconds.`);
      }
    },

    requireClient(request) {
      if (!clientOf.has(request) && parts.requiresToken(operationOf(request))) throw new HttpError(401, 'Invalid or expired access token');
    },

    injectFault(request) {
      const status = requestedFault(request.headers.prefer);
      if (status === 500) throw new HttpError(500, UNEXPECTED_ERROR_MESSAGE);
      if (status === 503) throw new HttpError(503, 'Service temporarily unavailable');
    },
  };
}
