// Breakers: ways to make exactly one field of a body invalid, read from its JSON Schema through the
// schema toolkit (schema/), each with the field path a 422 must name and whether a 400 is acceptable.
// Unions tagged by a property (carriers' type) generate one variant at a time; a breaker of a field
// only some variants have carries the variant its base must be.
import fc from 'fast-check';
import { fieldPath, invalidValues, isNullable, OMIT, unionOf, validObject, validSample, type ConstraintKind, type KeySource, type TaggedUnion, type Value } from '../../schema/index.ts';
import type { JsonSchema } from '../resource.ts';

export type BreakKind = ConstraintKind;

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
  /** Readable summary for test names: "email with a bad email format". */
  label: string;
  /** Set when only this variant of a tagged union has the field: the payload must be of that variant. */
  variant?: string;
  /** A union's broken tag: no variant can be checked without it, so it hides every other broken field. */
  alone?: true;
}

/** Every way to make exactly one field of `schema` invalid, nested objects included. */
export function breakers(schema: JsonSchema, keys: KeySource, base: Record<string, unknown> = {}): Breaker[] {
  const union = unionOf(schema);
  if (union) return unionBreakers(union, keys, base);
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => fieldBreakers(name, property, keys, schema.required?.includes(name) ?? false, base[name]));
}

/**
 * A tagged union: its tag broken on any variant; a field every variant has alike, on any variant;
 * a field of some variants only, on a payload of the (first) variant that has it.
 */
function unionBreakers(union: TaggedUnion, keys: KeySource, base: Record<string, unknown>): Breaker[] {
  const tagSchema: JsonSchema = { type: 'string', enum: union.variants.map((variant) => variant.tag) };
  const found: Breaker[] = valueBreakers([union.tag], tagSchema, keys, true).map((breaker) => ({ ...breaker, alone: true }));
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
    for (const breaker of fieldBreakers(name, variant.schema.properties![name], keys, required, base[name])) {
      found.push(everywhere ? breaker : { ...breaker, variant: variant.tag, label: `${breaker.label} (type ${variant.tag})` });
    }
  }
  return found;
}

/** Breakers of one top-level property, including breakers of its own nested fields. */
function fieldBreakers(name: string, schema: JsonSchema, keys: KeySource, required: boolean, sample: unknown): Breaker[] {
  const direct = valueBreakers([name], schema, keys, required);
  // An {id} | {key} reference is judged whole: a broken member could fail either alternative.
  if (schema.oneOf || !schema.properties) return direct;
  // A nested field is broken inside an otherwise valid parent object.
  const parent = validObject(schema, keys);
  const parentExample = sample && typeof sample === 'object' ? (sample as Record<string, unknown>) : validSample(schema);
  const nested: Breaker[] = [];
  for (const [child, childSchema] of Object.entries(schema.properties)) {
    for (const broken of valueBreakers([name, child], childSchema, keys, schema.required?.includes(child) ?? false)) {
      nested.push({
        ...broken,
        value: fc.tuple(parent, broken.value).map(([object, value]) => withField(object, child, value)),
        example: withField(parentExample, child, broken.example),
      });
    }
  }
  return [...direct, ...nested];
}

/** Breakers that replace the value at `path` (the last segment) of a field described by `schema`. */
function valueBreakers(path: string[], schema: JsonSchema, keys: KeySource, required: boolean): Breaker[] {
  return invalidValues(schema, required, keys).map((invalid) => {
    const field = fieldPath(invalid.item ? [...path, 0] : path);
    return { field, top: path[0], kind: invalid.kind, lenient: invalid.lenient, value: invalid.arbitrary, example: invalid.example, label: `${fieldPath(path)} ${invalid.label}` };
  });
}

/** Breakers for a PATCH body: every field optional; `null` breaks only non-nullable fields. */
export function patchBreakers(schema: JsonSchema, keys: KeySource): Breaker[] {
  const found = breakers(schema, keys);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (!isNullable(property)) found.push({ field: fieldPath([name]), top: name, kind: 'null', lenient: true, value: fc.constant(null), example: null, label: `${name} null (not nullable)` });
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
