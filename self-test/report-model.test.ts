// The report model: clause verdicts from tests, waivers (active, expired, now passing), the comparison
// with the previous run of the same target, and the Markdown a vendor reads.
import { describe, expect, test } from 'vitest';
import { buildReportModel, historyEntry, type CollectedTest } from '../reporters/build-model.ts';
import { renderMarkdown } from '../reporters/render-markdown.ts';
import { CLAUSES } from '../harness/registry.ts';
import { modelInput } from './support/model-input.ts';

const evidence = {
  clause: 'ERR-404-RANDOM-ID',
  title: 'An unknown UUID is a 404',
  violations: [{ kind: 'status' as const, message: 'Status 500 is not 404.', expected: '404', received: '500 Internal Server Error' }],
  fix: 'Answer 404.',
  request: { method: 'GET', url: 'http://127.0.0.1:1/v1/vendors/x', headers: { authorization: 'Bearer $MVMNT_TOKEN' } },
  response: { status: 500, headers: { 'content-type': 'application/json' }, bodyExcerpt: '{"error":{"code":"INTERNAL_ERROR","message":"m"}}', truncated: false },
  curl: `curl -i 'http://127.0.0.1:1/v1/vendors/x' -H "authorization: Bearer $MVMNT_TOKEN"`,
};
const passed = (clause: string): CollectedTest => ({ fullName: `${clause}: ok`, clause, state: 'passed', durationMs: 1, errors: [] });
const failed = (clause: string): CollectedTest => ({ fullName: `${clause}: broken`, clause, state: 'failed', durationMs: 1, errors: ['boom'], evidence: [{ ...evidence, clause }] });
const input = modelInput;
const status = (model: ReturnType<typeof buildReportModel>, id: string) => model.clauses.find((clause) => clause.id === id)!;

describe('clause verdicts', () => {
  test('failed if any of its tests failed, passed if one passed, else skipped with the reason', () => {
    const skippedNote: CollectedTest = { fullName: 'ERR-5XX-INTERNAL: x', clause: 'ERR-5XX-INTERNAL', state: 'skipped', durationMs: 0, note: 'the target ignores Prefer: code=500', errors: [] };
    const model = buildReportModel(input([passed('ERR-404-RANDOM-ID'), failed('ERR-404-RANDOM-ID'), passed('ERR-2XX-GET'), skippedNote]));
    expect(status(model, 'ERR-404-RANDOM-ID')).toMatchObject({ status: 'failed', failures: [{ message: 'Status 500 is not 404.' }] });
    expect(status(model, 'ERR-2XX-GET').status).toBe('passed');
    expect(status(model, 'ERR-5XX-INTERNAL')).toMatchObject({ status: 'skipped', note: 'the target ignores Prefer: code=500' });
    expect(status(model, 'ERR-2XX-CREATE')).toMatchObject({ status: 'skipped', note: 'not selected in this run' });
    expect(model.verdict).toBe('fail');
  });

  test('a failed MAY clause does not fail the run; a failure without evidence keeps its error text', () => {
    const mayFailure: CollectedTest = { ...passed('ERR-5XX-INTERNAL'), state: 'failed', errors: ['setup: could not create a Vendor'] };
    const model = buildReportModel(input([mayFailure]));
    expect(status(model, 'ERR-5XX-INTERNAL')).toMatchObject({ status: 'failed', failures: [{ message: 'setup: could not create a Vendor' }] });
    expect(model.verdict).toBe('pass');
  });
});

describe('waivers', () => {
  const waivers = {
    waivers: [
      { clause: 'ERR-404-RANDOM-ID', reason: 'ticket 1' },
      { clause: 'ERR-404-DELETE-TWICE', reason: 'ticket 2', expires: '2026-11-01' },
      { clause: 'ERR-2XX-GET', reason: 'ticket 3' },
    ],
  };
  const model = buildReportModel(input([failed('ERR-404-RANDOM-ID'), failed('ERR-404-DELETE-TWICE'), passed('ERR-2XX-GET')], { expectations: waivers }));

  test('an active waiver turns a failure into waived and the run passes without it', () => {
    expect(status(model, 'ERR-404-RANDOM-ID')).toMatchObject({ status: 'waived', note: 'waived: ticket 1' });
    expect(buildReportModel(input([failed('ERR-404-RANDOM-ID')], { expectations: waivers })).verdict).toBe('pass');
  });

  test('an expired waiver fails again and is reported; a waived clause that passes is reported', () => {
    expect(status(model, 'ERR-404-DELETE-TWICE').status).toBe('failed');
    expect(model.waivers.expired.map((w) => w.clause)).toEqual(['ERR-404-DELETE-TWICE']);
    expect(model.waivers.nowPassing.map((w) => w.clause)).toEqual(['ERR-2XX-GET']);
    expect(model.summary).toMatchObject({ waived: 1, failed: 1, passed: 1 });
  });
});

describe('history', () => {
  test('newly failing and newly passing are judged against the previous run of the same target', () => {
    const previous = historyEntry(buildReportModel(input([failed('ERR-2XX-GET'), passed('ERR-404-RANDOM-ID')], { runId: 'before', startedAt: '2026-11-25T00:00:00.000Z' })));
    const otherTarget = { ...previous, runId: 'elsewhere', target: 'http://other.example/v1', failed: [] };
    const model = buildReportModel(input([passed('ERR-2XX-GET'), failed('ERR-404-RANDOM-ID')], { history: [previous, otherTarget] }));
    expect(model.comparison).toEqual({ previousStartedAt: '2026-11-25T00:00:00.000Z', newlyFailing: ['ERR-404-RANDOM-ID'], newlyPassing: ['ERR-2XX-GET'], newlyFailingOn: [], newlyPassingOn: [] });
    expect(model.history.map((entry) => entry.runId)).toEqual(['before']);
  });

  test('history compares per clause and resource: a clause failing before and now, on another resource, is news', () => {
    const on = (resource: string, test: CollectedTest): CollectedTest => ({ ...test, fullName: `${resource} > ${test.fullName}`, resource });
    const twoResources = { resources: ['customers', 'vendors'] };
    const before = buildReportModel(input([on('vendors', failed('ERR-2XX-GET')), on('customers', passed('ERR-2XX-GET'))], { ...twoResources, runId: 'before' }));
    const now = buildReportModel(input([on('vendors', passed('ERR-2XX-GET')), on('customers', failed('ERR-2XX-GET'))], { ...twoResources, history: [historyEntry(before)] }));
    expect(status(now, 'ERR-2XX-GET')).toMatchObject({ status: 'failed', resources: { customers: 'failed', vendors: 'passed' } });
    expect(now.comparison).toMatchObject({ newlyFailing: [], newlyPassing: [], newlyFailingOn: [{ clause: 'ERR-2XX-GET', resource: 'customers' }], newlyPassingOn: [{ clause: 'ERR-2XX-GET', resource: 'vendors' }] });
    expect(historyEntry(now)).toMatchObject({ failedOn: ['ERR-2XX-GET customers'], resources: ['customers', 'vendors'] });
  });

  test('embedded runs share one history target whatever their port', () => {
    const embedded = (port: number) => ({ baseUrl: `http://127.0.0.1:${port}/v1`, embedded: true });
    const first = historyEntry(buildReportModel(input([], { target: embedded(1111), runId: 'a' })));
    expect(buildReportModel(input([], { target: embedded(2222), history: [first] })).comparison).not.toBeNull();
  });

  test('a gate run is compared with earlier gate runs only: what only the full profile sends must not read as fixed (lines without a profile are full runs)', () => {
    const full = historyEntry(buildReportModel(input([failed('ERR-422-FIELD-NAMED')], { runId: 'nightly', startedAt: '2026-11-25T00:00:00.000Z' })));
    const olderFull = { ...full, runId: 'older', profile: undefined };
    const gateBefore = historyEntry(buildReportModel(input([passed('ERR-422-FIELD-NAMED')], { runId: 'gate-before', profile: 'gate', startedAt: '2026-11-24T00:00:00.000Z' })));
    const gate = buildReportModel(input([passed('ERR-422-FIELD-NAMED')], { profile: 'gate', history: [gateBefore, olderFull, full] }));
    expect(gate.comparison).toMatchObject({ previousStartedAt: '2026-11-24T00:00:00.000Z', newlyPassing: [] });
    expect(gate.history.map((entry) => entry.runId)).toEqual(['gate-before']);
    expect(historyEntry(gate).profile).toBe('gate');
    expect(buildReportModel(input([passed('ERR-422-FIELD-NAMED')], { history: [gateBefore, olderFull, full] })).history.map((entry) => entry.runId)).toEqual(['older', 'nightly']);
  });
});

describe('the Markdown report', () => {
  test('shows the verdict, the tables, and each failure with expected, received, fix, response and curl', () => {
    const markdown = renderMarkdown(buildReportModel(input([failed('ERR-404-RANDOM-ID')])));
    expect(markdown).toMatch(new RegExp(`^# MVMNT conformance: FAIL: 0 passed, 1 failed, ${CLAUSES.length - 1} skipped, 0 waived`));
    expect(markdown).toContain('| not-found | 7 | 0 | 1 | 6 | 0 |');
    expect(markdown).toContain('### ERR-404-RANDOM-ID (MUST, not-found): An unknown UUID is a 404');
    expect(markdown).toContain('- Expected: 404');
    expect(markdown).toContain('- Received: 500 Internal Server Error');
    expect(markdown).toContain('- Fix: Answer 404.');
    expect(markdown).toContain('{"error":{"code":"INTERNAL_ERROR","message":"m"}}');
    expect(markdown).toContain(evidence.curl);
  });
});
