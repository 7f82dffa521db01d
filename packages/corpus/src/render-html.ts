import {
  arabicIndic,
  EGYPTIAN_MONTHS,
  LEVANTINE_MONTHS,
  MAGHREBI_MONTHS,
  pad,
  weekdayOf,
} from './calendar-names.ts';
import type { CorpusArticle } from './load.ts';
import { mix } from './random.ts';

/**
 * Renders a corpus article as a whole news page of one of four invented sites, each with its own
 * menus, breadcrumbs, share bars, most-read lists, comments, footers and cookie banner, and its own
 * way of declaring and printing the title, date and byline: the site name before or after the title
 * in `<title>`, dates printed in Egyptian, Levantine or Maghrebi month names, Arabic-Indic digits,
 * day-first numbers, above or below the headline, or only in meta tags; declared dates in UTC or with an offset;
 * JSON-LD or not, OpenGraph or not. Deterministic: the same article and seed give the same page.
 */

/** A rendered page and what a metadata reader should find in it. */
export interface RenderedPage {
  html: string;
  url: string;
  /** The invented site's layout. */
  layout: string;
  expected: {
    title: string;
    /** `YYYY-MM-DD`, the day printed with the article in the site's zone (UTC+3), or null. */
    publishedDate: string | null;
    byline: string | null;
  };
}

interface Moment {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

interface PageParts {
  article: CorpusArticle;
  variant: number;
  moment: Moment;
  byline: string | null;
  related: string[];
}

const FIRST_NAMES = ['سلمان', 'نورة', 'فهد', 'ريم', 'خالد', 'هند', 'عبدالله', 'مها', 'ياسر', 'لمى', 'ماجد'];
const FAMILY_NAMES = ['العتيبي', 'الحربي', 'الزهراني', 'القحطاني', 'الشمري', 'الدوسري', 'المطيري', 'الغامدي'];
const SITE_ZONE_HOURS = 3;

/** Renders one article; `seed` picks the layout and its variations (the article's index will do). */
export function renderArticlePage(
  article: CorpusArticle,
  seed: number,
  related: readonly CorpusArticle[] = [],
): RenderedPage {
  const variant = mix(seed);
  const moment = momentOf(article.dateExtracted, variant);
  const byline =
    variant % 5 === 0 ? null : `${pick(FIRST_NAMES, variant >>> 3)} ${pick(FAMILY_NAMES, variant >>> 7)}`;
  const parts: PageParts = {
    article,
    variant,
    moment,
    byline,
    related: related.map((other) => other.title).slice(0, 5),
  };
  const layouts = [sahilLayout, madarLayout, bawabaLayout, nakhlaLayout];
  const layout = layouts[seed % layouts.length] as (parts: PageParts) => RenderedPage;
  return layout(parts);
}

function pick<T>(list: readonly T[], value: number): T {
  return list[value % list.length] as T;
}

/** The article's moment in the site's zone: the corpus's extraction time, with a varied hour. */
function momentOf(dateExtracted: string, variant: number): Moment {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:\s+(\d{2}):(\d{2}))?/.exec(dateExtracted);
  const year = Number(match?.[1] ?? 2015);
  const month = Number(match?.[2] ?? 1);
  const day = Number(match?.[3] ?? 1);
  // Some pages are published in the small hours, when the UTC day is still the day before.
  const hour = variant % 3 === 0 ? (variant >>> 4) % 3 : Number(match?.[4] ?? 12);
  return { year, month, day, hour, minute: Number(match?.[5] ?? 0) };
}

function dayOf(moment: Moment): string {
  return `${moment.year}-${pad(moment.month)}-${pad(moment.day)}`;
}

/** `2020-03-12T15:15:00+03:00`, or the same instant in UTC (`…Z`), which may fall on the day before. */
function declared(moment: Moment, utc: boolean): string {
  if (!utc) return `${dayOf(moment)}T${pad(moment.hour)}:${pad(moment.minute)}:00+03:00`;
  const instant = new Date(
    Date.UTC(moment.year, moment.month - 1, moment.day, moment.hour - SITE_ZONE_HOURS, moment.minute),
  );
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function weekday(moment: Moment): string {
  return weekdayOf(moment.year, moment.month, moment.day);
}

function twelveHour(moment: Moment): string {
  const hour = moment.hour % 12 === 0 ? 12 : moment.hour % 12;
  return `${pad(hour)}:${pad(moment.minute)} ${moment.hour < 12 ? 'ص' : 'م'}`;
}

/** The date as one of the sites prints it. */
function printedDate(moment: Moment, form: number): string {
  const month = moment.month - 1;
  switch (form % 6) {
    case 0:
      return `${weekday(moment)}، ${moment.day} ${EGYPTIAN_MONTHS[month]} ${moment.year} - ${twelveHour(moment)}`;
    case 1:
      return `${pad(moment.day)} ${EGYPTIAN_MONTHS[month]} ${moment.year}`;
    case 2:
      return `${moment.day} ${LEVANTINE_MONTHS[month]} ${moment.year} | ${pad(moment.hour)}:${pad(moment.minute)}`;
    case 3:
      return arabicIndic(`${moment.day} ${EGYPTIAN_MONTHS[month]} ${moment.year}`);
    case 4:
      return `${weekday(moment)} ${moment.day} ${MAGHREBI_MONTHS[month]} ${moment.year}`;
    default:
      return `${pad(moment.day)}/${pad(moment.month)}/${moment.year} ${pad(moment.hour)}:${pad(moment.minute)}`;
  }
}

function nextDay(moment: Moment): Moment {
  const date = new Date(Date.UTC(moment.year, moment.month - 1, moment.day + 1));
  return {
    ...moment,
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: 9,
  };
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function slug(title: string): string {
  return encodeURIComponent(
    title
      .replace(/[^\p{L}\p{N}\s]/gu, '')
      .trim()
      .split(/\s+/)
      .slice(0, 6)
      .join('-'),
  );
}

function paragraphs(article: CorpusArticle): string {
  return article.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n');
}

function jsonLdScript(data: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(data).replaceAll('</', '<\\/')}</script>`;
}

function mostRead(titles: readonly string[], moment: Moment, host: string): string {
  const items = titles
    .map(
      (title, index) =>
        `<li><a href="https://${host}/n/${index + 1}">${escapeHtml(title)}</a> <span class="time">${printedDate(nextDay(moment), index + 1)}</span></li>`,
    )
    .join('');
  return `<div class="most-read"><h3>الأكثر قراءة</h3><ol>${items}</ol></div>`;
}

function comments(moment: Moment): string {
  const later = nextDay(moment);
  return `<section class="comments"><h3>التعليقات</h3>
<div class="comment"><span class="comment-author">زائر</span><span class="comment-date">${printedDate(later, 1)}</span><p>خبر مهم، شكرا على المتابعة.</p></div>
<form><textarea placeholder="أضف تعليقك"></textarea><button>إرسال</button></form></section>`;
}

const COOKIE_BANNER = `<div class="cookie-banner" role="dialog"><p>نستخدم ملفات تعريف الارتباط لتحسين تجربتك. بمتابعة التصفح فإنك توافق على ذلك.</p><button>موافق</button></div>`;

/** «الساحل»: site name after the title, JSON-LD in @graph with the date in UTC, the date printed under the headline. */
function sahilLayout(parts: PageParts): RenderedPage {
  const { article, variant, moment, byline } = parts;
  const host = 'www.alsahil-news.example';
  const url = `https://${host}/${moment.year}/${moment.month}/${moment.day}/${slug(article.title)}/${variant % 100000}`;
  const site = 'الساحل';
  const graph = {
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebSite', '@id': `https://${host}/#site`, name: site },
      { '@type': 'Organization', '@id': `https://${host}/#org`, name: site },
      {
        '@type': ['NewsArticle'],
        headline: article.title.length > 110 ? `${article.title.slice(0, 107)}...` : article.title,
        datePublished: declared(moment, true),
        dateModified: declared(nextDay(moment), true),
        author: byline === null ? { '@id': `https://${host}/#org` } : [{ '@type': 'Person', name: byline }],
        publisher: { '@id': `https://${host}/#org` },
        mainEntityOfPage: url,
      },
    ],
  };
  const writer =
    byline === null
      ? ''
      : `<span class="writeBy">${variant % 2 === 0 ? 'كتب' : 'بقلم'}: ${escapeHtml(byline)}</span>`;
  const html = `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>${escapeHtml(article.title)} - ${site}</title>
<link rel="canonical" href="${url}">
<meta property="og:site_name" content="${site}"><meta property="og:title" content="${escapeHtml(article.title)} - ${site}">
<meta property="og:image" content="/media/${variant % 9999}.jpg">
${jsonLdScript(graph)}
</head><body>${variant % 2 === 0 ? COOKIE_BANNER : ''}
<header class="masthead"><h1 class="logo"><a href="/">${site}</a></h1><div class="today">${printedDate(nextDay(moment), 0)}</div>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/local">محليات</a></li><li><a href="/world">دولي</a></li><li><a href="/sport">رياضة</a></li></ul></nav></header>
<main><div class="breadcrumb"><a href="/">الرئيسية</a> › <a href="/local">محليات</a></div>
<article><h1>${escapeHtml(article.title)}</h1>
<div class="article-info"><span class="newsStoryDate">${printedDate(moment, variant >>> 5)}</span> ${writer}</div>
<div class="share"><a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a></div>
<div class="article-body">${paragraphs(article)}</div></article>
${comments(moment)}</main>
<aside>${mostRead(parts.related, moment, host)}</aside>
<footer><p>جميع الحقوق محفوظة © ${moment.year} ${site}</p></footer></body></html>`;
  return {
    html,
    url,
    layout: 'sahil',
    expected: { title: article.title, publishedDate: dayOf(moment), byline },
  };
}

/** «مدار»: site name before the title with `|`, no JSON-LD, OpenGraph with an offset, a labelled date and an update stamp. */
function madarLayout(parts: PageParts): RenderedPage {
  const { article, variant, moment, byline } = parts;
  const host = 'madar24.example';
  const url = `https://${host}/news/${moment.year}-${pad(moment.month)}-${pad(moment.day)}-${variant % 100000}`;
  const site = 'مدار 24';
  const updated =
    variant % 2 === 0 ? `<span class="updated">آخر تحديث: ${printedDate(nextDay(moment), 1)}</span>` : '';
  const author =
    byline === null
      ? ''
      : `<div class="author-name"><a href="/author/${variant % 50}">${escapeHtml(byline)}</a></div>`;
  const html = `<html lang="ar"><head>
<title>${site} | ${escapeHtml(article.title)}</title>
<meta property="og:title" content="${escapeHtml(article.title)}"><meta property="og:url" content="${url}">
<meta property="article:published_time" content="${declared(moment, false)}">
<meta property="og:image" content="https://cdn.${host}/img/${variant % 999}.jpg"><meta property="og:image:alt" content="صورة من الحدث">
${byline === null ? '<meta name="author" content="مدار 24">' : ''}
</head><body>
<div id="top-bar"><a href="/login">دخول</a> | <a href="/subscribe">اشترك</a></div>
<div id="menu"><a href="/">الرئيسية</a><a href="/politics">سياسة</a><a href="/economy">اقتصاد</a></div>
<div id="content"><div class="post">
<div class="post-meta"><span class="label">التاريخ:</span> <time>${printedDate(moment, (variant >>> 5) + 1)}</time> ${updated}</div>
<h1 class="post-title">${escapeHtml(article.title)}</h1>
${author}
<div class="post-content">${paragraphs(article)}</div>
<div class="tags">وسوم: <a href="/tag/1">السعودية</a></div></div>
<div class="sidebar">${mostRead(parts.related, moment, host)}</div></div>
<div id="footer">© ${site} — سياسة الخصوصية — اتصل بنا</div></body></html>`;
  return {
    html,
    url,
    layout: 'madar',
    expected: { title: article.title, publishedDate: dayOf(moment), byline },
  };
}

/** «بوابة الخليج»: `::` separated title with a section, JSON-LD as a top-level array, date only in meta (UTC). */
function bawabaLayout(parts: PageParts): RenderedPage {
  const { article, variant, moment, byline } = parts;
  const host = 'www.gulfgate.example';
  const url = `https://${host}/article/${variant % 1000000}`;
  const site = 'بوابة الخليج';
  const data = [
    { '@context': 'https://schema.org', '@type': 'BreadcrumbList', itemListElement: [] },
    {
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: article.title,
      datePublished: declared(moment, true),
      author: byline === null ? { '@type': 'Organization', name: site } : { '@type': 'Person', name: byline },
      image: { '@type': 'ImageObject', url: `/images/${variant % 500}.jpg`, caption: 'صورة أرشيفية' },
      publisher: { '@type': 'Organization', name: site },
    },
  ];
  // Some pages carry a trailing comma, as hand-written templates do.
  const script =
    variant % 3 === 0 ? jsonLdScript(data).replace(/}\]<\/script>$/, '},]</script>') : jsonLdScript(data);
  const html = `<html lang="ar-SA"><head><title>${site} :: محليات :: ${escapeHtml(article.title)}</title>
<link rel="canonical" href="${url}">${script}</head><body>
<div class="header"><div class="logo"><img src="/logo.png" alt="${site}"></div>
<ul class="menu"><li>أخبار</li><li>اقتصاد</li><li>رياضة</li><li>منوعات</li></ul></div>
<div class="ticker"><a href="/n/1">عاجل: ${escapeHtml(parts.related[0] ?? 'أخبار الساعة')}</a></div>
<div class="main-col"><h2 class="section-title">محليات</h2>
<div class="story"><h1 class="story-headline">${escapeHtml(article.title)}</h1>
${byline === null ? '' : `<p class="story-byline">${escapeHtml(byline)}</p>`}
${paragraphs(article)}
<div class="share-bar">شارك: تويتر فيسبوك واتساب</div></div></div>
<div class="side-col">${mostRead(parts.related, moment, host)}</div>
<div class="footer-links"><a href="/about">من نحن</a><a href="/contact">اتصل بنا</a></div>
<p class="copyright">جميع الحقوق محفوظة ${moment.year}</p></body></html>`;
  return {
    html,
    url,
    layout: 'bawaba',
    expected: { title: article.title, publishedDate: dayOf(moment), byline },
  };
}

/** «النخلة»: no JSON-LD, no OpenGraph, a table layout; the date printed above the headline and in the URL; «» around the site name. */
function nakhlaLayout(parts: PageParts): RenderedPage {
  const { article, variant, moment, byline } = parts;
  const host = 'alnakhla.example';
  const url = `http://${host}/${moment.year}${pad(moment.month)}${pad(moment.day)}${variant % 100000}.html`;
  const site = 'النخلة';
  const month = EGYPTIAN_MONTHS[moment.month - 1] as string;
  const printed =
    variant % 2 === 0
      ? `نشر في ${weekday(moment)} ${moment.day} ${month} ${moment.year}م`
      : printedDate(moment, variant >>> 5);
  const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>«${site}» - ${escapeHtml(article.title)}</title>
<meta name="keywords" content="أخبار, السعودية, ${site}"><meta name="description" content="${escapeHtml(article.paragraphs[0]?.slice(0, 150) ?? '')}">
</head><body><table width="100%"><tr><td class="top">${site} — صحيفة إلكترونية</td></tr>
<tr><td><a href="/">الرئيسية</a> - <a href="/archive">الأرشيف</a></td></tr>
<tr><td class="content"><div class="dates">${printed}</div>
<h1 class="title">${escapeHtml(article.title)}</h1>
${byline === null ? '' : `<div>كتبت: ${escapeHtml(byline)}</div>`}
<div class="text">${paragraphs(article)}</div>
<div class="related"><b>أخبار ذات صلة</b>${parts.related.map((title) => `<div><a href="#">${escapeHtml(title)}</a></div>`).join('')}</div>
</td></tr><tr><td class="bottom">${site} ${moment.year}</td></tr></table></body></html>`;
  return {
    html,
    url,
    layout: 'nakhla',
    expected: { title: article.title, publishedDate: dayOf(moment), byline },
  };
}
