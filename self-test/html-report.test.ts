// Self-test of conformance.html: escaping and the chart as plain strings, then the page itself opened
// from disk in headless Chromium (filters, evidence, no script injection, no requests, no errors).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { buildReportModel, type CollectedTest, type ModelInput } from '../reporters/build-model.ts';
import { renderChart } from '../reporters/html/chart.ts';
import type { HistoryEntry, ReportModel } from '../reporters/model.ts';
import { escapeHtml, renderHtml } from '../reporters/render-html.ts';
import { CLAUSES } from '../harness/registry.ts';
import type { Evidence } from '../model/evidence.ts';
import { FAMILIES } from '../fixtures/load.ts';

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT_DIR = resolve('self-test/.output');
const HTML_FILE = join(OUTPUT_DIR, 'conformance.html');
const SCREENSHOT = join(OUTPUT_DIR, 'conformance-html.png');

const HOSTILE_BODY = '{"error":{"code":"<script>alert(1)</script>","message":"</pre></details></td></tr></table><b>not bold</b> & \\"quoted\\" \'single\' </script><script>window.__injected = 1</script>"}}';
const CURL = `curl -i -X POST 'http://127.0.0.1:41234/vendors?limit=1&x=<y>' -H "Authorization: Bearer $MVMNT_TOKEN" -H 'content-type: application/json' --data-raw '{"name":"<script>alert(1)</script>","note":"it'\\''s"}'`;
const REPLAY = 'MVMNT_SEED=1234567 npx mvmnt-conformance --only ERR-ENV-CODE';

function evidence(overrides: Partial<Evidence> = {}): Evidence {
  return {
    clause: 'ERR-ENV-CODE',
    title: 'The error code matches the status',
    violations: [
      { kind: 'error-code', message: 'error.code is not the code of a 404', expected: '(string) "NOT_FOUND"', received: '(string) "<script>alert(1)</script>"' },
      { kind: 'content-type', message: 'Content-Type is not JSON', expected: 'application/json', received: 'text/html; charset=utf-8' },
    ],
    fix: 'Send the error code of the status: NOT_FOUND for 404 & so on.',
    request: { method: 'POST', url: 'http://127.0.0.1:41234/vendors?limit=1&x=<y>', headers: { 'content-type': 'application/json' }, bodyExcerpt: '{"name":"<b>"}' },
    response: {
      status: 404,
      headers: { 'content-type': 'text/html; charset=utf-8', 'x-debug': '<img src=x onerror=alert(2)>', 'x-request-id': 'req-"quoted"-&-1' },
      bodyExcerpt: HOSTILE_BODY,
      truncated: false,
    },
    curl: CURL,
    ...overrides,
  };
}

function test(clause: string, state: CollectedTest['state'], extra: Partial<CollectedTest> = {}): CollectedTest {
  return { fullName: `${clause} ${state === 'failed' ? 'fails' : 'holds'} on the target`, clause, state, durationMs: 42, errors: [], ...extra };
}

function historyEntry(index: number, failed: string[], passed: number): HistoryEntry {
  return {
    runId: `run-${index}`,
    startedAt: new Date(Date.UTC(2025, 10, 18 + index, 9, 30)).toISOString(),
    target: 'embedded',
    verdict: failed.length > 0 ? 'fail' : 'pass',
    counts: { passed, failed: failed.length, skipped: CLAUSES.length - passed - failed.length, waived: 0 },
    failed,
    durationMs: 20_000 + index * 1000,
    seed: 1000 + index,
  };
}

const PREVIOUS_RUNS: HistoryEntry[] = [
  historyEntry(0, ['ERR-422-FIELD-NAMED', 'ERR-404-WRONG-METHOD', 'ERR-429-RETRY-AFTER'], 40),
  historyEntry(1, [], 56),
  { ...historyEntry(2, ['ERR-ROBUST-JUNK'], 50), target: 'https://staging.example.com' },
  historyEntry(3, ['ERR-422-FIELD-NAMED', 'ERR-429-RETRY-AFTER'], 45),
];

function modelInput(overrides: Partial<ModelInput> = {}): ModelInput {
  const passed = ['ERR-400-MALFORMED-JSON', 'ERR-401-MISSING-TOKEN', 'ERR-404-RANDOM-ID', 'ERR-422-FIELD-NAMED', 'ERR-2XX-CREATE', 'ERR-ENV-SHAPE'];
  return {
    tool: { name: 'mvmnt-conformance', version: '0.1.0' },
    target: { baseUrl: 'http://127.0.0.1:41234', embedded: true },
    profile: 'full',
    resources: ['customers', 'vendors'],
    operations: ['POST /customers', 'GET /customers/{id}', 'POST /vendors', 'POST /vendors/{id}/approve'],
    runId: 'run-current',
    startedAt: '2025-11-22T10:15:00.000Z',
    durationMs: 83_400,
    seed: 1234567,
    interrupted: false,
    tests: [
      ...passed.flatMap((id) => [test(id, 'passed', { resource: 'customers' }), test(id, 'passed', { resource: 'vendors' })]),
      test('ERR-ENV-CODE', 'failed', {
        resource: 'vendors',
        evidence: [evidence({ resource: 'vendors' }), evidence({ counterexample: '[{"name":"","email":"a@b"}]', seed: 1234567, replay: REPLAY, response: null, transportFailure: 'timeout: no response within 10000 ms' })],
      }),
      test('ERR-ENV-CODE', 'passed', { resource: 'customers' }),
      test('ERR-429-RETRY-AFTER', 'failed', { errors: ['Error: Retry-After was "soon"\n    at check (harness/checks/rate-limit.ts:12:3)'] }),
      test('ERR-404-WRONG-METHOD', 'failed', { resource: 'customers', evidence: [evidence({ clause: 'ERR-404-WRONG-METHOD', resource: 'customers' })] }),
      test('ERR-404-WRONG-METHOD', 'passed', { resource: 'vendors' }),
      test('ERR-5XX-INTERNAL', 'skipped', { resource: 'vendors', note: 'the target ignores Prefer: code=500 & cannot be made to fail on purpose' }),
    ],
    unhandledErrors: [],
    stats: { requests: 1843, throttled: 0, waitedMs: 12_500, propertyCases: 400, propertyMs: 9_100, burstSent: 120, burstBudget: 150 },
    expectations: {
      waivers: [
        { clause: 'ERR-404-WRONG-METHOD', reason: 'the gateway answers 403 <for now>', expires: '2026-01-31' },
        { clause: 'ERR-429-RETRY-AFTER', reason: 'vendor ticket #42', expires: '2025-11-01' },
        { clause: 'ERR-401-MISSING-TOKEN', reason: 'flaky auth proxy' },
      ],
    },
    history: PREVIOUS_RUNS,
    today: new Date('2025-11-22T00:00:00Z'),
    ...overrides,
  };
}

const model: ReportModel = buildReportModel(modelInput());

describe('the model the page is tested with', () => {
  it('has every kind of row and notice the page renders', () => {
    expect(model.summary).toMatchObject({ passed: 6, failed: 2, waived: 1 });
    expect(model.clauses.find((c) => c.id === 'ERR-5XX-INTERNAL')).toMatchObject({ status: 'skipped', level: 'MAY' });
    expect(model.comparison).toMatchObject({ newlyFailing: ['ERR-ENV-CODE'], newlyPassing: ['ERR-422-FIELD-NAMED'] });
    expect(model.waivers.expired.map((w) => w.clause)).toEqual(['ERR-429-RETRY-AFTER']);
    expect(model.waivers.nowPassing.map((w) => w.clause)).toEqual(['ERR-401-MISSING-TOKEN']);
    expect(model.history).toHaveLength(3);
  });
});

describe('renderHtml as a string', () => {
  const html = renderHtml(model);

  it('escapes the five characters that matter in content and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });

  it('lets nothing from the model open an element', () => {
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>not bold</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.match(/<pre/g)?.length).toBe(html.match(/<\/pre>/g)?.length);
    expect(html.match(/<details/g)?.length).toBe(html.match(/<\/details>/g)?.length);
  });

  it('draws one bar for the current run when there is no history', () => {
    const first = buildReportModel(modelInput({ history: [] }));
    expect(first.comparison).toBeNull();
    const svg = renderChart(first);
    expect(svg.match(/<g class="run/g)).toHaveLength(1);
    expect(svg).toContain('<g class="run current"');
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(renderHtml(first)).toContain('first recorded run against this target');
  });

  it('keeps the chart readable with 30 earlier runs', () => {
    const many = Array.from({ length: 30 }, (_, index) => historyEntry(index, index % 3 === 0 ? ['ERR-ENV-CODE'] : [], 50 + (index % 5)));
    const svg = renderChart(buildReportModel(modelInput({ history: many })));
    expect(svg.match(/<g class="run/g)).toHaveLength(31);
    const xLabels = svg.match(/text-anchor="middle">\d\d-\d\d \d\d:\d\d</g) ?? [];
    expect(xLabels.length).toBeGreaterThan(5);
    expect(xLabels.length).toBeLessThanOrEqual(11);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });
});

describe('conformance.html in headless Chromium', () => {
  const hasChromium = existsSync(CHROMIUM);
  const fileUrl = pathToFileURL(HTML_FILE).href;
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  let userDataDir = '';
  let context: BrowserContext | undefined;
  let page: Page;

  const missing = `Chromium is not installed at ${CHROMIUM}, so the browser checks of conformance.html are skipped; install it with: apt-get install -y chromium`;

  function needChromium(ctx: TestContext): void {
    ctx.skip(!hasChromium, missing);
  }

  beforeAll(async () => {
    if (!hasChromium) {
      // The skip note alone does not show in the default reporter; this line does.
      console.warn(missing);
      return;
    }
    mkdirSync(OUTPUT_DIR, { recursive: true });
    writeFileSync(HTML_FILE, renderHtml(model));
    userDataDir = mkdtempSync(join(tmpdir(), 'mvmnt-html-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
    });
    context.on('request', (request) => requests.push(request.url()));
    // Anything but the file itself is refused, so a stray request fails fast instead of hanging.
    await context.route('**/*', (route) => (route.request().url() === fileUrl ? route.continue() : route.abort()));
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(5_000);
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(fileUrl, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('shows the target, the verdict and the counts', async (ctx) => {
    needChromium(ctx);
    await expect(page.title()).resolves.toBe(`MVMNT conformance: FAIL: 6 passed, 2 failed, ${CLAUSES.length - 9} skipped, 1 waived`);
    expect(await page.locator('#verdict .verdict').textContent()).toBe('FAIL');
    const counts = await page.locator('#counts button').allTextContents();
    expect(counts).toEqual(['6passed', '2failed', `${CLAUSES.length - 9}skipped`, '1waived']);
    expect(await page.locator('header.run').textContent()).toContain('http://127.0.0.1:41234 (embedded reference server)');
    expect(await page.locator('#matrix-family tbody tr').count()).toBe(FAMILIES.length);
  });

  it('shows the resource × family matrix, whose cells narrow the table to a family on a resource', async (ctx) => {
    needChromium(ctx);
    const matrix = page.locator('#matrix-resource');
    expect(await matrix.locator('thead th').allTextContents()).toEqual(['Family', 'customers', 'vendors']);
    const envelope = matrix.locator('tbody tr', { has: page.locator('th', { hasText: /^envelope$/ }) });
    expect(await envelope.locator('td').allTextContents()).toEqual(['✓ 2', '✗ 1 of 2 failed']);
    await envelope.locator('button[data-filter-resource=vendors]').click();
    const visible = page.locator('tr.clause:visible th[scope=row]');
    expect(await visible.allTextContents()).toEqual(['ERR-ENV-SHAPE', 'ERR-ENV-CODE']);
    expect(await page.locator('#filter-resource').inputValue()).toBe('vendors');
    await page.click('#filter-reset');

    // A resource and a status together: the clauses that failed on that resource.
    await page.selectOption('#filter-resource', 'customers');
    await page.selectOption('#filter-status', 'failed');
    expect(await visible.allTextContents()).toEqual(['ERR-404-WRONG-METHOD']);
    await page.click('#filter-reset');
  });

  it('lists the changes since the previous run and the waiver notices', async (ctx) => {
    needChromium(ctx);
    expect(await page.locator('[data-change=newly-failing]').textContent()).toContain('ERR-ENV-CODE');
    expect(await page.locator('[data-change=newly-passing]').textContent()).toContain('ERR-422-FIELD-NAMED');
    const notices = await page.locator('#waiver-notices li').allTextContents();
    expect(notices).toHaveLength(3);
    expect(notices.join('\n')).toMatch(/ERR-429-RETRY-AFTER: the waiver expired on 2025-11-01/);
    expect(notices.join('\n')).toMatch(/ERR-401-MISSING-TOKEN: waived but now passing/);
    expect(notices.join('\n')).toContain('the gateway answers 403 <for now>');
  });

  it('leads with the causes, above the tables; each opens to its fix, clauses and evidence, and links to the clause rows', async (ctx) => {
    needChromium(ctx);
    expect(await page.locator('#causes-headline').textContent()).toBe('Fix these 3 causes: all 2 failing clauses follow from them.');
    expect(await page.locator('li.cause').evaluateAll((items) => items.map((item) => item.getAttribute('data-cause')))).toEqual(['error-body-not-json', 'error-codes', 'ERR-429-RETRY-AFTER']);
    const above = await page.evaluate(`['matrix-heading', 'clauses'].map((id) => Boolean(document.getElementById('causes').compareDocumentPosition(document.getElementById(id)) & Node.DOCUMENT_POSITION_FOLLOWING))`);
    expect(above).toEqual([true, true]);

    const cause = page.locator('#cause-error-codes');
    expect(await cause.locator('summary').textContent()).toContain('error.code does not follow the status table: (string) "<script>alert(1)</script>"');
    const curl = cause.locator('pre.curl');
    expect(await curl.isVisible()).toBe(false);
    await cause.locator('summary').click();
    expect(await curl.textContent()).toBe(CURL);
    expect(await cause.locator('pre.response').textContent()).toContain('<script>alert(1)</script>');
    await cause.locator('a.clause-link', { hasText: 'ERR-ENV-CODE' }).click();
    await expect.poll(() => page.locator('#clause-ERR-ENV-CODE details.clause-details').getAttribute('open')).toBe('');
    expect(await page.locator('#clause-ERR-ENV-CODE').textContent()).toContain('Causes: error-body-not-json, error-codes');
    await page.locator('#clause-ERR-ENV-CODE details.clause-details > summary').click();
  });

  it('has one table row per clause, in registry order', async (ctx) => {
    needChromium(ctx);
    const ids = await page.locator('tr.clause th[scope=row]').allTextContents();
    expect(ids).toEqual(model.clauses.map((clause) => clause.id));
  });

  it('filters the rows by status, family and level, and resets', async (ctx) => {
    needChromium(ctx);
    const visible = page.locator('tr.clause:visible');
    await page.selectOption('#filter-status', 'failed');
    expect(await visible.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status')))).toEqual(['failed', 'failed']);
    expect(await page.locator('#shown-count').textContent()).toBe(`2 of ${CLAUSES.length} clauses`);

    await page.selectOption('#filter-status', 'skipped');
    await page.selectOption('#filter-level', 'MAY');
    const skippedMay = model.clauses.filter((c) => c.status === 'skipped' && c.level === 'MAY').map((c) => c.id);
    expect(await visible.locator('th[scope=row]').allTextContents()).toEqual(skippedMay);

    await page.selectOption('#filter-family', 'auth');
    expect(await visible.count()).toBe(model.clauses.filter((c) => c.status === 'skipped' && c.level === 'MAY' && c.family === 'auth').length);
    await page.selectOption('#filter-family', 'headers');
    expect(await visible.count()).toBe(0);
    expect(await page.locator('#no-match').isVisible()).toBe(true);

    await page.click('#filter-reset');
    expect(await visible.count()).toBe(model.clauses.length);
    expect(await page.locator('#no-match').isVisible()).toBe(false);

    await page.click('#matrix-family button[data-filter-family=envelope][data-filter-status=failed]');
    expect(await visible.locator('th[scope=row]').allTextContents()).toEqual(['ERR-ENV-CODE']);
    await page.click('#filter-reset');
  });

  it('expands a failure to its evidence and curl line', async (ctx) => {
    needChromium(ctx);
    const row = page.locator('#clause-ERR-ENV-CODE');
    const curl = row.locator('pre.curl').first();
    expect(await curl.isVisible()).toBe(false);
    await row.locator('details.clause-details > summary').click();
    expect(await curl.isVisible()).toBe(true);
    expect(await curl.textContent()).toBe(CURL);
    const violations = await row.locator('table.violations').first().textContent();
    expect(violations).toContain('(string) "NOT_FOUND"');

    const second = row.locator('details.failure').nth(1);
    expect(await second.locator('pre.replay').isVisible()).toBe(false);
    await second.locator('summary').click();
    expect(await second.locator('pre.replay').textContent()).toBe(REPLAY);
    expect(await second.locator('pre.counterexample').textContent()).toBe('[{"name":"","email":"a@b"}]');
    expect(await second.textContent()).toContain('No response: timeout: no response within 10000 ms');

    await row.locator('button.copy').first().click();
    await expect.poll(() => row.locator('button.copy').first().textContent()).not.toBe('Copy');
  });

  it('shows injected markup as text and never runs it', async (ctx) => {
    needChromium(ctx);
    const response = await page.locator('#clause-ERR-ENV-CODE pre.response').first().textContent();
    expect(response).toContain('<script>alert(1)</script>');
    expect(response).toContain('</pre></details>');
    expect(response).toContain('x-debug: <img src=x onerror=alert(2)>');
    // A string, because the project compiles without the DOM types.
    expect(await page.evaluate(`({ scripts: document.scripts.length, images: document.images.length, injected: '__injected' in window })`))
      .toEqual({ scripts: 1, images: 0, injected: false });
    expect(dialogs).toEqual([]);
  });

  it('draws one bar per run in the history chart', async (ctx) => {
    needChromium(ctx);
    const runs = page.locator('svg#history-chart g.run');
    expect(await runs.count()).toBe(model.history.length + 1);
    expect(await page.locator('svg#history-chart rect.bar-passed').count()).toBe(model.history.length + 1);
    expect(await runs.evaluateAll((groups) => groups.map((g) => [g.getAttribute('data-run-id'), g.getAttribute('data-failed')])))
      .toEqual([['run-0', '3'], ['run-1', '0'], ['run-3', '2'], ['run-current', '2']]);
    expect(await page.locator('svg#history-chart g.run.current').count()).toBe(1);
  });

  it('logs no error and requests nothing but the file', async (ctx) => {
    needChromium(ctx);
    await page.locator('#clause-ERR-5XX-INTERNAL details.clause-details > summary').click();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect([...new Set(requests)]).toEqual([fileUrl]);
  });
});
