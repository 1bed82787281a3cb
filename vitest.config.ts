// The conformance run: suites/ against one target, in one worker (the pacing budget, the cleanup
// ledger and the run-wide tallies are shared by every file), files in sequence, tests concurrent.
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { ConformanceSequencer } from './runner/sequencer.ts';

// Reports land where the user stands: vitest would resolve a relative path against this package's
// folder, which for an installed copy lies inside node_modules.
const reportDir = resolve(process.env.MVMNT_REPORT_DIR?.trim() || 'reports');
// The CLI has validated MVMNT_PROFILE by now (from flags, the environment or .env): JUnit names it.
const profile = process.env.MVMNT_PROFILE?.trim().toLowerCase() || 'full';
// Vite's and vitest's caches stay out of the package too: one folder per installed copy.
const packageRoot = fileURLToPath(new URL('.', import.meta.url));
const cacheDir = join(tmpdir(), `mvmnt-conformance-vite-${createHash('sha256').update(packageRoot).digest('hex').slice(0, 16)}`);

export default defineConfig({
  cacheDir,
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
    experimental: { fsModuleCache: true, fsModuleCachePath: join(cacheDir, 'modules') },
    reporters: [
      'default',
      './reporters/conformance-reporter.ts',
      ['junit', { outputFile: `${reportDir}/junit.xml`, suiteName: `mvmnt-conformance (${profile} profile)` }],
      ...(process.env.GITHUB_ACTIONS === 'true' ? ['github-actions'] : []),
    ],
  },
});
