// What a test sends to any operation of a resource: the ids its path needs (the block's shared record,
// and a record of the nested collection the path names) and a valid body, so that the one defect the
// test is about is the only one in the request.
import { randomUUID } from 'node:crypto';
import { validRequest } from './arbitraries/resource.ts';
import { holderFor, nestedForFile, recordForFile, type FileRecord } from './file-records.ts';
import type { RequestSpec } from './http/client.ts';
import type { OperationRequests, ResourceRequests } from './resource.ts';
import { workerSession } from './worker.ts';

type Extra = Parameters<OperationRequests['request']>[1];

export interface OperationTargets {
  /** The shared record of the block (what its operations on a record address). */
  record: FileRecord;
  /** The path ids of live records for the operation: the shared record's, then a nested record's. */
  ids(operation: OperationRequests): string[];
  /** Path ids nobody holds: a random UUID for each (for a nested path, a random parent too). */
  randomIds(operation: OperationRequests): string[];
  /** A valid request: live ids, a valid body where the operation takes one; `extra` changes the rest. */
  valid(operation: OperationRequests, extra?: Extra, ids?: string[]): RequestSpec;
}

/**
 * Registers the block's shared records (created before its tests, deleted after the file). Under the
 * gate profile the blocks of every file share them, by `name` (a block wanting records apart from the
 * others' asks for another name), except that a resource's actions, which may move a record through
 * its states, still get a record of the file.
 */
export function operationTargets(resource: ResourceRequests, name = 'shared'): OperationTargets {
  const record = recordForFile(resource, {}, holderFor(resource, name));
  const collections = [...new Set(resource.operations.flatMap((operation) => (operation.nested ? [operation.nested] : [])))];
  const nested = new Map(collections.map((collection) => [collection, nestedForFile(resource, record, collection, holderFor(resource, `${name} ${collection}`))]));
  const forRun = workerSession().context.settings.profile === 'gate';
  const actions = forRun && resource.operations.some((operation) => operation.role === 'action' && !operation.nested) ? recordForFile(resource) : record;
  const ids = (operation: OperationRequests) => {
    if (operation.parameters.length === 0) return [];
    if (operation.nested) return [record.id, nested.get(operation.nested)!.id];
    return [operation.role === 'action' ? actions.id : record.id];
  };
  return {
    record,
    ids,
    randomIds: (operation) => operation.parameters.map(() => randomUUID()),
    valid: (operation, extra = {}, path = ids(operation)) => validRequest(workerSession(), resource, operation, path, extra),
  };
}
