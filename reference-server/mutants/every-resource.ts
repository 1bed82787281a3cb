// Mutants that plant the same bug separately in every committed resource (one operation, one field
// each): their runs judge every resource, and each declared clause must fail on every one of them, so
// the kill matrix proves that each resource's tables run and catch a bug of that resource on its own.
import { defaultParts } from '../parts.ts';
import { RESOURCES, type CatalogEntry } from './support.ts';
import type { OperationDefinition, ResourceFixture } from '../fixtures.ts';

type Schema = Record<string, any>;

/** Each resource's last operation (an action, a sub-read, a delete: whatever its description lists last). */
const lastOperations = new Set(RESOURCES.map((resource) => resource.operations.at(-1)!.id));

/** A body of values (not a filter's, not an update's) whose top-level properties have rules to break. */
function valuesBodyOf(resource: ResourceFixture): { operation: OperationDefinition; field: string } | undefined {
  for (const operation of resource.operations) {
    if (!operation.body || ['filter', 'update'].includes(operation.role)) continue;
    const properties = Object.entries<Schema>(operation.body.schema.properties ?? {});
    const ruled = properties.filter(([, schema]) => ['type', 'format', 'enum', 'minLength', 'maxLength', 'minimum', 'maximum'].some((keyword) => keyword in schema));
    if (ruled.length >= 2) return { operation, field: ruled[0]![0] };
  }
  return undefined;
}
const looseFields = new Map(RESOURCES.flatMap((resource) => {
  const found = valuesBodyOf(resource);
  return found ? [[resource.name, found] as const] : [];
}));

export const everyResourceMutants: CatalogEntry[] = [
  {
    name: 'every-resource-last-operation-open',
    family: 'auth',
    eachResource: true,
    resources: RESOURCES.map((resource) => resource.name),
    breaks: ['ERR-401-MISSING-TOKEN'],
    models: 'Each resource\'s router registers its newest route after the authentication middleware was mounted, so the last operation of every resource runs for anyone.',
    parts: { requiresToken: (operation) => operation === undefined || !lastOperations.has(operation.id) },
  },
  {
    name: 'every-resource-one-field-unvalidated',
    family: 'validation',
    eachResource: true,
    resources: [...looseFields.keys()],
    breaks: ['ERR-422-EVERY-FIELD'],
    models: 'Each resource\'s hand-written body schema forgot one field (its first), so whatever that field holds is stored, and a 422 for the other fields never names it.',
    parts: {
      schemasFor: (resource) => {
        const schemas = defaultParts().schemasFor(resource);
        const loose = looseFields.get(resource.name);
        if (!loose) return schemas;
        const copy = structuredClone(loose.operation.body!.schema) as Schema;
        copy.properties[loose.field] = {};
        copy.required = (copy.required ?? []).filter((name: string) => name !== loose.field);
        return { ...schemas, [loose.operation.id]: copy };
      },
    },
  },
];
