// Request-body decoding: strict JSON objects for the API, form fields for the token endpoint.
import { HttpError } from './envelope.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The JSON object a POST or PATCH carries. An empty body yields undefined, so the route can refuse
 * it while a DELETE sent with a Content-Type but no content still goes through.
 */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new HttpError(400, 'Request body is not valid UTF-8');
  }
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Invalid JSON in request body');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'Request body must be a JSON object');
  }
  return value;
}

export function requireBody(body: unknown): void {
  if (body === undefined) throw new HttpError(400, 'Request body is empty');
}

export function parseForm(raw: string): URLSearchParams {
  return new URLSearchParams(raw);
}
