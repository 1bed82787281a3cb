// The vitest instance of a conformance run: the package's own configuration, run once, never watching.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestUserConfig, Vitest } from 'vitest/node';

const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function createConformanceVitest(options: TestUserConfig = {}): Promise<Vitest> {
  // Loaded only when a run starts: vitest is the heaviest import, and the checks before it must answer fast.
  const { createVitest } = await import('vitest/node');
  return createVitest('test', {
    root: PACKAGE_ROOT,
    config: join(PACKAGE_ROOT, 'vitest.config.ts'),
    run: true,
    watch: false,
    passWithNoTests: true,
    // Loaded in memory: bundling it would write a temporary file next to the installed package.
    configLoader: 'runner',
    ...options,
  });
}

export const REPORTER_MODULE = join(PACKAGE_ROOT, 'reporters', 'conformance-reporter.ts');
