// A deterministic valid value of a schema: every field the schema describes, with its first enum
// member, its example, or a plain value of its format; references to other resources and the client
// key are left out (a run fills them with live records and keys of its own).
import type { JsonSchema } from '../fixtures/load.ts';
import { mainType } from './types.ts';
import { needsReference } from './fields.ts';

const FORMAT_VALUES: Record<string, string> = {
  email: 'ops@example.com',
  'date-time': '2026-01-15T12:00:00Z',
  date: '2026-01-15',
  uri: 'https://example.com/conformance',
};

/** The deterministic valid object of an object schema (a create body's valid sample). */
export function validSample(schema: JsonSchema): Record<string, unknown> {
  const value = sampleValue(schema, 'sample');
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function sampleValue(schema: JsonSchema, name: string): unknown {
  if (schema.oneOf && schema.discriminator) return sampleValue(schema.oneOf[0], name);
  if (schema.enum) return schema.enum.find((member) => member !== null);
  if (schema.format && FORMAT_VALUES[schema.format]) return FORMAT_VALUES[schema.format];
  switch (mainType(schema)) {
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const [property, child] of Object.entries(schema.properties ?? {})) {
        if (child['x-references'] || property === 'key') continue;
        const required = schema.required?.includes(property) ?? false;
        // A uuid that names nothing the suite knows could name no record: only kept where required.
        if (child.format === 'uuid' && !required) continue;
        // An optional part that would need a live record (a load's carrier) is left out; a required one
        // is kept, and the run fills its references.
        if (!required && needsReference(child)) continue;
        const value = sampleValue(child, property);
        if (value !== undefined) object[property] = value;
      }
      return object;
    }
    case 'array': {
      // Items that name other records: none where none are needed (the run fills the ones it must).
      if (schema.items && (schema.minItems ?? 0) === 0 && needsReference(schema.items)) return [];
      const item = () => (schema.items ? sampleValue(schema.items, name) : undefined);
      // Each item its own value: a change to one (a breaker's) must not show in another.
      return item() === undefined ? [] : Array.from({ length: Math.max(1, schema.minItems ?? 1) }, item);
    }
    case 'boolean':
      return false;
    case 'integer':
    case 'number': {
      const example = schema.examples?.find((candidate): candidate is number => typeof candidate === 'number');
      if (example !== undefined) return example;
      const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
      return schema.maximum !== undefined ? Math.min(low, schema.maximum) : low;
    }
    case 'string': {
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      const text = schema.examples?.find((example): example is string => typeof example === 'string') ?? `Conformance ${name}`;
      const padded = text.padEnd(schema.minLength ?? 0, 'x');
      return schema.maxLength === undefined ? padded : padded.slice(0, schema.maxLength);
    }
    default:
      return undefined;
  }
}
