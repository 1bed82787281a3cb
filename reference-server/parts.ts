// The replaceable pieces of the reference server and their defaults: the seams a mutant swaps to break one rule.
// The reference code only ever reaches these pieces through a ServerParts object (plain dependency injection).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { parseJsonBody } from './body.ts';
import { errorBody, type FieldError } from './envelope.ts';
import type { OperationDefinition, ResourceFixture, StateRule } from './fixtures.ts';
import { applyStateRule } from './state.ts';
import { createFixedWindowLimiter, type RateLimiter, type RateLimitOptions } from './rate-limit.ts';
import { createRecordStore, type RecordStore, type StoreOptions } from './records.ts';
import { parseAuthorization, signToken, verifyToken, type TokenCheck, type TokenClaims } from './tokens.ts';
import { DEFAULT_AJV_OPTIONS, validationDetails, type AjvOptions, type ValidationDetails } from './validation.ts';

/** The body schema of each operation that takes one, by operation id. */
export type BodySchemas = Record<string, object>;

export interface ServerParts {
  /** Options of the one Ajv instance that compiles `schemas`. */
  ajvOptions: AjvOptions;
  /** Request-body schemas of a resource's operations; by default its fixture's, untouched. */
  schemasFor(resource: ResourceFixture): BodySchemas;
  /** Maps Ajv errors to `details[]` of a 422. */
  validationDetails: ValidationDetails;
  /** Builds every error body under the contract (the envelope). */
  errorBody(status: number, message: string, details?: FieldError[], code?: string): unknown;
  /** Decodes a JSON request body: the object, undefined when empty, or throws an HttpError (400). May return a promise. */
  parseJsonBody(raw: Buffer): unknown;
  /** The bearer token of an Authorization header, or null. */
  parseAuthorization(header: string | undefined): string | null;
  /** The client id a token was issued to, or null. */
  verifyToken(token: string, check: TokenCheck): string | null;
  signToken(claims: TokenClaims, signingKey: Buffer): string;
  /** The lifecycle stage that rejects requests without a valid token (fault injection follows it). */
  authStage: 'onRequest' | 'preHandler';
  /** Whether a request to this operation (undefined: a path no operation serves) needs a valid token. */
  requiresToken(operation: OperationDefinition | undefined): boolean;
  createLimiter(options: RateLimitOptions): RateLimiter;
  /** One store per resource served. */
  createStore(options: StoreOptions): RecordStore;
  /** Runs an action under its state rule (state.ts): refuses where the state forbids it, else calls `move`. */
  applyStateRule(rule: StateRule, current: unknown, move: () => void): void;
  /** Record ids and token ids. */
  newId(): string;
  /** The X-Request-Id of each response. */
  newRequestId(): string;
  /** Milliseconds since the epoch; every clock reading (timestamps, token expiry, rate windows) goes through it. */
  now(): number;
}

/** A named deviation from the reference: replaced parts, extra hooks, or both. */
export interface Mutant {
  name: string;
  parts?: Partial<ServerParts>;
  install?(app: FastifyInstance, parts: ServerParts): void;
}

export function defaultParts(): ServerParts {
  return {
    ajvOptions: { ...DEFAULT_AJV_OPTIONS },
    schemasFor: ({ operations }) => Object.fromEntries(operations.flatMap((operation) => (operation.body ? [[operation.id, operation.body.schema]] : []))),
    validationDetails,
    errorBody,
    parseJsonBody,
    parseAuthorization,
    verifyToken,
    signToken,
    authStage: 'onRequest',
    requiresToken: () => true,
    createLimiter: createFixedWindowLimiter,
    createStore: createRecordStore,
    applyStateRule,
    newId: randomUUID,
    newRequestId: randomUUID,
    now: Date.now,
  };
}
