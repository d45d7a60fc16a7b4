import { describe, expect, it } from 'vitest';
import { RepresentationCache } from './representation-cache.js';

const body = (bytes: number, fill = 'a') => Buffer.alloc(bytes, fill);

describe('RepresentationCache', () => {
  it('returns what was kept under a key, and nothing under another', () => {
    const cache = new RepresentationCache(1000);
    cache.set('org/a/W/"1"', body(10));
    expect(cache.get('org/a/W/"1"')?.length).toBe(10);
    expect(cache.get('org/a/W/"2"')).toBeUndefined();
  });

  it('holds at most maxBytes, pushing out the least recently used first', () => {
    const cache = new RepresentationCache(300, 150);
    cache.set('a', body(100, 'a'));
    cache.set('b', body(100, 'b'));
    cache.set('c', body(100, 'c'));
    expect(cache.get('a')).toBeDefined(); // now the most recently used
    cache.set('d', body(100, 'd'));
    expect(cache.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].every((key) => cache.get(key) !== undefined)).toBe(true);
    expect(cache.bytes).toBe(300);
    expect(cache.size).toBe(3);
  });

  it('counts a replaced entry once', () => {
    const cache = new RepresentationCache(1000);
    cache.set('a', body(100));
    cache.set('a', body(40));
    expect(cache.bytes).toBe(40);
    expect(cache.size).toBe(1);
  });

  it('never keeps a body above the entry bound, and keeps nothing when turned off', () => {
    const cache = new RepresentationCache(800);
    cache.set('big', body(101));
    expect(cache.get('big')).toBeUndefined();
    const off = new RepresentationCache(0);
    off.set('a', body(1));
    expect(off.get('a')).toBeUndefined();
    expect(off.bytes).toBe(0);
  });
});
