import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, lowerCase } from './fold.ts';

describe('lowerCase', () => {
  it('gives what toLowerCase gives, on text of any script', () => {
    // Any code point, lone surrogates included, and the letters whose lower case is special.
    const character = fc.oneof(
      fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
      fc.constantFrom('A', 'z', 'É', 'Σ', 'İ', 'أ', 'ـ', '«', '–', ' '),
    );
    const text = fc.array(character, { maxLength: 20 }).map((characters) => characters.join(''));
    fc.assert(
      fc.property(text, (value) => lowerCase(value) === value.toLowerCase()),
      { numRuns: 3000 },
    );
  });

  it('hands Arabic text back as it is', () => {
    const text = 'وزير الخارجية «الصيني» – 2023';
    expect(lowerCase(text)).toBe(text);
    expect(fold('Riyadh الرياض')).toBe('riyadh الرياض');
  });
});
