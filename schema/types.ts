// The JSON types a schema allows, and the JSON type of a value.
import type { JsonSchema } from '../fixtures/load.ts';

/** The types the schema names; an untyped schema with properties is an object, with items an array. */
export function allowedTypes(schema: JsonSchema): string[] {
  if (schema.type !== undefined) return Array.isArray(schema.type) ? schema.type : [schema.type];
  if (schema.properties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

export function isNullable(schema: JsonSchema): boolean {
  return allowedTypes(schema).includes('null');
}

/** Whether the schema says anything about the value's type (an untyped schema takes any JSON value). */
export function isTyped(schema: JsonSchema): boolean {
  return allowedTypes(schema).some((type) => type !== 'null');
}

/**
 * The type values of the field are written in: its first type besides null; null for a field that only
 * takes null; text for an untyped field (which takes any JSON value).
 */
export function mainType(schema: JsonSchema): string {
  const types = allowedTypes(schema);
  return types.find((type) => type !== 'null') ?? (types.length > 0 ? 'null' : 'string');
}

/** A value's JSON type, as a schema names it (an integer is a number here: the wording of a report, not a check). */
export function jsonTypeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}
