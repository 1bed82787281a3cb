// Self-tests: the harness, checks, reporters, reference server, CLI and the mutant kill matrix.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: '.',
    include: ['self-test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Files run one after another: most of them start conformance runs, and the kill matrix is
    // budgeted for a machine it has to itself.
    fileParallelism: false,
  },
});
