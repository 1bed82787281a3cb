// Causes from the report model's side: violations grouped by what the checks recorded (kind, clause,
// status), one cause per violation, ranked MUST before SHOULD and then by clauses explained; a clause
// fails "as a consequence" when no cause breaks it directly; a waiver by cause waives only the
// clauses every cause of which is waived. Runs against real targets are in causes-run.test.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildReportModel, type CollectedTest, type ModelInput } from '../reporters/build-model.ts';
import { causeDefinitionFor, shapeOf } from '../reporters/causes.ts';
import { consoleSummary } from '../reporters/console-summary.ts';
import { loadExpectations } from '../reporters/expectations.ts';
import { renderMarkdown } from '../reporters/render-markdown.ts';
import { CAUSES, CLAUSES } from '../fixtures/load.ts';
import { reportDir } from './support/cli.ts';
import { modelInput } from './support/model-input.ts';
import type { Evidence } from '../model/evidence.ts';
import { type ViolationKind, VIOLATION_KINDS } from '../model/violation.ts';

function failing(clause: string, kind: ViolationKind | null, status: number, body = '{"error":"not_found","message":"m"}'): CollectedTest {
  const evidence: Evidence = {
    clause,
    title: clause,
    violations: kind === null ? [] : [{ kind, message: `a ${kind} violation.`, expected: 'e', received: 'r' }],
    fix: 'fix it',
    request: { method: 'GET', url: 'http://127.0.0.1:1/v1/vendors/x', headers: {} },
    response: { status, headers: {}, bodyExcerpt: body, truncated: false },
    curl: 'curl -i http://127.0.0.1:1/v1/vendors/x',
  };
  return { fullName: `${clause}: broken`, clause, state: 'failed', durationMs: 1, errors: ['boom'], evidence: kind === null ? [] : [evidence] };
}

const model = (tests: CollectedTest[], overrides: Partial<ModelInput> = {}) => buildReportModel(modelInput(tests, overrides));

const clause = (m: ReturnType<typeof model>, id: string) => m.clauses.find((c) => c.id === id)!;

// A flat envelope seen by three clauses, tokens not checked by two, a SHOULD-only defect on one.
const flatEnvelope = ['ERR-ENV-SHAPE', 'ERR-404-RANDOM-ID', 'ERR-422-FIELD-NAMED'].map((id) => failing(id, 'envelope-shape', 404));
const anyToken = ['ERR-401-GARBAGE-TOKEN', 'ERR-401-BAD-SIGNATURE'].map((id) => failing(id, 'status', 200, '{"id":"x"}'));
const noRequestId = [failing('ERR-HDR-REQUEST-ID', 'request-id', 200, '{}')];

describe('causes', () => {
  test('group violations by kind: three defects give three causes, ranked MUST first, then by clauses explained', () => {
    const m = model([...noRequestId, ...anyToken, ...flatEnvelope]);
    expect(m.causes.map((cause) => [cause.rank, cause.id, cause.level, cause.clauses.length])).toEqual([
      [1, 'envelope-shape', 'MUST', 3],
      [2, 'auth-not-enforced', 'MUST', 2],
      [3, 'request-id-missing', 'SHOULD', 1],
    ]);
    expect(m.causes[0]!.observed).toBe('they are {"error": <string>, "message": <string>} (3×)');
    expect(m.causes[1]!.observed).toBe('answered 200 (2×)');
    expect(m.causes[0]!.evidence).toMatchObject({ clause: 'ERR-ENV-SHAPE', status: 404, curl: expect.stringContaining('curl') });
  });

  test('a clause the cause does not break directly follows from it; the one it breaks does not', () => {
    const m = model(flatEnvelope);
    expect(clause(m, 'ERR-ENV-SHAPE')).toMatchObject({ causes: ['envelope-shape'] });
    expect(clause(m, 'ERR-ENV-SHAPE').followsFrom).toBeUndefined();
    expect(clause(m, 'ERR-404-RANDOM-ID')).toMatchObject({ causes: ['envelope-shape'], followsFrom: ['envelope-shape'] });
  });

  test('the same kind on another family, or another status, is another cause', () => {
    expect(causeDefinitionFor({ id: 'ERR-401-GARBAGE-TOKEN', family: 'auth' }, 'status', 200)?.id).toBe('auth-not-enforced');
    expect(causeDefinitionFor({ id: 'ERR-409-CREATE-DUPLICATE', family: 'duplicate-key' }, 'status', 201)?.id).toBe('duplicates-accepted');
    expect(causeDefinitionFor({ id: 'ERR-2XX-GET', family: 'success' }, 'status', 404)?.id).toBe('records-not-stored');
    expect(causeDefinitionFor({ id: 'ERR-404-RANDOM-ID', family: 'not-found' }, 'status', 500)?.id).toBe('server-errors');
    expect(causeDefinitionFor({ id: 'ERR-401-GARBAGE-TOKEN', family: 'auth' }, 'status', 500)?.id).toBe('server-errors');
  });

  test('a violation no rule takes, or a failure without violations, is a cause of its own, named after the clause', () => {
    const m = model([failing('ERR-401-SCHEME-CASE', 'status', 401), { ...failing('ERR-2XX-CREATE', null, 0), errors: ['setup: could not create a vendor (got 500)'], setupFailed: true }]);
    const own = m.causes.find((cause) => cause.id === 'ERR-401-SCHEME-CASE')!;
    expect(own).toMatchObject({ clauses: ['ERR-401-SCHEME-CASE'], home: ['ERR-401-SCHEME-CASE'] });
    expect(m.causes.find((cause) => cause.id === 'setup-failed')?.clauses).toEqual(['ERR-2XX-CREATE']);
  });

  test('a conformant run has no cause', () => {
    expect(model([{ fullName: 'ERR-ENV-SHAPE: ok', clause: 'ERR-ENV-SHAPE', state: 'passed', durationMs: 1, errors: [] }]).causes).toEqual([]);
  });

  test('every report leads with the causes: console top 5 with clause counts, Markdown table before the family table', () => {
    const m = model([...noRequestId, ...anyToken, ...flatEnvelope]);
    const summary = consoleSummary(m, []);
    expect(summary).toContain('fix first: Fix these 3 causes: all 6 failing clauses follow from them.');
    expect(summary).toMatch(/1\. \[MUST\] Error bodies are not the envelope .*\(envelope-shape\): 3 clauses/);
    const markdown = renderMarkdown(m);
    expect(markdown.indexOf('## What to fix first')).toBeGreaterThan(0);
    expect(markdown.indexOf('## What to fix first')).toBeLessThan(markdown.indexOf('| Family |'));
    expect(markdown).toContain('| 2 | Requests with a missing or invalid token are not refused with 401: answered 200 (2×) `auth-not-enforced` | MUST | 2: **ERR-401-GARBAGE-TOKEN**, **ERR-401-BAD-SIGNATURE** | 2 |');
    expect(markdown).toContain('Follows from: `envelope-shape` (fixing them fixes this clause)');
  });
});

describe('waivers by cause', () => {
  test('a clause whose other causes are waived follows from the causes shown; with every cause waived, the headline says so', () => {
    const both = failing('ERR-404-RANDOM-ID', 'envelope-shape', 404);
    both.evidence![0].violations.push({ kind: 'request-id', message: 'no X-Request-Id.', expected: 'e', received: 'r' });
    const waiveShape = { waivers: [{ cause: 'envelope-shape', reason: 'the mock uses the OpenAPI error shape' }] };
    const m = model([both, ...noRequestId], { expectations: waiveShape });
    expect(clause(m, 'ERR-404-RANDOM-ID').causes).toHaveLength(2);
    expect(consoleSummary(m, [])).toContain('fix first: Fix this cause: all 2 failing clauses follow from it.');
    const allWaived = model(flatEnvelope, { expectations: waiveShape });
    expect(consoleSummary(allWaived, [])).toContain('fix first: No clause fails outside the waived causes.');
  });

  test('waive the clauses that fail only from the waived cause; the run passes when nothing else fails', () => {
    const waiveShape = { waivers: [{ cause: 'envelope-shape', reason: 'the mock uses the OpenAPI error shape' }] };
    const m = model([...flatEnvelope, ...anyToken], { expectations: waiveShape });
    expect(clause(m, 'ERR-ENV-SHAPE')).toMatchObject({ status: 'waived', note: expect.stringContaining('the mock uses the OpenAPI error shape') });
    expect(clause(m, 'ERR-401-GARBAGE-TOKEN').status).toBe('failed');
    expect(m.causes.at(-1)).toMatchObject({ id: 'envelope-shape', waived: 'the mock uses the OpenAPI error shape' });
    expect(model(flatEnvelope, { expectations: waiveShape }).verdict).toBe('pass');
  });

  test('a cause waiver that no longer applies, or has expired, is reported', () => {
    const stale = model(anyToken, { expectations: { waivers: [{ cause: 'envelope-shape', reason: 'r' }] } });
    expect(stale.waivers.nowPassing).toEqual([{ cause: 'envelope-shape', reason: 'r' }]);
    const expired = model(flatEnvelope, { expectations: { waivers: [{ cause: 'envelope-shape', reason: 'r', expires: '2026-01-01' }] } });
    expect(expired.waivers.expired).toHaveLength(1);
    expect(clause(expired, 'ERR-ENV-SHAPE').status).toBe('failed');
  });

  test('the expectations file takes a cause id, and refuses an unknown one or a waiver naming both', () => {
    const dir = reportDir('expectations');
    const write = (waivers: unknown[]) => {
      const file = join(dir, `e-${Math.random()}.json`);
      writeFileSync(file, JSON.stringify({ waivers }));
      return file;
    };
    expect(loadExpectations(write([{ cause: 'records-not-stored', reason: 'stateless mock' }])).waivers).toEqual([{ cause: 'records-not-stored', reason: 'stateless mock' }]);
    expect(() => loadExpectations(write([{ cause: 'no-such-cause', reason: 'r' }]))).toThrow(/unknown cause: no-such-cause/);
    expect(() => loadExpectations(write([{ cause: 'envelope-shape', clause: 'ERR-ENV-SHAPE', reason: 'r' }]))).toThrow(/either a clause or a cause/);
  });
});

describe('the cause registry', () => {
  test('has unique ids that are not clause ids, and rules that name known kinds, families and clauses', () => {
    const ids = CAUSES.map((cause) => cause.id);
    expect(new Set(ids).size).toBe(ids.length);
    const clauseIds = new Set(CLAUSES.map((c) => c.id));
    const families = new Set(CLAUSES.map((c) => c.family));
    expect(ids.filter((id) => clauseIds.has(id))).toEqual([]);
    const kinds = new Set<string>([...VIOLATION_KINDS, 'setup']);
    const problems = CAUSES.flatMap((cause) => [
      ...cause.match.flatMap((rule) => [...rule.kinds.filter((kind) => !kinds.has(kind)), ...(rule.families ?? []).filter((f) => !families.has(f as never)), ...(rule.clauses ?? []).filter((c) => !clauseIds.has(c))]),
      ...(cause.home.clauses ?? []).filter((c) => !clauseIds.has(c)),
      ...(cause.home.families ?? []).filter((f) => !families.has(f as never)),
    ].map((problem) => `${cause.id}: ${problem}`));
    expect(problems).toEqual([]);
  });

  test('every violation kind a check can record has a cause', () => {
    const untaken = VIOLATION_KINDS.filter((kind) => !CAUSES.some((cause) => cause.match.some((rule) => rule.kinds.includes(kind))));
    expect(untaken).toEqual([]);
  });

  test('renders shapes of JSON bodies two levels deep', () => {
    expect(shapeOf({ error: { code: 'X', details: [{ field: 'a' }] } }, 2)).toBe('{"error": {"code": <string>, "details": <array>}}');
    expect(shapeOf([1], 2)).toBe('[<number>, ...]');
  });
});
