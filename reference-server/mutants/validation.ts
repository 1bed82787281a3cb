// Mutants of the validation family: every invalid field is a 422 naming it, and valid payloads get 201.
import { DEFAULT_AJV_OPTIONS, validationDetails } from '../validation.ts';
import { dropPageSizeBounds, propertiesNamed, schemasWith, type CatalogEntry } from './support.ts';

export const validationMutants: CatalogEntry[] = [
  {
    name: 'validator-stops-at-first-error',
    family: 'validation',
    breaks: ['ERR-422-EVERY-FIELD', 'ERR-422-PATCH-EVERY-FIELD'],
    models: 'Ajv runs with its default allErrors: false, so a body with several invalid fields is answered with the first one only.',
    parts: { ajvOptions: { ...DEFAULT_AJV_OPTIONS, allErrors: false } },
  },
  {
    name: 'ajv-coerce-types',
    family: 'validation',
    breaks: ['ERR-422-MISSING-OR-TYPE', 'ERR-422-PATCH-FIELD'],
    models: 'Ajv runs with coerceTypes (fastify\'s default), so 12345 for a string field or "true" for a boolean is silently converted and accepted.',
    parts: { ajvOptions: { ...DEFAULT_AJV_OPTIONS, coerceTypes: true } },
  },
  {
    name: 'key-max-length-513',
    family: 'validation',
    breaks: ['ERR-422-FIELD-NAMED', 'ERR-422-EVERY-FIELD'],
    models: 'The create schema allows keys of up to 513 characters (an off-by-one against the documented 512), so a 513-character key is accepted.',
    parts: {
      schemasFor: schemasWith('create', (schema) => {
        for (const key of propertiesNamed(schema, 'key')) key.maxLength = 513;
      }),
    },
  },
  {
    name: 'key-max-length-511',
    family: 'validation',
    breaks: ['ERR-422-POSITIVE-CONTROL'],
    models: 'The create schema limits keys to 511 characters (a `< 512` check), so the longest documented key is refused.',
    parts: {
      schemasFor: schemasWith('create', (schema) => {
        for (const key of propertiesNamed(schema, 'key')) key.maxLength = 511;
      }),
    },
  },
  {
    name: 'name-ascii-only',
    family: 'validation',
    breaks: ['ERR-422-POSITIVE-CONTROL'],
    models: 'The name is checked against an ASCII-only pattern, so "Müller Logistik" and other non-ASCII names are refused with a 422.',
    parts: {
      schemasFor: schemasWith('create', (schema) => {
        for (const name of propertiesNamed(schema, 'name')) name.pattern = '^[\\x20-\\x7E]+$';
      }),
    },
  },
  {
    name: 'required-name-not-enforced',
    family: 'validation',
    breaks: ['ERR-422-MISSING-OR-TYPE'],
    models: 'The create schema lost its `required` list, so a vendor without a name is created.',
    parts: {
      schemasFor: schemasWith('create', (schema) => {
        delete schema.required;
      }),
    },
  },
  {
    name: 'nested-missing-field-named-without-parent',
    family: 'validation',
    breaks: ['ERR-422-MISSING-OR-TYPE', 'ERR-422-PATCH-FIELD'],
    models: 'Details take Ajv\'s params.missingProperty as the field, so a missing corporateAddress.line1 is reported as "line1".',
    parts: {
      validationDetails: (errors, data) =>
        errors.flatMap((error) =>
          error.keyword === 'required'
            ? [{ field: String(error.params.missingProperty), message: 'Field is required' }]
            : validationDetails([error], data),
        ),
    },
  },
  {
    name: 'patch-schema-deep-partial',
    family: 'validation',
    breaks: ['ERR-422-PATCH-FIELD'],
    models: 'The PATCH schema is a deep partial of the create schema, so an address given in a PATCH no longer needs line1, city, country or market.',
    parts: {
      schemasFor: schemasWith('patch', (schema) => {
        for (const property of Object.values<Record<string, any>>(schema.properties ?? {})) if (property.properties) delete property.required;
      }),
    },
  },
  {
    name: 'page-size-bounds-missing',
    family: 'validation',
    breaks: ['ERR-422-PAGE-SIZE'],
    models: 'The filter schema types pageSize as an integer but drops its 1..250 bounds, so 0, -1 and 1000 are answered 200.',
    parts: {
      schemasFor: schemasWith('filter', dropPageSizeBounds),
    },
  },
];
