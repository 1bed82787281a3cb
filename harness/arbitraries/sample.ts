// The one valid create payload every setup and table row starts from: the fixture's valid sample (of
// the union variant asked for), a key of the run and live records for the references.
import type { ResourceFixture } from '../resource.ts';
import { unionOf, variantSchema } from '../../schema/index.ts';

export interface PayloadParts {
  /** A fresh key of the run, for a resource with a client key. */
  key?: string;
  /** The references' values (references.ts), read when the payload is made: only then are their records live. */
  references: Record<string, unknown>;
  /** For a tagged union (carriers' type): the variant the payload must be. */
  variant?: string;
}

export function validCreatePayload(fixture: ResourceFixture, { key, references, variant }: PayloadParts): Record<string, unknown> {
  const union = unionOf(fixture.schemas.create);
  let base: Record<string, unknown> = { ...fixture.validSample };
  if (union && variant !== undefined && variant !== String(fixture.validSample[union.tag])) {
    // Another variant: the sample's fields that variant also has, and its tag.
    const fields = variantSchema(fixture.schemas.create, variant).properties ?? {};
    base = Object.fromEntries(Object.entries(base).filter(([field]) => field in fields));
    base[union.tag] = variant;
  }
  return { ...base, ...(fixture.keyField && key !== undefined ? { [fixture.keyField]: key } : {}), ...references };
}
