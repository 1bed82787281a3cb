// Two of the questions ERR-ONE-ANSWER compares answers to, as requests any operation can be asked
// without a record (ids nobody holds): a path id that is no UUID, and a method its path does not serve.
// The not-found suite asks them as its clauses; when ERR-ONE-ANSWER runs without it (--only
// consistency), it asks them itself, so that it still compares something.
import { validRequest } from './arbitraries/resource.ts';
import type { RequestSpec } from './http/client.ts';
import type { OperationRequests, ResourceRequests } from './resource.ts';
import type { Session } from './session.ts';
import { randomUUID } from 'node:crypto';

const METHODS = ['PUT', 'PATCH', 'DELETE', 'POST', 'GET'];
/** Sent a few at a time: the client paces to the rate limit, this keeps the sockets few. */
const AT_ONCE = 8;

/** A method none of the operations on this operation's path has, sent with ids nobody holds (404 and 405 both answer it). */
export function wrongMethodRequest(resource: ResourceRequests, operation: OperationRequests): { method: string; request: () => RequestSpec } {
  const served = resource.fixture.operations.filter((candidate) => candidate.path === operation.definition.path).map((candidate) => candidate.method);
  const method = METHODS.find((candidate) => !served.includes(candidate))!;
  const request = (): RequestSpec => ({
    method,
    path: operation.request(operation.parameters.map(() => randomUUID())).path,
    resource: resource.fixture.name,
    choice: 'wrong-method',
    ...(['PUT', 'PATCH', 'POST'].includes(method) ? { json: {} } : {}),
  });
  return { method, request };
}

/** The operation, with a valid body if it takes one, on path ids that are no UUID and no key (404 and 400 both answer it). */
export function nonUuidRequest(session: Session, resource: ResourceRequests, operation: OperationRequests): RequestSpec {
  return validRequest(session, resource, operation, operation.parameters.map(() => session.keys.unused()), { choice: 'non-uuid-id' });
}

/** Asks both questions of every judged operation they fit, unless this run has asked questions already. */
export async function askUnlessAsked(session: Session): Promise<void> {
  if (session.observations.questionsAsked() > 0) return;
  const requests = session.judged.flatMap((resource) => {
    const paths = new Set<string>();
    return resource.operations.flatMap((operation) => [
      ...(operation.parameters.length > 0 ? [nonUuidRequest(session, resource, operation)] : []),
      ...(paths.has(operation.definition.path) ? [] : (paths.add(operation.definition.path), [wrongMethodRequest(resource, operation).request()])),
    ]);
  });
  for (let start = 0; start < requests.length; start += AT_ONCE) {
    await Promise.all(requests.slice(start, start + AT_ONCE).map((spec) => session.client.send(spec)));
  }
}
