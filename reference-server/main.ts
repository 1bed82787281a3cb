// Command line: run the reference server on a port and print what a conformance run needs to reach it.
import { parseArgs } from 'node:util';
import { startReferenceServer, type RunningReferenceServer } from './index.ts';
import { DEFAULTS, type ReferenceServerOptions } from './options.ts';

const USAGE = `Usage: npm run reference-server -- [--port ${DEFAULTS.cliPort}] [--host ${DEFAULTS.host}]
  [--rate-limit N] [--rate-window SECONDS] [--client-id ID --client-secret SECRET] [--log]`;

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`--${name} must be a whole number`);
  return Number(text);
}

function optionsFromArgs(argv: string[]): ReferenceServerOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'rate-limit': { type: 'string' },
      'rate-window': { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      log: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    console.log(USAGE);
    process.exit(0);
  }
  if ((values['client-id'] === undefined) !== (values['client-secret'] === undefined)) {
    throw new Error('--client-id and --client-secret go together');
  }
  const limit = integer('rate-limit', values['rate-limit']);
  const windowSeconds = integer('rate-window', values['rate-window']);
  return {
    host: values.host ?? DEFAULTS.host,
    port: integer('port', values.port) ?? DEFAULTS.cliPort,
    rateLimit: {
      limit: limit ?? DEFAULTS.rateLimit.limit,
      windowSeconds: windowSeconds ?? DEFAULTS.rateLimit.windowSeconds,
    },
    clients: values['client-id'] === undefined
      ? undefined
      : [{ id: values['client-id'], secret: values['client-secret'] as string }],
    logger: values.log ?? false,
  };
}

async function main(): Promise<void> {
  let options: ReferenceServerOptions;
  try {
    options = optionsFromArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }

  let server: RunningReferenceServer;
  try {
    server = await startReferenceServer(options);
  } catch (error) {
    console.error(`Could not start the reference server: ${(error as Error).message}`);
    process.exitCode = 1;
    return;
  }
  const client = server.clients[0]!;
  // Printing the secret is the point here: it is a throwaway credential for a local test server.
  console.log(`MVMNT reference server listening
  base URL:      ${server.baseUrl}
  token URL:     ${server.tokenUrl}
  client id:     ${client.id}
  client secret: ${client.secret}
  rate limit:    ${options.rateLimit?.limit} requests per ${options.rateLimit?.windowSeconds} s

Run the conformance suite against it:
  MVMNT_BASE_URL=${server.baseUrl} MVMNT_CLIENT_ID=${client.id} MVMNT_CLIENT_SECRET=${client.secret} npx mvmnt-conformance
`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
