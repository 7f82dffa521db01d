// Other outlets' copies of two fixture articles, so the site has stories to show: each copy is made from
// the fixture's own text the way papers rewrite a wire story (a new title and dateline, other credits and
// tags, a sentence dropped, sentences swapped, words changed), then read by the parser like any document.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArticle } from '@khabar/parser';
import type { Article } from '@khabar/schema';
import { fixtureDirs } from './stack.ts';

interface Fixture {
  /** The body paragraphs, in order, without the read-also box. */
  paragraphs: string[];
}

async function readFixture(file: string): Promise<Fixture> {
  const dir = fixtureDirs[1] ?? '';
  const lines = (await readFile(join(dir, file), 'utf8')).split('\n');
  // Body paragraphs are the long lines after the title, date and byline; the read-also title, the
  // credits and the tags are short or start with their own labels.
  const paragraphs = lines
    .slice(2)
    .filter((line) => line.length > 80 && !/^(المصدر|كلمات دلالية)/.test(line));
  return { paragraphs };
}

function parse(lines: string[]): Article {
  const parsed = parseArticle(`${lines.join('\n')}\n`);
  if (!parsed.ok) throw new Error(`a story rewrite was rejected: ${parsed.error.message}`);
  return parsed.article;
}

/** Titles of the copies, for tests to find them by. */
export const rewriteTitles = {
  desalinationAfternoon: 'مصر تفتتح محطة جديدة لتحلية مياه البحر بطاقة 150 ألف متر مكعب يومياً',
  desalinationEvening: 'محطة تحلية عملاقة تدخل الخدمة على الساحل الشمالي',
  wheat: 'مزارعو الدلتا يبدأون حصاد القمح قبل موعده',
} as const;

/**
 * Two copies of the desalination fixture (published 10:30 by الأهرام with رويترز): الشروق's at 13:00, with
 * «الإسكندرية» written «المدينة» so that only the first copy matches that word, and اليوم السابع's at
 * 16:45, two paragraphs swapped, the last dropped and a verb changed. And one copy of the wheat fixture
 * by a paper without an agency, the same day. Every copy is later than the article it copies, so each
 * story keeps the fixture's id.
 */
export async function storyRewrites(): Promise<Article[]> {
  const desalination = (await readFixture('101-desalination.txt')).paragraphs;
  const wheat = (await readFixture('105-wheat.txt')).paragraphs;
  const [opening = '', minister = '', plan = '', coast = ''] = desalination;
  const withoutCity = (text: string) => text.replaceAll('الإسكندرية', 'المدينة');
  return [
    parse([
      rewriteTitles.desalinationAfternoon,
      'تاريخ النشر: 2024-03-11 13:00',
      withoutCity(opening).replace('القاهرة- خبر:', 'القاهرة - الشروق:'),
      withoutCity(minister),
      plan,
      coast,
      'المصدر | رويترزالمصدر: الشروق',
      'كلمات دلالية: المياه',
    ]),
    parse([
      rewriteTitles.desalinationEvening,
      'تاريخ النشر: 2024-03-11 16:45',
      withoutCity(opening).replace('القاهرة- خبر:', 'القاهرة:').replace('افتتحت', 'دشنت'),
      plan,
      withoutCity(minister).replace('وقال', 'وأوضح'),
      'المصدر: اليوم السابع',
      'كلمات دلالية: الطاقة',
    ]),
    parse([
      rewriteTitles.wheat,
      'تاريخ النشر: 2024-03-09 12:00',
      ...wheat.map((paragraph) => paragraph.replace('طنطا- خبر:', 'طنطا:')),
      'المصدر: المصري اليوم',
      'كلمات دلالية: الزراعة',
    ]),
  ];
}
