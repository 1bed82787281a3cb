// The report model's input for tests that build a model from hand-made test results: a remote target
// judged on vendors, no history, no expectations, a fixed "today".
import type { CollectedTest, ModelInput } from '../../reporters/build-model.ts';

export function modelInput(tests: CollectedTest[], overrides: Partial<ModelInput> = {}): ModelInput {
  return {
    tool: { name: 'mvmnt-conformance', version: '0.0.0' },
    target: { baseUrl: 'http://127.0.0.1:1/v1', embedded: false },
    profile: 'full',
    resources: ['vendors'],
    operations: ['POST /vendors', 'GET /vendors/{id}'],
    runId: 'now',
    startedAt: '2026-11-26T00:00:00.000Z',
    durationMs: 10,
    seed: 1,
    interrupted: false,
    tests,
    unhandledErrors: [],
    stats: null,
    expectations: null,
    history: [],
    today: new Date('2026-11-26T12:00:00Z'),
    ...overrides,
  };
}
