import { searchTerms } from '@khabar/arabic';
import { describe, expect, it } from 'vitest';
import {
  ftsAllGroups,
  ftsAnySubset,
  groupStems,
  MAX_QUERY_WORD_LENGTH,
  queryGroups,
  relaxedLevels,
  relaxes,
  requiredGroups,
  tsAllGroups,
  tsAnySubset,
} from './query-terms.ts';

describe('queryGroups', () => {
  it('gives each distinct word its index term, as searchTerms does', () => {
    const query = 'وزيرُ الخارجيّة والخارجية الصينى';
    expect(queryGroups(query).map((group) => group[0])).toEqual([...new Set(searchTerms(query))]);
  });

  it('adds the stem without a leading و where light stemming keeps it', () => {
    expect(queryGroups('ومن وفي وللمجاهدين وبـ')).toEqual([
      ['ومن', 'من'],
      ['وف', 'في'],
      ['للمجاهد', 'مجاهد'],
      ['وب', 'ب'],
    ]);
    expect(queryGroups('وزير')).toEqual([['زير']]);
  });

  it('gives a word starting with ال its stem with ال removed and kept', () => {
    // The index holds التحاق for الالتحاق and تحاق for التحاق: a reader may type either.
    expect(queryGroups('التحاق الالتحاق')).toEqual([
      ['تحاق', 'التحاق'],
      ['التحاق', 'تحاق'],
    ]);
    expect(queryGroups('إلكترونية والإلكترونية')).toEqual([
      ['كترون', 'الكترون'],
      ['الكترون', 'كترون'],
    ]);
  });

  it('keeps only letters and digits, at most sixteen words', () => {
    expect(queryGroups('"; DROP TABLE articles; -- NEAR( col:x *')).toEqual([
      ['drop'],
      ['table'],
      ['articles'],
      ['near'],
      ['col'],
      ['x'],
    ]);
    expect(queryGroups('" * ( ) : - ؟ 😀')).toEqual([]);
    expect(queryGroups(Array.from({ length: 40 }, (_, index) => `كلمة${index}`).join(' '))).toHaveLength(16);
  });

  it('leaves out words longer than any language has, which one store would index and the other not', () => {
    const long = 'ب'.repeat(MAX_QUERY_WORD_LENGTH + 1);
    expect(queryGroups(`${long} وزير`)).toEqual(queryGroups('وزير'));
    expect(queryGroups(long)).toEqual([]);
    expect(queryGroups('ب'.repeat(MAX_QUERY_WORD_LENGTH))).toHaveLength(1);
  });
});

describe('query texts', () => {
  const groups = [['ومن', 'من'], ['نفط'], ['a"b']];

  it('quotes every FTS5 term and joins groups with AND', () => {
    expect(ftsAllGroups(groups)).toBe('("ومن" OR "من") AND "نفط" AND "a""b"');
  });

  it('quotes every tsquery lexeme', () => {
    expect(tsAllGroups([['ومن', 'من'], ["o'k"]])).toBe("('ومن' | 'من') & ('o''k')");
  });

  it('lists every term for highlighting', () => {
    expect(groupStems(groups)).toEqual(new Set(['ومن', 'من', 'نفط', 'a"b']));
  });
});

describe('requiredGroups', () => {
  it('leaves out function words when the query has other words', () => {
    expect(requiredGroups(queryGroups('حملة عن التطعيم في المدارس'))).toEqual({
      groups: [['حمل'], ['تطعيم', 'التطعيم'], ['مدارس', 'المدارس']],
      rankText: true,
    });
    expect(requiredGroups(queryGroups('ومن الذاكرة')).groups).toEqual([['ذاكر', 'الذاكر']]);
  });

  it('keeps every word of a query of function words only, unranked by text', () => {
    expect(requiredGroups(queryGroups('في من التي'))).toEqual({
      groups: [['في'], ['من'], ['تي', 'الت']],
      rankText: false,
    });
  });
});

describe('relaxedLevels', () => {
  const groups = [['a'], ['b', 'x'], ['c'], ['d'], ['e']];

  it('leaves out one word, then two…, while at least half of the words (rounded up) remain', () => {
    const levels = relaxedLevels(groups);
    expect(levels.map((level) => level.length)).toEqual([5, 10]);
    expect(levels[0]?.[0]).toEqual([['a'], ['b', 'x'], ['c'], ['d']]);
    expect(levels[0]?.at(-1)).toEqual([['b', 'x'], ['c'], ['d'], ['e']]);
    for (const subset of levels[1] ?? []) expect(subset).toHaveLength(3);
    expect(relaxedLevels(groups.slice(0, 2))).toEqual([[[['a']], [['b', 'x']]]]);
    expect(relaxedLevels(groups.slice(0, 1))).toEqual([]);
  });

  it('bounds the terms of a level, so long queries relax less deeply', () => {
    const long = Array.from({ length: 16 }, (_, index) => [`w${index}`, `v${index}`]);
    const levels = relaxedLevels(long);
    for (const level of levels) expect(level.flat(2).length).toBeLessThanOrEqual(256);
    expect(levels.length).toBeLessThan(8);
  });

  it('quotes every term of the subsets it ORs', () => {
    const subsets = [[['a"b'], ['c']], [['d', "o'k"]]];
    expect(ftsAnySubset(subsets)).toBe('("a""b" AND "c") OR (("d" OR "o\'k"))');
    expect(tsAnySubset(subsets)).toBe("(('a\"b') & ('c')) | (('d' | 'o''k'))");
  });
});

describe('relaxes', () => {
  const required = { groups: [['a'], ['b']], rankText: true };

  it('when the strict match fills less than a page, or the cursor stands among relaxed hits', () => {
    expect(relaxes(required, 3, 10, null)).toBe(true);
    expect(relaxes(required, 10, 10, null)).toBe(true);
    expect(relaxes(required, 11, 10, null)).toBe(false);
    expect(relaxes(required, 40, 10, { score: -990, id: 'a000000000000001' })).toBe(true);
    expect(relaxes(required, 40, 10, { score: 3, id: 'a000000000000001' })).toBe(false);
  });

  it('never for one word or function words only', () => {
    expect(relaxes({ groups: [['a']], rankText: true }, 0, 10, null)).toBe(false);
    expect(relaxes({ groups: [['في'], ['من']], rankText: false }, 0, 10, null)).toBe(false);
  });
});
