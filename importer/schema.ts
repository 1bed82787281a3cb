// OpenAPI 3.1 schemas translated into the JSON Schema subset of resource fixtures: $refs inlined,
// allOf merged, `[type, "null"]` and nullable anyOf/oneOf folded into `type`, discriminated unions
// kept as oneOf + discriminator, ids that name other resources marked with x-references. Whatever has
// no translation is written to the report by path, never dropped silently.
import type { JsonSchema } from '../fixtures/load.ts';
import { follow, mainType } from '../schema/index.ts';

export interface Untranslated {
  /** JSON pointer into the description, e.g. #/components/schemas/CarrierPatch/oneOf. */
  path: string;
  reason: string;
}

type Node = Record<string, any>;

export interface ConvertContext {
  document: Node;
  report: Untranslated[];
  /** Request bodies drop readOnly properties; responses keep them. */
  direction: 'request' | 'response';
}

/** Formats fixtures carry (validators and generators know them); others are implied by the type or reported. */
const KEPT_FORMATS = new Set(['email', 'uuid', 'date-time', 'date', 'uri']);
const NUMERIC_FORMATS = new Set(['float', 'double', 'int32', 'int64']);
const COPIED = ['enum', 'maxLength', 'minLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems', 'uniqueItems'] as const;
/** Keywords that only describe (documentation, Redocly extensions): leaving them out loses nothing a check needs. */
const ANNOTATIONS = new Set(['description', 'title', 'example', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly', 'xml', 'externalDocs', '$schema', '$id', '$comment', 'nullable']);

/** A schema with every $ref resolved into one object (the toolkit's follow), an unresolvable one reported. */
function dereference(node: Node, ctx: ConvertContext, path: string, seen: string[]): { node: Node; path: string; seen: string[]; cycle?: true } {
  const followed = follow(node, ctx.document, path, seen);
  if (followed.unresolved) ctx.report.push({ path: followed.path, reason: `unresolvable $ref ${followed.unresolved}` });
  return { node: followed.node, path: followed.path, seen: followed.seen, ...(followed.cycle ? { cycle: true as const } : {}) };
}

export function convertSchema(input: Node, ctx: ConvertContext, path: string, seen: string[] = []): JsonSchema {
  const deref = dereference(input, ctx, path, seen);
  if (deref.cycle) {
    ctx.report.push({ path, reason: 'recursive schema: the recursion is cut off here (any value is accepted)' });
    return {};
  }
  let node = deref.node;
  const at = deref.path;
  const chain = deref.seen;
  if (Array.isArray(node.allOf)) node = mergeAllOf(node, ctx, at, chain);

  const nullableAlternative = foldNullAlternative(node);
  if (nullableAlternative) {
    const inner = convertSchema(nullableAlternative, ctx, `${at}/${Array.isArray(node.anyOf) ? 'anyOf' : 'oneOf'}`, chain);
    return withNull(inner);
  }

  const out: JsonSchema = {};
  for (const keyword of Object.keys(node)) {
    if (ANNOTATIONS.has(keyword) || keyword.startsWith('x-')) continue;
    if (['type', 'properties', 'required', 'items', 'format', 'additionalProperties', 'oneOf', 'anyOf', 'discriminator', 'allOf', 'const', ...COPIED].includes(keyword)) continue;
    ctx.report.push({ path: `${at}/${keyword}`, reason: `keyword ${keyword} has no translation; it is not checked` });
  }

  if (node.type !== undefined) out.type = Array.isArray(node.type) ? [...node.type] : node.type;
  if (node.type === undefined && node.properties) out.type = 'object';
  if (node.const !== undefined) out.enum = [node.const];
  for (const keyword of COPIED) if (node[keyword] !== undefined) (out as Node)[keyword] = node[keyword];
  // After the enum is copied: OpenAPI 3.0's `nullable` lets null through an enum too.
  if (node.nullable === true) Object.assign(out, withNull(out));
  if (typeof node.format === 'string') {
    if (KEPT_FORMATS.has(node.format)) out.format = node.format;
    else if (!NUMERIC_FORMATS.has(node.format)) ctx.report.push({ path: `${at}/format`, reason: `format ${node.format} is not checked` });
  }
  const example = node.example ?? (Array.isArray(node.examples) ? node.examples[0] : undefined);
  // Examples keep generated valid values plausible (a phone number that looks like one, margins that agree).
  const exampleFits = (typeof example === 'string' && mainType(out) === 'string' && out.type !== undefined) || (typeof example === 'number' && ['number', 'integer'].includes(mainType(out)));
  if (exampleFits && out.enum === undefined && out.format === undefined) out.examples = [example];

  if (node.properties) {
    out.properties = {};
    for (const [name, property] of Object.entries(node.properties as Record<string, Node>)) {
      const resolved = dereference(property, ctx, `${at}/properties/${name}`, chain).node;
      if (ctx.direction === 'request' && resolved.readOnly === true) continue;
      out.properties[name] = convertSchema(property, ctx, `${at}/properties/${name}`, chain);
      const reference = referencedResource(name, out.properties[name]);
      if (reference) out.properties[name]['x-references'] = reference;
      // `billIds`: an array of ids, each naming a record; `teams`: an array of {id} | {key} references.
      const items = out.properties[name].items;
      const idList = /^(.+)Ids$/.exec(name);
      if (idList && items?.format === 'uuid') items['x-references'] = pluralPath(idList[1]);
      else if (items && isReferenceObject(items)) items['x-references'] = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
    }
    const required = (Array.isArray(node.required) ? (node.required as string[]) : []).filter((name) => name in out.properties!);
    if (required.length > 0) out.required = required;
  }
  if (!node.properties && Array.isArray(node.required) && node.required.length > 0) out.required = [...node.required];
  if (node.items) out.items = convertSchema(node.items, ctx, `${at}/items`, chain);
  if (typeof node.additionalProperties === 'boolean') out.additionalProperties = node.additionalProperties;
  else if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    ctx.report.push({ path: `${at}/additionalProperties`, reason: 'a schema for additional properties is not checked (any value is accepted)' });
  }

  const alternatives = node.oneOf ?? node.anyOf;
  if (Array.isArray(alternatives)) {
    const keyword = node.oneOf ? 'oneOf' : 'anyOf';
    Object.assign(out, convertAlternatives(node, alternatives, keyword, ctx, at, chain));
  }
  return out;
}

/** `anyOf: [X, {type: null}]` (or oneOf): the X, to be made nullable. */
function foldNullAlternative(node: Node): Node | undefined {
  const alternatives = node.anyOf ?? node.oneOf;
  if (!Array.isArray(alternatives) || alternatives.length !== 2 || node.properties) return undefined;
  const isNull = (candidate: Node) => candidate?.type === 'null' || (Array.isArray(candidate?.type) && candidate.type.length === 1 && candidate.type[0] === 'null');
  const nonNull = alternatives.filter((candidate: Node) => !isNull(candidate));
  return nonNull.length === 1 ? { ...Object.fromEntries(Object.entries(node).filter(([key]) => key !== 'anyOf' && key !== 'oneOf')), ...nonNull[0] } : undefined;
}

function withNull(schema: JsonSchema): JsonSchema {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const result: JsonSchema = { ...schema, type: types.length === 0 ? undefined : [...new Set([...types, 'null'])] };
  if (result.type === undefined) delete result.type;
  if (schema.enum && !schema.enum.includes(null)) result.enum = [...schema.enum, null];
  return result;
}

/**
 * oneOf/anyOf: a union of objects with a discriminator stays a union (each variant flattened); one that
 * only switches required members (an {id} | {key} reference) stays as it is; anything else is reported.
 */
function convertAlternatives(node: Node, alternatives: Node[], keyword: string, ctx: ConvertContext, at: string, chain: string[]): JsonSchema {
  const converted = alternatives.map((alternative, index) => convertSchema(alternative, ctx, `${at}/${keyword}/${index}`, chain));
  const onlyRequired = converted.every((variant) => Object.keys(variant).every((key) => key === 'required'));
  if (onlyRequired) return { oneOf: converted };
  // A choice between plain types (a string, a number or a boolean): one schema that allows each.
  const plainTypes = converted.every((variant) => variant.type !== undefined && !variant.properties && !variant.items && !variant.oneOf);
  if (plainTypes) {
    const types = [...new Set(converted.flatMap((variant) => [variant.type!].flat()))];
    const dropped = converted.some((variant) => Object.keys(variant).some((key) => key !== 'type'));
    if (dropped) ctx.report.push({ path: `${at}/${keyword}`, reason: `${keyword} of ${types.join(', ')}: one schema allows each type; the alternatives' other keywords are not checked` });
    return { type: types };
  }
  const tag = node.discriminator?.propertyName as string | undefined;
  if (tag && converted.every((variant) => variant.properties?.[tag]?.enum?.length === 1 && variant.required?.includes(tag))) {
    return { type: 'object', oneOf: converted, discriminator: { propertyName: tag } };
  }
  if (tag) {
    ctx.report.push({ path: `${at}/${keyword}`, reason: `a union on "${tag}" that does not require it: its variants are merged into one object (every variant's properties allowed)` });
    return mergeVariants(converted, tag);
  }
  ctx.report.push({ path: `${at}/${keyword}`, reason: `${keyword} without a discriminator: its variants are merged into one object` });
  return mergeVariants(converted);
}

function mergeVariants(variants: JsonSchema[], tag?: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const variant of variants) {
    for (const [name, property] of Object.entries(variant.properties ?? {})) {
      if (name === tag && properties[name]?.enum && property.enum) {
        properties[name] = { ...properties[name], enum: [...new Set([...properties[name].enum!, ...property.enum])] };
      } else {
        properties[name] ??= property;
      }
    }
  }
  const required = variants.map((variant) => variant.required ?? []).reduce((common, list) => common.filter((name) => list.includes(name)));
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

/** allOf: properties and required lists joined; a property both members define takes the later one, enums intersected. */
function mergeAllOf(node: Node, ctx: ConvertContext, at: string, chain: string[]): Node {
  const { allOf, ...rest } = node;
  const merged: Node = { ...rest };
  (allOf as Node[]).forEach((member, index) => {
    const part = dereference(member, ctx, `${at}/allOf/${index}`, chain).node;
    const flat = Array.isArray(part.allOf) ? mergeAllOf(part, ctx, `${at}/allOf/${index}`, chain) : part;
    for (const [keyword, value] of Object.entries(flat)) {
      if (keyword === 'properties') {
        merged.properties ??= {};
        for (const [name, property] of Object.entries(value as Record<string, Node>)) {
          const earlier = merged.properties[name] && dereference(merged.properties[name], ctx, at, chain).node;
          const later = dereference(property, ctx, at, chain).node;
          merged.properties[name] = earlier?.enum && later.enum ? { ...earlier, ...later, enum: later.enum.filter((v: unknown) => earlier.enum.includes(v)) } : property;
        }
      } else if (keyword === 'required') {
        merged.required = [...new Set([...(merged.required ?? []), ...(value as string[])])];
      } else {
        merged[keyword] = value;
      }
    }
  });
  return merged;
}

/** `customerId` (a uuid) or `paymentTerm` (an {id} | {key} object) name another resource: its plural path segment. */
function referencedResource(property: string, schema: JsonSchema): string | undefined {
  if (property === 'id') return undefined;
  const idField = /^(.+)Id$/.exec(property);
  if (idField && schema.format === 'uuid') return pluralPath(idField[1]);
  return isReferenceObject(schema) ? pluralPath(property) : undefined;
}

/** An {id} | {key} object: a record named by its id or by its client key. */
function isReferenceObject(schema: JsonSchema): boolean {
  return schema.properties?.id?.format === 'uuid' && schema.properties.key !== undefined && schema.oneOf !== undefined;
}

/** paymentTerm → payment-terms, city → cities, customerContact → customer-contacts. */
function pluralPath(camel: string): string {
  const kebab = camel.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  if (/[^aeiou]y$/.test(kebab)) return `${kebab.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(kebab)) return `${kebab}es`;
  return `${kebab}s`;
}
