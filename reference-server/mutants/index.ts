// The mutant catalog: deliberately broken variants of the reference server, each imitating one way a
// real implementation gets a rule of the error contract wrong, with the clauses that must catch it.
import { authMutants } from './auth.ts';
import { conflictMutants } from './conflict.ts';
import { duplicateKeyMutants } from './duplicate-key.ts';
import { envelopeMutants } from './envelope.ts';
import { everyResourceMutants } from './every-resource.ts';
import { headersMutants } from './headers.ts';
import { malformedMutants } from './malformed.ts';
import { notFoundMutants } from './not-found.ts';
import { operationMutants } from './operations.ts';
import { rateLimitMutants } from './rate-limit.ts';
import { resourceMutants } from './resources.ts';
import { robustnessMutants } from './robustness.ts';
import { securityMutants } from './security.ts';
import { serverErrorMutants } from './server-error.ts';
import { successMutants } from './success.ts';
import type { CatalogEntry } from './support.ts';
import { validationMutants } from './validation.ts';

export type { CatalogEntry } from './support.ts';

export const MUTANTS: CatalogEntry[] = [
  ...malformedMutants,
  ...authMutants,
  ...notFoundMutants,
  ...duplicateKeyMutants,
  ...conflictMutants,
  ...validationMutants,
  ...rateLimitMutants,
  ...successMutants,
  ...headersMutants,
  ...envelopeMutants,
  ...serverErrorMutants,
  ...robustnessMutants,
  ...securityMutants,
  ...resourceMutants,
  ...operationMutants,
  ...everyResourceMutants,
];

export function mutantByName(name: string): CatalogEntry | undefined {
  return MUTANTS.find((mutant) => mutant.name === name);
}
