/**
 * A size-bounded key/value memory for the ingest hot path. It only ever saves a statement: every
 * caller has a database fallback for a miss, so forgetting an entry (eviction, or `clear()` after
 * a rolled-back batch) is always safe.
 */
export class BoundedCache<Key, Value> {
  private readonly entries = new Map<Key, Value>();

  constructor(private readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: Key): Value | undefined {
    return this.entries.get(key);
  }

  has(key: Key): boolean {
    return this.entries.has(key);
  }

  /**
   * Remembers a value; the entry written longest ago goes when the cache is full. Reads do not
   * refresh an entry: a map lookup is all the hot path can afford, and a wrong guess costs one miss.
   */
  set(key: Key, value: Value): void {
    if (this.entries.has(key)) this.entries.delete(key);
    else if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
  }

  delete(key: Key): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
