// The Authorization headers the auth clauses send: each invalid in exactly one way, each shown in
// reports without the real credential (shell expressions over $MVMNT_TOKEN instead).
import { createHmac, randomBytes } from 'node:crypto';
import type { AuthSpec } from './http/client.ts';

export interface AuthVariant {
  clause: string;
  name: string;
  auth: AuthSpec;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** A JWT signed with a key nobody else has. */
function forgedJwt(claims: object): string {
  const head = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = base64url(JSON.stringify(claims));
  const signature = createHmac('sha256', randomBytes(32)).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

function isJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}

/** Same header and claims as the real token, signature from another key: only verification can tell. */
const resignedToken: AuthSpec = {
  kind: 'derived',
  build: (token) => {
    if (!isJwt(token)) {
      const forged = forgedJwt({ sub: 'conformance', exp: Math.floor(Date.now() / 1000) + 3600 });
      return { value: `Bearer ${forged}`, display: `Bearer ${forged}` };
    }
    const signingInput = token.slice(0, token.lastIndexOf('.'));
    const signature = createHmac('sha256', randomBytes(32)).update(signingInput).digest('base64url');
    return { value: `Bearer ${signingInput}.${signature}`, display: `Bearer \${MVMNT_TOKEN%.*}.${signature}` };
  },
};

/**
 * The real token with one character changed in the middle of its signature (the middle, because
 * the last base64url character can carry padding bits a decoder ignores).
 */
const alteredToken: AuthSpec = {
  kind: 'derived',
  build: (token) => {
    const signatureStart = isJwt(token) ? token.lastIndexOf('.') + 1 : 0;
    const at = signatureStart + Math.floor((token.length - signatureStart) / 2);
    const replacement = token[at] === 'A' ? 'B' : 'A';
    return {
      value: `Bearer ${token.slice(0, at)}${replacement}${token.slice(at + 1)}`,
      display: `Bearer \${MVMNT_TOKEN:0:${at}}${replacement}\${MVMNT_TOKEN:${at + 1}}`,
    };
  },
};

/** Basic with the run's client credentials: a server that accepts them on API routes is caught. */
const basicScheme: AuthSpec = {
  kind: 'derived',
  build: (_token, credentials) =>
    credentials.clientId && credentials.clientSecret
      ? {
          value: `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')}`,
          display: `Basic $(printf '%s:%s' "$MVMNT_CLIENT_ID" "$MVMNT_CLIENT_SECRET" | base64 -w0)`,
        }
      : { value: `Basic ${base64url('conformance:not-a-password')}`, display: `Basic ${base64url('conformance:not-a-password')}` },
};

/** A clause's variants, likeliest to be wrongly accepted first (the gate profile sends only the first). */
export const INVALID_AUTH: AuthVariant[] = [
  { clause: 'ERR-401-MISSING-TOKEN', name: 'no Authorization header', auth: { kind: 'none' } },
  // A server that reads the second word of the header whatever the scheme accepts this one only.
  { clause: 'ERR-401-WRONG-SCHEME', name: 'the real token under the Basic scheme', auth: { kind: 'token', scheme: 'Basic' } },
  { clause: 'ERR-401-WRONG-SCHEME', name: 'the Basic scheme with the client credentials', auth: basicScheme },
  { clause: 'ERR-401-EMPTY-BEARER', name: 'an empty bearer token', auth: { kind: 'literal', value: 'Bearer ' } },
  { clause: 'ERR-401-GARBAGE-TOKEN', name: 'a random string', auth: { kind: 'literal', value: `Bearer ${randomBytes(24).toString('hex')}` } },
  { clause: 'ERR-401-MALFORMED-JWT', name: 'a malformed JWT', auth: { kind: 'literal', value: `Bearer ${base64url('{"alg":"HS256","typ":"JWT"}')}.not-base64-json!.${base64url('sig')}` } },
  { clause: 'ERR-401-BAD-SIGNATURE', name: 'a JWT with a bad signature', auth: resignedToken },
  { clause: 'ERR-401-ALTERED-TOKEN', name: 'the real token with one character changed', auth: alteredToken },
];

/** A token no target issued, for precedence clauses (bad token plus another defect). */
export const FORGED_TOKEN: AuthSpec = { kind: 'literal', value: `Bearer ${forgedJwt({ sub: 'conformance', exp: 4102444800 })}` };
