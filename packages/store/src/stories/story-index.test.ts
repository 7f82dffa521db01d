import { describe, expect, it } from 'vitest';
import { StoryIndex } from './story-index.ts';
import { HOSPITAL, HOSPITAL_REWRITE, MATCH, OTHER_HOSPITAL } from './test-articles.ts';

interface Article {
  id: string;
  publishedAt: string | null;
  body: string[];
}

const article = (id: string, publishedAt: string | null, body: string[]): Article => ({
  id,
  publishedAt,
  body,
});

const ARTICLES: Article[] = [
  article('a1', '2015-08-02T10:00:00Z', HOSPITAL),
  article('a2', '2015-08-01T09:00:00Z', HOSPITAL_REWRITE),
  article('a3', '2015-08-03T08:00:00Z', HOSPITAL.slice(0, 4)),
  article('b1', '2015-08-02T10:00:00Z', MATCH),
  article('b2', '2015-08-02T10:00:00Z', MATCH.slice(1)),
  article('c1', null, OTHER_HOSPITAL),
  article('d1', '2015-08-04T00:00:00Z', []),
  article('d2', '2015-08-04T00:00:00Z', ['خبر']),
];

function indexOf(articles: readonly Article[]): StoryIndex {
  const index = new StoryIndex();
  for (const item of articles) index.add(item);
  return index;
}

/** A permutation of the list, the same for the same seed. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const result = [...list];
  let state = seed;
  for (let index = result.length - 1; index > 0; index--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const other = state % (index + 1);
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
}

describe('StoryIndex', () => {
  it('finds each story once, named by its earliest-published article', () => {
    const index = indexOf(ARTICLES);
    expect(index.stories()).toEqual([
      { id: 'a2', articles: ['a1', 'a2', 'a3'] },
      { id: 'b1', articles: ['b1', 'b2'] },
      { id: 'c1', articles: ['c1'] },
      { id: 'd1', articles: ['d1'] },
      { id: 'd2', articles: ['d2'] },
    ]);
    expect(index.story('a3')).toEqual({ id: 'a2', size: 3, firstPublishedAt: '2015-08-01T09:00:00Z' });
    expect(index.story('c1')).toEqual({ id: 'c1', size: 1, firstPublishedAt: null });
    expect(index.story('missing')).toBeUndefined();
  });

  it('gives the same stories, ids and pairs whatever order the articles arrive in', () => {
    const expected = indexOf(ARTICLES);
    for (let seed = 1; seed <= 12; seed++) {
      const index = indexOf(shuffled(ARTICLES, seed));
      expect(index.stories()).toEqual(expected.stories());
      expect(index.pairs()).toEqual(expected.pairs());
      for (const { id } of ARTICLES) expect(index.story(id)).toEqual(expected.story(id));
    }
  });

  it('changes nothing when an article is added again unchanged', () => {
    const index = indexOf(ARTICLES);
    const stories = index.stories();
    const pairs = index.pairs();
    const comparisons = index.comparisons;
    for (const item of shuffled(ARTICLES, 7)) index.add({ ...item, body: [...item.body] });
    expect(index.stories()).toEqual(stories);
    expect(index.pairs()).toEqual(pairs);
    expect(index.comparisons).toBe(comparisons);
  });

  it('re-examines an article whose text changed', () => {
    const index = indexOf(ARTICLES);
    index.add(article('a3', '2015-08-03T08:00:00Z', OTHER_HOSPITAL));
    // c1 has no publication time, so the dated a3 names the story they now make.
    expect(index.story('c1')).toEqual({ id: 'a3', size: 2, firstPublishedAt: '2015-08-03T08:00:00Z' });
    expect(index.story('a1')?.size).toBe(2);
  });

  it('splits a chain when the article holding it together is deleted', () => {
    // The middle article tells both halves; each end tells one half and shares nothing with the other end.
    const chain = [
      article('x1', '2015-08-01T00:00:00Z', HOSPITAL.slice(0, 3)),
      article('x2', '2015-08-02T00:00:00Z', [...HOSPITAL.slice(0, 3), ...HOSPITAL.slice(3)]),
      article('x3', '2015-08-03T00:00:00Z', HOSPITAL.slice(3)),
    ];
    const index = indexOf(chain);
    expect(index.stories()).toEqual([{ id: 'x1', articles: ['x1', 'x2', 'x3'] }]);
    expect(index.pairs()).toEqual([
      ['x1', 'x2'],
      ['x2', 'x3'],
    ]);
    expect(index.remove('x2')).toBe(true);
    expect(index.stories()).toEqual([
      { id: 'x1', articles: ['x1'] },
      { id: 'x3', articles: ['x3'] },
    ]);
    expect(index.story('x3')).toEqual({ id: 'x3', size: 1, firstPublishedAt: '2015-08-03T00:00:00Z' });
    expect(index.remove('x2')).toBe(false);
  });

  it('keeps the ends together when they were confirmed directly, and renames a story that loses its first', () => {
    const chain = [
      article('y1', '2015-08-01T00:00:00Z', HOSPITAL.slice(0, 4)),
      article('y2', '2015-08-02T00:00:00Z', HOSPITAL),
      article('y3', '2015-08-03T00:00:00Z', HOSPITAL.slice(1, 5)),
    ];
    const index = indexOf(chain);
    expect(index.pairs()).toHaveLength(3);
    index.remove('y2');
    expect(index.stories()).toEqual([{ id: 'y1', articles: ['y1', 'y3'] }]);
    index.remove('y1');
    expect(index.stories()).toEqual([{ id: 'y3', articles: ['y3'] }]);
  });

  it('deletes to the same state as never having added', () => {
    const index = indexOf(ARTICLES);
    index.remove('a1');
    index.remove('b2');
    const without = indexOf(ARTICLES.filter(({ id }) => id !== 'a1' && id !== 'b2'));
    expect(index.stories()).toEqual(without.stories());
    expect(index.pairs()).toEqual(without.pairs());
  });
});
