import { readFileSync } from 'node:fs';
import { tokenize } from '@khabar/arabic';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../test/generate-articles.ts';
import { cachedTokenize } from './cached-tokenize.ts';

// Letters with and without harakat and hamza forms, tatweel, digits, presentation forms, Latin with
// case, astral letters and emoji, controls inside words, punctuation and spaces.
const PIECES = [
  'ا',
  'أ',
  'إ',
  'ب',
  'ة',
  'ى',
  'ی',
  'ـ',
  '\u064E',
  '\u0651',
  '\u0654',
  'ال',
  'و',
  '٣',
  '9',
  'ﻻ',
  'ﷺ',
  'A',
  'İ',
  'x',
  '𝐀',
  '😀',
  '\u200F',
  '\u200D',
  '\uFEFF',
  ' ',
  '\n',
  '.',
  '-',
  '،',
  '«',
  '²',
];

describe('cachedTokenize', () => {
  it('gives exactly what tokenize gives, twice in a row, on random text', () => {
    const random = seededRandom(7);
    for (let sample = 0; sample < 2000; sample++) {
      const length = Math.floor(random() * 30);
      const text = Array.from({ length }, () => PIECES[Math.floor(random() * PIECES.length)]).join('');
      expect(cachedTokenize(text), JSON.stringify(text)).toEqual(tokenize(text));
      expect(cachedTokenize(text)).toEqual(tokenize(text));
    }
  });

  it('gives exactly what tokenize gives on article text', () => {
    const drafts = JSON.parse(
      readFileSync(new URL('../test/fixtures/articles.json', import.meta.url), 'utf8'),
    ) as { title: string; body: string[] }[];
    for (const draft of drafts) {
      for (const text of [draft.title, ...draft.body]) expect(cachedTokenize(text)).toEqual(tokenize(text));
    }
  });
});
