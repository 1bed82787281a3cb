// POST /oauth2/token: the OAuth 2.0 client-credentials grant, with RFC 6749 §5.2 error bodies.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseForm } from '../body.ts';
import type { ClientCredentials } from '../options.ts';
import { constantTimeEqual } from '../tokens.ts';

export const TOKEN_PATH = '/oauth2/token';

export interface TokenRouteDeps {
  clients: readonly ClientCredentials[];
  ttlSeconds: number;
  issue(clientId: string): string;
}

type OAuthError = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type';

function oauthError(reply: FastifyReply, status: 400 | 401, error: OAuthError): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ error });
}

export function registerTokenRoute(app: FastifyInstance, deps: TokenRouteDeps): void {
  // Encapsulated so the form parser exists only here: the API itself accepts nothing but JSON.
  app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, parseForm(body as string));
    });

    scope.post(TOKEN_PATH, async (request, reply) => {
      const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
      // RFC 6749 §3.2: a repeated parameter makes the request invalid, so read every value.
      const grantTypes = form.getAll('grant_type');
      const ids = form.getAll('client_id');
      const secrets = form.getAll('client_secret');
      if (grantTypes.length !== 1 || ids.length > 1 || secrets.length > 1) {
        return oauthError(reply, 400, 'invalid_request');
      }
      if (grantTypes[0] !== 'client_credentials') return oauthError(reply, 400, 'unsupported_grant_type');

      const [id, secret] = [ids[0], secrets[0]];
      const client = deps.clients.find((candidate) => candidate.id === id);
      // Compare even for an unknown id so the answer takes the same time either way.
      const secretMatches = constantTimeEqual(secret ?? '', client?.secret ?? '');
      if (client === undefined || secret === undefined || !secretMatches) {
        return oauthError(reply, 401, 'invalid_client');
      }

      return reply.header('cache-control', 'no-store').send({
        access_token: deps.issue(client.id),
        token_type: 'Bearer',
        expires_in: deps.ttlSeconds,
      });
    });
  });
}
