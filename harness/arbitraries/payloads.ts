// Breakers: ways to make exactly one field of a body invalid, read from its JSON Schema through the
// schema toolkit (schema/), each with the field path a 422 must name and whether a 400 is acceptable.
// A field at any depth is broken in place, inside a body that is valid otherwise (its parents kept as
// the base has them). Unions tagged by a property (carriers' type) generate one variant at a time; a
// breaker of a field only some variants have carries the variant its base must be.
import fc from 'fast-check';
import { fieldPath, invalidValues, isNullable, mainType, needsReference, OMIT, readablePath, unionOf, validSample, type ConstraintKind, type KeySource, type TaggedUnion, type Value } from '../../schema/index.ts';
import type { JsonSchema } from '../resource.ts';

export type BreakKind = ConstraintKind;

/** Where a breaker writes: property names, and 0 for the first item of an array. */
export type FieldPath = (string | 0)[];

export interface Breaker {
  /** Canonical path of the invalid field, as details[].field must name it. */
  field: string;
  /** Where the invalid value goes (the field, or its parent array for an item's breaker). */
  path: FieldPath;
  /** The top-level property it breaks (breakers of one body share a payload only on distinct tops). */
  top: string;
  kind: BreakKind;
  /** DECISIONS.md lets a missing field, a wrong type or a forbidden null be a 400 instead of a 422. */
  lenient: boolean;
  /** The invalid value written at `path` (OMIT: leave the property out). */
  value: fc.Arbitrary<Value>;
  /** A fixed value for the table test of this breaker. */
  example: Value;
  /** Readable summary for test names: "email with a bad email format". */
  label: string;
  /** Valid values for the parents on the way, where a base lacks one (an optional object it left out). */
  parents: Record<string, unknown>[];
  /** Set when only this variant of a tagged union has the field: the payload must be of that variant. */
  variant?: string;
  /** A union's broken tag: no variant can be checked without it, so it hides every other broken field. */
  alone?: true;
}

/** Objects and arrays are broken inside, this many levels below the top (a wrapper's record, its address, an item's field). */
const MAX_DEPTH = 3;

/** Every way to make exactly one field of `schema` invalid, nested fields included. */
export function breakers(schema: JsonSchema, keys: KeySource, base: Record<string, unknown> = {}): Breaker[] {
  const union = unionOf(schema);
  if (union) return unionBreakers(union, keys, base);
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => fieldBreakers([name], property, keys, schema.required?.includes(name) ?? false, [], base[name]));
}

/**
 * A tagged union: its tag broken on any variant; a field every variant has alike, on any variant;
 * a field of some variants only, on a payload of the (first) variant that has it.
 */
function unionBreakers(union: TaggedUnion, keys: KeySource, base: Record<string, unknown>): Breaker[] {
  const tagSchema: JsonSchema = { type: 'string', enum: union.variants.map((variant) => variant.tag) };
  const found: Breaker[] = valueBreakers([union.tag], tagSchema, keys, true, []).map((breaker) => ({ ...breaker, alone: true }));
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
    for (const breaker of fieldBreakers([name], variant.schema.properties![name], keys, required, [], base[name])) {
      found.push(everywhere ? breaker : { ...breaker, variant: variant.tag, label: `${breaker.label} (type ${variant.tag})` });
    }
  }
  return found;
}

/** Breakers of the field at `path`, and of its own fields (an object's properties, an array's first item's). */
function fieldBreakers(path: FieldPath, schema: JsonSchema, keys: KeySource, required: boolean, parents: Record<string, unknown>[], sample: unknown): Breaker[] {
  const direct = valueBreakers(path, schema, keys, required, parents);
  // An {id} | {key} reference is judged whole: a broken member could fail either alternative.
  if (path.length > MAX_DEPTH || schema.oneOf) return direct;
  // A part the base leaves out because it would need a live record (a load's carrier) is broken whole only.
  if (sample === undefined && needsReference(schema)) return direct;
  if (schema.properties && mainType(schema) === 'object') {
    const own = sample && typeof sample === 'object' && !Array.isArray(sample) ? (sample as Record<string, unknown>) : validSample(schema);
    return [...direct, ...Object.entries(schema.properties).flatMap(([child, childSchema]) => fieldBreakers([...path, child], childSchema, keys, schema.required?.includes(child) ?? false, [...parents, own], own[child]))];
  }
  const items = schema.items;
  if (items?.properties && mainType(schema) === 'array' && !items.oneOf) {
    // The first item's fields, in a list that has one.
    const list = Array.isArray(sample) && sample.length > 0 ? sample : [validSample(items)];
    const first = list[0] as Record<string, unknown>;
    return [...direct, ...Object.entries(items.properties).flatMap(([child, childSchema]) => fieldBreakers([...path, 0, child], childSchema, keys, items.required?.includes(child) ?? false, [...parents, { list }, first], first?.[child]))];
  }
  return direct;
}

/** Breakers that replace the value at `path` of a field described by `schema`. */
function valueBreakers(path: FieldPath, schema: JsonSchema, keys: KeySource, required: boolean, parents: Record<string, unknown>[]): Breaker[] {
  return invalidValues(schema, required, keys).map((invalid) => ({
    field: fieldPath(invalid.item ? [...path, 0] : path),
    path,
    top: String(path[0]),
    kind: invalid.kind,
    lenient: invalid.lenient,
    value: invalid.arbitrary,
    example: invalid.example,
    label: `${readablePath(path)} ${invalid.label}`,
    parents,
  }));
}

/** Breakers for a PATCH body: every field optional; `null` breaks only non-nullable fields. */
export function patchBreakers(schema: JsonSchema, keys: KeySource): Breaker[] {
  const found = breakers(schema, keys);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (!isNullable(property)) found.push({ field: fieldPath([name]), path: [name], top: name, kind: 'null', lenient: true, value: fc.constant(null), example: null, label: `${name} null (not nullable)`, parents: [] });
  }
  return found;
}

/** The payload with the breaker's value written at its path; a parent the payload lacks comes from the breaker's valid parents. */
export function applyBreaker(payload: Record<string, unknown>, breaker: Pick<Breaker, 'path' | 'parents'>, value: Value): Record<string, unknown> {
  const copy = structuredClone(payload);
  let node: Record<string, unknown> | unknown[] = copy;
  const { path } = breaker;
  for (let index = 0; index < path.length - 1; index++) {
    const segment = path[index];
    const container = node as Record<string | number, unknown>;
    const parent = breaker.parents[index];
    const wanted = typeof path[index + 1] === 'number' ? 'array' : 'object';
    const current = container[segment];
    const fits = wanted === 'array' ? Array.isArray(current) && current.length > 0 : current !== null && typeof current === 'object' && !Array.isArray(current);
    if (!fits) container[segment] = structuredClone(wanted === 'array' ? (parent as { list: unknown[] }).list : parent);
    node = container[segment] as Record<string, unknown> | unknown[];
  }
  const last = path[path.length - 1];
  if (value === OMIT) delete (node as Record<string | number, unknown>)[last];
  else (node as Record<string | number, unknown>)[last] = value;
  return copy;
}
