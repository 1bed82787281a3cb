// The error envelope: the HttpError every failing step throws, and the one function that builds every error body.
import { STATUS_CODES } from 'node:http';
import { ERROR_CODES } from './fixtures.ts';

export interface FieldError {
  field: string;
  message: string;
}

export interface ErrorEnvelope {
  error: { code: string; message: string; details?: FieldError[] };
}

/** A failure with a status the client should see; anything else that is thrown becomes a 500. */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly details: FieldError[] | undefined;
  /**
   * A code of its own where the status table's is not this failure's (a state conflict is no duplicate
   * key). Not `code`: fastify writes its own into that property of a validation error.
   */
  readonly envelopeCode: string | undefined;

  constructor(statusCode: number, message: string, details?: FieldError[], code?: string) {
    // A client-facing failure never shows its stack, so none is captured (it is most of the cost of an error).
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'HttpError';
    this.statusCode = statusCode;
    this.details = details;
    this.envelopeCode = code;
  }
}

/**
 * The contract's table decides the code; a status it leaves open (405, 413, 415, ...) gets the
 * UPPER_SNAKE form of its HTTP reason phrase, which the contract allows.
 */
export function errorCode(status: number): string {
  const fromContract = ERROR_CODES.codes[String(status)];
  if (fromContract !== undefined) return fromContract;
  const phrase = STATUS_CODES[status] ?? (status >= 500 ? 'Internal Error' : 'Bad Request');
  return phrase.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '');
}

export function errorBody(status: number, message: string, details?: FieldError[], code?: string): ErrorEnvelope {
  return {
    error: {
      code: code ?? errorCode(status),
      message,
      ...(details !== undefined && details.length > 0 ? { details } : {}),
    },
  };
}

/** Fastify's own 4xx errors carry internal wording; clients get a fixed, generic sentence instead. */
export function genericClientMessage(status: number): string {
  switch (status) {
    case 400:
      return 'Bad request';
    case 404:
      return 'Not found';
    case 405:
      return 'Method not allowed';
    case 413:
      return 'Request body is too large';
    case 415:
      return 'Content-Type must be application/json';
    default:
      return STATUS_CODES[status] ?? 'Request could not be processed';
  }
}

export const UNEXPECTED_ERROR_MESSAGE = 'An unexpected error occurred';
