// Success-path checks: the record a create, GET or PATCH returns, the filter page, DELETE's empty body.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Exchange } from '../http/exchange.ts';
import { errorResponse } from './envelope.ts';
import { type Check } from './types.ts';
import { typed } from '../../model/violation.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);

const compiled = new WeakMap<object, ValidateFunction>();

/** The response is JSON valid against the resource's record schema (id a UUID, name a string). */
export function recordBody(recordSchema: object): Check {
  let validate = compiled.get(recordSchema);
  if (!validate) compiled.set(recordSchema, (validate = ajv.compile(recordSchema)));
  return (exchange) => {
    const json = exchange.response?.json;
    if (json === undefined) return [{ kind: 'record-schema', message: 'The response has no JSON record.', expected: 'a JSON record', received: typed(exchange.response?.bodyText.slice(0, 120)) }];
    if (validate!(json)) return [];
    return validate!.errors!.map((error) => ({
      kind: 'record-schema', message: `The record does not match the resource's record schema: ${error.instancePath || '(root)'} ${error.message}.`,
      expected: `record (${error.schemaPath})`,
      received: typed(error.instancePath ? (json as Record<string, unknown>)[error.instancePath.slice(1)] : json),
    }));
  };
}

export function fieldEquals(field: string, value: unknown): Check {
  return (exchange) => {
    const actual = (exchange.response?.json as Record<string, unknown> | undefined)?.[field];
    return JSON.stringify(actual) === JSON.stringify(value)
      ? []
      : [{ kind: 'record-field', message: `The record's ${field} is not the value the request set or asked for.`, expected: typed(value), received: typed(actual) }];
  };
}

/** The record is the one with this id (ids of any form compare as text: the record schema judges their form). */
export function holdsId(id: string): Check {
  return (exchange) => {
    // Only a success can be the wrong record: any other status is its status check's to judge.
    const status = exchange.response?.status ?? 0;
    if (status < 200 || status >= 300) return [];
    const actual = (exchange.response?.json as Record<string, unknown> | undefined)?.id;
    return idText(actual) === id ? [] : [{ kind: 'record-field', message: 'The record is not the one asked for: its id differs.', expected: typed(id), received: typed(actual) }];
  };
}

/** A record's id as text: a non-empty string or a number (a mock's `1`); anything else names no record. */
export function idText(id: unknown): string | undefined {
  return (typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id)) ? String(id) : undefined;
}

/**
 * The mark of a target that keeps no state: a request for an id no record has is answered 2xx with
 * a record of another id (a generated mock's example), not looked up at all.
 */
export function noOtherRecord(requested: string): Check {
  return (exchange) => {
    const status = exchange.response?.status ?? 0;
    const json = exchange.response?.json;
    if (status < 200 || status >= 300 || typeof json !== 'object' || json === null || Array.isArray(json)) return [];
    const answered = idText((json as Record<string, unknown>).id);
    return answered === undefined || answered === requested
      ? []
      : [{ kind: 'another-record', message: `An id no record has was answered with the record ${answered}: the target does not look records up, it keeps no state.`, expected: `404 for ${requested}`, received: `${status} with the record ${answered}` }];
  };
}

/** A successful read, search or report answers with JSON (what its description promises is JSON). */
export const jsonAnswer: Check = (exchange) =>
  exchange.response && exchange.response.json === undefined
    ? [{ kind: 'answer-not-json', message: 'The answer has no JSON body.', expected: 'a JSON body', received: typed(exchange.response.bodyText.slice(0, 120)) }]
    : [];

export const emptyBody: Check = (exchange) =>
  exchange.response && exchange.response.bodyBytes > 0
    ? [{ kind: 'body-on-204', message: 'A 204 must not carry a body.', expected: '(empty body)', received: typed(exchange.response.bodyText.slice(0, 120)) }]
    : [];

/** A filter answer: {data: [...], <page>: {hasNextPage, ...}}, the page object under the resource's name for it. */
export function filterPage(page: string): Check {
  return (exchange) => {
    const json = exchange.response?.json as Record<string, unknown> | undefined;
    const info = json?.[page] as { hasNextPage?: unknown } | undefined;
    if (!json || typeof json !== 'object' || !Array.isArray(json.data)) {
      return [{ kind: 'filter-page', message: 'The filter response has no data array.', expected: `{"data": [...], "${page}": {...}}`, received: typed(exchange.response?.bodyText.slice(0, 120)) }];
    }
    if (!info || typeof info !== 'object' || typeof info.hasNextPage !== 'boolean') {
      return [{ kind: 'filter-page', message: `The filter response has no ${page} with hasNextPage.`, expected: `"${page}": {"hasNextPage": boolean, ...}`, received: `${Object.keys(json).filter((key) => key !== 'data').join(', ') || 'no other property'}: ${typed(info)}` }];
    }
    return [];
  };
}

/** A record deleted in this run, read back: 404 with the envelope, or 200 showing deletedAt. */
export const goneOrMarkedDeleted: Check = (exchange) => {
  if (exchange.response?.status !== 200) return errorResponse(404)(exchange);
  const deletedAt = (exchange.response.json as { deletedAt?: unknown } | undefined)?.deletedAt;
  return typeof deletedAt === 'string' && deletedAt !== ''
    ? []
    : [{ kind: 'deleted-still-live', message: 'A deleted record came back as if it were live.', expected: '404, or 200 with deletedAt set', received: `200 with deletedAt ${typed(deletedAt)}` }];
};

/**
 * A second DELETE: 404 with the envelope; or 204 with no body from a target that still serves the
 * deleted record (its GET answered 200 with deletedAt set), for which the record is not gone.
 */
export function secondDeleteAnswer(getAfterDelete: Exchange): Check {
  const stillServed = getAfterDelete.response?.status === 200 && goneOrMarkedDeleted(getAfterDelete).length === 0;
  return (exchange) => {
    if (stillServed && exchange.response?.status === 204) return emptyBody(exchange);
    const violations = errorResponse(404)(exchange);
    if (violations.length === 0 || !stillServed) return violations;
    return [{ ...violations[0], expected: '404, or 204 (the target still serves the deleted record)' }, ...violations.slice(1)];
  };
}

/** The filter page lists the record with this id. */
export function pageHolds(id: string): Check {
  return (exchange) => {
    const data = (exchange.response?.json as { data?: unknown } | undefined)?.data;
    const ids = Array.isArray(data) ? data.map((item) => idText((item as { id?: unknown } | null)?.id)) : [];
    return ids.includes(id)
      ? []
      : [{ kind: 'filter-missing-record', message: 'Filtering by the record\'s key did not return the record.', expected: `data holding id ${typed(id)}`, received: `ids ${typed(ids)}` }];
  };
}
