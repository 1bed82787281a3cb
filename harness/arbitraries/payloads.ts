// Payload generators read from a resource's JSON Schema: valid payloads, and "breakers" that make
// exactly one field invalid (with the field path a 422 must name and whether a 400 is acceptable).
// Unions tagged by a property (carriers' type) generate one variant at a time; a breaker of a field
// only some variants have carries the variant its base must be.
import fc from 'fast-check';
import { sampleOf } from '../../importer/sample.ts';
import { canonicalField } from '../checks/details.ts';
import type { KeyFactory } from '../keys.ts';
import type { JsonSchema } from '../resource.ts';
import { isNullable, mainType, resolve } from './schema.ts';
import {
  INVALID_DATE_EXAMPLE,
  INVALID_EMAIL_EXAMPLE,
  INVALID_UUID_EXAMPLE,
  invalidDate,
  invalidEmail,
  invalidUuid,
  nameText,
  numberIn,
  outsideEnum,
  outsideEnumExample,
  plainText,
  validDate,
  validDateTime,
  validEmail,
  validUuid,
  wrongTypeValues,
} from './values.ts';

export interface GeneratorContext {
  keys: KeyFactory;
}

export const OMIT = Symbol('omit');
export type Value = unknown | typeof OMIT;

export type BreakKind = 'missing' | 'wrong-type' | 'null' | 'item-type' | 'item-enum' | 'format' | 'enum' | 'too-long' | 'too-short' | 'out-of-range';

export interface Breaker {
  /** Canonical path of the invalid field, as details[].field must name it. */
  field: string;
  /** The top-level property whose value the breaker replaces. */
  top: string;
  kind: BreakKind;
  /** DECISIONS.md lets a missing field, a wrong type or a forbidden null be a 400 instead of a 422. */
  lenient: boolean;
  /** The whole top-level value (OMIT: leave the property out). */
  value: fc.Arbitrary<Value>;
  /** A fixed value for the table test of this breaker. */
  example: Value;
  /** Readable summary for test names: "email with a bad format". */
  label: string;
  /** Set when only this variant of a tagged union has the field: the payload must be of that variant. */
  variant?: string;
  /** A union's broken tag: no variant can be checked without it, so it hides every other broken field. */
  alone?: true;
}

const LENIENT_KINDS: BreakKind[] = ['missing', 'wrong-type', 'null', 'item-type'];

// ---------- unions ----------

/** The tag property and each variant of a tagged union (carriers' type), or undefined for a plain object. */
export function unionOf(schema: JsonSchema): { tag: string; variants: { tag: string; schema: JsonSchema }[] } | undefined {
  const tag = schema.discriminator?.propertyName;
  if (!tag || !schema.oneOf) return undefined;
  return { tag, variants: schema.oneOf.map((variant) => ({ tag: String(variant.properties![tag].enum![0]), schema: variant })) };
}

/** The variant of a tagged union a value is (by its tag), or the schema itself. */
export function variantSchema(schema: JsonSchema, variant: string | undefined): JsonSchema {
  const union = unionOf(schema);
  if (!union) return schema;
  return (union.variants.find((candidate) => candidate.tag === variant) ?? union.variants[0]).schema;
}

// ---------- valid values ----------

export function validValue(node: JsonSchema, root: JsonSchema, ctx: GeneratorContext, allFields = false): fc.Arbitrary<unknown> {
  const schema = resolve(node, root);
  if (schema['x-client-key']) return keyArbitrary(ctx.keys, schema.maxLength ?? 512);
  // Examples (from the description or the hints) keep values plausible where the schema says little.
  if (schema.examples) return fc.constantFrom(...schema.examples);
  if (schema.enum) return fc.constantFrom(...schema.enum.filter((member) => member !== null));
  if (schema.format === 'email') return validEmail;
  if (schema.format === 'uuid') return validUuid;
  if (schema.format === 'date-time') return validDateTime;
  if (schema.format === 'date') return validDate;
  if (schema.format === 'uri') return fc.constantFrom('https://example.com', 'https://shipper.example/portal');
  const union = unionOf(schema);
  if (union) return fc.oneof(...union.variants.map((variant) => validObject(variant.schema, root, ctx, allFields)));
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
      const item = validValue(schema.items ?? {}, root, ctx);
      const bounds = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) };
      // Enum members twice in one list could be refused as a duplicate; every item is distinct.
      return schema.uniqueItems || resolve(schema.items ?? {}, root).enum ? fc.uniqueArray(item, { ...bounds, selector: (value) => JSON.stringify(value) }) : fc.array(item, bounds);
    }
    case 'object':
      return validObject(schema, root, ctx, allFields);
    default:
      throw new Error(`no valid values for schema type ${String(schema.type)}`);
  }
}

function lowerBound(schema: JsonSchema): number | undefined {
  return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (mainType(schema) === 'integer' ? 1 : 0.01) : undefined);
}

function upperBound(schema: JsonSchema): number | undefined {
  return schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (mainType(schema) === 'integer' ? 1 : 0.01) : undefined);
}

/** Keys of the run (prefixed, unique), of every length up to the maximum; bounds come up often. */
function keyArbitrary(keys: KeyFactory, maxLength: number): fc.Arbitrary<string> {
  const shortest = keys.next().length + 4;
  return fc.integer({ min: shortest, max: maxLength }).map((length) => keys.ofLength(length));
}

/**
 * A valid object: required fields always, optional ones sometimes (all of them with `allFields`).
 * The client key is always present, so every record the run creates can be found and swept. Fields
 * that reference other records are left out: only the caller knows live ones (see references.ts).
 */
export function validObject(node: JsonSchema, root: JsonSchema, ctx: GeneratorContext, allFields = false): fc.Arbitrary<Record<string, unknown>> {
  const schema = resolve(node, root);
  const union = unionOf(schema);
  if (union) return fc.oneof(...union.variants.map((variant) => validObject(variant.schema, root, ctx, allFields)));
  if (schema.additionalProperties === true && !schema.properties) return fc.constant({});
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const resolved = resolve(property, root);
    if (resolved['x-references'] !== undefined || resolved['x-omit-from-valid']) continue;
    model[name] = validValue(property, root, ctx, allFields);
    if (allFields || schema.required?.includes(name) || resolved['x-client-key']) requiredKeys.push(name);
  }
  return fc.record(model, { requiredKeys });
}

// ---------- breakers ----------

/** Every way to make exactly one field of `node` invalid, nested objects included. */
export function breakers(node: JsonSchema, root: JsonSchema, ctx: GeneratorContext, base: Record<string, unknown> = {}): Breaker[] {
  const schema = resolve(node, root);
  const union = unionOf(schema);
  if (union) return unionBreakers(union, root, ctx, base);
  const found: Breaker[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const required = schema.required?.includes(name) ?? false;
    found.push(...fieldBreakers(name, property, root, ctx, required, base[name]));
  }
  return found;
}

/**
 * A tagged union: its tag broken on any variant; a field every variant has alike, on any variant;
 * a field of some variants only, on a payload of the (first) variant that has it.
 */
function unionBreakers(union: NonNullable<ReturnType<typeof unionOf>>, root: JsonSchema, ctx: GeneratorContext, base: Record<string, unknown>): Breaker[] {
  const tags = union.variants.map((variant) => variant.tag);
  const tagSchema: JsonSchema = { type: 'string', enum: tags };
  const found: Breaker[] = valueBreakers([union.tag], tagSchema, root, ctx, true).map((breaker) => ({ ...breaker, alone: true }));
  // One group per distinct definition of a field: where every variant defines it alike, any payload will do.
  const groups = new Map<string, { name: string; required: boolean; variants: string[] }>();
  for (const variant of union.variants) {
    for (const [name, property] of Object.entries(variant.schema.properties ?? {})) {
      if (name === union.tag) continue;
      const required = variant.schema.required?.includes(name) ?? false;
      const key = JSON.stringify([name, required, property]);
      groups.set(key, { name, required, variants: [...(groups.get(key)?.variants ?? []), variant.tag] });
    }
  }
  for (const { name, required, variants } of groups.values()) {
    const variant = union.variants.find((candidate) => candidate.tag === variants[0])!;
    const everywhere = variants.length === union.variants.length;
    for (const breaker of fieldBreakers(name, variant.schema.properties![name], root, ctx, required, base[name])) {
      found.push(everywhere ? breaker : { ...breaker, variant: variant.tag, label: `${breaker.label} (type ${variant.tag})` });
    }
  }
  return found;
}

/** Breakers of one top-level property, including breakers of its own nested fields. */
function fieldBreakers(name: string, node: JsonSchema, root: JsonSchema, ctx: GeneratorContext, required: boolean, sample: unknown): Breaker[] {
  const direct = valueBreakers([name], node, root, ctx, required);
  const schema = resolve(node, root);
  // An {id} | {key} reference is judged whole: a broken member could fail either alternative.
  if (mainType(schema) !== 'object' || schema.oneOf || !schema.properties) return direct;
  // A nested field is broken inside an otherwise valid parent object.
  const parent = validObject(schema, root, ctx);
  const parentExample = sample && typeof sample === 'object' ? (sample as Record<string, unknown>) : sampleOf(schema);
  const nested: Breaker[] = [];
  for (const [child, childNode] of Object.entries(schema.properties)) {
    const childRequired = schema.required?.includes(child) ?? false;
    for (const broken of valueBreakers([name, child], childNode, root, ctx, childRequired)) {
      nested.push({
        ...broken,
        value: fc.tuple(parent, broken.value).map(([object, value]) => withField(object, child, value)),
        example: withField(parentExample, child, broken.example),
      });
    }
  }
  return [...direct, ...nested];
}

/** Breakers that replace the value at `path` (the last segment) of a field described by `node`. */
function valueBreakers(path: string[], node: JsonSchema, root: JsonSchema, ctx: GeneratorContext, required: boolean): Breaker[] {
  const schema = resolve(node, root);
  const field = canonicalField(path.join('.'));
  const top = path[0];
  const type = mainType(schema);
  const make = (kind: BreakKind, label: string, value: fc.Arbitrary<Value>, example: Value): Breaker => ({
    field,
    top,
    kind,
    lenient: LENIENT_KINDS.includes(kind),
    value,
    example,
    label: `${field} ${label}`,
  });
  const found: Breaker[] = [];
  if (required) found.push(make('missing', 'missing', fc.constant(OMIT), OMIT));
  // null for an optional field is untested (DECISIONS.md: servers differ); for a required one it is a wrong type.
  if (required && !isNullable(schema)) found.push(make('null', 'null', fc.constant(null), null));
  if (schema.type !== undefined || schema.properties) {
    const wrong = wrongTypeValues(type);
    found.push(make('wrong-type', `of JSON type ${describeType(wrong.example)} instead of ${type}`, wrong.arbitrary, wrong.example));
  }
  if (schema.format === 'email') found.push(make('format', 'with a bad email format', invalidEmail, INVALID_EMAIL_EXAMPLE));
  if (schema.format === 'uuid') found.push(make('format', 'not a UUID', invalidUuid, INVALID_UUID_EXAMPLE));
  if (schema.format === 'date-time' || schema.format === 'date') found.push(make('format', `not a ${schema.format}`, invalidDate, INVALID_DATE_EXAMPLE));
  if (schema.enum) {
    const members = schema.enum;
    found.push(make('enum', 'outside its enum', outsideEnum(members), outsideEnumExample(members)));
  }
  if (schema.maxLength !== undefined) {
    const max = schema.maxLength;
    const tooLong = schema['x-client-key']
      ? fc.integer({ min: max + 1, max: max + 500 }).map((length) => ctx.keys.ofLength(length))
      : fc.integer({ min: max + 1, max: max + 500 }).map((length) => 'x'.repeat(length));
    const example = schema['x-client-key'] ? ctx.keys.ofLength(max + 1) : 'x'.repeat(max + 1);
    found.push(make('too-long', `of ${max + 1}+ characters`, tooLong, example));
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
    const items = resolve(schema.items, root);
    const itemField = canonicalField(`${path.join('.')}[0]`);
    // Items of any type (an untyped schema) have no wrong type.
    if (items.type !== undefined || items.properties) {
      const wrongItem = wrongTypeValues(mainType(items));
      found.push({ ...make('item-type', 'with an item of the wrong JSON type', wrongItem.arbitrary.map((item) => [item]), [wrongItem.example]), field: itemField });
    }
    if (items.enum) {
      const outside = outsideEnumExample(items.enum);
      found.push({ ...make('item-enum', 'with an item outside its enum', outsideEnum(items.enum).map((item) => [item]), [outside]), field: itemField });
    }
  }
  return found;
}

/** Breakers for a PATCH body: every field optional; `null` breaks only non-nullable fields. */
export function patchBreakers(node: JsonSchema, root: JsonSchema, ctx: GeneratorContext): Breaker[] {
  const schema = resolve(node, root);
  const found = breakers(schema, root, ctx);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (!isNullable(resolve(property, root))) {
      found.push({
        field: canonicalField(name),
        top: name,
        kind: 'null',
        lenient: true,
        value: fc.constant(null),
        example: null,
        label: `${name} null (not nullable)`,
      });
    }
  }
  return found;
}

export function applyBreaker(payload: Record<string, unknown>, top: string, value: Value): Record<string, unknown> {
  return withField(payload, top, value);
}

function withField(object: Record<string, unknown>, name: string, value: Value): Record<string, unknown> {
  const copy = { ...object };
  if (value === OMIT) delete copy[name];
  else copy[name] = value;
  return copy;
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}
