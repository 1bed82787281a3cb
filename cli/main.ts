// The mvmnt-conformance command line: flags mirror the MVMNT_* variables (flags win over the
// environment, which wins over .env); secrets are accepted from the environment only.
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { loadResources } from '../fixtures/load.ts';
import { VARIABLES, type Overrides } from '../harness/config.ts';
import { referenceVariables } from '../harness/references.ts';
import { compareCommand } from './compare.ts';
import { EXIT, fatal, isOneLineError } from './exit.ts';
import { listClauses } from './list.ts';
import { importCommand } from './openapi-import.ts';
import { runConformance } from './run.ts';
import { sweep } from './sweep.ts';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

const FLAG_VARIABLES = {
  baseUrl: 'MVMNT_BASE_URL',
  tokenUrl: 'MVMNT_TOKEN_URL',
  clientId: 'MVMNT_CLIENT_ID',
  reportDir: 'MVMNT_REPORT_DIR',
  seed: 'MVMNT_SEED',
  profile: 'MVMNT_PROFILE',
  propertyRuns: 'MVMNT_PROPERTY_RUNS',
  maxBurst: 'MVMNT_MAX_BURST',
  maxRequests: 'MVMNT_MAX_REQUESTS',
  requestTimeout: 'MVMNT_REQUEST_TIMEOUT_MS',
  expect: 'MVMNT_EXPECTATIONS',
  resources: 'MVMNT_RESOURCES',
  openapi: 'MVMNT_OPENAPI',
  shard: 'MVMNT_SHARD',
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
    .option('--resources <list>', 'judge only these resources, comma-separated (MVMNT_RESOURCES); see --list')
    .option('--openapi <path>', 'judge the resources of this OpenAPI description (a file, or a folder of per-tag files) instead of the committed ones (MVMNT_OPENAPI)')
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
  .option('--profile <gate|full>', 'gate: every clause on every operation on the fewest requests (merge gate); full: every case (nightly); default full (MVMNT_PROFILE)')
  .option('--property-runs <n>', 'fast-check runs per property (MVMNT_PROPERTY_RUNS)')
  .option('--max-burst <n>', 'most requests the rate-limit clause may send (MVMNT_MAX_BURST)')
  .option('--max-requests <n>', 'most requests the run may send; once spent, the tests left skip (MVMNT_MAX_REQUESTS)')
  .option('--expect <file>', 'expectations file: clauses known to fail on this target (MVMNT_EXPECTATIONS)')
  .option('--only <list>', 'run only these families or clause ids (comma-separated, repeatable)', list)
  .option('--skip <list>', 'skip these families or clause ids (comma-separated, repeatable)', list)
  .option('--list', 'print the clauses, and which resources each is judged on, and exit')
  .option('--shard <i/n>', 'judge shard i of n of the resources and write its record (MVMNT_SHARD; merge with --merge-reports)')
  .option('--merge-reports <dir>', 'merge the shard records in <dir> (reports/blob) into one conformance report')
  // A function: the resources' variables are read from the fixtures only when help is asked for.
  .addHelpText('after', () => `\nEnvironment (also read from .env):\n${Object.entries({ ...VARIABLES, ...referenceVariables(loadResources()) }).map(([name, text]) => `  ${name.padEnd(27)} ${text}`).join('\n')}\n\nExit codes: 0 no MUST/SHOULD clause failed, 1 one did, 2 configuration or target problem, 130/143 interrupted.`)
  .action(async (flags: FlagValues & { only?: string[]; skip?: string[]; list?: boolean; mergeReports?: string }) => {
    if (flags.list) {
      console.log(listClauses(overridesOf(flags)));
      return;
    }
    process.exitCode = await runConformance({
      overrides: overridesOf(flags),
      only: flags.only ?? [],
      skip: flags.skip ?? [],
      mergeReports: flags.mergeReports,
    });
  });

targetOptions(program.command('sweep'))
  .description('delete live records whose key starts with "conformance-", and those the ledgers of interrupted runs list (leftovers); never touches other records')
  .option('--report-dir <dir>', 'the report folder of the interrupted runs, whose ledgers list their records (MVMNT_REPORT_DIR, default reports/)')
  .option('--dry-run', 'only print what would be deleted')
  .action(async (flags: FlagValues & { dryRun?: boolean }) => {
    const { left } = await sweep({ overrides: overridesOf(flags), dryRun: flags.dryRun === true, log: (line) => console.log(line) });
    process.exitCode = left > 0 && flags.dryRun !== true ? EXIT.fail : EXIT.pass;
  });

program
  .command('openapi')
  .description('work with OpenAPI descriptions')
  .command('import <description...>')
  .description('write one resource fixture per resource of an OpenAPI description (YAML or JSON files, or folders of them, read as one description), and report what could not be translated')
  .option('--tags <list>', 'only the operations with these tags (or resources with these names), comma-separated', list)
  .option('--out <dir>', 'where the fixtures are written', 'fixtures/resources')
  .action((description: string[], flags: { tags?: string[]; out: string }) => {
    process.exitCode = importCommand(description, flags, (line) => console.log(line));
  });

program
  .command('compare <a> <b>')
  .description('compare two conformance.json reports (a mock and staging, last week and today): the clauses that differ, with the same request from each side, and the causes only one shows; writes comparison.md and comparison.html')
  .option('--report-dir <dir>', 'where comparison.md and comparison.html are written', 'reports')
  .action((a: string, b: string, flags: { reportDir: string }) => {
    process.exitCode = compareCommand(a, b, flags.reportDir, (line) => console.log(line));
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
