// Generated valid values of a schema (fast-check), of values no reasonable validator disagrees about:
// plain emails, v4 UUIDs, RFC 3339 dates, numbers in range, names in many scripts, keys of the run.
import fc from 'fast-check';
import type { JsonSchema } from '../fixtures/load.ts';
import { mainType } from './types.ts';
import { unionOf } from './unions.ts';
import { needsReference } from './fields.ts';

/** Where generated client keys come from: keys of the run, so every record made can be found and swept. */
export interface KeySource {
  next(label?: string): string;
  /** A fresh key of exactly this many characters. */
  ofLength(length: number): string;
}

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);

/** Plain addresses (letters, digits, dots, hyphens) that any email validator accepts. */
export const validEmail = fc
  .tuple(label, fc.option(label, { nil: undefined }), label, fc.constantFrom('com', 'net', 'org', 'io', 'example'))
  .map(([local, more, domain, tld]) => `${local}${more ? `.${more}` : ''}@${domain}.${tld}`);

export const validUuid = fc.uuid({ version: 4 });

/** RFC 3339 date-times and full dates every parser reads, within 2020..2035. */
const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true });
export const validDateTime = instant.map((date) => `${date.toISOString().slice(0, 19)}Z`);
export const validDate = instant.map((date) => date.toISOString().slice(0, 10));

/** Numbers in range: whole numbers, or cents, as money and ratios are written. */
export function numberIn(min: number | undefined, max: number | undefined, integer: boolean): fc.Arbitrary<number> {
  const low = min ?? 0;
  const high = max ?? Math.max(low, 0) + 1000;
  return integer ? fc.integer({ min: Math.ceil(low), max: Math.floor(high) }) : fc.integer({ min: Math.ceil(low * 100), max: Math.floor(high * 100) }).map((cents) => cents / 100);
}

/** Unicode names as people write them, plus generated text: never blank, no control characters. */
export const nameText = fc.oneof(
  fc.constantFrom('Müller Logistik GmbH', '山田運輸株式会社', 'Transportes Peña y Hijos', 'Łódź Cargo Sp. z o.o.', 'Ελληνικές Μεταφορές', 'شركة النقل السريع', 'Ünal Nakliyat 🚚'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
).filter((text) => text.trim().length > 0 && !/[\p{Cc}\p{Cs}\p{Co}\p{Cn}\u2028\u2029]/u.test(text));

export const plainText = fc.string({ minLength: 1, maxLength: 40 }).filter((text) => text.trim().length > 0);

/** The least value a number may take, or undefined (an exclusive bound moved inside by a step). */
export function lowerBound(schema: JsonSchema): number | undefined {
  return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (mainType(schema) === 'integer' ? 1 : 0.01) : undefined);
}

export function upperBound(schema: JsonSchema): number | undefined {
  return schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (mainType(schema) === 'integer' ? 1 : 0.01) : undefined);
}

/** Keys of the run (prefixed, unique), of every length up to the maximum; bounds come up often. */
function keyArbitrary(keys: KeySource, maxLength: number): fc.Arbitrary<string> {
  const shortest = keys.next().length + 4;
  return fc.integer({ min: shortest, max: maxLength }).map((length) => keys.ofLength(length));
}

/** Valid values of a field; `allFields`: objects inside it carry every optional field too. */
export function validValue(schema: JsonSchema, keys: KeySource, allFields = false): fc.Arbitrary<unknown> {
  if (schema['x-client-key']) return keyArbitrary(keys, schema.maxLength ?? 512);
  // Examples (from the description or the hints) keep values plausible where the schema says little.
  if (schema.examples) return fc.constantFrom(...schema.examples);
  if (schema.enum) return fc.constantFrom(...schema.enum.filter((member) => member !== null));
  if (schema.format === 'email') return validEmail;
  if (schema.format === 'uuid') return validUuid;
  if (schema.format === 'date-time') return validDateTime;
  if (schema.format === 'date') return validDate;
  if (schema.format === 'uri') return fc.constantFrom('https://example.com', 'https://shipper.example/portal');
  const union = unionOf(schema);
  if (union) return fc.oneof(...union.variants.map((variant) => validObject(variant.schema, keys, allFields)));
  switch (mainType(schema)) {
    case 'string': {
      const text = schema['x-text'] === 'name' ? nameText : plainText;
      const min = schema.minLength ?? 1;
      return text.map((value) => value.padEnd(min, 'x').slice(0, schema.maxLength ?? Math.max(value.length, min)));
    }
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number':
      return numberIn(lowerBound(schema), upperBound(schema), mainType(schema) === 'integer');
    case 'array': {
      const item = validValue(schema.items ?? {}, keys);
      // Items that name other records are the caller's to fill: only as many as must be there.
      if (schema.items && needsReference(schema.items)) return fc.array(item, { minLength: schema.minItems ?? 0, maxLength: schema.minItems ?? 0 });
      const bounds = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) };
      // Enum members twice in one list could be refused as a duplicate; every item is distinct.
      return schema.uniqueItems || schema.items?.enum ? fc.uniqueArray(item, { ...bounds, selector: (value) => JSON.stringify(value) }) : fc.array(item, bounds);
    }
    case 'object':
      return validObject(schema, keys, allFields);
    case 'null':
      return fc.constant(null);
    default:
      throw new Error(`no valid values for schema type ${String(schema.type)}`);
  }
}

/**
 * A valid object: required fields always, optional ones sometimes (all of them with `allFields`).
 * The client key is always present, so every record the run creates can be found and swept. Fields
 * that reference other records are left out: only the caller knows live ones.
 */
export function validObject(schema: JsonSchema, keys: KeySource, allFields = false): fc.Arbitrary<Record<string, unknown>> {
  const union = unionOf(schema);
  if (union) return fc.oneof(...union.variants.map((variant) => validObject(variant.schema, keys, allFields)));
  if (schema.additionalProperties === true && !schema.properties) return fc.constant({});
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const required = schema.required?.includes(name) ?? false;
    // References are the caller's to fill; an optional part that needs one is left out.
    if (property['x-references'] !== undefined || property['x-omit-from-valid'] || (!required && needsReference(property))) continue;
    model[name] = validValue(property, keys, allFields);
    if (allFields || required || property['x-client-key']) requiredKeys.push(name);
  }
  return fc.record(model, { requiredKeys });
}
