import { describe, expect, it } from 'vitest';
import { entityTag, ifNoneMatchHolds } from './http.ts';

describe('entity tags', () => {
  it('quote the digest, weak ones behind W/', () => {
    expect(entityTag('abc')).toBe('"abc"');
    expect(entityTag('abc', true)).toBe('W/"abc"');
  });

  it('match If-None-Match weakly, in a list, and for *', () => {
    const strong = entityTag('abc');
    const weak = entityTag('abc', true);
    for (const header of ['"abc"', 'W/"abc"', ' "x" , W/"abc" ', '*']) {
      expect(ifNoneMatchHolds(header, strong), header).toBe(true);
      expect(ifNoneMatchHolds(header, weak), header).toBe(true);
    }
    for (const header of [null, undefined, '', '"abcd"', 'abc', '"ab", "c"']) {
      expect(ifNoneMatchHolds(header, strong), String(header)).toBe(false);
    }
  });
});
