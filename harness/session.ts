// A session: everything one process needs to talk to the target (client, tokens, pacing, ledger,
// run-wide observations), built from the run context. Test workers, cleanup and sweep each make one.
import { join } from 'node:path';
import { createTokenSource, type TokenSource } from './auth.ts';
import { createClient, createDispatcher, type Client } from './http/client.ts';
import type { Exchange } from './http/exchange.ts';
import { KeyFactory } from './keys.ts';
import { Ledger } from './ledger.ts';
import { Observations } from './observations.ts';
import { Pacer, Slots } from './pacing.ts';
import { createRecord } from './records.ts';
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
  return join(context.settings.reportDir, '.ledger', `${context.runId}.jsonl`);
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
  const client = createClient({
    baseUrl: target.baseUrl,
    dispatcher,
    tokens,
    credentials,
    pacer,
    slots: new Slots(settings.concurrency),
    timeoutMs: settings.requestTimeoutMs,
    observers: [observations.observe, (exchange) => recordInLedger(ledger, known, exchange)],
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
    references: new References({ known, given: settings.references, create: (resource) => createRecord(session, resource) }),
    secrets,
    close: () => dispatcher.close(),
  };
  return session;
}

/** Any successful create is a record to clean up, whoever sent it; any successful delete ends one. */
function recordInLedger(ledger: Ledger, known: ReadonlyMap<string, ResourceRequests>, exchange: Exchange): void {
  const status = exchange.response?.status ?? 0;
  const resource = exchange.request.resource === undefined ? undefined : known.get(exchange.request.resource);
  if (status < 200 || status >= 300 || resource === undefined) return;
  if (exchange.request.operation === 'create') {
    const record = exchange.response!.json as Record<string, unknown> | undefined;
    const key = resource.fixture.keyField ? record?.[resource.fixture.keyField] : undefined;
    if (record && typeof record.id === 'string') {
      ledger.created({ resource: resource.fixture.name, path: resource.itemPath(record.id), id: record.id, key: typeof key === 'string' ? key : null });
    }
  } else if (exchange.request.operation === 'delete') {
    const segment = decodeURIComponent(new URL(exchange.request.url).pathname.split('/').pop() ?? '');
    ledger.deleted(resource.fixture.name, segment);
  }
}
