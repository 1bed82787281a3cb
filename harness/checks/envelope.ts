// The error envelope: Content-Type, the JSON Schema in fixtures/schemas and the status -> code table.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { ENVELOPE_SCHEMA, ERROR_CODES } from '../../fixtures/load.ts';
import { errorCode, type Exchange } from '../http/exchange.ts';
import { status } from './status.ts';
import { type Check } from './types.ts';
import { typed, type Violation } from '../../model/violation.ts';

// Compiled on first use: a process that judges no error response (the CLI's own) never pays for it.
let validator: ValidateFunction | undefined;
const validateEnvelope = (json: unknown) => (validator ??= new Ajv2020({ allErrors: true, strict: false }).compile(ENVELOPE_SCHEMA))(json);
const CODE_PATTERN = new RegExp(ERROR_CODES.codePattern);

export function expectedCode(statusCode: number): string | undefined {
  return ERROR_CODES.codes[String(statusCode)];
}

export const jsonContentType: Check = (exchange) => {
  const response = exchange.response;
  if (!response || response.bodyBytes === 0) return [];
  const contentType = response.headers['content-type'];
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json' || mediaType === 'application/problem+json'
    ? []
    : [{ kind: 'content-type', message: 'The error body is not labelled application/json (or application/problem+json).', expected: 'Content-Type: application/json', received: `Content-Type: ${contentType ?? '(none)'}` }];
};

export const envelopeShape: Check = (exchange) => {
  const response = exchange.response;
  if (!response) return [];
  if (response.bodyBytes === 0) {
    return [{ kind: 'body-missing', message: 'The error response has no body.', expected: '{"error":{"code","message"}}', received: '(empty body)' }];
  }
  if (response.json === undefined) {
    return [{ kind: 'body-not-json', message: `The error body is not JSON (${response.jsonError}).`, expected: '{"error":{"code","message"}}', received: typed(response.bodyText.slice(0, 120)) }];
  }
  if (validateEnvelope(response.json)) return [];
  return validator!.errors!.map((error) => ({
    kind: 'envelope-shape', message: `The error body does not match the envelope schema: ${error.instancePath || '(root)'} ${error.message}.`,
    expected: `error envelope (${error.schemaPath})`,
    received: typed(valueAt(response.json, error.instancePath)),
  }));
};

export const envelopeCode: Check = (exchange) => {
  const response = exchange.response;
  if (!response) return [];
  const code = errorCode(exchange);
  if (typeof code !== 'string') return [];
  // A state conflict's 409 is not a duplicate key: any UPPER_SNAKE code will do (DECISIONS.md: state conflicts).
  const wanted = exchange.request.stateConflict && response.status === 409 ? undefined : expectedCode(response.status);
  if (wanted !== undefined) {
    return code === wanted
      ? []
      : [{ kind: 'error-code', message: `error.code does not match status ${response.status}.`, expected: typed(wanted), received: typed(code) }];
  }
  return CODE_PATTERN.test(code)
    ? []
    : [{ kind: 'error-code', message: 'error.code is not UPPER_SNAKE.', expected: 'an UPPER_SNAKE code', received: typed(code) }];
};

/** The full error contract for a response: one of the statuses, labelled JSON, the envelope, the code. */
export function errorResponse(...statuses: number[]): Check {
  const statusCheck = status(...statuses);
  return (exchange: Exchange): Violation[] => {
    const statusViolations = statusCheck(exchange);
    if (statusViolations.length > 0) return statusViolations;
    return [...jsonContentType(exchange), ...envelopeShape(exchange), ...envelopeCode(exchange)];
  };
}

function valueAt(json: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), json);
}
