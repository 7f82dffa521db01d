import { describe, expect, it } from 'vitest';
import { parsePage } from './dom.ts';
import { readMetadata } from './metadata.ts';
import { dayFromUrl, httpUrl } from './page-url.ts';

function read(html: string, url?: string) {
  return readMetadata(parsePage(html), url);
}

const BODY = '<p>فقرة أولى من نص الخبر تكفي لتكون فقرة طويلة من كلمات كثيرة في متن المقال.</p>';

describe('readMetadata: JSON-LD', () => {
  it('reads the article inside @graph and follows @id references', () => {
    const html = `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","name":"موقع التجربة"},
      {"@type":"Person","@id":"#p1","name":"سلمى العلي"},
      {"@type":["NewsArticle"],"headline":"افتتاح جسر جديد في المدينة","datePublished":"2021-05-04T10:00:00+03:00","author":{"@id":"#p1"}}
    ]}</script></head><body></body></html>`;
    const meta = read(html);
    expect(meta.title?.value).toBe('افتتاح جسر جديد في المدينة');
    expect(meta.title?.source).toBe('json-ld');
    expect(meta.publishedAt?.value).toBe('2021-05-04T10:00:00+03:00');
    expect(meta.byline?.value).toBe('سلمى العلي');
    expect(meta.siteName).toBe('موقع التجربة');
  });

  it('reads a top-level array and an author array, leaving organisations out', () => {
    const html = `<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"ReportageNewsArticle",
      "headline":"تقرير عن الأمطار","datePublished":"2022-01-09",
      "author":[{"@type":"Person","name":"علي حسن"},{"@type":"Organization","name":"وكالة الأنباء"},"منى سعيد"]}]</script>`;
    const meta = read(html);
    expect(meta.publishedAt?.value).toBe('2022-01-09T00:00:00');
    expect(meta.byline?.value).toBe('علي حسن، منى سعيد');
  });

  it('gives no byline when the only author is an organisation', () => {
    const html = `<script type="application/ld+json">{"@type":"NewsArticle","headline":"خبر","author":{"@type":"Organization","name":"الصحيفة"}}</script>`;
    expect(read(html).byline).toBeNull();
  });

  it('repairs trailing commas, raw line breaks and HTML comments, and skips what it cannot read', () => {
    const html = `<script type="application/ld+json"><!--
      {"@type":"NewsArticle","headline":"سطر
      مكسور","datePublished":"2020-02-02T08:00:00Z",}
    --></script><script type="application/ld+json">{not json at all</script>`;
    const meta = read(html);
    expect(meta.title?.value).toBe('سطر مكسور');
    expect(meta.publishedAt?.value).toBe('2020-02-02T08:00:00Z');
  });

  it('reads an image object with its caption and resolves it against the canonical URL', () => {
    const html = `<link rel="canonical" href="https://news.example/a/1"><script type="application/ld+json">
      {"@type":"NewsArticle","headline":"خبر","image":[{"@type":"ImageObject","url":"/img/p.jpg","caption":"صورة الحدث"}]}</script>`;
    expect(read(html).image).toEqual({ url: 'https://news.example/img/p.jpg', caption: 'صورة الحدث' });
  });
});

describe('readMetadata: title', () => {
  it('takes the headline as shown, not the logo heading, and drops the site suffix', () => {
    const html = `<title>وزير يزور المعرض - جريدة المساء</title><meta property="og:site_name" content="جريدة المساء">
      <body><header><h1><a href="/">جريدة المساء</a></h1></header><article><h1>وزير يزور المعرض الدولي للكتاب</h1>${BODY}</article></body>`;
    const meta = read(html);
    expect(meta.title?.value).toBe('وزير يزور المعرض الدولي للكتاب');
    expect(meta.title?.source).toBe('h1');
    expect(meta.siteName).toBe('جريدة المساء');
  });

  it('takes the site name off the start of <title> when there is no heading', () => {
    const meta = read('<title>الرائد | ارتفاع أسعار الذهب اليوم</title>', 'https://alraed.example/x');
    expect(meta.title?.value).toBe('ارتفاع أسعار الذهب اليوم');
    expect(meta.title?.source).toBe('title');
  });

  it('recognises the site by its host and keeps a hyphen inside the headline', () => {
    const meta = read(
      '<title>قمة عربية-أوروبية في القاهرة | NileNews.com</title>',
      'https://www.nilenews.com/a',
    );
    expect(meta.title?.value).toBe('قمة عربية-أوروبية في القاهرة');
  });

  it('keeps a conflict when og:title and the heading disagree', () => {
    const html = `<meta property="og:title" content="عنوان مختلف تماما عن المعروض"><title>انخفاض درجات الحرارة غدا</title>
      <h1>انخفاض درجات الحرارة غدا</h1>`;
    const meta = read(html);
    expect(meta.title?.value).toBe('انخفاض درجات الحرارة غدا');
    expect(meta.conflicts.map((conflict) => conflict.field)).toContain('title');
  });
});

describe('readMetadata: dates', () => {
  it('prefers the printed day when a UTC meta date falls on the day before', () => {
    const html = `<meta property="article:published_time" content="2020-03-11T22:15:00Z">
      <h1>عنوان الخبر هنا</h1><div class="date">الخميس، 12 مارس 2020 - 01:15 ص</div>${BODY}`;
    const meta = read(html);
    expect(meta.publishedAt?.value).toBe('2020-03-12T01:15:00');
    expect(meta.publishedAt?.source).toBe('printed');
    expect(meta.conflicts).toHaveLength(1);
    expect(meta.conflicts[0]?.field).toBe('publishedAt');
  });

  it('keeps the declared date when it agrees with the printed day', () => {
    const html = `<script type="application/ld+json">{"@type":"NewsArticle","headline":"عنوان","datePublished":"2020-08-24T09:23:13+02:00"}</script>
      <h1>عنوان</h1><span class="newsStoryDate">الإثنين، 24 أغسطس 2020 09:23 ص</span>${BODY}`;
    const meta = read(html);
    expect(meta.publishedAt?.value).toBe('2020-08-24T09:23:13+02:00');
    expect(meta.conflicts).toEqual([]);
  });

  it('records JSON-LD and OpenGraph disagreeing, and trusts JSON-LD', () => {
    const html = `<meta property="article:published_time" content="2019-01-05T10:00:00+03:00">
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"عنوان","datePublished":"2019-01-07T10:00:00+03:00"}</script>`;
    const meta = read(html);
    expect(meta.publishedAt?.value).toBe('2019-01-07T10:00:00+03:00');
    expect(meta.conflicts.some((conflict) => conflict.message.includes('2019-01-05'))).toBe(true);
  });

  it('reads Arabic-Indic digits and a Levantine month printed under the headline', () => {
    const html = `<h1>افتتاح مدرسة جديدة</h1><div>التاريخ: ١٢ آذار ٢٠٢٠</div>${BODY}`;
    expect(read(html).publishedAt?.value).toBe('2020-03-12T00:00:00');
  });

  it('takes the published date beside an updated one, and the updated one as modifiedAt', () => {
    const html = `<h1>عنوان الخبر</h1><div class="meta">نشر في: 03 يونيو 2020 آخر تحديث: 05 يونيو 2020</div>${BODY}`;
    const meta = read(html);
    expect(meta.publishedAt?.value.slice(0, 10)).toBe('2020-06-03');
    expect(meta.modifiedAt?.slice(0, 10)).toBe('2020-06-05');
  });

  it('reads <time datetime> marked as published, ignoring dates in links and comments', () => {
    const html = `<h1>عنوان</h1><a href="/other"><time datetime="2018-01-01">قديم</time></a>
      <time pubdate datetime="2018-02-03T07:30">3 فبراير</time>${BODY}
      <div class="comments"><span class="comment-date">04 فبراير 2018</span></div>`;
    const meta = read(html);
    expect(meta.publishedAt?.value).toBe('2018-02-03T07:30:00');
  });

  it('falls back on the day in the URL', () => {
    const meta = read(`<h1>عنوان</h1>${BODY}`, 'https://site.example/story/2020/8/24/slug/4943459');
    expect(meta.publishedAt).toMatchObject({ value: '2020-08-24T00:00:00', source: 'url' });
  });

  it('reads the day of several URL shapes, and no day from a number that is not one', () => {
    expect(dayFromUrl('https://a.example/news/2020-06-03-1.3874341')).toBe('2020-06-03');
    expect(dayFromUrl('https://a.example/world/202003171044893040-slug/')).toBe('2020-03-17');
    expect(dayFromUrl('https://a.example/2013/middle_east/8/3/syria/index.html')).toBe('2013-08-03');
    expect(dayFromUrl('https://a.example/article/20201399')).toBeNull();
  });
});

describe('readMetadata: byline, URLs and the rest', () => {
  it('reads a printed byline after the headline without its prefix', () => {
    const html = `<h1>عنوان الخبر</h1><span class="writeBy">كتبت أسماء حسن</span>${BODY}`;
    expect(read(html).byline).toMatchObject({ value: 'أسماء حسن', source: 'printed' });
  });

  it('gives no byline for a place credit with the site name', () => {
    const html = `<meta property="og:site_name" content="البيان"><meta name="author" content="(أبوظبي - البيان)"><h1>عنوان</h1>`;
    expect(read(html).byline).toBeNull();
  });

  it('rejects javascript: canonical and image URLs', () => {
    const html = `<link rel="canonical" href="javascript:alert(1)"><meta property="og:image" content="javascript:alert(1)">`;
    const meta = read(html, 'https://given.example/page');
    expect(meta.url).toBe('https://given.example/page');
    expect(meta.image).toBeNull();
    expect(httpUrl('data:text/html,x')).toBeNull();
  });

  it('resolves a relative og:image against the canonical URL and takes og:image:alt as caption', () => {
    const html = `<link rel="canonical" href="https://paper.example/news/1"><meta property="og:image" content="../img/a.jpg">
      <meta property="og:image:alt" content="المشهد">`;
    expect(read(html).image).toEqual({ url: 'https://paper.example/img/a.jpg', caption: 'المشهد' });
  });

  it('reads keywords, description and language', () => {
    const html = `<html lang="ar_EG"><meta name="keywords" content="اقتصاد، نفط, أسعار"><meta name="description" content="  وصف   قصير ">`;
    const meta = read(html);
    expect(meta.keywords).toEqual(['اقتصاد', 'نفط', 'أسعار']);
    expect(meta.description).toBe('وصف قصير');
    expect(meta.lang).toBe('ar-EG');
  });

  it('never throws, whatever the input', () => {
    for (const html of [
      '',
      '<',
      '<script type="application/ld+json">[[[[',
      '\u0000'.repeat(10),
      '<h1></h1><title></title>',
    ]) {
      const meta = read(html, 'not a url');
      expect(meta.title).toBeNull();
      expect(meta.url).toBeNull();
    }
  });
});

describe('readMetadata on hostile input', () => {
  it('reads the other fields when JSON-LD values are nested 100,000 arrays deep', () => {
    const deep = `${'['.repeat(100_000)}"عنوان مدفون"${']'.repeat(100_000)}`;
    const script = `{"@type":"NewsArticle","headline":${deep},"image":${deep},"publisher":${deep},"datePublished":"2023-09-18T10:00:00Z"}`;
    const html = `<title>عنوان الخبر</title><script type="application/ld+json">${script}</script><h1>عنوان الخبر</h1>${BODY}`;
    const meta = read(html);
    expect(meta.title?.value).toBe('عنوان الخبر');
    expect(meta.publishedAt?.value).toBe('2023-09-18T10:00:00Z');
    expect(meta.image).toBeNull();
  });

  it('lets an unexpected exception through rather than answer with empty metadata', () => {
    const dom = parsePage(`<title>عنوان الخبر</title>${BODY}`);
    const broken = {
      ...dom,
      get document(): never {
        throw new Error('unreadable tree');
      },
    };
    expect(() => readMetadata(broken)).toThrow('unreadable tree');
  });
});
