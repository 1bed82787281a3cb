// details[].field checks: which fields a 422 (or 409) names, spelling-insensitive
// (email, corporateAddress.line1, requiredDocuments[0], /corporateAddress/line1 are all accepted).
import { canonicalField } from '../../schema/index.ts';
import type { Exchange } from '../http/exchange.ts';
import { errorResponse } from './envelope.ts';
import { status } from './status.ts';
import type { Check } from './types.ts';
import type { Violation } from '../../model/violation.ts';

/** The fields named in the envelope's details, canonical and deduplicated; null when there is no details array. */
export function namedFields(exchange: Exchange): string[] | null {
  const details = (exchange.response?.json as { error?: { details?: unknown } } | undefined)?.error?.details;
  if (!Array.isArray(details)) return null;
  const names = details
    .map((entry) => (entry && typeof entry === 'object' ? (entry as { field?: unknown }).field : undefined))
    .filter((field): field is string => typeof field === 'string')
    .map(canonicalField);
  return [...new Set(names)].sort();
}

/** 422 VALIDATION_ERROR whose details name exactly these fields. */
export function validationErrorNaming(fields: string[]): Check {
  const expected = [...new Set(fields.map(canonicalField))].sort();
  const envelope = errorResponse(422);
  return (exchange) => {
    const violations = envelope(exchange);
    if (violations.length > 0) return violations;
    const named = namedFields(exchange);
    if (named === null) {
      return [{ kind: 'details', message: 'The 422 has no details array, so it names no field.', expected: `details naming ${JSON.stringify(expected)}`, received: 'no details' }];
    }
    const missing = expected.filter((field) => !named.includes(field));
    const extra = named.filter((field) => !expected.includes(field));
    const problems: Violation[] = [];
    if (missing.length > 0) {
      problems.push({ kind: 'details', message: `details do not name ${missing.join(', ')}.`, expected: `details naming ${JSON.stringify(expected)}`, received: `details naming ${JSON.stringify(named)}` });
    }
    if (extra.length > 0) {
      problems.push({ kind: 'details-extra', message: `details name valid field(s) ${extra.join(', ')}.`, expected: `details naming only ${JSON.stringify(expected)}`, received: `details naming ${JSON.stringify(named)}` });
    }
    return problems;
  };
}

/** 422 naming exactly these fields, or a 400 BAD_REQUEST (where DECISIONS.md accepts either). */
export function validationErrorOrBadRequest(fields: string[]): Check {
  const naming = validationErrorNaming(fields);
  const badRequest = errorResponse(400);
  const either = status(400, 422);
  return (exchange) => {
    const wrongStatus = either(exchange);
    if (wrongStatus.length > 0) return wrongStatus;
    return exchange.response!.status === 400 ? badRequest(exchange) : naming(exchange);
  };
}

/** When the error carries details, one of them names this field. */
export function detailsNameWhenPresent(field: string): Check {
  const wanted = canonicalField(field);
  return (exchange) => {
    const named = namedFields(exchange);
    if (named === null || named.includes(wanted)) return [];
    return [{ kind: 'details', message: `details are present but do not name ${wanted}.`, expected: `a details entry with field "${wanted}"`, received: `details naming ${JSON.stringify(named)}` }];
  };
}

/**
 * A reference to no live record: 404 with the envelope, or 422 whose details name the field (or a
 * field inside it, paymentTerm.id for an {id} reference) and nothing outside it.
 */
export function danglingReferenceRefused(field: string): Check {
  const wanted = canonicalField(field);
  const envelope = errorResponse(422);
  const notFound = errorResponse(404);
  const either = status(404, 422);
  return (exchange) => {
    const wrongStatus = either(exchange);
    if (wrongStatus.length > 0) return wrongStatus;
    if (exchange.response!.status === 404) return notFound(exchange);
    const violations = envelope(exchange);
    if (violations.length > 0) return violations;
    const named = namedFields(exchange) ?? [];
    const within = (name: string) => name === wanted || name.startsWith(`${wanted}.`);
    if (named.length === 0 || !named.every(within)) {
      return [{ kind: 'details', message: `The 422 does not name ${wanted} alone.`, expected: `details naming ${JSON.stringify(wanted)}`, received: `details naming ${JSON.stringify(named)}` }];
    }
    return [];
  };
}
