import { describe, expect, it } from 'vitest';
import { ByteLru } from './byte-lru.ts';

const entry = (size: number) => ({ body: new Uint8Array(size) });

describe('ByteLru', () => {
  it('drops the least recently used entries until the bodies fit the budget', () => {
    const lru = new ByteLru<{ body: Uint8Array }>(100);
    lru.set('a', entry(40));
    lru.set('b', entry(40));
    expect(lru.get('a')?.body.byteLength).toBe(40);
    lru.set('c', entry(40));
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBeDefined();
    expect(lru.get('c')).toBeDefined();
    expect(lru.bytes).toBe(80);
  });

  it('counts a replaced entry once, never keeps a body over the budget, and empties on clear', () => {
    const lru = new ByteLru<{ body: Uint8Array }>(100);
    lru.set('a', entry(30));
    lru.set('a', entry(50));
    expect(lru.bytes).toBe(50);
    lru.set('huge', entry(101));
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.get('a')).toBeDefined();
    lru.delete('a');
    expect(lru.bytes).toBe(0);
    lru.set('b', entry(10));
    lru.clear();
    expect(lru.get('b')).toBeUndefined();
    expect(lru.bytes).toBe(0);
  });
});
