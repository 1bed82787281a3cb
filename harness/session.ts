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
import { resourceRequests, vendorsResource, type ResourceRequests } from './resource.ts';
import type { RunContext } from './run-context.ts';

export interface Session {
  context: RunContext;
  client: Client;
  tokens: TokenSource;
  pacer: Pacer;
  ledger: Ledger;
  keys: KeyFactory;
  observations: Observations;
  vendors: ResourceRequests;
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
  const vendors = resourceRequests(vendorsResource);
  const client = createClient({
    baseUrl: target.baseUrl,
    dispatcher,
    tokens,
    credentials,
    pacer,
    slots: new Slots(settings.concurrency),
    timeoutMs: settings.requestTimeoutMs,
    observers: [observations.observe, (exchange) => recordInLedger(ledger, vendors, exchange)],
  });
  return {
    context,
    client,
    tokens,
    pacer,
    ledger,
    keys: new KeyFactory(context.runId),
    observations,
    vendors,
    secrets,
    close: () => dispatcher.close(),
  };
}

/** Any successful create is a record to clean up, whoever sent it; any successful delete ends one. */
function recordInLedger(ledger: Ledger, resource: ResourceRequests, exchange: Exchange): void {
  const status = exchange.response?.status ?? 0;
  if (status < 200 || status >= 300) return;
  if (exchange.request.operation === 'create') {
    const record = exchange.response!.json as { id?: unknown; key?: unknown } | undefined;
    if (record && typeof record.id === 'string') {
      ledger.created({ path: resource.itemPath(record.id), id: record.id, key: typeof record.key === 'string' ? record.key : null });
    }
  } else if (exchange.request.operation === 'delete') {
    const segment = decodeURIComponent(new URL(exchange.request.url).pathname.split('/').pop() ?? '');
    ledger.deleted(segment);
  }
}
