// The contract data the server is built from: the vendors resource definition and the status -> error.code table.
// Read as plain JSON so the server and the suite share the contract as data, never as code.
import { readFileSync } from 'node:fs';

export interface ResourceRoute {
  method: string;
  path: string;
}

export interface ResourceDefinition {
  name: string;
  title: string;
  routes: Record<'create' | 'get' | 'patch' | 'delete' | 'filter', ResourceRoute>;
  keyField: string;
  schemas: { create: object; patch: object; filter: object; record: object };
  validSample: Record<string, unknown>;
}

export interface ErrorCodeTable {
  codes: Record<string, string>;
  codePattern: string;
}

/** Fixture paths use OpenAPI's `{id}`; fastify's router spells it `:id`. */
export function toRouterPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

function readJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(new URL(relativePath, import.meta.url), 'utf8')) as T;
}

export const vendorsResource = readJson<ResourceDefinition>('../fixtures/resources/vendors.json');
export const errorCodeTable = readJson<ErrorCodeTable>('../fixtures/contract/error-codes.json');
