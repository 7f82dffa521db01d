import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowerCase } from './lower-case.ts';

describe('lowerCase', () => {
  it('gives what toLowerCase gives, on text of any script', () => {
    // Any code point, lone surrogates included, the edges of the ranges left alone, and the letters
    // whose lower case is special.
    const character = fc.oneof(
      fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
      fc
        .constantFrom(
          0x40,
          0x41,
          0x5a,
          0x5b,
          0xbf,
          0xc0,
          0x5ff,
          0x600,
          0x6ff,
          0x700,
          0x1fff,
          0x2000,
          0x206f,
          0x2070,
        )
        .map((code) => String.fromCharCode(code)),
      fc.constantFrom('A', 'z', 'É', 'Σ', 'İ', 'Ⅻ', 'Ⓐ', 'أ', 'ـ', '«', '–', ' '),
    );
    const text = fc.array(character, { maxLength: 40 }).map((characters) => characters.join(''));
    fc.assert(
      fc.property(text, (value) => lowerCase(value) === value.toLowerCase()),
      { numRuns: 5000 },
    );
  });

  it('lowers Latin letters anywhere in a word and leaves Arabic and digits as they are', () => {
    expect(lowerCase('وزير الخارجية «الصيني» – 2023')).toBe('وزير الخارجية «الصيني» – 2023');
    expect(lowerCase('كوفيدCOVID19')).toBe('كوفيدcovid19');
    expect(lowerCase('ΣΟΦΙΑ')).toBe('σοφια');
    expect(lowerCase('وزارة الصحة: متحور Omicron')).toBe('وزارة الصحة: متحور omicron');
  });
});
