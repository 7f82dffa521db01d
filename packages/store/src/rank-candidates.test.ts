import { describe, expect, it } from 'vitest';
import { rankCandidates } from './rank-candidates.ts';
import { TITLE_ALL_WORDS_BONUS } from './title-score.ts';

const groups = [['نفط'], ['سعر']];
const candidates = [
  { seq: 1, id: 'a000000000000001', searchTitle: 'خبر اقتصاد', textRank: 9 },
  { seq: 2, id: 'a000000000000002', searchTitle: 'سعر نفط', textRank: 1 },
  { seq: 3, id: 'a000000000000003', searchTitle: 'ارتفاع سعر نفط بعد قرار', textRank: 1 },
  { seq: 4, id: 'a000000000000004', searchTitle: 'خبر اقتصاد', textRank: 9 },
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
});
