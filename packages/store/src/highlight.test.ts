import { matchStems } from '@khabar/arabic';
import fc from 'fast-check';
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
  it('finds the same terms in a string as in its UTF-8 bytes, whatever the text', () => {
    const term = fc.constantFrom('نفط', 'النفط', 'سعر', 'oil', '🛢️', 'ذهب', '2023', 'ن', 'نفطي');
    const line = fc.array(term, { maxLength: 12 }).map((terms) => terms.join(' '));
    const shadow = fc.array(line, { maxLength: 8 }).map((lines) => lines.join('\n'));
    const stems = fc.uniqueArray(term, { maxLength: 4 }).map((terms) => new Set(terms));
    fc.assert(
      fc.property(shadow, stems, (text, wanted) => {
        expect(bestParagraphs(text, wanted)).toEqual(bestParagraphs(new TextEncoder().encode(text), wanted));
      }),
      { numRuns: 500 },
    );
  });

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
      { index: 1, stems: 1 },
      { index: 2, stems: 1 },
    ]);
  });
});

describe('highlight of long paragraphs', () => {
  // The best window of a paragraph by the definition, every word of it tokenized: each matched word
  // anchors four words before it and as many after as fit in 200 characters (more before when the
  // paragraph ends first); the window holding the most distinct stems wins, the first of equals.
  function definedWindow(paragraph: string, stems: ReadonlySet<string>) {
    const { starts, ends, matched } = matchStems(paragraph, stems);
    if (matched.length === 0) return null;
    if (paragraph.length <= 200) return { start: 0, end: paragraph.length };
    let best: { start: number; end: number; distinct: number } | null = null;
    for (const { index } of matched) {
      let first = Math.max(0, index - 4);
      let last = index;
      while (last + 1 < starts.length && (ends[last + 1] as number) - (starts[first] as number) <= 200)
        last++;
      while (first > 0 && (ends[last] as number) - (starts[first - 1] as number) <= 200) first--;
      const start = starts[first] as number;
      const end = ends[last] as number;
      const distinct = new Set(
        matched
          .filter(({ token }) => token.start >= start && token.end <= end)
          .map(({ token }) => token.stem),
      ).size;
      if (!best || distinct > best.distinct) best = { start, end, distinct };
    }
    return best && { start: best.start, end: best.end };
  }

  // Words of every length, some the query's (with and without the article, one with a suffix), glued
  // by spaces and punctuation into paragraphs of up to a few thousand characters.
  const vocabulary = [
    'النفط',
    'نفط',
    'والنفط',
    'أسعار',
    'الأسعار',
    'سعرها',
    'الذهب',
    'في',
    'قال',
    'المتحدث',
    'الاستثمارات',
    'و',
    'بالمملكة',
    'الاقتصادية',
    'ارتفاع',
    'عشرين',
    '2023',
  ];
  const paragraph = fc
    .array(fc.tuple(fc.constantFrom(...vocabulary), fc.constantFrom(' ', ' ', ' ', '، ', '. ', ' - ')), {
      minLength: 1,
      maxLength: 400,
      size: 'max',
    })
    .map((words) => words.map(([word, gap]) => `${word}${gap}`).join(''));
  const query = fc
    .array(fc.constantFrom('النفط', 'أسعار', 'الذهب', 'ارتفاع', 'الاستثمارات', 'غائب'), {
      minLength: 1,
      maxLength: 3,
    })
    .map((words) => words.join(' '));

  it('picks the window the definition picks, however early it stops reading', () => {
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 3 }), query, (body, q) => {
        const stems = groupStems(queryGroups(q));
        const fragments = highlight({ title: 'عنوان', body }, stems, bodyShadow(body));
        for (const fragment of fragments) {
          const text = body[fragment.paragraph ?? -1] as string;
          expect({ start: fragment.start, end: fragment.end }).toEqual(definedWindow(text, stems));
          expect(fragment.text).toBe(text.slice(fragment.start, fragment.end));
        }
        // Every paragraph with a match has its fragment, up to two.
        const matching = body.filter((text) => definedWindow(text, stems) !== null).length;
        expect(fragments.length).toBe(Math.min(2, matching));
      }),
      { numRuns: 400 },
    );
  });
});
