import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../search/bounded-cache.js';

describe('BoundedCache', () => {
  it('keeps values until the budget is passed, then starts again from the value that passed it', () => {
    const c = new BoundedCache<string, number>(10);
    c.set('a', 1, 4);
    c.set('b', 2, 6);
    expect([c.get('a'), c.get('b')]).toEqual([1, 2]);
    c.set('c', 3, 1);
    expect([c.has('a'), c.has('b'), c.get('c')]).toEqual([false, false, 3]);
  });

  it('counts a replaced value once', () => {
    const c = new BoundedCache<string, number>(10);
    c.set('a', 1, 6);
    c.set('a', 2, 6);
    c.set('b', 3, 4);
    expect([c.get('a'), c.get('b')]).toEqual([2, 3]);
  });

  it('does not keep a value larger than the whole budget, and keeps the rest', () => {
    const c = new BoundedCache<string, number>(10);
    c.set('a', 1, 3);
    c.set('big', 2, 11);
    expect([c.get('a'), c.has('big')]).toEqual([1, false]);
  });
});
