// The command refuses to start, with exit 2 and one line naming what to fix, before sending anything.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { startReferenceServer } from '../reference-server/index.ts';
import { reportDir, runCli } from './support/cli.ts';
import { listen } from './support/servers.ts';
import { CLAUSES } from '../harness/registry.ts';

const oneLine = (stderr: string) => stderr.trim().split('\n');
const reports = reportDir('errors');

describe('configuration errors end the run with exit 2 and one line', () => {
  test.concurrent.for([
    ['a base URL that is no URL', [], { MVMNT_BASE_URL: 'staging.example' }, /MVMNT_BASE_URL is not a URL/],
    ['a timeout that is no number', [], { MVMNT_REQUEST_TIMEOUT_MS: 'ten' }, /MVMNT_REQUEST_TIMEOUT_MS is not an integer/],
    ['a secret without its id', [], { MVMNT_CLIENT_SECRET: 's3cret-value' }, /MVMNT_CLIENT_SECRET is set but MVMNT_CLIENT_ID is not/],
    ['a remote target without credentials', ['--base-url', 'http://127.0.0.1:9/v1'], {}, /no credentials/],
    ['the client secret as a flag', ['--client-secret', 's3cret-value'], {}, /--client-secret is refused/],
    ['an unknown --only selector', ['--only', 'ERR-NOPE-CLAUSE'], {}, /--only names no family or clause id: ERR-NOPE-CLAUSE/],
    ['an expectations file that does not exist', ['--expect', 'no-such-file.json'], {}, /MVMNT_EXPECTATIONS cannot be read/],
  ] as const)('%s', async ([, args, env, message]) => {
    const result = await runCli([...args, '--report-dir', reports], env);
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).not.toContain('s3cret-value');
  });
});

describe('target problems end the run with exit 2 and one line', () => {
  const counting = listen((_, res) => {
    requests += 1;
    res.writeHead(404).end();
  });
  let requests = 0;
  const reference = startReferenceServer();
  afterAll(async () => {
    await (await counting).close();
    await (await reference).close();
  });

  test('a production host is refused before any request is sent', async () => {
    const server = await counting;
    const result = await runCli(['--base-url', `${server.url}/v1`, '--report-dir', reports], { MVMNT_ACCESS_TOKEN: 'token-value', MVMNT_PRODUCTION_HOSTS: '127.0.0.1' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/refusing to run against production host 127\.0\.0\.1: the run creates and deletes records/);
    expect(requests).toBe(0);
  });

  test('an unreachable target is named with the error', async () => {
    const closed = await listen(() => undefined);
    const url = closed.url;
    await closed.close();
    const result = await runCli(['--base-url', `${url}/v1`, '--report-dir', reports], { MVMNT_ACCESS_TOKEN: 'token-value' });
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(new RegExp(`cannot reach ${new URL(url).host}: ECONNREFUSED`));
  });

  test('credentials the token endpoint refuses name the variables to check', async () => {
    const server = await reference;
    const result = await runCli(['--base-url', server.baseUrl, '--report-dir', reports], { MVMNT_CLIENT_ID: server.clients[0].id, MVMNT_CLIENT_SECRET: 'wrong-secret-value' });
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/answered 401 without a token: check MVMNT_CLIENT_ID, MVMNT_CLIENT_SECRET and MVMNT_TOKEN_URL/);
    expect(result.stderr).not.toContain('wrong-secret-value');
  });
});

describe('informational flags', () => {
  test('--list prints every clause, then per resource clauses × operations with the reasons of skips; --version and --help work', async () => {
    const list = await runCli(['--list']);
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    for (const clause of CLAUSES) expect(lines.filter((line) => line.startsWith(`${clause.id} `) && line.includes(clause.family))).toHaveLength(1);
    const tables = lines.filter((line) => line.endsWith(': clause × operation')).map((line) => line.split(':')[0]);
    expect(tables).toEqual(expect.arrayContaining(['carriers', 'customers', 'vendors', 'shipments']));
    const customers = list.stdout.slice(list.stdout.indexOf('customers: clause × operation'));
    expect(customers).toMatch(/^ {2}\d+ POST \/customers\/filter$/m);
    expect(customers).toMatch(/^ERR-401-MISSING-TOKEN +(✓ +)+$/m);
    expect(list.stdout).toMatch(/^ {2}-\d+ vendors declares no lookup parameter$/m);
    const narrowed = await runCli(['--list', '--resources', 'vendors,customers']);
    expect(narrowed.stdout.match(/^.*: clause × operation$/gm)).toEqual(['customers: clause × operation', 'vendors: clause × operation']);
    const unknown = await runCli(['--list', '--resources', 'vendors,spaceships']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/MVMNT_RESOURCES names no known resource: spaceships/);
    expect((await runCli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await runCli(['--help']);
    expect(help.stdout).toContain('--base-url');
    expect(help.stdout).toContain('MVMNT_CLIENT_SECRET');
    expect(help.stdout).toMatch(/MVMNT_REF_CUSTOMERS +id of a live record of customers/);
  });
});

describe('where settings come from', () => {
  test('.env is read; the environment wins over it; a flag wins over both', async () => {
    const cwd = reportDir('dotenv');
    writeFileSync(join(cwd, '.env'), 'MVMNT_REQUEST_TIMEOUT_MS=from-dotenv\n');
    expect((await runCli(['--list'], {}, 30_000, cwd)).code).toBe(0);
    const fromDotenv = await runCli(['--report-dir', cwd], {}, 30_000, cwd);
    expect(fromDotenv.stderr).toMatch(/MVMNT_REQUEST_TIMEOUT_MS is not an integer: 'from-dotenv'/);
    const fromEnvironment = await runCli(['--report-dir', cwd], { MVMNT_REQUEST_TIMEOUT_MS: 'from-environment' }, 30_000, cwd);
    expect(fromEnvironment.stderr).toMatch(/'from-environment'/);
    const fromFlag = await runCli(['--report-dir', cwd, '--request-timeout', 'from-flag'], { MVMNT_REQUEST_TIMEOUT_MS: 'from-environment' }, 30_000, cwd);
    expect(fromFlag.stderr).toMatch(/'from-flag'/);
  });
});
