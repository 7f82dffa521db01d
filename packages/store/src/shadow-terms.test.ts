import { readFileSync } from 'node:fs';
import { searchTerms } from '@khabar/arabic';
import { seededRandom } from '@khabar/devkit';
import { describe, expect, it } from 'vitest';
import { shadowTerms } from './shadow-terms.ts';

// Pieces that stress the split and the normalization: Arabic letters and harakat, tatweel, both digit
// sets, presentation forms, Latin with case, astral letters and emoji, lone surrogates, controls.
const PIECES = [
  'ا',
  'أ',
  'إ',
  'آ',
  'ٱ',
  'ب',
  'ة',
  'ى',
  'ی',
  'ک',
  'ـ',
  '\u064E',
  '\u0651',
  '\u0670',
  '\u0654',
  'ال',
  'وال',
  'و',
  '٣',
  '۷',
  '9',
  'ﻻ',
  'ﷺ',
  'A',
  'É',
  'ß',
  'İ',
  'x',
  '𝐀',
  '𐌰',
  '😀',
  '\uD800',
  '\uDC00',
  '\u200F',
  '\u200D',
  '\uFEFF',
  ' ',
  '\n',
  '.',
  '-',
  '"',
  '،',
  '؟',
  '«',
  '\u00A0',
  '²',
  '½',
  'Ⅻ',
  'ǅ',
];

describe('shadowTerms', () => {
  it('gives exactly what searchTerms gives, on random text', () => {
    const random = seededRandom(99);
    for (let sample = 0; sample < 3000; sample++) {
      const length = Math.floor(random() * 40);
      const text = Array.from({ length }, () => PIECES[Math.floor(random() * PIECES.length)]).join('');
      expect(shadowTerms(text), JSON.stringify(text)).toEqual(searchTerms(text));
    }
  });

  it('gives exactly what searchTerms gives, on article text', () => {
    const drafts = JSON.parse(
      readFileSync(new URL('../test/fixtures/articles.json', import.meta.url), 'utf8'),
    ) as {
      title: string;
      body: string[];
    }[];
    for (const draft of drafts) {
      for (const text of [draft.title, ...draft.body, draft.body.join('\n')]) {
        expect(shadowTerms(text)).toEqual(searchTerms(text));
      }
    }
  });
});
