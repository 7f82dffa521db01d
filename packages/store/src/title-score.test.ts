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
