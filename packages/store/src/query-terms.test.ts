import { searchTerms } from '@khabar/arabic';
import { describe, expect, it } from 'vitest';
import { ftsAllGroups, groupStems, queryGroups, requiredGroups, tsAllGroups } from './query-terms.ts';

describe('queryGroups', () => {
  it('gives each distinct word its index term, as searchTerms does', () => {
    const query = 'وزيرُ الخارجيّة والخارجية الصينى';
    expect(queryGroups(query).map((group) => group[0])).toEqual([...new Set(searchTerms(query))]);
  });

  it('adds the stem without a leading و where light stemming keeps it', () => {
    expect(queryGroups('ومن وفي وللمجاهدين')).toEqual([
      ['ومن', 'من'],
      ['وف', 'في'],
      ['للمجاهد', 'مجاهد'],
    ]);
    expect(queryGroups('الوزير')).toEqual([['زير']]);
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
      groups: [['حمل'], ['تطعيم'], ['مدارس']],
      rankText: true,
    });
    expect(requiredGroups(queryGroups('ومن الذاكرة')).groups).toEqual([['ذاكر']]);
  });

  it('keeps every word of a query of function words only, unranked by text', () => {
    expect(requiredGroups(queryGroups('في من التي'))).toEqual({
      groups: [['في'], ['من'], ['تي']],
      rankText: false,
    });
  });
});
