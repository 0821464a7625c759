/**
 * Answers kept between questions within a budget (entries, bytes or characters, as the caller
 * counts them). Past the budget everything is dropped and the cache fills again: what is kept
 * never changes (a store's rows), questions reuse a few keys, and dropping all at once keeps the
 * hot path free of recency bookkeeping. One value larger than the whole budget is not kept.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, { value: V; size: number }>();
  private used = 0;

  constructor(private readonly budget: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V, size = 1): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.used -= old.size;
    }
    if (size > this.budget) return;
    if (this.used + size > this.budget) {
      this.entries.clear();
      this.used = 0;
    }
    this.entries.set(key, { value, size });
    this.used += size;
  }
}
