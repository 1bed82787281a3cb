// An OpenAPI description's resources as fixtures: every operation under the base URL, grouped by the
// first segment of its path, with its role (read off its method and path shape), body schema, query
// parameters, success status and declared statuses. The create body gives the valid sample and the
// references a record needs; the filter body the pageSize bounds; the responses the list shape and the
// record schema; a `by` parameter the lookup.
import type { JsonSchema, OperationDefinition, OperationRole, ResourceDefinition } from '../fixtures/load.ts';
import { follow, validSample } from '../schema/index.ts';
import { convertSchema, type ConvertContext, type Untranslated } from './schema.ts';

type Node = Record<string, any>;

export interface ImportOptions {
  /** Only operations with one of these tags (case-insensitive), or resources of these names. */
  tags?: string[];
}

export interface ImportResult {
  resources: ResourceDefinition[];
  report: Untranslated[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const PARAMETER = /^\{[^}/]+\}$/;

interface Found {
  path: string;
  method: string;
  operation: Node;
  role: OperationRole;
}

/**
 * The role of an operation, read off its path (segments after the resource's) and method: a POST on
 * the collection that answers 201 creates; one that answers 200 searches (POST /global-search).
 */
export function roleOf(path: string, method: string, success: number): OperationRole | undefined {
  const [, ...rest] = path.split('/').filter(Boolean);
  const parameters = rest.filter((segment) => PARAMETER.test(segment)).length;
  const verb = method.toUpperCase();
  if (rest.length === 0) return verb === 'POST' ? (success === 201 ? 'create' : 'search') : verb === 'GET' ? 'report' : undefined;
  if (parameters === 0) {
    if (rest.length === 1 && rest[0] === 'filter' && verb === 'POST') return 'filter';
    if (rest.length === 1 && rest[0] === 'search' && verb === 'POST') return 'search';
    return verb === 'GET' ? 'report' : verb === 'POST' ? 'collection-action' : undefined;
  }
  // The record's own path, or a nested record's (/loads/{loadId}/carriers/{carrierId}).
  if (PARAMETER.test(rest.at(-1)!)) return ({ GET: 'read', PATCH: 'update', PUT: 'update', DELETE: 'delete', POST: 'action' } as const)[verb as 'GET'];
  return verb === 'GET' ? 'sub-read' : 'action';
}

export function importResources(document: Node, options: ImportOptions = {}): ImportResult {
  const report: Untranslated[] = [];
  const wanted = options.tags?.map((tag) => tag.trim().toLowerCase()).filter(Boolean);
  const byResource = new Map<string, Found[]>();
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Node>)) {
    const name = /^\/([a-z0-9][a-z0-9-]*)(?:\/|$)/.exec(path)?.[1];
    for (const method of METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      const tags = ((operation.tags ?? []) as string[]).map((tag) => tag.toLowerCase());
      if (wanted && !(name && wanted.includes(name)) && !tags.some((tag) => wanted.includes(tag))) continue;
      const role = name ? roleOf(path, method, successStatus(operation)) : undefined;
      if (!name || !role) {
        report.push({ path: pointer(path, method), reason: `${method.toUpperCase()} ${path} fits no operation shape the suite knows: not imported` });
        continue;
      }
      byResource.set(name, [...(byResource.get(name) ?? []), { path, method, operation, role }]);
    }
  }
  const resources = [...byResource].map(([name, found]) => {
    const untranslated: Untranslated[] = [];
    const resource = importResource(document, name, found, untranslated);
    report.push(...untranslated);
    return resource;
  });
  return { resources, report };
}

function pointer(path: string, method: string, ...rest: string[]): string {
  return [`#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}`, method, ...rest].join('/');
}

function successStatus(operation: Node): number {
  return Number(Object.keys(operation.responses ?? {}).find((status) => /^2\d\d$/.test(status)) ?? 200);
}

function importResource(document: Node, name: string, found: Found[], report: Untranslated[]): ResourceDefinition {
  const request: ConvertContext = { document, report, direction: 'request' };
  const response: ConvertContext = { document, report, direction: 'response' };
  const own = (role: OperationRole) => found.find((candidate) => candidate.role === role && pathDepth(candidate.path) <= 2);
  const responseSchema = (entry: Found | undefined, status: number) => {
    const answer = deref(document, entry?.operation.responses?.[String(status)]);
    return answer?.content?.['application/json']?.schema as Node | undefined;
  };

  const operations = found.map((entry): OperationDefinition => {
    const { path, method, operation, role } = entry;
    const success = successStatus(operation);
    const requestBody = deref(document, operation.requestBody);
    const json = requestBody?.content?.['application/json']?.schema;
    const others = Object.keys(requestBody?.content ?? {}).filter((type) => type !== 'application/json');
    if (others.length > 0) report.push({ path: pointer(path, method, 'requestBody'), reason: `body types ${others.join(', ')} are not sent; only application/json is judged` });
    const body = json === undefined ? undefined : {
      required: requestBody?.required === true,
      schema: role === 'filter' ? filterSchema(document, json, pointer(path, method, 'requestBody'), report) : convertSchema(json, request, pointer(path, method, 'requestBody')),
    };
    const query = queryParameters(document, operation, request, pointer(path, method, 'parameters'));
    const declared = Object.keys(operation.responses ?? {}).filter((status) => /^\d{3}$/.test(status)).map(Number);
    return {
      id: operation.operationId ?? `${method}${path}`,
      method: method.toUpperCase(),
      path,
      role,
      ...(body ? { body } : {}),
      ...(Object.keys(query).length > 0 ? { query } : {}),
      success,
      declared,
    };
  });

  const createEntry = own('create');
  const create = createEntry ? operations[found.indexOf(createEntry)].body?.schema : undefined;
  const keyField = create?.properties?.key?.type === 'string' || (create?.oneOf ?? []).some((variant) => variant.properties?.key) ? 'key' : null;
  const readEntry = own('read');
  const recordResponse = responseSchema(createEntry, 201) ?? responseSchema(createEntry, 200) ?? responseSchema(readEntry, 200);
  const recordSource = recordResponse ? convertSchema(recordResponse, response, pointer((createEntry ?? readEntry)!.path, (createEntry ?? readEntry)!.method, 'responses')) : {};
  const filterEntry = own('filter');
  const page = filterEntry ? listPageProperty(document, responseSchema(filterEntry, 200)) : undefined;
  if (filterEntry && !page) report.push({ path: pointer(filterEntry.path, filterEntry.method, 'responses', '200'), reason: 'the filter response names no page object beside data; pageInfo is assumed' });

  return {
    name,
    title: titleOf(recordResponse, name),
    keyField,
    ...(readEntry ? lookupOf(document, readEntry.operation) : {}),
    list: { page: page ?? 'pageInfo' },
    record: recordSchema(recordSource, create ?? {}, keyField),
    operations,
    validSample: create ? validSample(create) : {},
    ...(report.length > 0 ? { untranslated: report } : {}),
  };
}

/** Segments of a path: /x (1), /x/{id} (2), /x/{id}/cancel (3). */
function pathDepth(path: string): number {
  return path.split('/').filter(Boolean).length;
}

/** Query parameters of the operation (the lookup parameter aside, which `lookup` describes), with their schemas. */
function queryParameters(document: Node, operation: Node, ctx: ConvertContext, at: string): Record<string, { required: boolean; schema: JsonSchema }> {
  const query: Record<string, { required: boolean; schema: JsonSchema }> = {};
  for (const [index, parameter] of ((operation.parameters ?? []) as Node[]).entries()) {
    const resolved = deref(document, parameter);
    if (resolved?.in !== 'query' || isLookup(document, resolved)) continue;
    query[resolved.name] = { required: resolved.required === true, schema: convertSchema(resolved.schema ?? {}, ctx, `${at}/${index}/schema`) };
  }
  return query;
}

function isLookup(document: Node, parameter: Node): boolean {
  const values = deref(document, parameter.schema)?.enum as unknown[] | undefined;
  return parameter.in === 'query' && values !== undefined && values.includes('id') && values.includes('key');
}

function deref(document: Node, node: Node | undefined): Node | undefined {
  return node === undefined ? undefined : follow(node, document).node;
}

/** The record schema's name (Customer), or the path's singular. */
function titleOf(record: Node | undefined, name: string): string {
  const ref = typeof record?.$ref === 'string' ? record.$ref.split('/').pop() : undefined;
  if (ref) return ref;
  const singular = name.replace(/ies$/, 'y').replace(/s$/, '');
  return singular.split('-').map((part) => part[0].toUpperCase() + part.slice(1)).join(' ');
}

function lookupOf(document: Node, get: Node): Pick<ResourceDefinition, 'lookup'> {
  for (const parameter of (get.parameters ?? []) as Node[]) {
    const resolved = deref(document, parameter);
    if (resolved && isLookup(document, resolved)) return { lookup: { parameter: resolved.name, byId: 'id', byKey: 'key' } };
  }
  return {};
}

function listPageProperty(document: Node, listed: Node | undefined): string | undefined {
  const schema = deref(document, listed);
  return Object.keys(schema?.properties ?? {}).find((property) => property !== 'data');
}

/** The suite filters by id, key and deletedAt only, and pages with pageSize and cursor. */
function filterSchema(document: Node, body: Node, at: string, report: Untranslated[]): JsonSchema {
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
