// Invalid values of a schema, one per constraint it states (a format, an enum, a length, a range, the
// type itself, a required member, an item's type or enum), each an example and a generator of values
// every implementation rejects: the suite must never cry wolf.
import fc from 'fast-check';
import type { JsonSchema } from '../fixtures/load.ts';
import { allowedTypes, isNullable, isTyped, jsonTypeOf, mainType } from './types.ts';
import { validSample } from './sample.ts';
import { lowerBound, plainText, upperBound, type KeySource } from './valid.ts';

/** A member left out of its object (the value of a "missing" invalid value). */
export const OMIT = Symbol('omit');
export type Value = unknown | typeof OMIT;

export type ConstraintKind = 'missing' | 'wrong-type' | 'null' | 'item-type' | 'item-enum' | 'format' | 'enum' | 'too-long' | 'too-short' | 'out-of-range';

/** DECISIONS.md lets a missing field, a wrong type or a forbidden null be answered 400 instead of 422. */
export const LENIENT_KINDS: readonly ConstraintKind[] = ['missing', 'wrong-type', 'null', 'item-type'];

export interface InvalidValue {
  kind: ConstraintKind;
  /** How the value breaks the rule, for test names: "with a bad email format". */
  label: string;
  /** A 400 is accepted instead of a 422 naming the field. */
  lenient: boolean;
  /** The invalid value is an array whose first item breaks the items' rule: the field to name is `<field>.0`. */
  item?: true;
  example: Value;
  arbitrary: fc.Arbitrary<Value>;
}

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);

/** Shapes every email validator rejects: no @, nothing before or after it, two of them, a space. */
export const invalidEmail = fc.tuple(label, label).chain(([local, domain]) =>
  fc.constantFrom(`${local}`, `${local}.${domain}.com`, `${local}@`, `@${domain}.com`, `${local}@@${domain}.com`, `${local}@${domain}@${domain}.com`, `${local} x@${domain}.com`, `${local}@${domain} x.com`),
);
export const INVALID_EMAIL_EXAMPLE = 'not-an-email';

/** Strings no UUID parser accepts (no bare 32-hex or braced forms, which some parsers allow). */
export const invalidUuid = fc.uuid({ version: 4 }).chain((uuid) => fc.constantFrom(uuid.slice(0, 35), `${uuid}0`, `${uuid.slice(0, 9)}zzzz${uuid.slice(13)}`, uuid.replace(/-/g, '_'), 'not-a-uuid', '12345'));
export const INVALID_UUID_EXAMPLE = 'not-a-uuid';

/** Text no date parser reads as a date or a date-time (no bare numbers, which some read as epochs). */
export const invalidDate = fc.constantFrom('not-a-date', '2026-13-45', '31/12/2026', 'yesterday', '2026-02-30T25:61:00Z');
export const INVALID_DATE_EXAMPLE = 'not-a-date';

/** Codes outside an enum; case variants of members are excluded (some servers fold case). */
/** Built once: a regex arbitrary is costly to build, and every enum of every operation asks for one. */
const ENUM_LIKE = fc.oneof(fc.constantFrom('JPY', 'AUD', 'XXX', 'BTC', 'US', 'NOT_A_MEMBER'), fc.stringMatching(/^[A-Z]{1,6}$/));

export function outsideEnum(members: unknown[]): fc.Arbitrary<string> {
  return ENUM_LIKE.filter((code) => !foldsInto(code, members));
}

/** A fixed value outside the enum, for table rows. */
export function outsideEnumExample(members: unknown[]): string {
  return ['NOT_A_MEMBER', 'XXX', 'JPY'].find((code) => !foldsInto(code, members))!;
}

function foldsInto(code: string, members: unknown[]): boolean {
  return members.some((member) => typeof member === 'string' && member.toUpperCase() === code.toUpperCase());
}

/** Generators of values of each JSON type (null aside, which servers read differently), with a fixed example each. */
const OF_TYPE: Record<string, { arbitrary: fc.Arbitrary<unknown>; example: unknown }> = {
  number: { arbitrary: fc.integer(), example: 12345 },
  string: { arbitrary: fc.oneof(fc.constantFrom('true', 'false', 'yes', '10'), fc.integer({ min: 1, max: 250 }).map(String)), example: '10' },
  boolean: { arbitrary: fc.boolean(), example: true },
  object: { arbitrary: fc.constant({}), example: {} },
  array: { arbitrary: fc.oneof(fc.array(fc.integer(), { maxLength: 2 }), fc.array(plainText, { maxLength: 2 })), example: ['W9'] },
};

/** The value a field of this type is most often mistaken for: the example of a wrong type. */
const LIKELY_MISTAKE: Record<string, unknown> = { string: 12345, boolean: 'true', array: 'W9', object: '100 Main St', integer: '10', number: '10' };

/** Values of every JSON type the field does not allow (an integer is a number here; null aside). */
export function wrongTypeValues(allowed: string | readonly string[]): { arbitrary: fc.Arbitrary<unknown>; example: unknown } {
  const types = [allowed].flat().map((type) => (type === 'integer' ? 'number' : type));
  const others = Object.keys(OF_TYPE).filter((type) => !types.includes(type));
  if (others.length === 0) throw new Error(`no wrong-type values for a field of every JSON type (${types.join(', ')})`);
  const likely = LIKELY_MISTAKE[[allowed].flat()[0]];
  const example = likely !== undefined && others.includes(jsonTypeOf(likely)) ? likely : OF_TYPE[others[0]].example;
  return { arbitrary: fc.oneof(...others.map((type) => OF_TYPE[type].arbitrary)), example };
}

/**
 * Every way to make a field of this schema invalid by its own rules (not its members': an object's
 * fields are broken one by one by the caller). `required`: the field must be present in its parent.
 */
export function invalidValues(schema: JsonSchema, required: boolean, keys: KeySource): InvalidValue[] {
  const type = mainType(schema);
  const make = (kind: ConstraintKind, text: string, arbitrary: fc.Arbitrary<Value>, example: Value): InvalidValue => ({ kind, label: text, lenient: LENIENT_KINDS.includes(kind), arbitrary, example });
  const found: InvalidValue[] = [];
  if (required) found.push(make('missing', 'missing', fc.constant(OMIT), OMIT));
  // null for an optional field is untested (DECISIONS.md: servers differ); for a required one it is a wrong type.
  if (required && !isNullable(schema)) found.push(make('null', 'null', fc.constant(null), null));
  if (isTyped(schema)) {
    const wrong = wrongTypeValues(allowedTypes(schema).filter((allowed) => allowed !== 'null'));
    found.push(make('wrong-type', `of JSON type ${jsonTypeOf(wrong.example)} instead of ${type}`, wrong.arbitrary, wrong.example));
  }
  if (schema.format === 'email') found.push(make('format', 'with a bad email format', invalidEmail, INVALID_EMAIL_EXAMPLE));
  if (schema.format === 'uuid') found.push(make('format', 'not a UUID', invalidUuid, INVALID_UUID_EXAMPLE));
  if (schema.format === 'date-time' || schema.format === 'date') found.push(make('format', `not a ${schema.format}`, invalidDate, INVALID_DATE_EXAMPLE));
  if (schema.enum) found.push(make('enum', 'outside its enum', outsideEnum(schema.enum), outsideEnumExample(schema.enum)));
  if (schema.maxLength !== undefined) {
    const max = schema.maxLength;
    // A client key stays a key of the run even when too long: a lenient target that stores it can be swept.
    const tooLong = (length: number) => (schema['x-client-key'] ? keys.ofLength(length) : 'x'.repeat(length));
    found.push(make('too-long', `of ${max + 1}+ characters`, fc.integer({ min: max + 1, max: max + 500 }).map(tooLong), tooLong(max + 1)));
  }
  if (schema.minLength !== undefined && schema.minLength > 0 && !schema['x-client-key']) {
    const shorter = 'x'.repeat(schema.minLength - 1);
    found.push(make('too-short', `of fewer than ${schema.minLength} characters`, fc.constant(shorter), shorter));
  }
  const low = lowerBound(schema);
  const high = upperBound(schema);
  if ((type === 'integer' || type === 'number') && (low !== undefined || high !== undefined)) {
    const below = low !== undefined ? [fc.integer({ min: -1000, max: Math.ceil(low) - 1 })] : [];
    const above = high !== undefined ? [fc.integer({ min: Math.floor(high) + 1, max: Math.floor(high) + 10_000 })] : [];
    found.push(make('out-of-range', `outside ${low ?? '-∞'}..${high ?? '∞'}`, fc.oneof(...below, ...above), high !== undefined ? Math.floor(high) + 1 : Math.ceil(low!) - 1));
  }
  if (type === 'array' && schema.items) {
    // The broken first item, then valid ones up to the list's least length (only the item is wrong).
    const rest = Array.from({ length: Math.max(0, (schema.minItems ?? 1) - 1) }, () => validSample({ type: 'object', properties: { item: schema.items! }, required: ['item'] }).item);
    const list = (item: unknown) => [item, ...structuredClone(rest)];
    // Items of any type (an untyped schema) have no wrong type.
    if (isTyped(schema.items)) {
      const wrongItem = wrongTypeValues(allowedTypes(schema.items).filter((allowed) => allowed !== 'null'));
      found.push({ ...make('item-type', 'with an item of the wrong JSON type', wrongItem.arbitrary.map(list), list(wrongItem.example)), item: true });
    }
    if (schema.items.enum) {
      found.push({ ...make('item-enum', 'with an item outside its enum', outsideEnum(schema.items.enum).map(list), list(outsideEnumExample(schema.items.enum))), item: true });
    }
  }
  return found;
}
