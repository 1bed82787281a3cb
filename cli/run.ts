// Runs the suites in this process through vitest's API, after the checks that must come first
// (configuration, production guard, reachability, credentials), and turns the report into an exit code.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Vitest } from 'vitest/node';
import { resolveCatalog } from '../harness/catalog.ts';
import { loadConfig, type Overrides, type Settings } from '../harness/config.ts';
import { ConfigError } from '../harness/errors.ts';
import { preflight } from '../harness/preflight.ts';
import { selectClauses } from '../harness/registry.ts';
import { newRunId } from '../harness/run-context.ts';
import { loadExpectations } from '../reporters/expectations.ts';
import { BLOB_DIR, mergeShardRecords, type RunRecord } from '../reporters/run-record.ts';
import { reportModelOf, writeReports } from '../reporters/write-reports.ts';
import { createConformanceVitest } from '../runner/conformance-vitest.ts';
import { EXIT } from './exit.ts';

export interface RunOptions {
  overrides: Overrides;
  only: string[];
  skip: string[];
  /** A folder of shard records (--shard i/n runs): merge them into one conformance report. */
  mergeReports?: string;
}

/** After a signal, cleanup gets this long before the process exits anyway. */
const INTERRUPT_GRACE_MS = 90_000;

export async function runConformance(options: RunOptions): Promise<number> {
  const config = loadConfig(options.overrides);
  if (config.settings.expectationsFile) loadExpectations(config.settings.expectationsFile);
  const reportFile = join(config.settings.reportDir, 'conformance.json');
  if (options.mergeReports) return mergeReports(options.mergeReports, config.settings, reportFile);
  const testNamePattern = namePattern(options.only, options.skip);
  // Resource names, the description and the shard are checked before anything is sent, once: the
  // global setup takes this catalog.
  const catalog = resolveCatalog(config.settings);
  await preflight(config);

  for (const [name, value] of Object.entries(options.overrides)) if (value !== undefined) process.env[name] = value;
  process.env.MVMNT_RUN_ID ??= newRunId();
  rmSync(reportFile, { force: true });

  const vitest = await createConformanceVitest({ ...(testNamePattern ? { testNamePattern } : {}), provide: { catalog } });
  const interrupted = takeOverSignals(vitest);
  try {
    await vitest.start([]);
  } finally {
    await vitest.close();
  }
  if (interrupted.signal) return interrupted.signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
  if (config.settings.shard) return exitCodeFromShard(config.settings, config.settings.shard);
  return exitCodeFromReport(reportFile);
}

/** --merge-reports: the shards' records joined into one run's reports. */
function mergeReports(dir: string, settings: Settings, reportFile: string): number {
  let record: RunRecord;
  try {
    record = mergeShardRecords(dir);
  } catch (error) {
    throw new ConfigError('--merge-reports', (error as Error).message);
  }
  writeReports(reportModelOf(record, settings), settings.reportDir);
  return exitCodeFromReport(reportFile);
}

/** A shard's own verdict: its record judged as if it were a run (the merged report judges them all). */
function exitCodeFromShard(settings: Settings, shard: { index: number; count: number }): number {
  const file = join(settings.reportDir, BLOB_DIR, `shard-${shard.index}-of-${shard.count}.json`);
  if (!existsSync(file)) {
    process.stderr.write(`mvmnt-conformance: the shard ended without writing ${file}; see the errors above\n`);
    return EXIT.fail;
  }
  const record = JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
  return reportModelOf(record, settings).verdict === 'pass' ? EXIT.pass : EXIT.fail;
}

/** --only / --skip as a test-name pattern: every test name starts with "<clause id>:" (after its resource's block name). */
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
  // vitest matches the full name: a resource's describe block (its kebab-case name) comes before the id.
  // (?=ERR-) pins the id's position, so the optional block name cannot be skipped to dodge a --skip.
  return new RegExp(`^(?:[a-z0-9-]+ )?(?=ERR-)${included.length ? `(?=${alternatives(included)})` : ''}${excluded.length ? `(?!${alternatives(excluded)})` : ''}`);
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
