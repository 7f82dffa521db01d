import { describe, expect, it } from 'vitest';
import { ByteLru, ENTRY_OVERHEAD_BYTES } from './byte-lru.ts';

const entry = (size: number) => ({ body: new Uint8Array(size) });
// What an entry under a one-letter key costs besides its body.
const besides = 2 + ENTRY_OVERHEAD_BYTES;

describe('ByteLru', () => {
  it('drops the least recently used entries until they fit the budget', () => {
    const lru = new ByteLru<{ body: Uint8Array }>(2 * (40 + besides) + 10);
    lru.set('a', entry(40));
    lru.set('b', entry(40));
    expect(lru.get('a')?.body.byteLength).toBe(40);
    lru.set('c', entry(40));
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBeDefined();
    expect(lru.get('c')).toBeDefined();
    expect(lru.bytes).toBe(2 * (40 + besides));
  });

  it('counts a replaced entry once, never keeps one over the budget, and empties on clear', () => {
    const lru = new ByteLru<{ body: Uint8Array }>(100 + besides);
    lru.set('a', entry(30));
    lru.set('a', entry(50));
    expect(lru.bytes).toBe(50 + besides);
    lru.set('h', entry(101));
    expect(lru.get('h')).toBeUndefined();
    expect(lru.get('a')).toBeDefined();
    lru.delete('a');
    expect(lru.bytes).toBe(0);
    lru.set('b', entry(10));
    lru.clear();
    expect(lru.get('b')).toBeUndefined();
    expect(lru.bytes).toBe(0);
  });

  it('counts keys and each entry, so tiny answers under long made-up keys stay bounded', () => {
    const budget = 64 * 1024;
    const lru = new ByteLru<{ body: Uint8Array }>(budget);
    for (let index = 0; index < 10_000; index++)
      lru.set(`/v1/articles?j=${index}${'x'.repeat(8000)}`, entry(31));
    expect(lru.bytes).toBeLessThanOrEqual(budget);
    // Each costs its 31 bytes, 16 KB of key and the overhead: a handful fit, not thousands.
    expect(lru.size).toBe(Math.floor(budget / (31 + 2 * 8020 + ENTRY_OVERHEAD_BYTES)));
  });
});
