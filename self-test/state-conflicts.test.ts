// State conflicts: the checks say a conflict is one whatever the status it got, and on the reference
// server a run passes the conflict clauses and voids the credit memos (no DELETE) it made. That each
// conflict mutant is killed and diagnosed by its cause is the kill matrix's to prove (`diagnosis`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { describe, expect, test } from 'vitest';
import { startReferenceServer } from '../reference-server/index.ts';
import type { Cause, ClauseResult } from '../reporters/model.ts';
import { stateConflictRefused, stateIn, stateMovedTo, stateUnchanged } from '../harness/checks/state.ts';
import { clientEnv, reportDir, runCli, tokenFor } from './support/cli.ts';
import { exchange } from './support/exchanges.ts';

interface Report {
  causes: Cause[];
  clauses: ClauseResult[];
}

async function conflictRun(resources: string, env: Record<string, string> = {}) {
  const server = await startReferenceServer({ rateLimit: { limit: 1000, windowSeconds: 2 } });
  try {
    const dir = reportDir('conflict');
    const result = await runCli(['--base-url', server.baseUrl, '--token-url', server.tokenUrl, '--report-dir', dir, '--resources', resources, '--only', 'conflict'], { ...clientEnv(server), ...env });
    const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as Report;
    return { result, report, server };
  } catch (error) {
    await server.close();
    throw error;
  }
}

describe('the state-conflict checks', () => {
  const rule = { says: 'cannot cancel a shipment that is already canceled', field: 'status' };
  test('a conflict answered otherwise than 409 is called a state conflict, whatever the status', () => {
    expect(stateConflictRefused(rule)(exchange({ status: 422, json: { error: { code: 'VALIDATION_ERROR', message: 'm' } } }))[0]!.message).toMatch(/^A state conflict was answered 422: the record's state forbids this action \(cannot cancel/);
    expect(stateConflictRefused(rule)(exchange({ status: 200, json: {} }))[0]!.message).toMatch(/which is a 409, not a success/);
  });

  test('a 409 needs the envelope (problem+json allowed) and any UPPER_SNAKE code', () => {
    // As every request to an action with a state rule is (harness/resource.ts).
    const guarded = { request: { method: 'POST', url: 'http://127.0.0.1:1/v1/shipments/x/cancel', headers: {}, operation: 'action', stateConflict: true } } as const;
    expect(stateConflictRefused(rule)(exchange({ status: 409, json: { error: { code: 'CONFLICT', message: 'm' } }, headers: { 'content-type': 'application/problem+json' } }, guarded))).toEqual([]);
    expect(stateConflictRefused(rule)(exchange({ status: 409, json: { error: { code: 'conflict', message: 'm' } } }, guarded)).map((violation) => violation.kind)).toEqual(['error-code']);
    expect(stateConflictRefused(rule)(exchange({ status: 409, json: { message: 'Conflict' } }, guarded)).map((violation) => violation.kind)).toContain('envelope-shape');
    expect(stateConflictRefused(rule)(exchange(null, { ...guarded, failure: { kind: 'timeout', message: 'slow' } })).map((violation) => violation.kind)).toEqual(['no-response']);
  });

  test('a list state is the value of each item: moved when every item holds the new state', () => {
    expect(stateIn({ orders: [{ billingStatus: 'DOCS_NEEDED' }, {}] }, 'orders[].billingStatus')).toEqual(['DOCS_NEEDED', undefined]);
    expect(stateUnchanged('status', 'OPEN')(exchange({ json: { status: 'CANCELED' } }))[0]!.kind).toBe('state-changed');
    expect(stateMovedTo('orders[].billingStatus', 'INVOICED')(exchange({ json: { orders: [{ billingStatus: 'INVOICED' }] } }))).toEqual([]);
    expect(stateMovedTo('orders[].billingStatus', 'INVOICED')(exchange({ json: { orders: [] } }))[0]!.kind).toBe('state-not-moved');
  });
});

describe('records through their workflow', () => {
  test('a run passes the conflict clauses on the reference server and voids the credit memos it made, which have no DELETE', async () => {
    const { result, report, server } = await conflictRun('credit-memos,shipments', { MVMNT_DISPOSABLE: 'yes' });
    try {
      expect(result.code, result.stdout.slice(-2000)).toBe(0);
      expect(report.clauses.find((clause) => clause.id === 'ERR-409-STATE-ALLOWED')!.resources).toMatchObject({ 'credit-memos': 'passed', shipments: 'passed' });
      const token = await tokenFor(server.tokenUrl, server.clients[0]);
      const listed = await request(`${server.baseUrl}/credit-memos/filter`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"pageSize": 100}' });
      const memos = ((await listed.body.json()) as { data: { status?: string }[] }).data;
      expect(memos.length).toBeGreaterThan(0);
      expect(memos.map((memo) => memo.status)).toEqual(memos.map(() => 'VOIDED'));
    } finally {
      await server.close();
    }
  });
});
