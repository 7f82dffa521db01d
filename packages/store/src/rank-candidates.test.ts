import { describe, expect, it } from 'vitest';
import { type Candidate, levelScore, rankCandidates } from './rank-candidates.ts';
import { RELAXED_LEVEL_STEP } from './ranking.ts';
import { TITLE_ALL_WORDS_BONUS, TITLE_SURFACE_WEIGHT } from './title-score.ts';

const groups = [['نفط'], ['سعر']];
const candidates: Candidate<number>[] = [
  { seq: 1, id: 'a000000000000001', searchTitle: 'خبر اقتصاد', titleWords: ['خبر', 'اقتصاد'], textRank: 9 },
  { seq: 2, id: 'a000000000000002', searchTitle: 'سعر نفط', titleWords: ['سعر', 'النفط'], textRank: 1 },
  {
    seq: 3,
    id: 'a000000000000003',
    searchTitle: 'ارتفاع سعر نفط بعد قرار',
    titleWords: ['ارتفاع', 'سعر', 'النفط', 'بعد', 'قرار'],
    textRank: 1,
  },
  { seq: 4, id: 'a000000000000004', searchTitle: 'خبر اقتصاد', titleWords: ['خبر', 'اقتصاد'], textRank: 9 },
];

describe('rankCandidates', () => {
  it('puts titles holding every word first, the shorter before the longer, then text rank, then id', () => {
    const ranked = rankCandidates(candidates, groups, 0.1, null, 10);
    expect(ranked.map((hit) => hit.seq)).toEqual([2, 3, 1, 4]);
    expect(ranked[0]?.score).toBeCloseTo(0.1 + TITLE_ALL_WORDS_BONUS + 2);
  });

  it('continues after a cursor position with the next hits, each once', () => {
    const whole = rankCandidates(candidates, groups, 0.1, null, 10);
    const [first, second] = [whole.slice(0, 2), rankCandidates(candidates, groups, 0.1, whole[1] ?? null, 2)];
    expect([...first, ...second]).toEqual(whole);
  });

  it('adds the share of the query words the title holds as the reader spelled them', () => {
    const spelled = [
      { seq: 5, id: 'a000000000000005', searchTitle: 'سعر نفط', titleWords: ['سعر', 'نفط'], textRank: 1 },
      { seq: 6, id: 'a000000000000006', searchTitle: 'سعر نفط', titleWords: ['سعر', 'النفط'], textRank: 1 },
    ];
    const ranked = rankCandidates(spelled, groups, 0.1, null, 10, ['سعر', 'النفط']);
    expect(ranked.map((hit) => hit.seq)).toEqual([6, 5]);
    expect((ranked[0]?.score ?? 0) - (ranked[1]?.score ?? 0)).toBeCloseTo(TITLE_SURFACE_WEIGHT / 2);
  });

  it('ranks a relaxed level below every full match and each level below the one before', () => {
    const [one, two, three, four] = candidates as [
      Candidate<number>,
      Candidate<number>,
      Candidate<number>,
      Candidate<number>,
    ];
    const mixed: Candidate<number>[] = [
      { ...one, seq: 7, id: 'a000000000000007', textRank: 500, missing: 1 },
      { ...three, seq: 8, id: 'a000000000000008', textRank: 0, missing: 0 },
      { ...two, seq: 9, id: 'a000000000000009', textRank: 90_000, missing: 2 },
      { ...four, seq: 10, id: 'a000000000000010', textRank: 1, missing: 1 },
    ];
    const ranked = rankCandidates(mixed, groups, 0.1, null, 10);
    expect(ranked.map((hit) => hit.seq)).toEqual([8, 7, 10, 9]);
    expect(ranked[1]?.score).toBeLessThan(0);
    expect(levelScore(5, 0)).toBe(5);
    expect(levelScore(RELAXED_LEVEL_STEP * 3, 1)).toBeLessThan(levelScore(0, 0));
    expect(levelScore(RELAXED_LEVEL_STEP * 3, 2)).toBeLessThan(levelScore(0, 1));
  });
});
