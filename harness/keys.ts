// Client keys for records the run creates: every one starts with the run's prefix, so a sweep can
// find leftovers and nothing else is ever touched.
import { KEY_PREFIX } from '../model/run.ts';

export class KeyFactory {
  private counter = 0;
  readonly prefix: string;
  constructor(runId: string) {
    this.prefix = `${KEY_PREFIX}${runId}-`;
  }

  /** A fresh key, unique within the run. */
  next(label = 'k'): string {
    return `${this.prefix}${label}-${(this.counter++).toString(36)}`;
  }

  /** A fresh key of exactly `length` characters (at least the prefix plus a counter). */
  ofLength(length: number): string {
    const base = this.next('len');
    if (base.length > length) throw new Error(`a key of ${length} characters cannot hold the run prefix`);
    return base + 'x'.repeat(length - base.length);
  }

  /** A string that looks like a key of this run but belongs to no record. */
  unused(): string {
    return this.next('absent');
  }
}
