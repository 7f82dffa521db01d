import { readdirSync, readFileSync } from 'node:fs';
import { parseArticle } from '@khabar/parser';
import type { Article } from '@khabar/schema';

const fixturesDir = new URL('./fixtures/', import.meta.url);

/** The hand-written documents of `test/fixtures`, by file name without `.txt`. */
export function fixtureDocuments(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(fixturesDir)
      .filter((file) => file.endsWith('.txt'))
      .map((file) => [file.slice(0, -4), readFileSync(new URL(file, fixturesDir), 'utf8')]),
  );
}

const regions = ['الرياض', 'جدة', 'الدمام', 'أبها', 'تبوك', 'حائل'];

/**
 * `count` short reports for paging tests: dates repeat (so the id breaks ties), every ninth has no
 * date line (so undated articles follow the dated ones), and each carries the tag `تقارير`.
 */
export function generatedDocuments(count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const number = index + 1;
    const region = regions[index % regions.length] ?? 'الرياض';
    const day = String((index % 12) + 1).padStart(2, '0');
    const lines = [`تقرير موجز رقم ${number} عن حركة الأسواق في ${region}`];
    if (number % 9 !== 0) lines.push(`تاريخ النشر: 2023-06-${day}`);
    lines.push(
      `رصد التقرير رقم ${number} نشاطا ملحوظا في أسواق ${region} خلال الأسبوع الماضي مع إقبال المتسوقين على التمور والقهوة.`,
      `وأشار التجار إلى أن الأسعار بقيت مستقرة في معظم المحلات، بينما ارتفع الطلب على المنتجات المحلية الطازجة.`,
      `المصدر: نشرة ${region}`,
      `كلمات دلالية: تقارير ${number % 2 === 0 ? 'أسواق' : 'تجارة'}`,
    );
    return `${lines.join('\n')}\n`;
  });
}

/** Parses a document that must parse. */
export function parsed(text: string): Article {
  const result = parseArticle(text);
  if (!result.ok) throw new Error(`fixture did not parse: ${result.error.message}`);
  return result.article;
}
