// Reading the fixture's JSON Schema subset: $ref into $defs (with sibling keywords), allowed types.
import type { JsonSchema } from '../resource.ts';

/** The node with a local $ref merged in (sibling keywords win, as in JSON Schema 2020-12). */
export function resolve(node: JsonSchema, root: JsonSchema): JsonSchema {
  if (!node.$ref) return node;
  const name = /^#\/\$defs\/(.+)$/.exec(node.$ref)?.[1];
  const target = name ? root.$defs?.[name] : undefined;
  if (!target) throw new Error(`unresolvable $ref ${node.$ref} in resource fixture`);
  const { $ref: _ignored, ...siblings } = node;
  return { ...resolve(target, root), ...siblings };
}

export function allowedTypes(node: JsonSchema): string[] {
  if (node.type === undefined) return [];
  return Array.isArray(node.type) ? node.type : [node.type];
}

export function isNullable(node: JsonSchema): boolean {
  return allowedTypes(node).includes('null');
}

/** The non-null JSON type of a field (the fixture gives each field one, plus null where nullable). */
export function mainType(node: JsonSchema): string {
  return allowedTypes(node).find((type) => type !== 'null') ?? 'string';
}
