import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../../../src-main/core/store/bounded-cache.js';

describe('BoundedCache', () => {
  it('keeps at most its capacity, dropping the entry written longest ago', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3);
    cache.set('c', 4);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(3);
    expect(cache.has('c')).toBe(true);
  });

  it('forgets everything on clear', () => {
    const cache = new BoundedCache<string, boolean>(4);
    cache.set('a', true);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.has('a')).toBe(false);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new BoundedCache(0)).toThrow(RangeError);
    expect(() => new BoundedCache(1.5)).toThrow(RangeError);
  });
});
