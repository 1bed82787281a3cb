// The fields of an object schema that a test can use for a purpose: a plain text field to rename or
// fill with hostile text, a field with a given format.
import type { JsonSchema } from '../fixtures/load.ts';
import { allowedTypes } from './types.ts';
import { variantSchema } from './unions.ts';

/**
 * Text fields with no rule but their type (no format, enum, length limit, reference, client key),
 * names people give first: a value of any length and script is valid there. Of a union, its first variant's.
 */
export function plainTextFields(schema: JsonSchema): string[] {
  const properties = Object.entries(variantSchema(schema, undefined).properties ?? {});
  const plain = properties.filter(
    ([, field]) => allowedTypes(field).includes('string') && !field.format && !field.enum && field.maxLength === undefined && !field['x-references'] && !field['x-client-key'],
  );
  return [...plain.filter(([, field]) => field['x-text'] === 'name'), ...plain.filter(([, field]) => field['x-text'] !== 'name')].map(([name]) => name);
}

/** The first field with this format (of a union, in its first variant), if any. */
export function fieldWithFormat(schema: JsonSchema, format: string): string | undefined {
  return Object.entries(variantSchema(schema, undefined).properties ?? {}).find(([, field]) => field.format === format)?.[0];
}

/** The first field that holds a name people give (x-text: name), if any: where non-ASCII names belong. */
export function nameField(schema: JsonSchema): string | undefined {
  return Object.entries(variantSchema(schema, undefined).properties ?? {}).find(([, field]) => field['x-text'] === 'name')?.[0];
}

/**
 * A value of this schema names a record of another resource somewhere inside, wherever it has a part
 * to hold one: it is a reference, an object requiring one, or an array whose items are (a valid sample
 * leaves such an optional part out, and writes such an array without items where it may).
 */
export function needsReference(schema: JsonSchema): boolean {
  if (schema['x-references']) return true;
  if (schema.items && needsReference(schema.items)) return true;
  return Object.entries(schema.properties ?? {}).some(([name, property]) => (schema.required?.includes(name) ?? false) && needsReference(property));
}

/** Fields that take any text (type string, no enum, no format): where a very long string is a value to try. Of a union, its first variant's. */
export function stringFields(schema: JsonSchema): string[] {
  return Object.entries(variantSchema(schema, undefined).properties ?? {}).filter(([, field]) => allowedTypes(field).includes('string') && !field.enum && !field.format).map(([name]) => name);
}
