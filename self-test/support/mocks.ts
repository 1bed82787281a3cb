// Vendors' mock servers as they are met in the field, for one resource fixture: one answers the
// description's examples and keeps no state (the way mock generators do), one is a small hand-made
// CRUD server with integer ids and plain error bodies. Neither serves anything but that resource.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourceFixture } from '../../fixtures/load.ts';
import { listen, type LocalServer } from './servers.ts';

export const EXAMPLE_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const API_PREFIX = '/v1';

interface Matched {
  operation: ResourceFixture['operations'][number];
  ids: string[];
}

function routeOf(fixture: ResourceFixture, method: string, path: string): Matched | 'wrong-method' | undefined {
  let pathKnown = false;
  for (const operation of fixture.operations) {
    const pattern = new RegExp(`^${operation.path.replace(/\{[^}/]+\}/g, '([^/]+)')}$`);
    const match = pattern.exec(path);
    if (!match) continue;
    pathKnown = true;
    if (operation.method === method) return { operation, ids: match.slice(1) };
  }
  return pathKnown ? 'wrong-method' : undefined;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function answer(response: ServerResponse, status: number, body?: unknown, type = 'application/json'): void {
  if (body === undefined) {
    response.writeHead(status).end();
    return;
  }
  response.writeHead(status, { 'content-type': type }).end(typeof body === 'string' ? body : JSON.stringify(body));
}

function listOf(fixture: ResourceFixture, records: unknown[]): Record<string, unknown> {
  return { data: records, [fixture.list.page]: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } };
}

/**
 * Answers every operation of the resource with its success status and the same example record,
 * whatever the id or body; refuses a request without a bearer token (problem+json, as generators do).
 */
export function exampleMock(fixture: ResourceFixture): Promise<LocalServer> {
  const example = { ...fixture.validSample, id: EXAMPLE_ID, ...(fixture.keyField ? { key: 'ERP-EXAMPLE-001' } : {}), createdAt: '2024-01-15T10:30:00Z', updatedAt: '2024-01-15T10:30:00Z', deletedAt: null };
  const problem = (status: number, title: string) => ({ type: 'about:blank', title, status, detail: '' });
  return listen(async (request, response) => {
    await bodyOf(request);
    const path = (request.url ?? '/').split('?')[0]!.replace(API_PREFIX, '');
    if (!/^Bearer \S/.test(request.headers.authorization ?? '')) return answer(response, 401, problem(401, 'Invalid security scheme used'), 'application/problem+json');
    const matched = routeOf(fixture, request.method ?? 'GET', path);
    if (matched === undefined) return answer(response, 404, problem(404, 'Route not resolved, no path matched'), 'application/problem+json');
    if (matched === 'wrong-method') return answer(response, 405, problem(405, 'Route resolved, but no operation matched'), 'application/problem+json');
    const { operation } = matched;
    if (operation.success === 204) return answer(response, 204);
    const listing = operation.role === 'filter' || operation.role === 'search' || operation.role === 'sub-read' || operation.role === 'report';
    return answer(response, operation.success, listing ? listOf(fixture, [example]) : example);
  });
}

/**
 * Keeps records in memory under integer ids (1, 2, …), checks the create's required fields, and
 * answers errors with `{"message": …}`; its token is the one given.
 */
export function integerIdMock(fixture: ResourceFixture, token: string): Promise<LocalServer> {
  const records = new Map<number, Record<string, unknown>>();
  let nextId = 1;
  const required = fixture.schemas.create?.required ?? [];
  const plain = (response: ServerResponse, status: number, message: string) => answer(response, status, { message });
  return listen(async (request, response) => {
    const text = await bodyOf(request);
    const path = (request.url ?? '/').split('?')[0]!.replace(API_PREFIX, '');
    if (request.headers.authorization !== `Bearer ${token}`) return plain(response, 401, 'Unauthorized');
    const matched = routeOf(fixture, request.method ?? 'GET', path);
    if (matched === undefined || matched === 'wrong-method') return plain(response, 404, 'Not found');
    let body: Record<string, unknown> = {};
    if (text !== '') {
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return plain(response, 400, 'Bad JSON');
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return plain(response, 400, 'Body must be an object');
    }
    const id = Number(matched.ids[0]);
    const record = records.get(id);
    switch (matched.operation.role) {
      case 'create': {
        const absent = required.find((field) => body[field] === undefined || body[field] === null);
        if (absent) return plain(response, 400, `${absent} is required`);
        const created = { ...body, id: nextId++ };
        records.set(created.id, created);
        return answer(response, 201, created);
      }
      case 'read':
        return record ? answer(response, 200, record) : plain(response, 404, 'Not found');
      case 'update':
        if (!record) return plain(response, 404, 'Not found');
        Object.assign(record, body, { id });
        return answer(response, 200, record);
      case 'delete':
        return records.delete(id) ? answer(response, 204) : plain(response, 404, 'Not found');
      case 'filter':
      case 'search':
        return answer(response, 200, listOf(fixture, [...records.values()]));
      default:
        return record ? answer(response, 200, listOf(fixture, [])) : plain(response, 404, 'Not found');
    }
  });
}
