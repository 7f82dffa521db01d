// Full-page dumps for breadth: SaudiNewsNet articles rendered into the text of invented news sites
// (menus, breadcrumbs, tickers, most-read and related lists, share bars, comment forms, footers),
// with the date line in varied forms above or below the headline. Scores title, date and body token
// F1 against the parse of the same article in the seed layout, and counts seed-layout renders of the
// whole corpus that `findArticleRegion` wrongly takes for full pages.
// Run: node bench/page-text.eval.ts [--pages N] [--seed N] [--show N]
import { parseArgs } from 'node:util';
import { type CorpusArticle, loadCorpus, renderCorpus, renderSeedLayout } from '@khabar/corpus';
import { splitLines } from '../src/lines.ts';
import { findArticleRegion } from '../src/page-text/region.ts';
import { parseArticle } from '../src/parse-article.ts';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '7' },
    show: { type: 'string', default: '0' },
  },
});

/** A small seeded generator, so that a run can be repeated. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const random = generator(Number(values.seed));
const chance = (p: number) => random() < p;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));

const SITES = ['الخبر اليومي', 'نبض الوطن', 'صدى الخليج', 'المرصد الإخباري', 'بوابة الشرق', 'أخبار الساعة'];
const SECTIONS = [
  ...['الرئيسية', 'محليات', 'سياسة', 'اقتصاد', 'رياضة', 'ثقافة وفنون', 'منوعات', 'تقنية', 'صحة'],
  ...['مقالات', 'فيديو', 'صور', 'العالم', 'عربي ودولي', 'حوادث', 'تعليم', 'مجتمع', 'الطقس', 'المزيد'],
];
const WEEKDAYS = ['الأحد', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];
const MONTHS: readonly (readonly string[])[] = [
  ['يناير', 'كانون الثاني', 'جانفي'],
  ['فبراير', 'شباط', 'فيفري'],
  ['مارس', 'آذار', 'مارس'],
  ['أبريل', 'نيسان', 'أفريل'],
  ['مايو', 'أيار', 'ماي'],
  ['يونيو', 'حزيران', 'جوان'],
  ['يوليو', 'تموز', 'جويلية'],
  ['أغسطس', 'آب', 'أوت'],
  ['سبتمبر', 'أيلول', 'سبتمبر'],
  ['أكتوبر', 'تشرين الأول', 'أكتوبر'],
  ['نوفمبر', 'تشرين الثاني', 'نوفمبر'],
  ['ديسمبر', 'كانون الأول', 'ديسمبر'],
];
const ABOUT = [
  'موقع إخباري مستقل يقدم لقرائه الأخبار المحلية والعربية والدولية على مدار الساعة، ويحرص على الدقة والموضوعية في كل ما ينشره من تقارير ومتابعات.',
  'جميع المقالات المنشورة تعبر عن رأي كتابها ولا تعبر بالضرورة عن رأي الموقع، ويحتفظ الموقع بحقه في حذف أي تعليق يخالف سياسة النشر أو يسيء إلى الآخرين.',
  'نرحب بتعليقاتكم على أن تكون في حدود الأدب والاحترام، وتلتزم بموضوع الخبر، ولا تتضمن إساءة إلى الأشخاص أو الجهات أو الأديان.',
];

function toArabicDigits(text: string): string {
  return text.replace(/[0-9]/g, (digit) => String.fromCharCode(0x0660 + Number(digit)));
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The article's date in one of the forms sites print. */
function dateLine(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const hour = Number(iso.slice(11, 13));
  const minute = pad(Number(iso.slice(14, 16)));
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] as string;
  const names = MONTHS[month - 1] as readonly string[];
  const twelve = `${pad(((hour + 11) % 12) + 1)}:${minute} ${hour < 12 ? 'ص' : 'م'}`;
  const forms = [
    `${weekday}، ${day} ${names[0]} ${year} ${twelve}`,
    `التاريخ: ${pad(day)} ${names[0]} ${year}`,
    `GMT ${pad(hour)}:${minute} ${pad(day)}.${pad(month)}.${year}`,
    `نشر في: ${day} ${names[1]} ${year}`,
    `${weekday} ${day} ${names[2]} ${year} - ${pad(hour)}:${minute}`,
    `تاريخ النشر: ${pad(day)}/${pad(month)}/${year} - ${pad(hour)}:${minute}`,
    `${weekday}، ${day} ${names[1]}/${names[0]} ${year}، آخر تحديث ${pad(hour)}:${minute} (GMT+0300)`,
    toArabicDigits(`${day} ${names[0]} ${year}`),
    `${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${minute}`,
  ];
  return pick(forms);
}

function byline(author: string, site: string): string | null {
  if (author.length === 0 || author.length > 40 || /[:،,]/.test(author)) return null;
  return pick([`كتب: ${author}`, `كتبت ${author}`, `بقلم ${author}`, `${author} – ${site}`]);
}

/** One invented site's page around an article; `others` give the lists' headlines. */
function renderPage(article: CorpusArticle, others: readonly CorpusArticle[]): string {
  const site = pick(SITES);
  const headlines = () => Array.from({ length: between(3, 8) }, () => pick(others).title);
  const out: string[] = [];
  const titleLine = random();
  if (titleLine < 0.3) out.push(`${article.title} - ${site}`);
  else if (titleLine < 0.45) out.push(`${site} | ${article.title}`);
  if (chance(0.7)) out.push(site);
  if (chance(0.4)) out.push(pick(['تسجيل الدخول', 'اشترك الآن', 'English', 'بحث']));
  if (chance(0.4)) out.push(dateLine(`2014-0${between(1, 9)}-1${between(0, 9)}T10:00`));
  const sections = [...SECTIONS].sort(() => random() - 0.5).slice(0, between(6, 18));
  if (chance(0.8)) out.push(...sections);
  else out.push(sections.join(' | '));
  if (chance(0.4))
    out.push(
      'عاجل',
      ...headlines()
        .map((title) => `عاجل: ${title}`)
        .slice(0, 3),
    );
  if (chance(0.6)) out.push(`الرئيسية ${pick(['>', '/', '»', ''])} ${pick(SECTIONS)}`);
  const date = dateLine(article.dateExtracted.replace(' ', 'T'));
  const writer = byline(article.author, site);
  const dateAbove = chance(0.25);
  if (dateAbove) out.push(date);
  out.push(article.title);
  if (chance(0.3)) out.push(pick(['شارك', 'فيسبوك تويتر واتساب', 'طباعة', 'أضف تعليق']));
  if (!dateAbove) out.push(date);
  if (chance(0.3)) out.push(`© ${pick(['رويترز', 'واس', 'أ ف ب'])}`, `صورة ${pick(['أرشيفية', 'من الحدث'])}`);
  if (writer !== null && chance(0.8)) out.push(writer);
  if (chance(0.2)) out.push('الأكثر قراءة', ...headlines());
  if (chance(0.3)) out.push(pick(['مشاركة', 'تابعنا على تويتر', 'A A', 'حجم الخط']));
  article.paragraphs.forEach((paragraph, index) => {
    out.push(paragraph);
    if (index === 1 && chance(0.3)) out.push(`اقرأ أيضاً: ${pick(others).title}`);
    if (index === 2 && chance(0.15)) out.push('إعلان');
  });
  if (chance(0.5)) out.push(pick(['شارك الخبر', 'فيسبوك', 'تويتر']), pick(['واتساب', 'تيليجرام']));
  if (chance(0.4)) out.push('الكلمات المفتاحية', ...sections.slice(0, 3));
  if (chance(0.7)) out.push(pick(['أخبار ذات صلة', 'اقرأ المزيد', 'موضوعات متعلقة']), ...headlines());
  if (chance(0.4)) out.push('التعليقات', 'أضف تعليقك', 'الاسم', 'البريد الإلكتروني', 'إرسال');
  if (chance(0.4)) out.push(...ABOUT.filter(() => chance(0.6)));
  if (chance(0.6)) out.push('الأكثر قراءة', ...headlines());
  if (chance(0.7)) out.push(...sections.slice(0, between(4, 10)));
  out.push('من نحن', 'اتصل بنا', 'سياسة الخصوصية', `جميع الحقوق محفوظة © ${site} 2015`);
  return `${out.join('\n')}\n`;
}

function tokens(paragraphs: readonly string[]): Map<string, number> {
  const bag = new Map<string, number>();
  for (const token of paragraphs.join(' ').split(/\s+/)) {
    if (token.length > 0) bag.set(token, (bag.get(token) ?? 0) + 1);
  }
  return bag;
}

function f1(got: readonly string[], want: readonly string[]): number {
  const left = tokens(got);
  const right = tokens(want);
  let hit = 0;
  let gotCount = 0;
  let wantCount = 0;
  for (const [token, count] of left) {
    gotCount += count;
    hit += Math.min(count, right.get(token) ?? 0);
  }
  for (const count of right.values()) wantCount += count;
  if (hit === 0) return gotCount === 0 && wantCount === 0 ? 1 : 0;
  const precision = hit / gotCount;
  const recall = hit / wantCount;
  return (2 * precision * recall) / (precision + recall);
}

const articles = loadCorpus();
const seedRenders = renderCorpus(articles);
let falsePages = 0;
const seedStart = performance.now();
for (const text of seedRenders) if (findArticleRegion(splitLines(text).lines) !== null) falsePages++;
const seedMs = performance.now() - seedStart;
console.log(
  `seed layout: ${falsePages} of ${seedRenders.length} renders taken for full pages (${(seedMs / 1000).toFixed(1)} s in all)`,
);

const count = Number(values.pages);
const step = Math.max(1, Math.floor(articles.length / count));
let titles = 0;
let dates = 0;
let bodyF1 = 0;
let scored = 0;
let shown = 0;
const pageStart = performance.now();
let regionMs = 0;
for (let index = 0; index < articles.length && scored < count; index += step) {
  const article = articles[index] as CorpusArticle;
  const gold = parseArticle(renderSeedLayout(article, undefined));
  if (!gold.ok) continue;
  const page = renderPage(article, articles.slice(index + 1, index + 40));
  const started = performance.now();
  findArticleRegion(splitLines(page).lines);
  regionMs += performance.now() - started;
  const got = parseArticle(page);
  scored++;
  if (!got.ok) continue;
  const titleOk = got.article.title === gold.article.title;
  const dateOk = got.article.publishedAt?.slice(0, 10) === article.dateExtracted.slice(0, 10);
  const bodyScore = f1(got.article.body, gold.article.body);
  titles += titleOk ? 1 : 0;
  dates += dateOk ? 1 : 0;
  bodyF1 += bodyScore;
  if ((!titleOk || !dateOk || bodyScore < 0.8) && shown < Number(values.show)) {
    shown++;
    console.log(`--- title ${titleOk} date ${dateOk} body ${bodyScore.toFixed(2)}: ${got.article.title}`);
    console.log(
      `    want: ${gold.article.title} | ${article.dateExtracted} | got date ${got.article.publishedAt}`,
    );
    const { lines } = splitLines(page);
    const region = findArticleRegion(lines);
    if (region === null)
      console.log(
        lines
          .slice(0, 8)
          .map((line) => `    > ${line.text.slice(0, 80)}`)
          .join('\n'),
      );
    else {
      const shown = [region.title, ...region.header, region.bodyStart, region.bodyEnd - 1];
      for (const at of shown) console.log(`    ${at}: ${lines[at]?.text.slice(0, 90)}`);
    }
  }
}
const elapsed = performance.now() - pageStart;
console.log(
  `full pages: n=${scored} title=${(titles / scored).toFixed(3)} date=${(dates / scored).toFixed(3)} body_f1=${(bodyF1 / scored).toFixed(3)}`,
);
console.log(
  `findArticleRegion on the pages: ${(regionMs / scored).toFixed(3)} ms a page (${(elapsed / 1000).toFixed(1)} s in all)`,
);
