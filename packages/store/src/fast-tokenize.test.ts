import { readFileSync } from 'node:fs';
import { tokenize } from '@khabar/arabic';
import { seededRandom } from '@khabar/devkit';
import { describe, expect, it } from 'vitest';
import { fastTokenize } from './fast-tokenize.ts';

// Letters with and without harakat, hamza forms and combining hamza and madda, tatweel, both digit
// sets, presentation forms and ligatures, Latin with case, Hangul jamo, astral letters and emoji, lone
// surrogates, controls inside words, punctuation and spaces.
const PIECES = [
  'ا',
  'أ',
  'إ',
  'آ',
  'ب',
  'ة',
  'ى',
  'ی',
  'ک',
  'ـ',
  '\u064E',
  '\u0651',
  '\u0670',
  '\u0653',
  '\u0654',
  'ال',
  'و',
  '٣',
  '۷',
  '9',
  'ﻻ',
  'ﷺ',
  'ﬁ',
  'A',
  'İ',
  'ǅ',
  'x',
  '\u1100',
  '\u1161',
  '𝐀',
  '😀',
  '\uD800',
  '\uDC00',
  '\u200F',
  '\u200D',
  '\uFEFF',
  '\u0301',
  ' ',
  '\n',
  '.',
  '-',
  '،',
  '«',
  '²',
  '½',
];

describe('fastTokenize', () => {
  it('gives exactly what tokenize gives, on random text', () => {
    const random = seededRandom(7);
    for (let sample = 0; sample < 4000; sample++) {
      const length = Math.floor(random() * 30);
      const text = Array.from({ length }, () => PIECES[Math.floor(random() * PIECES.length)]).join('');
      expect(fastTokenize(text), JSON.stringify(text)).toEqual(tokenize(text));
    }
  });

  it('gives exactly what tokenize gives on article text', () => {
    const drafts = JSON.parse(
      readFileSync(new URL('../test/fixtures/articles.json', import.meta.url), 'utf8'),
    ) as { title: string; body: string[] }[];
    for (const draft of drafts) {
      for (const text of [draft.title, ...draft.body]) expect(fastTokenize(text)).toEqual(tokenize(text));
    }
  });
});
