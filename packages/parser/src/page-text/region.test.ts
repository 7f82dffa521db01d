import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Line, splitLines } from '../lines.ts';
import { parseArticle } from '../parse-article.ts';
import { findArticleRegion, type PageRegion } from './region.ts';

const MENU = ['الرئيسية', 'محليات', 'اقتصاد', 'رياضة', 'ثقافة', 'منوعات', 'فيديو', 'اتصل بنا'];
const HEADLINE = 'افتتاح جسر جديد يربط ضفتي الوادي في المدينة الساحلية';
const PARAGRAPHS = [
  'افتتح محافظ المدينة الساحلية صباح اليوم جسرا جديدا يربط ضفتي الوادي، بعد عامين من أعمال البناء التي نفذتها شركة وطنية بتكلفة بلغت نحو أربعين مليون ريال.',
  'وقال المحافظ في كلمة خلال الحفل إن الجسر سيختصر زمن الرحلة بين الحيين إلى عشر دقائق، وإنه جزء من خطة أوسع لتطوير الطرق في المنطقة خلال السنوات المقبلة.',
  'وأضاف أن الأعمال في المرحلة الثانية ستبدأ مطلع العام المقبل، على أن تشمل إنارة الطريق الساحلي وزراعة الأشجار على جانبيه.',
];
const MOST_READ = [
  'الأكثر قراءة',
  'ارتفاع أسعار الخضار في الأسواق المركزية',
  'منتخب الناشئين يتأهل إلى نصف النهائي',
  'طقس حار على معظم المناطق حتى نهاية الأسبوع',
  'افتتاح معرض الكتاب بمشاركة مئتي دار نشر',
];
const FOOTER = [
  'أخبار ذات صلة',
  'بلدية المدينة تطرح مناقصة لصيانة الطرق',
  'إغلاق مؤقت لشارع الكورنيش بسبب الأعمال',
  'التعليقات',
  'أضف تعليقك',
  'الاسم',
  'البريد الإلكتروني',
  'يحتفظ الموقع بحقه في حذف أي تعليق يخالف سياسة النشر أو يتضمن إساءة إلى الأشخاص أو الجهات، ولا تعبر التعليقات عن رأي الموقع بل عن رأي كتابها وحدهم.',
  'نرجو من القراء الالتزام بموضوع الخبر عند التعليق، وعدم نشر الأرقام والعناوين الشخصية، فالتعليقات تراجع قبل نشرها وقد يتأخر ظهورها بضع ساعات.',
  ...MENU,
  'جميع الحقوق محفوظة © 2024',
];

function linesOf(rows: readonly string[]): Line[] {
  return splitLines(rows.join('\n')).lines;
}

function texts(lines: readonly Line[], region: PageRegion) {
  return {
    title: lines[region.title]?.text,
    header: region.header.map((index) => lines[index]?.text),
    body: lines.slice(region.bodyStart, region.bodyEnd).map((line) => line.text),
  };
}

describe('findArticleRegion on full-page dumps', () => {
  it('finds the headline under the chrome, the date line below it and the body', () => {
    const lines = linesOf([
      'المرصد اليومي',
      'تسجيل الدخول',
      ...MENU,
      'الرئيسية / محليات',
      HEADLINE,
      'الأحد، 12 مايو 2024 10:15 ص',
      'كتبت سارة محمود',
      'شارك',
      ...PARAGRAPHS,
      ...FOOTER,
    ]);
    const region = findArticleRegion(lines);
    expect(region).not.toBeNull();
    expect(texts(lines, region as PageRegion)).toEqual({
      title: HEADLINE,
      header: ['الأحد، 12 مايو 2024 10:15 ص', 'كتبت سارة محمود'],
      body: PARAGRAPHS,
    });
  });

  it('takes a date line printed above the headline, and the headline over the site name of the first line', () => {
    const lines = linesOf([
      `${HEADLINE} - المرصد اليومي`,
      ...MENU,
      'عاجل: انقطاع الكهرباء عن ثلاثة أحياء',
      'GMT 07:15 12.05.2024',
      HEADLINE,
      '© صورة أرشيفية',
      ...PARAGRAPHS,
      ...FOOTER,
    ]);
    const region = findArticleRegion(lines) as PageRegion;
    expect(texts(lines, region)).toEqual({
      title: HEADLINE,
      header: ['GMT 07:15 12.05.2024'],
      body: PARAGRAPHS,
    });
  });

  it('passes over a most-read list between the headline and the body', () => {
    const lines = linesOf([
      'المرصد اليومي',
      ...MENU,
      HEADLINE,
      'تاريخ النشر: 12/05/2024',
      ...MOST_READ,
      ...PARAGRAPHS,
      ...FOOTER,
    ]);
    const region = findArticleRegion(lines) as PageRegion;
    expect(texts(lines, region)).toEqual({
      title: HEADLINE,
      header: ['تاريخ النشر: 12/05/2024'],
      body: PARAGRAPHS,
    });
  });

  it('keeps the article own footer and leaves a long page footer with prose of its own out', () => {
    const lines = linesOf([
      'المرصد اليومي',
      ...MENU,
      HEADLINE,
      'نشر في: 12 أيار 2024',
      ...PARAGRAPHS,
      'المصدر: المرصد اليومي',
      ...MOST_READ,
      ...FOOTER,
      ...FOOTER,
    ]);
    const region = findArticleRegion(lines) as PageRegion;
    expect(texts(lines, region).body).toEqual([...PARAGRAPHS, 'المصدر: المرصد اليومي']);
  });

  it('prefers the publication date to an update stamp', () => {
    const lines = linesOf([
      'المرصد اليومي',
      ...MENU,
      HEADLINE,
      'آخر تحديث: 14 مايو 2024',
      'نشر في: 12 مايو 2024',
      ...PARAGRAPHS,
      ...FOOTER,
    ]);
    const region = findArticleRegion(lines) as PageRegion;
    expect(texts(lines, region).header).toEqual(['نشر في: 12 مايو 2024']);
  });

  it('finds no article in a page of menus and headlines, nor in an empty page', () => {
    const lines = linesOf(['المرصد اليومي', ...MENU, ...MOST_READ, ...MENU, 'جميع الحقوق محفوظة © 2024']);
    expect(findArticleRegion(lines)).toBeNull();
    expect(findArticleRegion([])).toBeNull();
  });

  it('takes a line of 100,000 letters for no article, and still finds the article below one', () => {
    const endless = 'x'.repeat(100_000);
    expect(findArticleRegion(linesOf([endless, ...MENU, ...MENU]))).toBeNull();
    const lines = linesOf([
      'المرصد اليومي',
      endless,
      ...MENU,
      HEADLINE,
      'نشر في: 12 مايو 2024',
      ...PARAGRAPHS,
      ...FOOTER,
    ]);
    const region = findArticleRegion(lines) as PageRegion;
    expect(texts(lines, region)).toEqual({
      title: HEADLINE,
      header: ['نشر في: 12 مايو 2024'],
      body: PARAGRAPHS,
    });
  });
});

describe('findArticleRegion on seed-layout dumps', () => {
  it('returns null for the seed', () => {
    const seed = readFileSync(new URL('../../../../seeds/000_eaf3ae8403d3c001.txt', import.meta.url), 'utf8');
    expect(findArticleRegion(splitLines(seed).lines)).toBeNull();
  });

  it('returns null when the first line is the title, whatever opens the article', () => {
    const plain = [HEADLINE, 'نشر في: 12 مايو 2024', ...PARAGRAPHS, ...MENU];
    expect(findArticleRegion(linesOf(plain))).toBeNull();
    const withPlace = [HEADLINE, 'الرياض: سارة محمود', ...PARAGRAPHS, ...MENU];
    expect(findArticleRegion(linesOf(withPlace))).toBeNull();
    const untitledDate = [HEADLINE, ...PARAGRAPHS, 'اقرأ أيضاً', 'إغلاق مؤقت لشارع الكورنيش', ...MENU];
    expect(findArticleRegion(linesOf(untitledDate))).toBeNull();
  });
});

// A seed-layout dump of the whole family around a short article: one paragraph, a read-also item right
// after it, the footer, then articles appended after the marker.
const SHORT_TITLE = 'بلدية الواحة تفتح باب التسجيل في برنامج التشجير الصيفي';
const CITING =
  'أعلنت بلدية الواحة فتح باب التسجيل في برنامج التشجير الصيفي للأحياء السكنية، ودعت الراغبين في المشاركة إلى تعبئة النموذج على الرابط www.example.org قبل نهاية الشهر الجاري.';
const READ_ALSO_HEADLINE = 'افتتاح ممشى جديد على شاطئ المدينة';
const FOOTER_LINES = ['المصدر: صحيفة الواحة', 'كلمات دلالية: التشجير الواحة'];
const APPENDED_TITLE = 'مهرجان للتمور في السوق القديم بمشاركة المزارعين';
const APPENDED_PARAGRAPHS = [
  'انطلق مساء أمس مهرجان التمور في السوق القديم بمشاركة أكثر من مئة مزارع من قرى المنطقة، وسط إقبال كبير من الزوار الذين توافدوا منذ الساعات الأولى.',
  'وقال رئيس اللجنة المنظمة إن المهرجان يستمر عشرة أيام، وإن الأسعار بقيت في متناول الأسر رغم تراجع المحصول في بعض المزارع هذا العام.',
];
const SECOND_TITLE = 'جمعية المكفوفين تطلق مكتبة صوتية للطلاب';
const SECOND_PARAGRAPH =
  'أطلقت جمعية المكفوفين في المدينة مكتبة صوتية تضم مئات الكتب المدرسية المسجلة، على أن تتاح للطلاب مجانا عبر تطبيق على الهاتف مع بداية العام الدراسي.';

describe('findArticleRegion on seed-layout dumps of the whole family', () => {
  it('reads a one-paragraph article citing a web address, with a read-also item and appended articles, as the seed layout', () => {
    const rows = [
      SHORT_TITLE,
      'نشر في: 14 يونيو 2019',
      CITING,
      'اقرأ أيضاً',
      READ_ALSO_HEADLINE,
      ...FOOTER_LINES,
      'إقرأ أيضاً:',
      APPENDED_TITLE,
      ...APPENDED_PARAGRAPHS,
      'إقرأ أيضاً:',
      SECOND_TITLE,
      SECOND_PARAGRAPH,
    ];
    expect(findArticleRegion(linesOf(rows))).toBeNull();
    const parsed = parseArticle(rows.join('\n'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.article.title).toBe(SHORT_TITLE);
    expect(parsed.article.body).toEqual([CITING]);
    expect(parsed.article.readAlso.map((item) => item.title)).toEqual([READ_ALSO_HEADLINE]);
    expect(parsed.article.related.map((related) => related.title)).toEqual([APPENDED_TITLE, SECOND_TITLE]);
    expect(parsed.warnings.filter((warning) => warning.code === 'outside_article')).toEqual([]);
  });

  it('reads an article that is all header, closed by its footer, as the seed layout', () => {
    const rows = [
      SHORT_TITLE,
      'سعيد بن ناصر العتيبي',
      'اقرأ أيضاً',
      READ_ALSO_HEADLINE,
      ...FOOTER_LINES,
      'إقرأ أيضاً:',
      APPENDED_TITLE,
      ...APPENDED_PARAGRAPHS,
      'إقرأ أيضاً:',
      SECOND_TITLE,
      SECOND_PARAGRAPH,
    ];
    expect(findArticleRegion(linesOf(rows))).toBeNull();
  });

  it('takes no article appended after the footer and its marker for the article of the dump', () => {
    // A long line of names opens the article: the header check cannot tell it from a menu, but the
    // article found stands after the footer and the appended-articles marker.
    const rows = [
      SHORT_TITLE,
      'الأمير سعيد بن ناصر الأمير خالد بن فهد الشيخ عبدالله بن سالم',
      ...FOOTER_LINES,
      'إقرأ أيضاً:',
      APPENDED_TITLE,
      ...APPENDED_PARAGRAPHS,
      'إقرأ أيضاً:',
      SECOND_TITLE,
      SECOND_PARAGRAPH,
      'إقرأ أيضاً:',
      'ختام دورة تدريبية للمسعفين المتطوعين',
    ];
    expect(findArticleRegion(linesOf(rows))).toBeNull();
  });

  it('still finds the article of a page with a credits line before the headline and no appended articles', () => {
    const lines = linesOf([
      'المرصد اليومي',
      ...MENU,
      'عاجل: انقطاع الكهرباء عن ثلاثة أحياء',
      'المصدر: وكالات',
      HEADLINE,
      'نشر في: 12 مايو 2024',
      ...PARAGRAPHS,
      ...FOOTER,
    ]);
    const region = findArticleRegion(lines) as PageRegion;
    expect(texts(lines, region)).toEqual({
      title: HEADLINE,
      header: ['نشر في: 12 مايو 2024'],
      body: PARAGRAPHS,
    });
  });
});
