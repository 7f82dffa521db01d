import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeUtf8 } from './utf8.ts';

describe('writeUtf8', () => {
  it('writes what Buffer.write writes, lone surrogates as U+FFFD, at any offset and length', () => {
    const unit = fc.constantFrom('ب', 'ة', 'a', '"', '\n', '😀', '\uD83D', '\uDE00', '€');
    const text = fc.oneof(fc.string({ unit }), fc.string({ unit, minLength: 250, maxLength: 3000 }));
    fc.assert(
      fc.property(text, fc.nat(64), (value, at) => {
        const expected = Buffer.alloc(at + value.length * 3, 0x2e);
        const expectedLength = expected.write(value, at);
        const got = Buffer.alloc(at + value.length * 3, 0x2e);
        expect(writeUtf8(value, got, at)).toBe(expectedLength);
        expect(got.equals(expected)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('takes texts longer than any before it', () => {
    for (const length of [300, 70_000, (1 << 20) + 7, 5000]) {
      const value = 'خبر "عاجل" 😀 '.repeat(Math.ceil(length / 13)).slice(0, length);
      const got = Buffer.alloc(value.length * 3);
      const written = writeUtf8(value, got, 0);
      expect(got.subarray(0, written).toString('utf8')).toBe(Buffer.from(value).toString('utf8'));
    }
  });
});
