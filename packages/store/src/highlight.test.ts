import { describe, expect, it } from 'vitest';
import { bestParagraphs, highlight } from './highlight.ts';
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

describe('bestParagraphs', () => {
  it('chooses the same paragraphs from the shadow text and from its UTF-8 bytes', () => {
    const bodies = [
      article.body,
      ['النفط 🛢️ النفط', 'x', '', 'Oil النفط oil', 'أسعار أسعار أسعار'],
      Array.from(
        { length: 40 },
        (_, index) => `فقرة ${index} عن ${index % 3 === 0 ? 'النفط' : 'الذهب'} والأسعار`,
      ),
    ];
    const queries = ['أسعار النفط الانتاج', 'oil', 'الذهب فقرة', 'غائب', '🛢️', 'ف'];
    for (const body of bodies) {
      const shadow = bodyShadow(body);
      // A view into a larger buffer, as a driver may hand out.
      const bytes = new TextEncoder().encode(`pad${shadow}`).subarray(3);
      for (const query of queries) {
        const stems = groupStems(queryGroups(query));
        expect(bestParagraphs(bytes, stems)).toEqual(bestParagraphs(shadow, stems));
      }
    }
    expect(bestParagraphs(new TextEncoder().encode(searchBody), groupStems(queryGroups('النفط')))).toEqual([
      1, 2,
    ]);
  });
});
