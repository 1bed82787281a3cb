// The schema toolkit on its own: references followed (siblings kept, cycles noticed), types read,
// field paths named, and, for every committed resource, valid values that ajv accepts and invalid
// values that ajv refuses for exactly the constraint they break.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { loadResources, referencesIn, type JsonSchema } from '../fixtures/load.ts';
import {
  allowedTypes,
  canonicalField,
  fieldPath,
  fieldWithFormat,
  follow,
  invalidValues,
  isNullable,
  jsonTypeOf,
  mainType,
  OMIT,
  plainTextFields,
  readablePath,
  resolvePointer,
  validObject,
  validSample,
  validValue,
  type KeySource,
} from '../schema/index.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
let counter = 0;
const keys: KeySource = {
  next: (label = 'k') => `conformance-selftest-${label}-${counter++}`,
  ofLength: (length) => `conformance-selftest-len-${counter++}`.padEnd(length, 'x'),
};
const RESOURCES = loadResources();

describe('references', () => {
  const document = {
    components: {
      schemas: {
        Address: { type: 'object', properties: { line1: { type: 'string' } } },
        Alias: { $ref: '#/components/schemas/Address', description: 'kept' },
        Loop: { $ref: '#/components/schemas/Loop' },
        'a/b': { type: 'integer' },
      },
    },
  };

  test('a pointer names the node, with escaped segments', () => {
    expect(resolvePointer(document, '#/components/schemas/Address')).toBe(document.components.schemas.Address);
    expect(resolvePointer(document, '#/components/schemas/a~1b')).toEqual({ type: 'integer' });
    expect(resolvePointer(document, 'other.yml#/x')).toBeUndefined();
  });

  test('following keeps the referring node\'s siblings and the chain', () => {
    const followed = follow({ $ref: '#/components/schemas/Alias', title: 'mine' }, document);
    expect(followed.node).toMatchObject({ type: 'object', description: 'kept', title: 'mine' });
    expect(followed.seen).toEqual(['#/components/schemas/Alias', '#/components/schemas/Address']);
    expect(followed.path).toBe('#/components/schemas/Address');
  });

  test('a recursive or broken reference is said, not followed forever', () => {
    expect(follow({ $ref: '#/components/schemas/Loop' }, document).cycle).toBe('#/components/schemas/Loop');
    expect(follow({ $ref: '#/components/schemas/Nothing' }, document).unresolved).toBe('#/components/schemas/Nothing');
  });
});

describe('types and paths', () => {
  test('the types a schema allows, and the one values are written in', () => {
    expect(allowedTypes({ type: ['string', 'null'] })).toEqual(['string', 'null']);
    expect(allowedTypes({ properties: {} })).toEqual(['object']);
    expect(isNullable({ type: ['integer', 'null'] })).toBe(true);
    expect(mainType({ type: ['null', 'integer'] })).toBe('integer');
    expect(mainType({})).toBe('string');
    expect([jsonTypeOf([]), jsonTypeOf(null), jsonTypeOf({}), jsonTypeOf(1)]).toEqual(['array', 'null', 'object', 'number']);
  });

  test('spellings of one field are the same field', () => {
    expect(canonicalField('/corporateAddress/line1')).toBe('corporateAddress.line1');
    expect(canonicalField('requiredDocuments[0]')).toBe(canonicalField('requiredDocuments.0'));
    expect(canonicalField('/a~1b')).toBe('a/b');
    expect(fieldPath(['load', 'stops', 0, 'city'])).toBe(canonicalField(readablePath(['load', 'stops', 0, 'city'])));
    expect(readablePath(['load', 'stops', 0, 'city'])).toBe('load.stops[0].city');
  });

  test('fields fit for a purpose', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        code: { type: 'string', enum: ['A'] },
        notes: { type: 'string' },
        name: { type: 'string', 'x-text': 'name' },
        email: { type: 'string', format: 'email' },
        key: { type: 'string', 'x-client-key': true },
        customerId: { type: 'string', 'x-references': 'customers' },
      },
    };
    expect(plainTextFields(schema)).toEqual(['name', 'notes']);
    expect(fieldWithFormat(schema, 'email')).toBe('email');
  });
});

/** A body schema with its references not required: samples and generated values leave them out, and a run fills them. */
function withoutReferences(schema: JsonSchema): JsonSchema {
  const references = referencesIn(schema);
  const strip = (node: JsonSchema, path: string): JsonSchema => ({
    ...node,
    ...(node.required ? { required: node.required.filter((name) => !references.some((reference) => reference.path === (path ? `${path}.${name}` : name) || reference.path === `${path ? `${path}.${name}` : name}[]`)) } : {}),
    ...(node.properties ? { properties: Object.fromEntries(Object.entries(node.properties).map(([name, child]) => [name, strip(child, path ? `${path}.${name}` : name)])) } : {}),
    ...(node.items ? { items: strip(node.items, `${path}[]`), ...(references.some((reference) => reference.path === `${path}[]`) ? { minItems: 0 } : {}) } : {}),
    ...(node.oneOf && node.discriminator ? { oneOf: node.oneOf.map((variant) => strip(variant, path)) } : {}),
  });
  return strip(schema, '');
}

describe.each(RESOURCES.map((resource) => [resource.name, resource] as const))('%s: values under its own schemas', (_name, resource) => {
  const validate = (schema: JsonSchema) => ajv.compile(schema);
  const bodies = resource.operations.filter((operation) => operation.body && operation.role !== 'filter');

  test.runIf(resource.schemas.create !== undefined)('the fixture\'s own valid sample passes its create schema (references aside, which a run fills)', () => {
    const check = validate(withoutReferences(resource.schemas.create!));
    expect(check(resource.validSample), JSON.stringify(check.errors)).toBe(true);
  });

  test.runIf(bodies.length > 0)('the deterministic sample of every body passes that body\'s schema', () => {
    for (const operation of bodies) {
      const schema = operation.body!.schema;
      const check = validate(withoutReferences(schema));
      const sample = resource.operationHints[operation.id]?.validBody ?? validSample(schema);
      expect(check(sample), `${operation.method} ${operation.path}: ${JSON.stringify(check.errors)}`).toBe(true);
    }
  });

  test.runIf(bodies.length > 0)('generated valid objects pass every body\'s schema', () => {
    for (const operation of bodies) {
      const check = validate(withoutReferences(operation.body!.schema));
      fc.assert(fc.property(validObject(operation.body!.schema, keys, true), (value) => check(value) || (expect.fail(`${operation.method} ${operation.path}: ${JSON.stringify(check.errors)}`), false)), { numRuns: 20, seed: 42 });
    }
  });

  test.runIf(resource.schemas.create !== undefined && !resource.schemas.create.oneOf)('each invalid value of a top-level field is refused for that field', () => {
    const create = resource.schemas.create!;
    const base = validSample(create);
    const check = validate(withoutReferences(create));
    for (const [name, property] of Object.entries(create.properties ?? {})) {
      // A reference is not required by the schema checked here (a run fills it), so leaving it out is no break here.
      const isReference = referencesIn(create).some((reference) => reference.field === name);
      for (const invalid of invalidValues(property, !isReference && (create.required?.includes(name) ?? false), keys)) {
        const payload = { ...base };
        if (invalid.example === OMIT) delete payload[name];
        else payload[name] = invalid.example;
        expect(check(payload), `${name} ${invalid.label}`).toBe(false);
        const fields = (check.errors ?? []).map((error) => canonicalField(`${error.instancePath}/${error.keyword === 'required' ? String(error.params.missingProperty) : ''}`));
        expect(fields.some((field) => field === name || field.startsWith(`${name}.`)), `${name} ${invalid.label}: ${JSON.stringify(check.errors)}`).toBe(true);
      }
    }
  });
});

test('generated values of each kind of field are valid under it', () => {
  const fields: JsonSchema[] = [
    { type: 'string', format: 'email' },
    { type: 'string', format: 'uuid' },
    { type: 'string', format: 'date-time' },
    { type: 'string', format: 'date' },
    { type: 'integer', minimum: 1, maximum: 250 },
    { type: 'number', exclusiveMinimum: 0 },
    { type: 'string', minLength: 3, maxLength: 5 },
    { type: 'array', items: { type: 'string', enum: ['A', 'B', 'C'] }, minItems: 1 },
    { type: ['string', 'null'], maxLength: 512, 'x-client-key': true },
  ];
  for (const field of fields) {
    const check = validate(field);
    fc.assert(fc.property(validValue(field, keys), (value) => check(value)), { numRuns: 50, seed: 7 });
  }
  function validate(schema: JsonSchema) {
    return ajv.compile(schema);
  }
});
