import { expect } from 'vitest';
import type { Entries } from '../src/core/band-runs.ts';
import { decodeBands, decodeSeqs } from '../src/core/story-writes.ts';
import { STORY_FINGERPRINT_VERSION, storyComponents, storyId } from '../src/stories/index.ts';

/** What a store holds of its stories, as its tables have it (see `StoreHarness.storyState`). */
export interface StoryState {
  articles: { seq: number; id: string; published_at: string | null; sort_at: string }[];
  memberships: {
    article_seq: number;
    story_id: string;
    sketch_version: number;
    partners: Uint8Array | null;
    bands: Uint8Array | null;
  }[];
  stories: {
    id: string;
    size: number;
    first_published_at: string | null;
    last_published_at: string | null;
    sort_at: string;
  }[];
  /** What the band index files (see `bandIndexSteps`). */
  bandIndex: { stored: Entries; pending: Entries; watermark: number | null };
}

/**
 * Checks what the stories of a store must be after any sequence of writes: every article has its
 * sketch; every pair is kept in one of its articles' rows and names an article of the same story;
 * each article's story is its connected component of the pairs, named by its earliest article; and
 * `stories` holds exactly the components of two or more, with their size and first and last times;
 * and the band index files each article under its band keys, no more: in a run up to the watermark,
 * pending after it (see `BandRuns`).
 */
export function expectStoryInvariants({ articles, memberships, stories, bandIndex }: StoryState): void {
  const bySeq = new Map(articles.map((article) => [article.seq, article]));
  const membership = new Map(memberships.map((row) => [row.article_seq, row]));
  expect(memberships.length, 'one story row per article').toBe(articles.length);
  const pairs: [string, string][] = [];
  for (const row of memberships) {
    const holder = bySeq.get(row.article_seq);
    expect(holder, `the article of story row ${row.article_seq}`).toBeDefined();
    expect(row.sketch_version).toBe(STORY_FINGERPRINT_VERSION);
    for (const partner of decodeSeqs(row.partners)) {
      const other = bySeq.get(partner);
      expect(other, `partner ${partner} of ${holder?.id}`).toBeDefined();
      expect(membership.get(partner)?.story_id, `the story of ${holder?.id}'s partner`).toBe(row.story_id);
      pairs.push([holder?.id as string, other?.id as string]);
    }
  }
  const byId = new Map(articles.map((article) => [article.id, article]));
  const expected: StoryState['stories'] = [];
  for (const component of storyComponents(
    articles.map((article) => article.id),
    pairs.map(([first, second]) => (first < second ? [first, second] : [second, first])),
  )) {
    const members = component.map((id) => byId.get(id) as StoryState['articles'][number]);
    const id = storyId(members.map((member) => ({ id: member.id, publishedAt: member.published_at })));
    for (const member of members) {
      expect(membership.get(member.seq)?.story_id, `the story of ${member.id}`).toBe(id);
    }
    if (members.length < 2) continue;
    const latest = members.reduce((last, member) =>
      member.sort_at > last.sort_at || (member.sort_at === last.sort_at && member.id > last.id)
        ? member
        : last,
    );
    expected.push({
      id,
      size: members.length,
      first_published_at: byId.get(id)?.published_at ?? null,
      last_published_at: latest.published_at,
      sort_at: latest.sort_at,
    });
  }
  const byStoryId = (first: { id: string }, second: { id: string }) => (first.id < second.id ? -1 : 1);
  expect(
    stories.map((story) => ({ ...story, size: Number(story.size) })).sort(byStoryId),
    'the rows of stories',
  ).toEqual(expected.sort(byStoryId));
  const entries = (filed: Entries) =>
    Array.from(filed.keys, (key, index) => `${key} ${filed.seqs[index]}`).sort();
  const { watermark } = bandIndex;
  const expectedEntries = (test: (seq: number) => boolean) =>
    memberships
      .filter((row) => test(row.article_seq))
      .flatMap((row) => decodeBands(row.bands).map((key) => `${key} ${row.article_seq}`))
      .sort();
  expect(watermark, 'the band index state').not.toBeNull();
  expect(entries(bandIndex.stored), 'the band entries in runs').toEqual(
    expectedEntries((seq) => seq <= (watermark as number)),
  );
  expect(entries(bandIndex.pending), 'the pending band entries').toEqual(
    expectedEntries((seq) => seq > (watermark as number)),
  );
}
