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

  /**
   * The value (a generated payload) with every key of the run in it replaced by a fresh one of the
   * same length: each attempt of a property, shrinking included, then sends keys of its own, so a
   * target that wrongly accepted one attempt cannot answer the next with a 409 for its key.
   */
  renew<Value>(value: Value): Value {
    if (typeof value === 'string') return (value.startsWith(this.prefix) ? this.like(value) : value) as Value;
    if (Array.isArray(value)) return value.map((item) => this.renew(item)) as Value;
    if (value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
      return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, this.renew(inner)])) as Value;
    }
    return value;
  }

  /** A fresh key as long as `original` (longer only where the counter has outgrown it). */
  private like(original: string): string {
    const base = this.next('r');
    return base.length < original.length ? base + 'x'.repeat(original.length - base.length) : base;
  }

  /** A string that looks like a key of this run but belongs to no record. */
  unused(): string {
    return this.next('absent');
  }
}
