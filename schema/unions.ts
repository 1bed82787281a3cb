// Unions: an object tagged by a property (carriers' `type`, with one variant per value), and a union
// that only switches required members (an `{id} | {key}` reference to another record).
import type { JsonSchema } from '../fixtures/load.ts';

export interface TaggedUnion {
  tag: string;
  variants: { tag: string; schema: JsonSchema }[];
}

/** The tag property and each variant of a tagged union, or undefined for any other schema. */
export function unionOf(schema: JsonSchema): TaggedUnion | undefined {
  const tag = schema.discriminator?.propertyName;
  if (!tag || !schema.oneOf) return undefined;
  return { tag, variants: schema.oneOf.map((variant) => ({ tag: String(variant.properties![tag].enum![0]), schema: variant })) };
}

/** The variant of a tagged union a value is (by its tag; the first when none is given), or the schema itself. */
export function variantSchema(schema: JsonSchema, variant: string | undefined): JsonSchema {
  const union = unionOf(schema);
  if (!union) return schema;
  return (union.variants.find((candidate) => candidate.tag === variant) ?? union.variants[0]).schema;
}

/** The schema itself and each variant of its union: every place a property may be defined. */
export function holders(schema: JsonSchema): JsonSchema[] {
  return [schema, ...(schema.oneOf ?? [])];
}

/** `oneOf` alternatives that only say which members are required: `{id} | {key}`. */
export function isRequiredSwitch(schema: JsonSchema): boolean {
  return schema.oneOf !== undefined && schema.discriminator === undefined && schema.oneOf.every((variant) => Object.keys(variant).every((keyword) => keyword === 'required'));
}
