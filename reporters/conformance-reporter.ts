// Placeholder replaced below.
import type { Reporter } from 'vitest/reporters';
export default class ConformanceReporter implements Reporter {}
