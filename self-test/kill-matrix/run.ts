// One conformance run against the reference server or a mutant of it: start the server on port 0,
// run the CLI in a child process, read the clause results from its conformance.json, stop the server.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../../cli/exit.ts';
import { loadResources, type ResourceFixture } from '../../fixtures/load.ts';
import { withParents } from '../../harness/catalog.ts';
import type { Profile } from '../../model/run.ts';
import { DEFAULT_PROPERTY_RUNS } from '../../harness/config.ts';
import { startReferenceServer, type Mutant, type RunningReferenceServer } from '../../reference-server/index.ts';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(PACKAGE_ROOT, 'bin', 'mvmnt-conformance.js');

export interface RunSettings {
  /** Per-request timeout of the suite: short, so a mutant that never answers costs little. */
  requestTimeoutMs: number;
  propertyRuns: number;
  /** The depth the runs judge at (the bench runs the matrix under gate too). */
  profile: Profile;
  /** fast-check seed: a fixed one makes the matrix repeatable. */
  seed: number;
  /** The child is killed after this long, whatever it is doing. */
  hardTimeoutMs: number;
  /** The same for the reference's run, which judges every operation of every resource. */
  referenceHardTimeoutMs: number;
  rateLimit: { limit: number; windowSeconds: number };
}

export const DEFAULT_RUN_SETTINGS: RunSettings = {
  requestTimeoutMs: 1500,
  // Table rows cover every field rule once, deterministically; properties add generated cases. Ten
  // per property kill every catalog mutant under each seed tried, and the matrix is CPU-bound.
  propertyRuns: 10,
  profile: 'full',
  seed: 20_240_601,
  hardTimeoutMs: 60_000,
  referenceHardTimeoutMs: 300_000,
  // With several runs sharing the CPU, the reference default (1000 per 1 s) lets the burst roll over
  // into the next window and the rate-limit clauses skip; 300 per 2 s is exhausted well inside one.
  rateLimit: { limit: 300, windowSeconds: 2 },
};

/** The matrix under the gate profile (the bench's gate_kill): its property runs, as a gate run has them. */
export const GATE_RUN_SETTINGS = { profile: 'gate', propertyRuns: DEFAULT_PROPERTY_RUNS.gate } as const satisfies Partial<RunSettings>;

export interface RunResult {
  name: string;
  /** The resources the run judged (undefined: all of them). */
  resources?: string[];
  /** The CLI's exit code; null when it was killed or never started. */
  exitCode: number | null;
  failed: string[];
  skipped: string[];
  passed: string[];
  /** Each failed clause's resources where it failed. */
  failedOn: Record<string, string[]>;
  /** The report's causes, ranked (ids). */
  causes: string[];
  durationMs: number;
  /** Why the run produced no usable report (timeout, crash, unreadable report). */
  problem?: string;
}

/** A run that gave no usable report. */
export function problemResult(name: string, resources: string[] | undefined, problem: string, durationMs: number, exitCode: number | null = null): RunResult {
  return { name, ...(resources ? { resources } : {}), exitCode, failed: [], skipped: [], passed: [], failedOn: {}, causes: [], durationMs, problem };
}

/** A target a batch worker judges: a mutant or variant (by catalog name) on the given resources. */
export interface BatchTask {
  name: string;
  resources: string[];
  settings: RunSettings;
}

const exitCodeOf = (verdict: string) => (verdict === 'pass' ? EXIT.pass : EXIT.fail);

interface ClauseOutcome {
  id: string;
  status: 'passed' | 'failed' | 'skipped' | 'waived';
  resources: Record<string, string>;
}

/** A grace period for the CLI's own SIGTERM handling (partial report, cleanup) before SIGKILL. */
const KILL_GRACE_MS = 5_000;
/** A server that still holds a hung request must not hold the matrix. */
const CLOSE_TIMEOUT_MS = 5_000;

/** Runs the suite against the reference (or a mutant of it), judging `resources` only when given; `args`: more of the command's flags. */
export async function runAgainst(name: string, mutant: Mutant | undefined, settings: RunSettings = DEFAULT_RUN_SETTINGS, resources?: string[], args: string[] = []): Promise<RunResult> {
  const started = Date.now();
  const reportDir = await mkdtemp(join(tmpdir(), 'mvmnt-kill-matrix-'));
  let server: RunningReferenceServer | undefined;
  try {
    // The server serves what the run can reach: the judged resources and the ones they reference.
    server = await startReferenceServer({ port: 0, mutant, rateLimit: settings.rateLimit, ...(resources ? { resources: serverResources(resources) } : {}) });
    const child = await runCli(server, reportDir, settings, resources, args);
    if (child.problem) return problemResult(name, resources, child.problem, Date.now() - started, child.exitCode);
    return await readResult(name, reportDir, started, resources, child.exitCode, child.output);
  } finally {
    if (server) await withTimeout(server.close(), CLOSE_TIMEOUT_MS);
    await rm(reportDir, { recursive: true, force: true });
  }
}

/**
 * The clause results of a finished run, from its conformance.json. `exitCode` null (a run inside a
 * batch worker, which has no exit of its own) takes the code the command would have exited with.
 */
export async function readResult(name: string, reportDir: string, started: number, resources: string[] | undefined, exitCode: number | null, output = ''): Promise<RunResult> {
  try {
    const report = JSON.parse(await readFile(join(reportDir, 'conformance.json'), 'utf8')) as { verdict: string; clauses: ClauseOutcome[]; causes: { id: string }[] };
    const having = (status: ClauseOutcome['status']) => report.clauses.filter((clause) => clause.status === status).map((clause) => clause.id);
    const failedOn = Object.fromEntries(report.clauses.filter((clause) => clause.status === 'failed').map((clause) => [clause.id, Object.keys(clause.resources).filter((resource) => clause.resources[resource] === 'failed')]));
    return { name, ...(resources ? { resources } : {}), durationMs: Date.now() - started, exitCode: exitCode ?? exitCodeOf(report.verdict), failed: having('failed'), skipped: having('skipped'), passed: having('passed'), failedOn, causes: report.causes.map((cause) => cause.id) };
  } catch (error) {
    return problemResult(name, resources, `no readable conformance.json (exit ${exitCode}): ${(error as Error).message}\n${output}`, Date.now() - started, exitCode);
  }
}

const COMMITTED = loadResources();

/** What the server of a run judging `names` serves: those resources and the ones they reference. */
export function serverResources(names: string[]): ResourceFixture[] {
  return withParents(COMMITTED, names);
}

interface ChildOutcome {
  exitCode: number | null;
  problem?: string;
  /** The tail of stdout and stderr, for diagnosing a run without a report. */
  output: string;
}

function runCli(server: RunningReferenceServer, reportDir: string, settings: RunSettings, resources: string[] | undefined, args: string[]): Promise<ChildOutcome> {
  const client = server.clients[0]!;
  const env: NodeJS.ProcessEnv = {
    ...inheritedEnvironment(),
    MVMNT_CLIENT_ID: client.id,
    MVMNT_CLIENT_SECRET: client.secret,
    MVMNT_TOKEN_URL: server.tokenUrl,
    MVMNT_REQUEST_TIMEOUT_MS: String(settings.requestTimeoutMs),
    MVMNT_PROPERTY_RUNS: String(settings.propertyRuns),
    MVMNT_PROFILE: settings.profile,
    MVMNT_SEED: String(settings.seed),
    // The matrix's servers live for one run: records without a DELETE (credit memos) may be made there.
    MVMNT_DISPOSABLE: 'yes',
    // Set but empty: a .env file must not add waivers or a static token to these runs.
    MVMNT_EXPECTATIONS: '',
    MVMNT_ACCESS_TOKEN: '',
  };
  const narrowed = resources ? ['--resources', resources.join(',')] : [];
  const child = spawn(process.execPath, [CLI, '--base-url', server.baseUrl, '--report-dir', reportDir, ...narrowed, ...args], {
    cwd: PACKAGE_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  return new Promise((resolve) => {
    let timedOut = false;
    const hardStop = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
    }, settings.hardTimeoutMs);
    child.on('error', (error) => {
      clearTimeout(hardStop);
      resolve({ exitCode: null, problem: `could not start the CLI: ${error.message}`, output });
    });
    child.on('close', (code) => {
      clearTimeout(hardStop);
      resolve(timedOut
        ? { exitCode: code, problem: `killed after ${settings.hardTimeoutMs} ms`, output }
        : { exitCode: code, output });
    });
  });
}

/** CI variables would turn each mutant's expected failures into annotations and step summaries. */
const IGNORED_VARIABLES = new Set(['NODE_ENV', 'TEST', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY']);

/**
 * The parent's environment without the suite's own variables (a user's MVMNT_BASE_URL or waivers)
 * or the variables of a vitest that may be running this code (the child starts its own), or CI's.
 */
export function inheritedEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MVMNT_') && !name.startsWith('VITEST') && !IGNORED_VARIABLES.has(name)));
}

async function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Runs the tasks with at most `concurrency` in flight, results in task order. */
export async function inPool<T, R>(tasks: T[], concurrency: number, run: (task: T) => Promise<R>, onDone?: (result: R) => void): Promise<R[]> {
  const results: R[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await run(tasks[index]!);
      onDone?.(results[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  return results;
}
