// The one valid create payload every setup and table row starts from: the fixture's valid sample (of
// the union variant asked for) and a key of the run; the caller fills the references with live records.
import type { ResourceFixture } from '../resource.ts';
import { unionOf, variantSchema } from '../../schema/index.ts';

export interface PayloadParts {
  /** A fresh key of the run, for a resource with a client key. */
  key?: string;
  /** For a tagged union (carriers' type): the variant the payload must be. */
  variant?: string;
}

export function validCreatePayload(fixture: ResourceFixture, { key, variant }: PayloadParts): Record<string, unknown> {
  const create = fixture.schemas.create ?? {};
  const union = unionOf(create);
  let base: Record<string, unknown> = { ...fixture.validSample };
  if (union && variant !== undefined && variant !== String(fixture.validSample[union.tag])) {
    // Another variant: the sample's fields that variant also has, and its tag.
    const fields = variantSchema(create, variant).properties ?? {};
    base = Object.fromEntries(Object.entries(base).filter(([field]) => field in fields));
    base[union.tag] = variant;
  }
  // A resource without a key carries the run's prefix in a free-text field instead (see ResourceFixture.markField).
  const field = fixture.keyField ?? fixture.markField;
  return { ...base, ...(field && key !== undefined ? { [field]: key } : {}) };
}
