// Mutants of the auth family: every bad credential gets 401 UNAUTHORIZED, before body parsing and
// record lookup; the scheme name is case-insensitive; the token endpoint refuses a wrong secret.
import { createHmac } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../envelope.ts';
import { TOKEN_PATH } from '../routes/token.ts';
import { parseAuthorization, verifyToken, type TokenCheck } from '../tokens.ts';
import { capturedStores, isJsonObject, onResponse, routedResource, routedTo, type CatalogEntry } from './support.ts';

/** Stands in for "no header" so the verifier can treat it as a caller. */
const NO_HEADER = '(no authorization header)';
const BASIC = 'basic:';
/** 96 bits of the signature: what a truncated-MAC comparison checks. */
const TRUNCATED_MAC_CHARS = 16;

const anyClient = (check: TokenCheck): string | null => check.clientIds.values().next().value ?? null;

function decodeClaims(segment: string | undefined): unknown {
  try {
    return JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The clauses a server fails when it does not refuse a bearer token that is present but invalid. */
const PRESENT_BUT_INVALID_BEARER = [
  'ERR-401-GARBAGE-TOKEN',
  'ERR-401-MALFORMED-JWT',
  'ERR-401-BAD-SIGNATURE',
  'ERR-401-ALTERED-TOKEN',
  'ERR-401-BEFORE-BODY',
  'ERR-401-BEFORE-LOOKUP',
];

export const authMutants: CatalogEntry[] = [
  {
    name: 'missing-token-falls-through',
    family: 'auth',
    breaks: ['ERR-401-MISSING-TOKEN'],
    models: 'The auth middleware only runs when an Authorization header is present, so a request without one is served as the default client.',
    parts: {
      parseAuthorization: (header) => (header === undefined ? NO_HEADER : parseAuthorization(header)),
      verifyToken: (token, check) => (token === NO_HEADER ? anyClient(check) : verifyToken(token, check)),
    },
  },
  {
    name: 'basic-client-credentials-accepted',
    family: 'auth',
    breaks: ['ERR-401-WRONG-SCHEME'],
    models: 'API routes also accept the token endpoint\'s Basic client credentials, and only check that the client id exists.',
    parts: {
      parseAuthorization: (header) => (/^basic /i.test(header ?? '') ? `${BASIC}${header!.slice(6).trim()}` : parseAuthorization(header)),
      verifyToken: (token, check) => {
        if (!token.startsWith(BASIC)) return verifyToken(token, check);
        const [clientId] = Buffer.from(token.slice(BASIC.length), 'base64').toString('utf8').split(':');
        return clientId !== undefined && check.clientIds.has(clientId) ? clientId : null;
      },
    },
  },
  {
    name: 'empty-bearer-is-400',
    family: 'auth',
    breaks: ['ERR-401-EMPTY-BEARER'],
    models: 'An Authorization header without a token is treated as a malformed request (RFC 6750 invalid_request) and answered 400 instead of 401.',
    install(app, parts) {
      onResponse(app, ({ request, reply, status }) => {
        if (status !== 401 || !/^bearer\s*$/i.test(request.headers.authorization ?? '')) return undefined;
        reply.code(400);
        return parts.errorBody(400, 'Malformed Authorization header');
      });
    },
  },
  {
    name: 'malformed-jwt-crashes-decoder',
    family: 'auth',
    breaks: ['ERR-401-MALFORMED-JWT', 'ERR-ROBUST-NO-5XX'],
    models: 'The claims of anything shaped like a JWT are decoded before the signature is checked, without a try/catch, so an undecodable token is a 500.',
    parts: {
      verifyToken: (token, check) => {
        const segments = token.split('.');
        if (segments.length === 3) JSON.parse(Buffer.from(segments[1]!, 'base64url').toString('utf8'));
        return verifyToken(token, check);
      },
    },
  },
  {
    name: 'any-bearer-accepted',
    family: 'auth',
    breaks: PRESENT_BUT_INVALID_BEARER,
    models: 'A development stub verifier shipped: any non-empty bearer token is accepted as the default client.',
    parts: {
      verifyToken: (_token, check) => anyClient(check),
    },
  },
  {
    name: 'jwt-signature-not-verified',
    family: 'auth',
    breaks: ['ERR-401-BAD-SIGNATURE', 'ERR-401-ALTERED-TOKEN'],
    models: 'The JWT is decoded (jwt.decode instead of jwt.verify): subject and expiry are checked, the signature never is.',
    parts: {
      verifyToken: (token, check) => {
        const claims = decodeClaims(token.split('.')[1]);
        if (!isJsonObject(claims) || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
        return claims.exp > check.nowSeconds && check.clientIds.has(claims.sub) ? claims.sub : null;
      },
    },
  },
  {
    name: 'signature-compared-by-prefix',
    family: 'auth',
    breaks: ['ERR-401-ALTERED-TOKEN'],
    models: 'The signature check compares a truncated MAC (its first 16 characters), so a token altered further along still verifies.',
    parts: {
      verifyToken: (token, check) => {
        const [header = '', claims = '', signature = ''] = token.split('.');
        const genuine = createHmac('sha256', check.signingKey).update(`${header}.${claims}`).digest('base64url');
        const prefixMatches = signature.slice(0, TRUNCATED_MAC_CHARS) === genuine.slice(0, TRUNCATED_MAC_CHARS);
        return verifyToken(prefixMatches ? `${header}.${claims}.${genuine}` : token, check);
      },
    },
  },
  {
    name: 'scheme-case-sensitive',
    family: 'auth',
    breaks: ['ERR-401-SCHEME-CASE'],
    models: 'The header is matched against the literal prefix "Bearer ", so a valid token sent as "bearer <token>" is refused.',
    parts: {
      parseAuthorization: (header) => /^Bearer (\S+)$/.exec(header ?? '')?.[1] ?? null,
    },
  },
  {
    name: 'auth-scheme-ignored',
    family: 'auth',
    breaks: ['ERR-401-WRONG-SCHEME'],
    models: 'The token is taken as the second word of the header whatever the scheme, so "Basic <token>" works like "Bearer <token>".',
    parts: {
      parseAuthorization: (header) => header?.trim().split(/\s+/)[1] || null,
    },
  },
  {
    name: 'auth-after-validation',
    family: 'auth',
    breaks: ['ERR-401-BEFORE-BODY'],
    models: 'Authentication is a preHandler hook, so body parsing and schema validation answer 400/422 before a bad token is noticed.',
    parts: { authStage: 'preHandler' },
  },
  authAfterLookup(),
  {
    name: 'invalid-token-is-403',
    family: 'auth',
    breaks: PRESENT_BUT_INVALID_BEARER,
    models: 'A bearer token that is present but fails verification gets 403 FORBIDDEN; only a missing token gets 401.',
    install(app, parts) {
      onResponse(app, ({ request, reply, status }) => {
        if (status !== 401 || !/^bearer \S/i.test(request.headers.authorization ?? '')) return undefined;
        reply.code(403);
        return parts.errorBody(403, 'Access denied');
      });
    },
  },
  {
    name: 'token-endpoint-crashes-on-wrong-secret',
    family: 'auth',
    breaks: ['ERR-401-TOKEN-ENDPOINT'],
    models: 'The token endpoint compares the secret with a hash helper that throws on a mismatch, and the throw becomes a 500.',
    install(app) {
      onResponse(app, ({ request, reply, status }) => {
        if (request.url !== TOKEN_PATH || status !== 401) return undefined;
        reply.code(500);
        return { error: 'server_error' };
      });
    },
  },
];

/**
 * Auth moved to preHandler and the record loaded in a preValidation hook: a random id gets 404 before
 * the token is checked. The store is captured as buildApp creates it, just before install runs.
 */
function authAfterLookup(): CatalogEntry {
  const stores = capturedStores();
  return {
    name: 'auth-after-lookup',
    family: 'auth',
    breaks: ['ERR-401-BEFORE-LOOKUP', 'ERR-401-BEFORE-BODY'],
    models: 'Item routes load the record in a preValidation hook and authenticate in preHandler, so a bad token with a random id gets 404.',
    parts: {
      authStage: 'preHandler',
      createStore: stores.createStore,
    },
    install(app) {
      app.addHook('preValidation', async (request: FastifyRequest) => {
        if (!(['get', 'patch', 'delete'] as const).some((operation) => routedTo(request, operation))) return;
        const { id } = request.params as { id: string };
        if (stores.of(routedResource(request))?.resolve(id) === undefined) throw new HttpError(404, 'Record not found');
      });
    },
  };
}
