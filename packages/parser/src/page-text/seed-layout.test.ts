import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLines } from '../lines.ts';
import { lineFeatures } from './line-features.ts';
import { readsAsParagraph, readsAsParagraphLine } from './seed-layout.ts';

describe('readsAsParagraphLine', () => {
  it('answers as the whole line features do, on lines of any shape', () => {
    const piece = fc.constantFrom(
      ...['وزير', 'في', 'من', 'الرياض', 'Riyadh', '2023', '17.03.2020', 'www.example.com', '©'],
      ...['،', '.', '..', '...', '!', '؟', '?', ':', ',', '|', '•', '/', '»', '«', '"', 'ـ', '𝐀'],
    );
    const line = fc
      .array(fc.tuple(piece, fc.constantFrom(' ', '', ' ')), { minLength: 1, maxLength: 30 })
      .map((pairs) => pairs.map(([text, gap]) => text + gap).join(''));
    fc.assert(
      fc.property(line, (text) => {
        for (const cleaned of splitLines(text).lines) {
          expect(readsAsParagraphLine(cleaned)).toBe(readsAsParagraph(lineFeatures(cleaned)));
        }
      }),
      { numRuns: 3000 },
    );
  });
});
