// Payload generators read from a resource's JSON Schema: valid payloads, and "breakers" that make
// exactly one field invalid (with the field path a 422 must name and whether a 400 is acceptable).
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { canonicalField } from '../checks/details.ts';
import type { KeyFactory } from '../keys.ts';
import type { JsonSchema } from '../resource.ts';
import { isNullable, mainType, resolve } from './schema.ts';
import {
  INVALID_EMAIL_EXAMPLE,
  INVALID_UUID_EXAMPLE,
  invalidEmail,
  invalidUuid,
  nameText,
  outsideEnum,
  plainText,
  validEmail,
  validUuid,
  wrongTypeValues,
} from './values.ts';

export interface GeneratorContext {
  keys: KeyFactory;
  /** Value for fields that reference another resource (x-references): a fixed id, any UUID, or omit. */
  references: Record<string, string | 'any-uuid' | undefined>;
}

export const OMIT = Symbol('omit');
type Value = unknown | typeof OMIT;

export type BreakKind = 'missing' | 'wrong-type' | 'null' | 'item-type' | 'format' | 'enum' | 'too-long' | 'out-of-range';

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
}

const LENIENT_KINDS: BreakKind[] = ['missing', 'wrong-type', 'null', 'item-type'];

// ---------- valid values ----------

export function validValue(node: JsonSchema, root: JsonSchema, ctx: GeneratorContext, allFields = false): fc.Arbitrary<unknown> {
  const schema = resolve(node, root);
  if (schema['x-client-key']) return keyArbitrary(ctx.keys, schema.maxLength ?? 512);
  if (schema.enum) return fc.constantFrom(...schema.enum.filter((member) => member !== null));
  if (schema.format === 'email') return validEmail;
  if (schema.format === 'uuid') return validUuid;
  if (schema.examples) return fc.constantFrom(...schema.examples);
  switch (mainType(schema)) {
    case 'string':
      return schema['x-text'] === 'name' ? nameText : plainText.map((text) => text.slice(0, schema.maxLength ?? text.length));
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? 1000 });
    case 'array':
      return fc.array(validValue(schema.items ?? {}, root, ctx), { maxLength: 3 });
    case 'object':
      return validObject(schema, root, ctx, allFields);
    default:
      throw new Error(`no valid values for schema type ${String(schema.type)}`);
  }
}

/** Keys of the run (prefixed, unique), of every length up to the maximum; bounds come up often. */
function keyArbitrary(keys: KeyFactory, maxLength: number): fc.Arbitrary<string> {
  const shortest = keys.next().length + 4;
  return fc.integer({ min: shortest, max: maxLength }).map((length) => keys.ofLength(length));
}

/**
 * A valid object: required fields always, optional ones sometimes (all of them with `allFields`).
 * The client key is always present, so every record the run creates can be found and swept.
 */
export function validObject(node: JsonSchema, root: JsonSchema, ctx: GeneratorContext, allFields = false): fc.Arbitrary<Record<string, unknown>> {
  const schema = resolve(node, root);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const resolved = resolve(property, root);
    const reference = resolved['x-references'];
    if (reference !== undefined) {
      const value = ctx.references[reference];
      if (value === undefined) continue;
      model[name] = value === 'any-uuid' ? validUuid : fc.constant(value);
    } else {
      model[name] = validValue(property, root, ctx, allFields);
    }
    if (allFields || schema.required?.includes(name) || resolved['x-client-key']) requiredKeys.push(name);
  }
  return fc.record(model, { requiredKeys });
}

/** Concrete values for the fields that reference other resources, where the run knows one. */
export function referenceValues(node: JsonSchema, root: JsonSchema, ctx: GeneratorContext): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(resolve(node, root).properties ?? {})) {
    const reference = resolve(property, root)['x-references'];
    const value = reference === undefined ? undefined : ctx.references[reference];
    if (value !== undefined) values[name] = value === 'any-uuid' ? randomUUID() : value;
  }
  return values;
}

// ---------- breakers ----------

/** Every way to make exactly one field of `node` invalid, nested objects included. */
export function breakers(node: JsonSchema, root: JsonSchema, ctx: GeneratorContext): Breaker[] {
  const schema = resolve(node, root);
  const found: Breaker[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const required = schema.required?.includes(name) ?? false;
    found.push(...fieldBreakers(name, property, root, ctx, required));
  }
  return found;
}

/** Breakers of one top-level property, including breakers of its own nested fields. */
function fieldBreakers(name: string, node: JsonSchema, root: JsonSchema, ctx: GeneratorContext, required: boolean): Breaker[] {
  const direct = valueBreakers([name], node, root, ctx, required);
  const schema = resolve(node, root);
  if (mainType(schema) !== 'object') return direct;
  // A nested field is broken inside an otherwise valid parent object.
  const parent = validObject(schema, root, ctx);
  const nested: Breaker[] = [];
  for (const [child, childNode] of Object.entries(schema.properties ?? {})) {
    const childRequired = schema.required?.includes(child) ?? false;
    for (const broken of valueBreakers([name, child], childNode, root, ctx, childRequired)) {
      nested.push({
        ...broken,
        value: fc.tuple(parent, broken.value).map(([object, value]) => withField(object, child, value)),
        example: withField(exampleObject(schema, root), child, broken.example),
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
  const wrong = wrongTypeValues(type);
  found.push(make('wrong-type', `of JSON type ${describeType(wrong.example)} instead of ${type}`, wrong.arbitrary, wrong.example));
  if (schema.format === 'email') found.push(make('format', 'with a bad email format', invalidEmail, INVALID_EMAIL_EXAMPLE));
  if (schema.format === 'uuid') found.push(make('format', 'not a UUID', invalidUuid, INVALID_UUID_EXAMPLE));
  if (schema.enum) {
    const members = schema.enum;
    found.push(make('enum', 'outside its enum', outsideEnum(members), 'JPY'));
  }
  if (schema.maxLength !== undefined) {
    const max = schema.maxLength;
    const tooLong = schema['x-client-key']
      ? fc.integer({ min: max + 1, max: max + 500 }).map((length) => ctx.keys.ofLength(length))
      : fc.integer({ min: max + 1, max: max + 500 }).map((length) => 'x'.repeat(length));
    const example = schema['x-client-key'] ? ctx.keys.ofLength(max + 1) : 'x'.repeat(max + 1);
    found.push(make('too-long', `of ${max + 1}+ characters`, tooLong, example));
  }
  if (type === 'integer' && (schema.minimum !== undefined || schema.maximum !== undefined)) {
    const below = schema.minimum !== undefined ? [fc.integer({ min: -1000, max: schema.minimum - 1 })] : [];
    const above = schema.maximum !== undefined ? [fc.integer({ min: schema.maximum + 1, max: schema.maximum + 10_000 })] : [];
    found.push(make('out-of-range', `outside ${schema.minimum ?? '-∞'}..${schema.maximum ?? '∞'}`, fc.oneof(...below, ...above), (schema.maximum ?? 0) + 1));
  }
  if (type === 'array' && schema.items) {
    const itemType = mainType(resolve(schema.items, root));
    const wrongItem = wrongTypeValues(itemType);
    found.push({
      ...make('item-type', `with an item of the wrong JSON type`, wrongItem.arbitrary.map((item) => [item]), [wrongItem.example]),
      field: canonicalField(`${path.join('.')}[0]`),
    });
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

/** A deterministic valid object for table rows: each field's first example or a plain value. */
function exampleObject(schema: JsonSchema, root: JsonSchema): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const name of schema.required ?? []) {
    const property = resolve(schema.properties![name], root);
    object[name] = property.examples?.[0] ?? (mainType(property) === 'boolean' ? false : `${name} value`);
  }
  return object;
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}
