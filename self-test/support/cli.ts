// Runs the mvmnt-conformance command as a user would (a child process), with a clean MVMNT_*
// environment and a report folder of its own; and reads a target's live records over HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { loadResources } from '../../fixtures/load.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'mvmnt-conformance.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function reportDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `mvmnt-${label}-`));
}

export function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MVMNT_') && name !== 'GITHUB_ACTIONS' && name !== 'GITHUB_STEP_SUMMARY' && name !== 'VITEST' && name !== 'TEST' && !name.startsWith('VITEST_')));
  return { ...inherited, NO_COLOR: '1', ...env };
}

export function startCli(args: string[], env: Record<string, string> = {}, cwd = ROOT): { child: ChildProcess; done: Promise<CliResult> } {
  return startProcess(process.execPath, [BIN, ...args], env, cwd);
}

/** Any command, with the same clean environment (npm, npx, a script of the Action). */
export function startProcess(command: string, args: string[], env: Record<string, string> = {}, cwd = ROOT): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(command, args, { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 120_000, cwd = ROOT): Promise<CliResult> {
  return runProcess(process.execPath, [BIN, ...args], env, timeoutMs, cwd);
}

export function runProcess(command: string, args: string[], env: Record<string, string> = {}, timeoutMs = 120_000, cwd = ROOT): Promise<CliResult> {
  const { child, done } = startProcess(command, args, env, cwd);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return done.finally(() => clearTimeout(timer));
}

export async function tokenFor(tokenUrl: string, client: { id: string; secret: string }): Promise<string> {
  const response = await request(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.id, client_secret: client.secret }).toString(),
  });
  return ((await response.body.json()) as { access_token: string }).access_token;
}

/**
 * Live records of a resource (of every committed one with a filter operation, by default, one after
 * another) whose key starts with the given prefix (with no prefix: every record, as "resource id"),
 * read through the filter endpoints; a throttled read waits for the window.
 */
export async function liveKeys(baseUrl: string, token: string, prefix: string | null = 'conformance-', resource?: string): Promise<string[]> {
  if (resource === undefined) {
    const keys: string[] = [];
    const listed = loadResources().filter((fixture) => fixture.operations.some((operation) => operation.role === 'filter'));
    for (const fixture of listed) keys.push(...(await liveKeys(baseUrl, token, prefix, fixture.name)));
    return keys;
  }
  const fixture = loadResources().find((candidate) => candidate.name === resource)!;
  const page = fixture.list.page;
  const pageSize = Math.min(250, fixture.schemas.filter?.properties?.pageSize?.maximum ?? 250);
  const keys: string[] = [];
  let cursor: string | undefined;
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await request(`${baseUrl}${fixture.operations.find((operation) => operation.role === 'filter')!.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ pageSize, ...(cursor ? { cursor } : {}) }),
    });
    if (response.statusCode === 429) {
      await response.body.dump();
      await sleep(Math.min(5_000, Math.max(100, Number(response.headers['x-ratelimit-reset']) * 1000 - Date.now() + 50)));
      continue;
    }
    const body = (await response.body.json()) as { data: { id: string; key?: string | null }[] } & Record<string, { hasNextPage: boolean; endCursor: string | null }>;
    if (response.statusCode !== 200) throw new Error(`the ${resource} filter answered ${response.statusCode}: ${JSON.stringify(body)}`);
    keys.push(...(prefix === null ? body.data.map((record) => `${resource} ${record.id}`) : body.data.map((record) => record.key ?? '').filter((key) => key.startsWith(prefix))));
    if (!body[page].hasNextPage || !body[page].endCursor) break;
    cursor = body[page].endCursor!;
  }
  return keys;
}

export const clientEnv = (server: { clients: { id: string; secret: string }[] }) => ({
  MVMNT_CLIENT_ID: server.clients[0].id,
  MVMNT_CLIENT_SECRET: server.clients[0].secret,
});
