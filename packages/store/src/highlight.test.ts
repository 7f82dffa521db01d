import { describe, expect, it } from 'vitest';
import { highlight } from './highlight.ts';
import { groupStems, queryGroups } from './query-terms.ts';
import { bodyShadow } from './stored-row.ts';

const article = {
  title: 'أسعار النفط ترتفع',
  body: [
    'افتتحت الأسواق على هدوء.',
    'قال محللون إن النفط قد يرتفع.',
    'وارتفعت أسعارُ النفطِ بعد قرار خفض الإنتاج، وفق ما أعلنه المنتجون.',
    'وفي الختام تراجعت أسعار الذهب.',
  ],
};
const searchBody = bodyShadow(article.body);
const find = (query: string) => highlight(article, groupStems(queryGroups(query)), searchBody);

describe('highlight', () => {
  it('marks the words of the original text whose stem the query names, best fragments first', () => {
    const [first, second, third, ...rest] = find('أسعار النفط الانتاج');
    expect(rest).toEqual([]);
    // Paragraph 2 holds all three words, the title two, paragraph 1 and 3 one each.
    expect(first).toMatchObject({ field: 'body', paragraph: 2, start: 0 });
    expect(first?.matches.map((range) => article.body[2]?.slice(range.start, range.end))).toEqual([
      'أسعارُ',
      'النفطِ',
      'الإنتاج',
    ]);
    expect(second).toMatchObject({ field: 'title', paragraph: null, text: article.title });
    expect(second?.matches).toEqual([
      { start: 0, end: 5 },
      { start: 6, end: 11 },
    ]);
    expect(third).toMatchObject({ field: 'body', paragraph: 1 });
  });

  it('gives nothing when no word matches', () => {
    expect(find('القمح')).toEqual([]);
  });

  it('keeps every fragment equal to its slice of the field text', () => {
    for (const fragment of find('ارتفع الذهب النفط')) {
      const field =
        fragment.field === 'title' ? article.title : (article.body[fragment.paragraph ?? -1] as string);
      expect(fragment.text).toBe(field.slice(fragment.start, fragment.end));
    }
  });
});

describe('highlight over the shadow text', () => {
  it('picks paragraphs by whole terms only, the ones holding the most distinct stems first', () => {
    const body = ['النفطيات والمنتجات', 'سوق', 'سعر النفط', 'سعر النفط والذهب'];
    const fragments = highlight({ title: 'عنوان', body }, new Set(['نفط', 'ذهب', 'سعر']), bodyShadow(body));
    // نفطي (of النفطيات) holds نفط but is another term: paragraph 0 has no match.
    expect(fragments.map((fragment) => fragment.paragraph)).toEqual([3, 2]);
  });
});
