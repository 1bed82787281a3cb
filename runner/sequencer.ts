// File order and sharding: the rate-limit burst runs after every other clause (it spends the
// budget), and the run-wide clauses run last, in every shard, over what that shard received.
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { BURST, RUN_WIDE } from './files.ts';

function rank(spec: TestSpecification): number {
  if (RUN_WIDE.test(spec.moduleId)) return 2;
  if (BURST.test(spec.moduleId)) return 1;
  return 0;
}

export class ConformanceSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId));
  }

  override async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { index, count } = this.ctx.config.shard!;
    const ordinary = files.filter((file) => rank(file) === 0).sort((a, b) => a.moduleId.localeCompare(b.moduleId));
    const mine = ordinary.filter((_, position) => position % count === index - 1);
    const burst = index === count ? files.filter((file) => rank(file) === 1) : [];
    return [...mine, ...burst, ...files.filter((file) => rank(file) === 2)];
  }
}
