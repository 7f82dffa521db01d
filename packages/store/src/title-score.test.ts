import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  surfaceScorer,
  TITLE_ALL_WORDS_BONUS,
  TITLE_COVERAGE_WEIGHT,
  TITLE_SURFACE_WEIGHT,
  titleScorer,
  titleTerms,
} from './title-score.ts';

const titleScore = (title: string, groups: string[][]) => titleScorer(groups)(titleTerms(title));

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
    const score = surfaceScorer(['سعر', 'النفط']);
    expect(score(['ارتفاع', 'سعر', 'النفط'])).toBeCloseTo(TITLE_SURFACE_WEIGHT);
    expect(score(['سعر', 'سعر', 'نفط'])).toBeCloseTo(TITLE_SURFACE_WEIGHT / 2);
    expect(score(['نفط'])).toBe(0);
    expect(surfaceScorer([])(['سعر'])).toBe(0);
  });
});

describe('title scoring over many words', () => {
  // Words alike in length and first and last letters, which the scorers' quick test cannot tell apart,
  // with others: a title word is taken for a query word only when it is that word.
  const word = fc.constantFrom('سعر', 'سقر', 'سمر', 'نفط', 'نقط', 'حكوم', 'حلوم', 'ب', 'oil', 'OIL', 'وزار');
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
        expect(titleScorer(query)(terms)).toBeCloseTo(expected, 10);
      }),
    );
  });

  it('scores a title’s spelling as a plain reading of the definition does', () => {
    fc.assert(
      fc.property(title, title, (query, words) => {
        const wanted = new Set(query);
        const found = [...wanted].filter((term) => words.includes(term)).length;
        const expected = wanted.size === 0 ? 0 : (TITLE_SURFACE_WEIGHT * found) / wanted.size;
        expect(surfaceScorer(query)(words)).toBeCloseTo(expected, 10);
      }),
    );
  });
});
