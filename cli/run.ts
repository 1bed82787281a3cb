// Runs the suites in this process through vitest's API, after the checks that must come first
// (configuration, production guard, reachability, credentials), and turns the report into an exit code.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Vitest } from 'vitest/node';
import { loadConfig, type Overrides } from '../harness/config.ts';
import { ConfigError } from '../harness/errors.ts';
import { preflight } from '../harness/preflight.ts';
import { selectClauses } from '../harness/registry.ts';
import { newRunId } from '../harness/run-context.ts';
import { loadExpectations } from '../reporters/expectations.ts';
import { EXIT } from './exit.ts';

export interface RunOptions {
  overrides: Overrides;
  only: string[];
  skip: string[];
  /** i/n: run one shard and write a blob report for --merge-reports. */
  shard?: string;
  /** A folder of blob reports from shards: merge them into one conformance report. */
  mergeReports?: string;
}

const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** After a signal, cleanup gets this long before the process exits anyway. */
const INTERRUPT_GRACE_MS = 90_000;

export async function runConformance(options: RunOptions): Promise<number> {
  const config = loadConfig(options.overrides);
  if (config.settings.expectationsFile) loadExpectations(config.settings.expectationsFile);
  const testNamePattern = namePattern(options.only, options.skip);
  if (!options.mergeReports) await preflight(config);

  for (const [name, value] of Object.entries(options.overrides)) if (value !== undefined) process.env[name] = value;
  process.env.MVMNT_RUN_ID ??= newRunId();
  const reportFile = join(config.settings.reportDir, 'conformance.json');
  rmSync(reportFile, { force: true });

  const [shardIndex, shardCount] = options.shard?.split('/') ?? [];
  // Loaded only now: vitest is the heaviest import, and the checks above must answer fast.
  const { createVitest } = await import('vitest/node');
  const vitest = await createVitest('test', {
    root: PACKAGE_ROOT,
    config: join(PACKAGE_ROOT, 'vitest.config.ts'),
    run: true,
    watch: false,
    passWithNoTests: true,
    ...(testNamePattern ? { testNamePattern } : {}),
    ...(options.shard ? { shard: options.shard, reporters: ['default', ['blob', { outputFile: join(config.settings.reportDir, 'blob', `blob-${shardIndex}-${shardCount}.json`) }]] } : {}),
    ...(options.mergeReports ? { mergeReports: options.mergeReports } : {}),
  });
  const interrupted = takeOverSignals(vitest);
  try {
    if (options.mergeReports) await vitest.mergeReports();
    else await vitest.start([]);
  } finally {
    await vitest.close();
  }
  if (interrupted.signal) return interrupted.signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
  if (options.shard) return process.exitCode === undefined || process.exitCode === 0 ? EXIT.pass : EXIT.fail;
  return exitCodeFromReport(reportFile);
}

/** --only / --skip as a test-name pattern: every test name starts with "<clause id>:". */
export function namePattern(only: string[], skip: string[]): RegExp | undefined {
  const resolve = (selectors: string[], flag: string) => {
    const { ids, unknown } = selectClauses(selectors);
    if (unknown.length > 0) throw new ConfigError(flag, `names no family or clause id: ${unknown.join(', ')} (see --list)`);
    return ids;
  };
  const included = resolve(only, '--only');
  const excluded = resolve(skip, '--skip');
  if (included.length === 0 && excluded.length === 0) return undefined;
  const alternatives = (ids: string[]) => `(?:${ids.join('|')}):`;
  return new RegExp(`^${included.length ? `(?=${alternatives(included)})` : ''}${excluded.length ? `(?!${alternatives(excluded)})` : ''}`);
}

/**
 * vitest's logger exits on SIGINT/SIGTERM at once; the run must instead stop starting tests, write
 * a partial report and delete what it created (global teardown), so the handlers are replaced.
 */
function takeOverSignals(vitest: Vitest): { signal?: NodeJS.Signals } {
  const state: { signal?: NodeJS.Signals } = {};
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => {
      state.signal = signal;
      process.stderr.write(`\nmvmnt-conformance: ${signal}: stopping, writing a partial report and deleting the records this run created…\n`);
      const code = signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
      process.once(signal, () => process.exit(code));
      setTimeout(() => process.exit(code), INTERRUPT_GRACE_MS).unref();
      void vitest.cancelCurrentRun('keyboard-input');
    });
  }
  return state;
}

function exitCodeFromReport(reportFile: string): number {
  if (!existsSync(reportFile)) {
    process.stderr.write(`mvmnt-conformance: the run ended without writing ${reportFile}; see the errors above\n`);
    return EXIT.fail;
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { verdict: 'pass' | 'fail' };
  return report.verdict === 'pass' ? EXIT.pass : EXIT.fail;
}
