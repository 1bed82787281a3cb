// Access tokens: HS256 JWTs signed and checked with node:crypto, and the Authorization header parser.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  sub: string;
  iat: number;
  exp: number;
  jti: string;
}

/** What a verifier needs besides the token: the server's key, who may hold tokens, and the time. */
export interface TokenCheck {
  signingKey: Buffer;
  clientIds: ReadonlySet<string>;
  nowSeconds: number;
}

const HEADER = { alg: 'HS256', typ: 'JWT' };
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decodeSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function sign(signingInput: string, signingKey: Buffer): string {
  return createHmac('sha256', signingKey).update(signingInput).digest('base64url');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Hashing both sides first gives equal-length inputs, so neither the content nor the length leaks through timing. */
export function constantTimeEqual(a: string, b: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

export function signToken(claims: TokenClaims, signingKey: Buffer): string {
  const signingInput = `${encodeSegment(HEADER)}.${encodeSegment(claims)}`;
  return `${signingInput}.${sign(signingInput, signingKey)}`;
}

/** The client id the token was issued to, or null for any token that is not ours, intact and current. */
export function verifyToken(token: string, check: TokenCheck): string | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return null;
  const [headerSegment, payloadSegment, signature] = parts as [string, string, string];

  const header = decodeSegment(headerSegment);
  if (!isObject(header) || header.alg !== 'HS256') return null;

  // Compare the encoded text, not decoded bytes: base64url decoding ignores the spare bits of the
  // last character, so a token with that character changed would otherwise still verify.
  const expected = sign(`${headerSegment}.${payloadSegment}`, check.signingKey);
  if (!constantTimeEqual(signature, expected)) return null;

  const claims = decodeSegment(payloadSegment);
  if (!isObject(claims)) return null;
  const { sub, exp } = claims;
  if (typeof sub !== 'string' || typeof exp !== 'number') return null;
  if (exp <= check.nowSeconds) return null;
  return check.clientIds.has(sub) ? sub : null;
}

/** The bearer token of an Authorization header, or null; the scheme name is case-insensitive (RFC 9110). */
export function parseAuthorization(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^([A-Za-z]+) +(\S+) *$/.exec(header);
  if (match === null || match[1]!.toLowerCase() !== 'bearer') return null;
  return match[2]!;
}
