// An OpenAPI description's CRUD resources as fixtures: POST /x, GET|PATCH|DELETE /x/{id} and
// POST /x/filter become routes; request bodies become the create and patch schemas; the filter body
// gives the pageSize bounds; the responses give the list shape and the record schema; a `by`
// parameter becomes the lookup; a deterministic valid sample is derived from the create schema.
import type { JsonSchema, ResourceDefinition, RouteName } from '../fixtures/load.ts';
import { follow } from '../schema/index.ts';
import { convertSchema, type ConvertContext, type Untranslated } from './schema.ts';
import { validSample } from '../schema/sample.ts';

type Node = Record<string, any>;

export interface ImportOptions {
  /** Only operations with one of these tags (case-insensitive), or resources of these names. */
  tags?: string[];
}

export interface ImportResult {
  resources: ResourceDefinition[];
  report: Untranslated[];
}

const COLLECTION = /^\/([a-z0-9][a-z0-9-]*)$/;
const FILTER = /^\/([a-z0-9][a-z0-9-]*)\/filter$/;
const ITEM = /^\/([a-z0-9][a-z0-9-]*)\/\{[^}/]+\}$/;
const OPERATIONS: [RouteName, string, RegExp][] = [
  ['create', 'post', COLLECTION],
  ['filter', 'post', FILTER],
  ['get', 'get', ITEM],
  ['patch', 'patch', ITEM],
  ['delete', 'delete', ITEM],
];

export function importResources(document: Node, options: ImportOptions = {}): ImportResult {
  const report: Untranslated[] = [];
  const wanted = options.tags?.map((tag) => tag.trim().toLowerCase()).filter(Boolean);
  const byResource = new Map<string, Partial<Record<RouteName, { path: string; operation: Node }>>>();
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Node>)) {
    for (const [route, method, pattern] of OPERATIONS) {
      const name = pattern.exec(path)?.[1];
      const operation = item?.[method];
      if (!name || !operation) continue;
      const tags = ((operation.tags ?? []) as string[]).map((tag) => tag.toLowerCase());
      if (wanted && !wanted.includes(name) && !tags.some((tag) => wanted.includes(tag))) continue;
      byResource.set(name, { ...byResource.get(name), [route]: { path, operation } });
    }
  }
  const resources: ResourceDefinition[] = [];
  for (const [name, operations] of byResource) {
    const missing = OPERATIONS.map(([route]) => route).filter((route) => !operations[route]);
    if (missing.length > 0) {
      report.push({ path: `#/paths/~1${name}`, reason: `resource ${name} lacks ${missing.join(', ')}: not imported (the suite needs create, get, patch, delete and filter)` });
      continue;
    }
    const untranslated: Untranslated[] = [];
    resources.push(importResource(document, name, operations as Record<RouteName, { path: string; operation: Node }>, untranslated));
    report.push(...untranslated);
  }
  if (resources.length === 0) report.push({ path: '#/paths', reason: 'no resource with create, get, patch, delete and filter operations was found' });
  return { resources, report };
}

function importResource(document: Node, name: string, operations: Record<RouteName, { path: string; operation: Node }>, report: Untranslated[]): ResourceDefinition {
  const request: ConvertContext = { document, report, direction: 'request' };
  const response: ConvertContext = { document, report, direction: 'response' };
  const pointer = (route: RouteName, ...rest: string[]) =>
    [`#/paths/${operations[route].path.replace(/~/g, '~0').replace(/\//g, '~1')}`, route === 'create' || route === 'filter' ? 'post' : route, ...rest].join('/');
  const bodyOf = (route: RouteName) => operations[route].operation.requestBody?.content?.['application/json']?.schema;
  const successOf = (route: RouteName, status: string) => {
    const answer = deref(document, operations[route].operation.responses?.[status]);
    return answer?.content?.['application/json']?.schema;
  };

  const create = convertSchema(bodyOf('create') ?? {}, request, pointer('create', 'requestBody'));
  const patch = convertSchema(bodyOf('patch') ?? {}, request, pointer('patch', 'requestBody'));
  const keyField = create.properties?.key?.type === 'string' || (create.oneOf ?? []).some((variant) => variant.properties?.key) ? 'key' : null;
  const created = successOf('create', '201') ?? successOf('create', '200');
  const recordSource = created ? convertSchema(created, response, pointer('create', 'responses', '201')) : {};
  const listed = successOf('filter', '200');
  const page = listPageProperty(document, listed);
  if (!page) report.push({ path: pointer('filter', 'responses', '200'), reason: 'the filter response names no page object beside data; pageInfo is assumed' });

  return {
    name,
    title: titleOf(created, name),
    routes: Object.fromEntries(OPERATIONS.map(([route, method]) => [route, { method: method.toUpperCase(), path: operations[route].path.replace(/\{[^}/]+\}/, '{id}') }])) as ResourceDefinition['routes'],
    keyField,
    ...lookupOf(document, operations.get.operation),
    list: { page: page ?? 'pageInfo' },
    schemas: {
      create,
      patch,
      filter: filterSchema(document, bodyOf('filter'), pointer('filter', 'requestBody'), report),
      record: recordSchema(recordSource, create, keyField),
    },
    validSample: validSample(create),
    ...(report.length > 0 ? { untranslated: report } : {}),
  };
}

function deref(document: Node, node: Node | undefined): Node | undefined {
  return node === undefined ? undefined : follow(node, document).node;
}

/** The 201 body's schema name (Customer), or the path's singular. */
function titleOf(created: Node | undefined, name: string): string {
  const ref = typeof created?.$ref === 'string' ? created.$ref.split('/').pop() : undefined;
  if (ref) return ref;
  const singular = name.replace(/ies$/, 'y').replace(/s$/, '');
  return singular.split('-').map((part) => part[0].toUpperCase() + part.slice(1)).join(' ');
}

function lookupOf(document: Node, get: Node): Pick<ResourceDefinition, 'lookup'> {
  for (const parameter of (get.parameters ?? []) as Node[]) {
    const resolved = deref(document, parameter);
    const values = deref(document, resolved?.schema)?.enum as unknown[] | undefined;
    if (resolved?.in === 'query' && values?.includes('id') && values.includes('key')) {
      return { lookup: { parameter: resolved.name, byId: 'id', byKey: 'key' } };
    }
  }
  return {};
}

function listPageProperty(document: Node, listed: Node | undefined): string | undefined {
  const schema = deref(document, listed);
  return Object.keys(schema?.properties ?? {}).find((property) => property !== 'data');
}

/** The suite filters by id, key and deletedAt only, and pages with pageSize and cursor. */
function filterSchema(document: Node, body: Node | undefined, at: string, report: Untranslated[]): JsonSchema {
  const schema = deref(document, body) ?? {};
  const filter = deref(document, schema.properties?.filter) ?? {};
  const pageSize = deref(document, schema.properties?.pageSize) ?? {};
  const known: Record<string, JsonSchema> = {
    id: { type: 'object', additionalProperties: false, properties: { equalTo: { type: 'string' }, in: { type: 'array', items: { type: 'string' } } } },
    key: { type: 'object', additionalProperties: false, properties: { equalTo: { type: 'string' }, in: { type: 'array', items: { type: 'string' } }, isNull: { type: 'boolean' } } },
    deletedAt: { type: 'object', additionalProperties: false, properties: { isNull: { type: 'boolean' } } },
  };
  const fields = Object.keys(filter.properties ?? {});
  const others = fields.filter((field) => !(field in known) && !['and', 'or', 'not'].includes(field));
  if (others.length > 0) report.push({ path: `${at}/filter`, reason: `filter fields the suite does not use are left out: ${others.join(', ')}` });
  const properties = Object.fromEntries(Object.entries(known).filter(([field]) => fields.includes(field)));
  const size: JsonSchema = { type: 'integer' };
  if (typeof pageSize.minimum === 'number') size.minimum = pageSize.minimum;
  if (typeof pageSize.maximum === 'number') size.maximum = pageSize.maximum;
  if (size.minimum === undefined || size.maximum === undefined) report.push({ path: `${at}/pageSize`, reason: 'pageSize has no minimum or maximum: its bounds are not checked' });
  return {
    type: 'object',
    properties: {
      filter: { type: 'object', additionalProperties: false, properties },
      pageSize: size,
      cursor: { type: ['string', 'null'] },
    },
  };
}

/**
 * What the suite checks of a returned record: the id (a UUID), the client key, deletedAt, and the
 * scalar fields a create requires that the record also requires under the same name.
 */
function recordSchema(record: JsonSchema, create: JsonSchema, keyField: string | null): JsonSchema {
  const variants = record.oneOf ?? [record];
  const requiredEverywhere = (variants.map((variant) => variant.required ?? []) as string[][]).reduce((common, list) => common.filter((name) => list.includes(name)));
  const createRequired = new Set([...(create.required ?? []), ...(create.oneOf ?? []).flatMap((variant) => variant.required ?? [])]);
  const scalar = (schema: JsonSchema | undefined) => schema !== undefined && ['string', 'integer', 'number', 'boolean'].includes(String([schema.type].flat().find((type) => type !== 'null')));
  const echoed = requiredEverywhere.filter((name) => name !== 'id' && createRequired.has(name) && scalar(variants[0].properties?.[name]));
  const properties: Record<string, JsonSchema> = { id: { type: 'string', format: 'uuid' } };
  // The whole type: a record field typed ["null", "string"] stays nullable.
  for (const name of echoed) properties[name] = { type: variants[0].properties![name].type };
  if (keyField) properties[keyField] = { type: ['string', 'null'] };
  properties.deletedAt = { type: ['string', 'null'] };
  return { type: 'object', required: ['id', ...echoed], properties };
}
