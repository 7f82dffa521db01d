import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Bytes } from './utf8.ts';

describe('utf8Bytes', () => {
  it('gives what Buffer.from gives, lone surrogates as U+FFFD, short texts and long', () => {
    const unit = fc.constantFrom('ب', 'ة', 'a', ' ', '\n', '😀', '\uD83D', '\uDE00', '€');
    const text = fc.oneof(fc.string({ unit }), fc.string({ unit, minLength: 250, maxLength: 3000 }));
    fc.assert(
      fc.property(text, (value) => {
        expect(Buffer.from(utf8Bytes(value)).equals(Buffer.from(value))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('takes texts longer than any before it, and one after a longer one', () => {
    for (const length of [255, 256, 70_000, (1 << 20) + 7, 5000]) {
      const value = 'خبر عاجل 😀 '.repeat(Math.ceil(length / 11)).slice(0, length);
      expect(Buffer.from(utf8Bytes(value)).equals(Buffer.from(value)), `length ${length}`).toBe(true);
    }
  });
});
