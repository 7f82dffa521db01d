import { describe, expect, it, vi } from 'vitest';
import { compareMembers, orderedPair, type StoryPair, storyComponents, storyId } from './components.ts';
import { UnionFind } from './union-find.ts';

describe('UnionFind', () => {
  it('joins sets and tells when two elements already share one', () => {
    const sets = new UnionFind(6);
    expect(sets.union(0, 1)).toBe(true);
    expect(sets.union(2, 3)).toBe(true);
    expect(sets.union(1, 3)).toBe(true);
    expect(sets.union(0, 2)).toBe(false);
    expect(sets.find(3)).toBe(sets.find(0));
    expect(sets.find(4)).not.toBe(sets.find(0));
    expect(sets.find(5)).toBe(5);
  });

  it('keeps a long chain shallow enough to walk', () => {
    const size = 100_000;
    const sets = new UnionFind(size);
    for (let element = 1; element < size; element++) sets.union(element - 1, element);
    expect(sets.find(size - 1)).toBe(sets.find(0));
  });
});

describe('storyComponents', () => {
  const pairs: StoryPair[] = [
    ['a', 'b'],
    ['c', 'b'],
    ['d', 'e'],
    ['e', 'zz'],
  ];

  it('groups connected articles, ids ascending, whatever the order of ids and pairs', () => {
    const expected = [['a', 'b', 'c'], ['d', 'e'], ['f']];
    expect(storyComponents(['a', 'b', 'c', 'd', 'e', 'f'], pairs)).toEqual(expected);
    expect(storyComponents(['f', 'e', 'd', 'c', 'b', 'a'], [...pairs].reverse())).toEqual(expected);
  });

  it('ignores pairs that name an article outside the set', () => {
    expect(storyComponents(['a', 'c', 'e'], pairs)).toEqual([['a'], ['c'], ['e']]);
  });
});

describe('storyId', () => {
  it('is the earliest-published member, ties by the smaller id, unknown times last', () => {
    expect(
      storyId([
        { id: 'b', publishedAt: '2015-08-02T00:00:00Z' },
        { id: 'c', publishedAt: '2015-08-01T23:00:00+02:00' },
        { id: 'a', publishedAt: null },
      ]),
    ).toBe('c');
    expect(
      storyId([
        { id: 'd', publishedAt: '2015-08-01T00:00:00Z' },
        { id: 'b', publishedAt: '2015-08-01T03:00:00+03:00' },
      ]),
    ).toBe('b');
    expect(
      storyId([
        { id: 'z', publishedAt: null },
        { id: 'y', publishedAt: 'not a date' },
      ]),
    ).toBe('y');
  });

  it('orders members totally', () => {
    const members = [
      { id: 'a', publishedAt: null },
      { id: 'b', publishedAt: '2015-08-01T00:00:00Z' },
      { id: 'c', publishedAt: '2015-08-01T00:00:00Z' },
    ];
    expect(
      [...members]
        .reverse()
        .sort(compareMembers)
        .map(({ id }) => id),
    ).toEqual(['b', 'c', 'a']);
  });

  it('orders times as the listings do, whatever the time zone of the process', () => {
    // A time without a zone is the wall clock as written: 10:00 comes after 09:00Z, even where the
    // process's own zone would read it as 07:00Z.
    vi.stubEnv('TZ', 'Asia/Riyadh');
    try {
      const members = [
        { id: 'a', publishedAt: '2023-09-18T10:00:00' },
        { id: 'b', publishedAt: '2023-09-18T09:00:00Z' },
        { id: 'c', publishedAt: '2023-09-18T11:30:00+03:00' },
      ];
      expect(members.sort(compareMembers).map(({ id }) => id)).toEqual(['c', 'b', 'a']);
      expect(storyId(members)).toBe('c');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('stores a pair the same way round whichever article came first', () => {
    expect(orderedPair('b', 'a')).toEqual(orderedPair('a', 'b'));
  });
});
