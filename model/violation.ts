// What a check finds wrong with a response: a violation of a kind the reports group by (never by its
// wording), with a sentence a person can act on and the expected and received values.

/**
 * What kind of thing a violation says is wrong, in the response's terms: the part of the response (the
 * status, the body's envelope, a header) and how it is wrong. Reports group violations into causes by
 * kind (fixtures/contract/causes.json), never by their message text.
 */
export const VIOLATION_KINDS = [
  'no-response',
  'status',
  'server-error',
  'content-type',
  'body-missing',
  'body-not-json',
  'envelope-shape',
  'error-code',
  'details',
  'details-extra',
  'request-id',
  'request-id-reused',
  'allow',
  'rate-limit-headers-missing',
  'rate-limit-headers',
  'rate-limit-counting',
  'throttle-headers',
  'throttle-early',
  'retry-after',
  'accepted-invalid',
  'secret-echo',
  'internals',
  'record-schema',
  'record-field',
  'body-on-204',
  'filter-page',
  'answer-not-json',
  'filter-missing-record',
  'deleted-still-live',
  'inconsistent-answer',
  'another-record',
  'state-changed',
  'state-not-moved',
] as const;

export type ViolationKind = (typeof VIOLATION_KINDS)[number];

export interface Violation {
  kind: ViolationKind;
  /** One sentence a person can act on. */
  message: string;
  expected: string;
  received: string;
}

/** Renders a value with its type, as web-platform-tests does: (number) 404, (string) "x". */
export function typed(value: unknown): string {
  if (value === undefined) return '(undefined)';
  if (value === null) return '(null)';
  if (Array.isArray(value)) return `(array) ${JSON.stringify(value)}`;
  return `(${typeof value}) ${JSON.stringify(value)}`;
}
