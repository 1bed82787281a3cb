// The mvmnt-conformance command line: flags mirror the MVMNT_* variables (flags win over the
// environment, which wins over .env); secrets are accepted from the environment only.
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { VARIABLES, type Overrides } from '../harness/config.ts';
import { EXIT, fatal, isOneLineError } from './exit.ts';
import { listClauses } from './list.ts';
import { runConformance } from './run.ts';
import { sweep } from './sweep.ts';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

const FLAG_VARIABLES = {
  baseUrl: 'MVMNT_BASE_URL',
  tokenUrl: 'MVMNT_TOKEN_URL',
  clientId: 'MVMNT_CLIENT_ID',
  reportDir: 'MVMNT_REPORT_DIR',
  seed: 'MVMNT_SEED',
  propertyRuns: 'MVMNT_PROPERTY_RUNS',
  maxBurst: 'MVMNT_MAX_BURST',
  requestTimeout: 'MVMNT_REQUEST_TIMEOUT_MS',
  expect: 'MVMNT_EXPECTATIONS',
} as const satisfies Record<string, keyof typeof VARIABLES>;

type FlagValues = Partial<Record<keyof typeof FLAG_VARIABLES, string>> & { clientSecret?: string; accessToken?: string };

function overridesOf(flags: FlagValues): Overrides {
  if (flags.clientSecret !== undefined || flags.accessToken !== undefined) {
    const flag = flags.clientSecret !== undefined ? '--client-secret' : '--access-token';
    const variable = flags.clientSecret !== undefined ? 'MVMNT_CLIENT_SECRET' : 'MVMNT_ACCESS_TOKEN';
    fatal(`${flag} is refused: a secret on the command line ends up in shell history and process lists; set ${variable} in the environment or .env`);
  }
  const overrides: Overrides = {};
  for (const [flag, variable] of Object.entries(FLAG_VARIABLES)) {
    const value = flags[flag as keyof typeof FLAG_VARIABLES];
    if (value !== undefined) overrides[variable] = value;
  }
  return overrides;
}

const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',')];

function targetOptions(command: Command): Command {
  return command
    .option('--base-url <url>', 'API base URL, version included (MVMNT_BASE_URL); default: the embedded reference server')
    .option('--token-url <url>', 'OAuth2 token endpoint (MVMNT_TOKEN_URL)')
    .option('--client-id <id>', 'OAuth2 client id (MVMNT_CLIENT_ID); the secret comes from MVMNT_CLIENT_SECRET')
    .option('--request-timeout <ms>', 'per-request timeout in ms (MVMNT_REQUEST_TIMEOUT_MS)')
    .addOption(new Option('--client-secret <secret>').hideHelp())
    .addOption(new Option('--access-token <token>').hideHelp());
}

const program = targetOptions(new Command('mvmnt-conformance'))
  .description('Conformance suite for the MVMNT API error contract. With no target configured it runs against the embedded reference server.')
  .version(version)
  // The run and `sweep` share target flags; each reads its own, on its side of the subcommand name.
  .enablePositionalOptions()
  .option('--report-dir <dir>', 'where reports are written (MVMNT_REPORT_DIR, default reports/)')
  .option('--seed <n>', 'fast-check seed, to replay a failure (MVMNT_SEED)')
  .option('--property-runs <n>', 'fast-check runs per property (MVMNT_PROPERTY_RUNS)')
  .option('--max-burst <n>', 'most requests the rate-limit clause may send (MVMNT_MAX_BURST)')
  .option('--expect <file>', 'expectations file: clauses known to fail on this target (MVMNT_EXPECTATIONS)')
  .option('--only <list>', 'run only these families or clause ids (comma-separated, repeatable)', list)
  .option('--skip <list>', 'skip these families or clause ids (comma-separated, repeatable)', list)
  .option('--list', 'print the clause table and exit')
  .option('--shard <i/n>', 'run shard i of n and write a blob report (merge with --merge-reports)')
  .option('--merge-reports <dir>', 'merge the blob reports in <dir> into one conformance report')
  .addHelpText('after', `\nEnvironment (also read from .env):\n${Object.entries(VARIABLES).map(([name, text]) => `  ${name.padEnd(27)} ${text}`).join('\n')}\n\nExit codes: 0 no MUST/SHOULD clause failed, 1 one did, 2 configuration or target problem, 130/143 interrupted.`)
  .action(async (flags: FlagValues & { only?: string[]; skip?: string[]; list?: boolean; shard?: string; mergeReports?: string }) => {
    if (flags.list) {
      console.log(listClauses());
      return;
    }
    if (flags.shard !== undefined && !/^[1-9]\d*\/[1-9]\d*$/.test(flags.shard)) fatal(`--shard must be <index>/<count>, e.g. 1/3; got '${flags.shard}'`);
    process.exitCode = await runConformance({
      overrides: overridesOf(flags),
      only: flags.only ?? [],
      skip: flags.skip ?? [],
      shard: flags.shard,
      mergeReports: flags.mergeReports,
    });
  });

targetOptions(program.command('sweep'))
  .description('delete live records whose key starts with "conformance-" (leftovers of interrupted runs); never touches other records')
  .option('--dry-run', 'only print what would be deleted')
  .action(async (flags: FlagValues & { dryRun?: boolean }) => {
    const { left } = await sweep({ overrides: overridesOf(flags), dryRun: flags.dryRun === true, log: (line) => console.log(line) });
    process.exitCode = left > 0 && flags.dryRun !== true ? EXIT.fail : EXIT.pass;
  });

export async function main(argv: string[]): Promise<never> {
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (isOneLineError(error)) fatal(error.message);
    throw error;
  }
  // Open keep-alive sockets or timers must not hold the process after the verdict.
  process.exit(process.exitCode ?? EXIT.pass);
}
