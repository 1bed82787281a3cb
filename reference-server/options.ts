// Options of the reference server, their defaults in one place, and how missing ones are filled in.
import { randomBytes } from 'node:crypto';
import { loadResources, type ResourceFixture } from './fixtures.ts';
import type { Mutant } from './parts.ts';

export interface ClientCredentials {
  id: string;
  secret: string;
}

export interface ReferenceServerOptions {
  host?: string;
  port?: number;
  rateLimit?: { limit: number; windowSeconds: number };
  tokenTtlSeconds?: number;
  clients?: ClientCredentials[];
  logger?: boolean;
  mutant?: Mutant;
  /** The resources served under /v1; default: every committed fixture. */
  resources?: ResourceFixture[];
}

export type ResolvedOptions = Required<Omit<ReferenceServerOptions, 'mutant'>> & Pick<ReferenceServerOptions, 'mutant'>;

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 0,
  /** The command line's port when none is given (Stoplight Prism's). */
  cliPort: 4010,
  rateLimit: { limit: 1000, windowSeconds: 2 },
  tokenTtlSeconds: 3600,
  clientId: 'reference-client',
  logger: false,
  /** 1 MiB: larger bodies get 413. */
  bodyLimitBytes: 1024 * 1024,
  /** pageSize of /filter when the body has none (the fixture's filter schema says the same). */
  pageSize: 50,
} as const;

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new TypeError(`${name} must be a positive integer`);
  return value;
}

export function resolveOptions(options: ReferenceServerOptions = {}): ResolvedOptions {
  const rateLimit = options.rateLimit ?? DEFAULTS.rateLimit;
  const clients = options.clients ?? [{ id: DEFAULTS.clientId, secret: randomBytes(32).toString('base64url') }];
  if (clients.length === 0) throw new TypeError('clients must not be empty');
  if (new Set(clients.map((client) => client.id)).size !== clients.length) {
    throw new TypeError('client ids must be unique');
  }
  for (const client of clients) {
    if (client.id === '' || client.secret === '') throw new TypeError('client id and secret must not be empty');
  }
  return {
    host: options.host ?? DEFAULTS.host,
    port: options.port ?? DEFAULTS.port,
    rateLimit: {
      limit: positiveInteger('rateLimit.limit', rateLimit.limit),
      windowSeconds: positiveInteger('rateLimit.windowSeconds', rateLimit.windowSeconds),
    },
    tokenTtlSeconds: positiveInteger('tokenTtlSeconds', options.tokenTtlSeconds ?? DEFAULTS.tokenTtlSeconds),
    clients: clients.map((client) => ({ ...client })),
    logger: options.logger ?? DEFAULTS.logger,
    mutant: options.mutant,
    resources: options.resources ?? loadResources(),
  };
}
