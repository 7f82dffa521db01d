import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLines } from '../lines.ts';
import { lineFeatures } from './line-features.ts';
import { isSeedLayout, readsAsParagraph, readsAsParagraphLine } from './seed-layout.ts';

function linesOf(rows: readonly string[]) {
  return splitLines(rows.join('\n')).lines;
}

const TITLE = 'افتتاح مركز صحي جديد في حي النخيل';
const PARAGRAPH =
  'افتتح مدير الشؤون الصحية صباح اليوم مركزا صحيا جديدا في حي النخيل، يخدم نحو عشرين ألف نسمة من سكان الحي والأحياء المجاورة له.';
const MENU = ['الرئيسية', 'محليات', 'اقتصاد', 'رياضة', 'ثقافة', 'منوعات', 'اتصل بنا'];

describe('readsAsParagraphLine', () => {
  it('answers as the whole line features do, on lines of any shape', () => {
    const piece = fc.constantFrom(
      ...['وزير', 'في', 'من', 'الرياض', 'Riyadh', '2023', '17.03.2020', 'www.example.com', '©'],
      ...['،', '.', '..', '...', '!', '؟', '?', ':', ',', '|', '•', '/', '»', '«', '"', 'ـ', '𝐀'],
    );
    const line = fc
      .array(fc.tuple(piece, fc.constantFrom(' ', '', ' ')), { minLength: 1, maxLength: 30 })
      .map((pairs) => pairs.map(([text, gap]) => text + gap).join(''));
    fc.assert(
      fc.property(line, (text) => {
        for (const cleaned of splitLines(text).lines) {
          expect(readsAsParagraphLine(cleaned)).toBe(readsAsParagraph(lineFeatures(cleaned)));
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('isSeedLayout', () => {
  it('lets read-also items stand between the title and the first paragraph', () => {
    const rows = [TITLE, 'مدير الشؤون الصحية', 'اقرأ أيضاً', 'تطعيمات موسمية في المدارس الحكومية', PARAGRAPH];
    expect(isSeedLayout(linesOf(rows))).toBe(true);
    const inline = [
      TITLE,
      'مدير الشؤون الصحية',
      'اقرأ أيضاً: تطعيمات موسمية',
      'إقرأ كذلك: حملة للتبرع بالدم',
      PARAGRAPH,
    ];
    expect(isSeedLayout(linesOf(inline))).toBe(true);
  });

  it('takes a paragraph that cites a web address for a paragraph, and a row of links for none', () => {
    const citing =
      'وأوضح المدير أن المواعيد تحجز عبر الموقع www.example.org أو بالاتصال بالرقم الموحد، وأن المركز يعمل على فترتين طوال أيام الأسبوع.';
    expect(isSeedLayout(linesOf([TITLE, 'نشر في: 14 يونيو 2019', citing, PARAGRAPH]))).toBe(true);
    expect(isSeedLayout(linesOf([TITLE, citing, PARAGRAPH]))).toBe(true);
    const links = 'الرئيسية | محليات | اقتصاد | رياضة | ثقافة | منوعات | اتصل بنا | من نحن | أرشيف الأخبار';
    expect(
      isSeedLayout(linesOf(['المرصد اليومي', links, 'حالة الطقس اليوم', 'أسعار العملات', PARAGRAPH])),
    ).toBe(false);
  });

  it('takes a place and date line with the agency name for the header', () => {
    const rows = [TITLE, 'الرياض 12 شوال 1440 هـ الموافق 15 يونيو 2019 م واس', PARAGRAPH];
    expect(isSeedLayout(linesOf(rows))).toBe(true);
  });

  it('reads an article closed by its footer with no paragraph as the seed layout', () => {
    const rows = [
      TITLE,
      'سعيد بن ناصر العتيبي',
      'اقرأ أيضاً',
      'تطعيمات موسمية في المدارس',
      'المصدر | واس',
      'وسوم: النخيل',
    ];
    expect(isSeedLayout(linesOf(rows))).toBe(true);
  });

  it('reads verse under a title and byline as the seed layout, and a menu under a site name and date as none', () => {
    const verse = ['على شاطئ الليل ..', 'نمشي معا ..', 'والموج يسأل ..', '.', 'عن اسمنا ..', 'ونمضي ..!'];
    expect(isSeedLayout(linesOf([TITLE, 'كتب – سعيد الحربي', ...verse, PARAGRAPH]))).toBe(true);
    expect(isSeedLayout(linesOf(['المرصد اليومي', 'الأحد 12 مايو 2024', ...MENU, TITLE, PARAGRAPH]))).toBe(
      false,
    );
    expect(
      isSeedLayout(
        linesOf(['المرصد اليومي', 'اقرأ أيضاً', 'تطعيمات موسمية في المدارس', ...MENU, TITLE, PARAGRAPH]),
      ),
    ).toBe(false);
  });
});
