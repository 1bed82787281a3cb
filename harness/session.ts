// A session: everything one process needs to talk to the target (client, tokens, pacing, ledger,
// run-wide observations), built from the run context. Test workers, cleanup and sweep each make one.
import { join } from 'node:path';
import { valueAt } from '../fixtures/load.ts';
import { createTokenSource, type TokenSource } from './auth.ts';
import { idText } from './checks/success.ts';
import { createClient, createDispatcher, type Client } from './http/client.ts';
import type { Exchange } from './http/exchange.ts';
import { KeyFactory } from './keys.ts';
import { Ledger } from './ledger.ts';
import { Observations } from './observations.ts';
import { Pacer, Slots } from './pacing.ts';
import { createRecord, createdId, readRecord } from './records.ts';
import { References } from './references.ts';
import { resourceRequests, type ResourceRequests } from './resource.ts';
import type { RunContext } from './run-context.ts';

export interface Session {
  context: RunContext;
  client: Client;
  tokens: TokenSource;
  pacer: Pacer;
  ledger: Ledger;
  keys: KeyFactory;
  observations: Observations;
  /** Every resource the run knows, by name. */
  known: ReadonlyMap<string, ResourceRequests>;
  /** The resources the run judges, in order. */
  judged: ResourceRequests[];
  references: References;
  /** Every credential value of the run: tokens handed out and the client secret. */
  secrets(): string[];
  close(): Promise<void>;
}

export function ledgerFile(context: RunContext): string {
  return join(ledgerFolder(context.settings.reportDir), `${context.runId}.jsonl`);
}

/** Where the runs writing reports to `reportDir` keep their ledgers (a run's outlives a hard kill). */
export function ledgerFolder(reportDir: string): string {
  return join(reportDir, '.ledger');
}

export function createSession(context: RunContext): Session {
  const { settings, credentials, target } = context;
  const dispatcher = createDispatcher(settings.concurrency + 2);
  const tokens = createTokenSource(credentials, target.tokenUrl, dispatcher, settings.requestTimeoutMs);
  const secrets = () => [...tokens.issued(), ...(credentials.clientSecret ? [credentials.clientSecret] : [])];
  const pacer = new Pacer();
  const ledger = new Ledger(ledgerFile(context));
  const observations = new Observations(target.baseUrl, settings.reportDir, secrets);
  const known = new Map(context.known.map((fixture) => [fixture.name, resourceRequests(fixture)]));
  const judged = context.judged.map((name) => known.get(name)!);
  const made = madeByRoute(known);
  const client = createClient({
    baseUrl: target.baseUrl,
    dispatcher,
    tokens,
    credentials,
    pacer,
    slots: new Slots(settings.concurrency),
    timeoutMs: settings.requestTimeoutMs,
    observers: [observations.observe, (exchange) => recordInLedger(ledger, known, made, exchange)],
  });
  const session: Session = {
    context,
    client,
    tokens,
    pacer,
    ledger,
    keys: new KeyFactory(context.runId),
    observations,
    known,
    judged,
    references: new References({ known, given: settings.references, judged: new Set(context.judged), create: (resource, chain) => createRecord(session, resource, {}, chain), read: (resource, id) => readRecord(session, resource, id), disposable: settings.disposable }),
    secrets,
    close: () => dispatcher.close(),
  };
  return session;
}

/** The records an operation makes besides a create's (a duplicate, a rebooked load), by its route: what resource, and its id's field in the answer. */
function madeByRoute(known: ReadonlyMap<string, ResourceRequests>): Map<string, { resource: ResourceRequests; idField: string }> {
  const made = new Map<string, { resource: ResourceRequests; idField: string }>();
  for (const resource of known.values()) {
    for (const operation of resource.operations) {
      const creates = resource.fixture.operationHints[operation.definition.id]?.creates;
      const target = creates && known.get(creates.resource);
      if (target) made.set(operation.label, { resource: target, idField: creates.idField });
    }
  }
  return made;
}

/** Any successful create is a record to clean up, whoever sent it (so is one an action makes); any successful delete ends one. */
function recordInLedger(ledger: Ledger, known: ReadonlyMap<string, ResourceRequests>, made: ReturnType<typeof madeByRoute>, exchange: Exchange): void {
  const status = exchange.response?.status ?? 0;
  const resource = exchange.request.resource === undefined ? undefined : known.get(exchange.request.resource);
  if (status < 200 || status >= 300 || resource === undefined) return;
  const record = exchange.response!.json as Record<string, unknown> | undefined;
  const maker = exchange.request.route === undefined ? undefined : made.get(exchange.request.route);
  if (maker) {
    const id = idText(valueAt(record, maker.idField));
    if (id !== undefined) ledger.created({ resource: maker.resource.fixture.name, path: maker.resource.itemPath(id), id, key: null });
  } else if (exchange.request.operation === 'create') {
    // An id of any form (a mock's `1`) is a record to clean up.
    const created = createdId(exchange);
    const key = resource.fixture.keyField ? record?.[resource.fixture.keyField] : undefined;
    if ('id' in created) ledger.created({ resource: resource.fixture.name, path: resource.itemPath(created.id), id: created.id, key: typeof key === 'string' ? key : null });
  } else if (exchange.request.operation === 'delete') {
    const segment = decodeURIComponent(new URL(exchange.request.url).pathname.split('/').pop() ?? '');
    ledger.deleted(resource.fixture.name, segment);
  }
}
