import { describe, expect, it } from 'vitest';
import type { SearchPosition } from './cursor.ts';
import {
  type Candidate,
  CandidateRanker,
  levelScore,
  type RankedHit,
  rankCandidates,
} from './rank-candidates.ts';
import { RELAXED_LEVEL_STEP } from './ranking.ts';
import { TITLE_ALL_WORDS_BONUS, TITLE_SURFACE_WEIGHT, TitleVocabulary, titleTerms } from './title-score.ts';

// Titles and queries numbered as a store numbers them.
const vocabulary = new TitleVocabulary();
const terms = (searchTitle: string) => vocabulary.ids(titleTerms(searchTitle));
const words = (...titleWords: string[]) => vocabulary.ids(titleWords);

const groups = [['نفط'], ['سعر']];
const candidates: Candidate<number>[] = [
  {
    seq: 1,
    id: 'a000000000000001',
    story: 'a000000000000001',
    titleTerms: terms('خبر اقتصاد'),
    titleWords: words('خبر', 'اقتصاد'),
    textRank: 9,
  },
  {
    seq: 2,
    id: 'a000000000000002',
    story: 'a000000000000002',
    titleTerms: terms('سعر نفط'),
    titleWords: words('سعر', 'النفط'),
    textRank: 1,
  },
  {
    seq: 3,
    id: 'a000000000000003',
    story: 'a000000000000003',
    titleTerms: terms('ارتفاع سعر نفط بعد قرار'),
    titleWords: words('ارتفاع', 'سعر', 'النفط', 'بعد', 'قرار'),
    textRank: 1,
  },
  {
    seq: 4,
    id: 'a000000000000004',
    story: 'a000000000000004',
    titleTerms: terms('خبر اقتصاد'),
    titleWords: words('خبر', 'اقتصاد'),
    textRank: 9,
  },
];

describe('rankCandidates', () => {
  it('puts titles holding every word first, the shorter before the longer, then text rank, then id', () => {
    const ranked = rankCandidates(vocabulary, candidates, groups, 0.1, null, 10);
    expect(ranked.map((hit) => hit.seq)).toEqual([2, 3, 1, 4]);
    expect(ranked[0]?.score).toBeCloseTo(0.1 + TITLE_ALL_WORDS_BONUS + 2);
  });

  it('continues after a cursor position with the next hits, each once', () => {
    const whole = rankCandidates(vocabulary, candidates, groups, 0.1, null, 10);
    const [first, second] = [
      whole.slice(0, 2),
      rankCandidates(vocabulary, candidates, groups, 0.1, whole[1] ?? null, 2),
    ];
    expect([...first, ...second]).toEqual(whole);
  });

  it('adds the share of the query words the title holds as the reader spelled them', () => {
    const spelled = [
      {
        seq: 5,
        id: 'a000000000000005',
        story: 'a000000000000005',
        titleTerms: terms('سعر نفط'),
        titleWords: words('سعر', 'نفط'),
        textRank: 1,
      },
      {
        seq: 6,
        id: 'a000000000000006',
        story: 'a000000000000006',
        titleTerms: terms('سعر نفط'),
        titleWords: words('سعر', 'النفط'),
        textRank: 1,
      },
    ];
    const ranked = rankCandidates(vocabulary, spelled, groups, 0.1, null, 10, ['سعر', 'النفط']);
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
      { ...one, seq: 7, id: 'a000000000000007', story: 'a000000000000007', textRank: 500, missing: 1 },
      { ...three, seq: 8, id: 'a000000000000008', story: 'a000000000000008', textRank: 0, missing: 0 },
      { ...two, seq: 9, id: 'a000000000000009', story: 'a000000000000009', textRank: 90_000, missing: 2 },
      { ...four, seq: 10, id: 'a000000000000010', story: 'a000000000000010', textRank: 1, missing: 1 },
    ];
    const ranked = rankCandidates(vocabulary, mixed, groups, 0.1, null, 10);
    expect(ranked.map((hit) => hit.seq)).toEqual([8, 7, 10, 9]);
    expect(ranked[1]?.score).toBeLessThan(0);
    expect(levelScore(5, 0)).toBe(5);
    expect(levelScore(RELAXED_LEVEL_STEP * 3, 1)).toBeLessThan(levelScore(0, 0));
    expect(levelScore(RELAXED_LEVEL_STEP * 3, 2)).toBeLessThan(levelScore(0, 1));
  });

  describe('collapsed by story', () => {
    // Articles 1 and 4 (equal scores) are one story, 2 and 3 another, and 11 a story of its own.
    const [one, two, three, four] = candidates as [
      Candidate<number>,
      Candidate<number>,
      Candidate<number>,
      Candidate<number>,
    ];
    const storied: Candidate<number>[] = [
      { ...one, story: 'b000000000000001' },
      { ...two, story: 'b000000000000002' },
      { ...three, story: 'b000000000000002' },
      { ...four, story: 'b000000000000001' },
      { ...one, seq: 11, id: 'a000000000000011', story: 'a000000000000011', textRank: 5 },
    ];

    it('keeps the best-ranked hit of each story, ties going to the smaller id', () => {
      const whole = rankCandidates(vocabulary, storied, groups, 0.1, null, 10);
      expect(whole.map((hit) => hit.seq)).toEqual([2, 3, 1, 4, 11]);
      const collapsed = rankCandidates(vocabulary, storied, groups, 0.1, null, 10, [], 'story');
      expect(collapsed.map((hit) => hit.seq)).toEqual([2, 1, 11]);
      expect(collapsed.map((hit) => hit.story)).toEqual([
        'b000000000000002',
        'b000000000000001',
        'a000000000000011',
      ]);
    });

    it('decides a story’s hit before the cursor, so no later page shows a story again', () => {
      const collapsed = rankCandidates(vocabulary, storied, groups, 0.1, null, 10, [], 'story');
      const pages: RankedHit<number>[] = [];
      let after: SearchPosition | null = null;
      for (let page = 0; page < 5; page++) {
        const [hit]: RankedHit<number>[] = rankCandidates(
          vocabulary,
          storied,
          groups,
          0.1,
          after,
          1,
          [],
          'story',
        );
        if (!hit) break;
        pages.push(hit);
        after = hit;
      }
      expect(pages).toEqual(collapsed);
    });

    it('keeps a story’s full match over its relaxed ones, whatever order they are added in', () => {
      const ranker = new CandidateRanker<number>(vocabulary, groups, 0.1, [], 'story');
      ranker.add({
        ...one,
        seq: 12,
        id: 'a000000000000012',
        story: 'b000000000000003',
        missing: 0,
        textRank: 0,
      });
      const before = ranker.ranked(null, 10);
      ranker.add({
        ...two,
        seq: 13,
        id: 'a000000000000001',
        story: 'b000000000000003',
        missing: 1,
        textRank: 99,
      });
      ranker.add({ ...two, seq: 14, id: 'a000000000000014', story: 'b000000000000004', missing: 1 });
      const after = ranker.ranked(null, 10);
      expect(after.map((hit) => hit.seq)).toEqual([12, 14]);
      expect(after[0]).toEqual(before[0]);
    });

    it('asks for the stories that decide the page, and ranks as if they had been given first', () => {
      const known = rankCandidates(vocabulary, storied, groups, 0.1, null, 10, [], 'story');
      const ranker = new CandidateRanker<number>(vocabulary, groups, 0.1, [], 'story');
      for (const candidate of storied) ranker.add({ ...candidate, story: undefined });
      const storyOf = new Map(storied.map((candidate) => [candidate.seq, candidate.story as string]));
      // Two stories after the start: the first two hits, then as many more in case they share one.
      const wanted = ranker.storiesWanted(null, 2);
      expect(wanted).toEqual([2, 3, 1, 4]);
      ranker.setStories(wanted, new Map(wanted.map((seq) => [seq, storyOf.get(seq) as string])));
      expect(ranker.storiesWanted(null, 2)).toEqual([]);
      expect(ranker.ranked(null, 2)).toEqual(known.slice(0, 2));
      // The third story lies past the hits read: its story is asked for in turn.
      expect(ranker.storiesWanted(null, 3)).toEqual([11]);
      // A row without a stored story stands for itself.
      ranker.setStories([11], new Map());
      expect(ranker.ranked(null, 10)).toEqual(known);
      // After a cursor, every hit above it decides which stories are already shown.
      const fresh = new CandidateRanker<number>(vocabulary, groups, 0.1, [], 'story');
      for (const candidate of storied) fresh.add({ ...candidate, story: undefined });
      expect(fresh.storiesWanted(known[1] ?? null, 1)).toEqual([2, 3, 1, 4, 11]);
      expect(new CandidateRanker<number>(vocabulary, groups, 0.1, [], 'none').storiesWanted(null, 5)).toEqual(
        [],
      );
    });
  });
});
