/**
 * A map of at most `maxEntries` entries, each kept at most `maxAgeMs`: the
 * least recently used entry goes when a new one would pass the bound, an
 * entry older than `maxAgeMs` is read again. Clearing it bumps a generation,
 * so a read that began before a change event never stores what it read.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();
  private gen = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The entry (`{ value }`, which may hold undefined: known absent), or undefined when missing or too old. */
  get(key: string): { value: V } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.maxAgeMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { value: entry.value };
  }

  /** The generation a read must carry to `set` what it read. */
  get generation(): number {
    return this.gen;
  }

  /** Stores a value read at `generation`; ignored when the cache was cleared since. */
  set(key: string, value: V, generation: number): void {
    if (generation !== this.gen) return;
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now() });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.gen++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
