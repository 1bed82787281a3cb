// Public entry of the reference server: build the app in-process, or start it listening on a port.
import type { AddressInfo } from 'node:net';
import { API_PREFIX, buildApp } from './app.ts';
import { resolveOptions, type ClientCredentials, type ReferenceServerOptions } from './options.ts';
import { TOKEN_PATH } from './routes/token.ts';

export { buildApp } from './app.ts';
export { DEFAULTS } from './options.ts';
export type { ClientCredentials, ReferenceServerOptions } from './options.ts';
export { defaultParts, type Mutant, type ServerParts } from './parts.ts';

export interface RunningReferenceServer {
  origin: string;
  baseUrl: string;
  tokenUrl: string;
  clients: ClientCredentials[];
  close(): Promise<void>;
}

function urlHost(address: AddressInfo): string {
  if (address.address === '0.0.0.0') return '127.0.0.1';
  if (address.address === '::') return '[::1]';
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}

export async function startReferenceServer(options: ReferenceServerOptions = {}): Promise<RunningReferenceServer> {
  // Resolved here rather than in buildApp so the generated default client is known to the caller.
  const settings = resolveOptions(options);
  const app = buildApp(settings);
  await app.listen({ host: settings.host, port: settings.port });
  const address = app.server.address() as AddressInfo;
  const origin = `http://${urlHost(address)}:${address.port}`;
  return {
    origin,
    baseUrl: `${origin}${API_PREFIX}`,
    tokenUrl: `${origin}${TOKEN_PATH}`,
    clients: settings.clients.map((client) => ({ ...client })),
    close: () => app.close(),
  };
}
