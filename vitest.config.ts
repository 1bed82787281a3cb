// The conformance run: suites/ against one target, in one worker (the pacing budget, the cleanup
// ledger and the run-wide tallies are shared by every file), files in sequence, tests concurrent.
import { defineConfig } from 'vitest/config';
import { ConformanceSequencer } from './runner/sequencer.ts';

const reportDir = process.env.MVMNT_REPORT_DIR?.trim() || 'reports';

export default defineConfig({
  test: {
    include: ['suites/**/*.test.ts'],
    globalSetup: ['runner/global-setup.ts'],
    setupFiles: ['runner/per-file.ts'],
    pool: 'threads',
    maxWorkers: 1,
    fileParallelism: false,
    isolate: false,
    maxConcurrency: 16,
    // Pacing may wait for a rate-limit window, and the burst waits for Reset: no test hangs, but
    // some legitimately take a while on a slow or tightly limited target.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    sequence: { sequencer: ConformanceSequencer },
    // Transformed modules are kept on disk between runs: a vendor fixing a mock reruns often.
    experimental: { fsModuleCache: true },
    reporters: [
      'default',
      './reporters/conformance-reporter.ts',
      ['junit', { outputFile: `${reportDir}/junit.xml` }],
      ...(process.env.GITHUB_ACTIONS === 'true' ? ['github-actions'] : []),
    ],
  },
});
