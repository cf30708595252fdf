import { BoundedCache } from './bounded-cache';

describe('issue 12: BoundedCache (reference data kept in each process, ADR 8)', () => {
  it('holds at most maxEntries, dropping the least recently used first', () => {
    const cache = new BoundedCache<number>(2, 60_000);
    cache.set('a', 1, cache.generation);
    cache.set('b', 2, cache.generation);
    cache.get('a');
    cache.set('c', 3, cache.generation);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual({ value: 1 });
    expect(cache.get('c')).toEqual({ value: 3 });
  });

  it('forgets an entry older than maxAgeMs (the bound on a missed change event)', () => {
    let now = 0;
    const cache = new BoundedCache<string>(10, 1000, () => now);
    cache.set('alice', 'Alice', cache.generation);
    now = 1000;
    expect(cache.get('alice')).toEqual({ value: 'Alice' });
    now = 1001;
    expect(cache.get('alice')).toBeUndefined();
  });

  it('remembers a known absence', () => {
    const cache = new BoundedCache<string | undefined>(10, 1000);
    cache.set('ghost', undefined, cache.generation);
    expect(cache.get('ghost')).toEqual({ value: undefined });
  });

  it('never stores a read that began before it was cleared', () => {
    const cache = new BoundedCache<string>(10, 1000);
    const generation = cache.generation;
    cache.clear();
    cache.set('alice', 'old name', generation);
    expect(cache.get('alice')).toBeUndefined();
  });
});
