// `npm run bench`: how fast a full default run is next to the physical limit (a plain keep-alive
// loop against the same kind of server), and what a gate run sends and kills (the kill matrix under
// the gate profile). Prints a table, then one `bench:` line. Not a test: nothing here asserts a timing.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { FAMILIES } from '../harness/registry.ts';
import { startReferenceServer } from '../reference-server/index.ts';
import type { RunStats } from '../model/run.ts';
import { runMatrix } from '../self-test/kill-matrix/matrix.ts';
import { DEFAULT_RUN_SETTINGS, GATE_RUN_SETTINGS } from '../self-test/kill-matrix/run.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'mvmnt-conformance.js');
const RUNS = 3;
const RAW_REQUESTS = 2000;

interface RunMeasure {
  wallS: number;
  peakRssMb: number;
  report: { stats: RunStats | null; verdict: string; resources: string[]; coverage: { operations: { total: number; judged: number } } };
}

/** One CLI run as a user starts it (node, not npm), timed from spawn to exit, peak RSS from /proc. */
async function measureRun(args: string[]): Promise<RunMeasure> {
  const dir = mkdtempSync(join(tmpdir(), 'mvmnt-bench-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MVMNT_')));
  const started = process.hrtime.bigint();
  // Started as a user starts it (its shebang sets the node flags), not through npm.
  const child = spawn(BIN, ['--report-dir', dir, ...args], { cwd: ROOT, env: { ...env, NO_COLOR: '1' }, stdio: 'ignore' });
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      // The process has just exited.
    }
  }, 25);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(poll);
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`the benchmark run exited ${code}; see ${dir}`);
  return { wallS, peakRssMb: peakKb / 1024, report: JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) };
}

/** Sequential GETs of random ids (404) over one keep-alive connection: the floor per request. */
async function rawPerRequestMs(): Promise<number> {
  const server = await startReferenceServer({ rateLimit: { limit: 1_000_000, windowSeconds: 1 } });
  const dispatcher = new Agent({ connections: 1, keepAliveTimeout: 10_000 });
  try {
    const client = server.clients[0];
    const tokenResponse = await request(server.tokenUrl, {
      method: 'POST',
      dispatcher,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.id, client_secret: client.secret }).toString(),
    });
    const { access_token: token } = (await tokenResponse.body.json()) as { access_token: string };
    const get = async () => {
      const response = await request(`${server.baseUrl}/vendors/${randomUUID()}`, { dispatcher, headers: { authorization: `Bearer ${token}` } });
      await response.body.text();
    };
    for (let i = 0; i < 200; i++) await get();
    const started = process.hrtime.bigint();
    for (let i = 0; i < RAW_REQUESTS; i++) await get();
    return Number(process.hrtime.bigint() - started) / 1e6 / RAW_REQUESTS;
  } finally {
    await dispatcher.close();
    await server.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fixed = (value: number, digits = 3) => value.toFixed(digits);

const runs = async (args: string[], count = RUNS) => {
  const measured: RunMeasure[] = [];
  for (let i = 0; i < count; i++) measured.push(await measureRun(args));
  return measured;
};
const NOTHING = ['--skip', FAMILIES.join(',')];
const VENDORS_ONLY = ['--resources', 'vendors'];
const full = await runs([]);
const empty = await runs(NOTHING);
const vendors = await runs(VENDORS_ONLY);
const vendorsEmpty = await runs([...VENDORS_ONLY, ...NOTHING]);
const raw = await rawPerRequestMs();
// The gate profile: its requests on the whole API, and the kill matrix's mutants run under it (here
// only: npm test proves the full profile kills every one).
const [gate] = await runs(['--profile', 'gate'], 1);
const gateMatrix = await runMatrix({ settings: { ...DEFAULT_RUN_SETTINGS, ...GATE_RUN_SETTINGS } });

const typicalOf = (measured: RunMeasure[]) => measured.find((run) => run.wallS === median(measured.map((r) => r.wallS)))!;
const typical = typicalOf(full);
const stats = typical.report.stats!;
const wallS = typical.wallS;
const startupS = median(empty.map((run) => run.wallS));
const resources = typical.report.resources.length;
const { total: operations, judged: operationsJudged } = typical.report.coverage.operations;
// A resource's own cost: the run's wall time past its start-up, shared among the resources judged.
const perResourceS = (wallS - startupS) / resources;
const vendorsOnlyS = typicalOf(vendors).wallS - median(vendorsEmpty.map((run) => run.wallS));
const waitS = stats.waitedMs / 1000;
const perRequestMs = ((wallS - startupS - waitS) * 1000) / stats.requests;
const gateStats = gate!.report.stats!;
// The burst's size is the target's limit, not the suite's choice: a gate run at R requests a minute
// paces its other requests at R and spends at most one window (R + 1 requests) on the burst.
const gateJudging = gateStats.requests - gateStats.burstSent;
const minutesAt = (perMinute: number) => fixed((gateJudging + perMinute + 1) / perMinute, 1);
const figures = {
  wall_s: fixed(wallS, 2),
  startup_s: fixed(startupS, 2),
  wait_s: fixed(waitS, 2),
  requests: String(stats.requests),
  per_request_ms: fixed(perRequestMs),
  raw_per_request_ms: fixed(raw),
  overhead_ratio: fixed(perRequestMs / raw, 2),
  burst_overhead: fixed(stats.burstSent / stats.burstBudget),
  peak_rss_mb: fixed(Math.max(...full.map((run) => run.peakRssMb)), 0),
  property_cases_per_s: fixed(stats.propertyCases / (stats.propertyMs / 1000), 0),
  resources: String(resources),
  operations: String(operations),
  operations_judged: String(operationsJudged),
  per_operation_ms: fixed(((wallS - startupS) * 1000) / operations, 0),
  per_resource_s: fixed(perResourceS, 2),
  vendors_only_s: fixed(vendorsOnlyS, 2),
  full_requests: String(stats.requests),
  gate_requests: String(gateStats.requests),
  gate_burst: String(gateStats.burstSent),
  gate_throttled: String(gateStats.throttled),
  gate_judging: String(gateJudging),
  gate_per_resource: fixed(gateJudging / gate!.report.resources.length, 0),
  gate_judged: `${gate!.report.coverage.operations.judged}/${gate!.report.coverage.operations.total}`,
  gate_wall_s: fixed(gate!.wallS, 2),
  gate_min_at_100: minutesAt(100),
  gate_min_at_300: minutesAt(300),
  gate_min_at_600: minutesAt(600),
  gate_kill: `${gateMatrix.killed}/${gateMatrix.total}`,
};

const seconds = (measured: RunMeasure[]) => measured.map((run) => fixed(run.wallS, 2)).join(', ');
console.log(`full runs (s): ${seconds(full)}; empty runs (s): ${seconds(empty)}; vendors-only runs (s): ${seconds(vendors)}; vendors-only empty runs (s): ${seconds(vendorsEmpty)}`);
const survivors = gateMatrix.outcomes.filter((outcome) => !outcome.killed).map((outcome) => outcome.mutant.name);
console.log(`gate: ${gate!.report.verdict}, ${gateStats.requests} requests (burst ${gateStats.burstSent}); kill matrix under gate: ${gateMatrix.killed}/${gateMatrix.total}${survivors.length ? `, surviving: ${survivors.join(', ')}` : ''}; reference ${gateMatrix.referencePasses ? 'passes' : 'FAILS'}`);
console.log(`burst: ${stats.burstSent} requests sent for Remaining + 1 = ${stats.burstBudget}; property cases: ${stats.propertyCases} in ${fixed(stats.propertyMs / 1000, 2)} s of property time`);
const width = Math.max(...Object.keys(figures).map((key) => key.length));
for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(width)}  ${value}`);
console.log(`bench: ${Object.entries(figures).map(([name, value]) => `${name}=${value}`).join(' ')}`);
