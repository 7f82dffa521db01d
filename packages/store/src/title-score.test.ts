import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  surfaceScorer,
  TITLE_ALL_WORDS_BONUS,
  TITLE_COVERAGE_WEIGHT,
  TITLE_SURFACE_WEIGHT,
  TitleVocabulary,
  titleScorer,
  titleTerms,
} from './title-score.ts';

const vocabulary = new TitleVocabulary();
const numbered = (words: readonly string[]) => vocabulary.ids(words);
const titleScore = (title: string, groups: string[][]) =>
  titleScorer(groups, vocabulary)(numbered(titleTerms(title)));
const surfaceScore = (query: string[]) => {
  const score = surfaceScorer(query, vocabulary);
  return (titleWords: string[]) => score(numbered(titleWords));
};

describe('titleScore', () => {
  it('rewards a title holding every query word, then the share of the title the query covers', () => {
    const groups = [['نفط'], ['سعر']];
    expect(titleScore('ارتفاع سعر نفط', groups)).toBeCloseTo(
      TITLE_ALL_WORDS_BONUS + (TITLE_COVERAGE_WEIGHT * 2) / 3,
    );
    expect(titleScore('ارتفاع سعر نفط بعد قرار خفض', groups)).toBeCloseTo(
      TITLE_ALL_WORDS_BONUS + (TITLE_COVERAGE_WEIGHT * 2) / 6,
    );
    expect(titleScore('ارتفاع نفط', groups)).toBeCloseTo(TITLE_COVERAGE_WEIGHT / 2);
    expect(titleScore('', groups)).toBe(0);
  });

  it('counts a group as present when any of its terms is', () => {
    expect(titleScore('من ذاكر', [['ومن', 'من'], ['ذاكر']])).toBeCloseTo(
      TITLE_ALL_WORDS_BONUS + TITLE_COVERAGE_WEIGHT,
    );
  });
});

describe('surfaceScorer', () => {
  it('gives the share of the distinct query words the title spells as typed, each counted once', () => {
    const score = surfaceScore(['سعر', 'النفط']);
    expect(score(['ارتفاع', 'سعر', 'النفط'])).toBeCloseTo(TITLE_SURFACE_WEIGHT);
    expect(score(['سعر', 'سعر', 'نفط'])).toBeCloseTo(TITLE_SURFACE_WEIGHT / 2);
    expect(score(['نفط'])).toBe(0);
    expect(surfaceScore([])(['سعر'])).toBe(0);
  });
});

describe('title scoring over many words', () => {
  // The scorers' quick test reads the low bits of a word's number: numbered after thousands of
  // others, words 1,024 apart share them. A title word is taken for a query word only when it is that word.
  for (let filler = 0; filler < 3 * 1024; filler++) vocabulary.ids([`كلمة${filler}`]);
  const alike = [5, 5 + 1024, 5 + 2048, 9, 9 + 1024].map((id) => `كلمة${id}`);
  const word = fc.constantFrom(...alike, 'سعر', 'نفط', 'حكوم', 'ب', 'oil', 'OIL', 'وزار');
  const groups = fc.array(fc.array(word, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 });
  const title = fc.array(word, { maxLength: 12 });

  it('scores a title as a plain reading of the definitions does', () => {
    fc.assert(
      fc.property(groups, title, (query, terms) => {
        const held = query.filter((group) => group.some((term) => terms.includes(term))).length;
        const covered = terms.filter((term) => query.some((group) => group.includes(term))).length;
        const expected =
          (held === query.length ? TITLE_ALL_WORDS_BONUS : 0) +
          (TITLE_COVERAGE_WEIGHT * covered) / Math.max(1, terms.length);
        expect(titleScorer(query, vocabulary)(numbered(terms))).toBeCloseTo(expected, 10);
      }),
    );
  });

  it('scores a title’s spelling as a plain reading of the definition does', () => {
    fc.assert(
      fc.property(title, title, (query, words) => {
        const wanted = new Set(query);
        const found = [...wanted].filter((term) => words.includes(term)).length;
        const expected = wanted.size === 0 ? 0 : (TITLE_SURFACE_WEIGHT * found) / wanted.size;
        expect(surfaceScore(query)(words)).toBeCloseTo(expected, 10);
      }),
    );
  });
});
