import { Article } from '@khabar/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseErrors } from '../errors.ts';
import type { ParseResult } from '../options.ts';
import { readHtml } from './read-html.ts';

const lead =
  'أعلنت وزارة الصحة، اليوم الثلاثاء، تسجيل حالات جديدة، ليرتفع العدد الإجمالي إلى مئة وست وتسعين حالة.';
const second = 'وأوضح المتحدث الرسمي للوزارة أن الحالات الجديدة تخضع للعزل الطبي في المستشفيات المخصصة لذلك.';

function page(parts: { head?: string; article: string }): string {
  return `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>وزارة الصحة تسجل حالات جديدة - أخبار اليوم</title>
${parts.head ?? ''}
</head>
<body>
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/local">محليات</a></li><li><a href="/sport">رياضة</a></li></ul></nav></header>
<main>
${parts.article}
</main>
<aside class="most-read"><h3>الأكثر قراءة</h3><ul><li><a href="/a">خبر أول مقروء</a></li><li><a href="/b">خبر ثان مقروء</a></li></ul></aside>
<footer><p>جميع الحقوق محفوظة لأخبار اليوم</p></footer>
</body>
</html>`;
}

function read(html: string, url?: string) {
  const result = readHtml(html, url === undefined ? {} : { url });
  if (!result.ok) throw new Error(`expected an article, got ${result.error.code}`);
  return result.article;
}

describe('readHtml', () => {
  const html = page({
    article: `<article>
<h1>وزارة الصحة تسجل حالات جديدة</h1>
<p class="byline">كتب: سامي المصري</p>
<p>${lead}</p>
<p>اقرأ أيضاً: الوزارة تفتتح مستشفى ميدانياً</p>
<p>${second}</p>
<p>المصدر: وكالة الأنباء</p>
</article>`,
  });

  it('reads the headline, the text blocks through the article rules, and leaves the chrome out', () => {
    const article = read(html);
    expect(article.title).toBe('وزارة الصحة تسجل حالات جديدة');
    expect(article.body).toEqual([lead, second]);
    expect(article.readAlso).toEqual([{ title: 'الوزارة تفتتح مستشفى ميدانياً', afterParagraph: 1 }]);
    expect(article.source.publisher).toBe('وكالة الأنباء');
    expect(article.body.join(' ')).not.toMatch(/الأكثر قراءة|جميع الحقوق|رياضة/);
  });

  it('records spans as source ranges of the elements and warnings with their source lines', () => {
    const article = read(html);
    const [titleSpan] = article.provenance.spans.title ?? [];
    expect(html.slice(titleSpan?.start, titleSpan?.end)).toContain('وزارة الصحة تسجل حالات جديدة');
    for (const [index, span] of (article.provenance.spans.body ?? []).entries()) {
      expect(html.slice(span.start, span.end)).toContain(article.body[index]?.slice(0, 20));
    }
    const withChrome = read(html.replace(`<p>${second}</p>`, `<p>مساحة إعلانية</p>\n<p>${second}</p>`));
    const chrome = withChrome.warnings.find((warning) => warning.code === 'chrome_dropped');
    const lineOfChrome =
      html
        .replace(`<p>${second}</p>`, `<p>مساحة إعلانية</p>\n<p>${second}</p>`)
        .split('\n')
        .findIndex((line) => line.includes('مساحة إعلانية')) + 1;
    expect(chrome?.line).toBe(lineOfChrome);
  });

  it('takes the page fields from the metadata and the day from the URL when nothing else gives one', () => {
    const head = `<link rel="canonical" href="https://news.example/2020/3/17/health">
<meta property="og:site_name" content="أخبار اليوم">
<meta name="description" content="حالات جديدة في البلاد">
<meta property="og:image" content="/img/lead.jpg"><meta property="og:image:alt" content="مستشفى في العاصمة">`;
    const article = read(
      page({ head, article: `<article><h1>وزارة الصحة تسجل حالات جديدة</h1><p>${lead}</p></article>` }),
    );
    expect(article).toMatchObject({
      url: 'https://news.example/2020/3/17/health',
      siteName: 'أخبار اليوم',
      description: 'حالات جديدة في البلاد',
      image: { url: 'https://news.example/img/lead.jpg', caption: 'مستشفى في العاصمة' },
    });
    expect(article.publishedAt?.slice(0, 10)).toBe('2020-03-17');
  });

  it('keeps a warning when the declared date and the printed one are days apart', () => {
    const head = '<meta property="article:published_time" content="2020-03-10T10:00:00+02:00">';
    const article = read(
      page({
        head,
        article: `<article><h1>وزارة الصحة تسجل حالات جديدة</h1><p class="date">الثلاثاء، 17 مارس 2020</p><p>${lead}</p></article>`,
      }),
    );
    expect(article.publishedAt).not.toBeNull();
    expect(article.warnings.some((warning) => warning.code === 'metadata_conflict')).toBe(true);
  });

  it('gives a page with no article text an article with no body and a warning, and markup with no headline an error', () => {
    const bare = read(
      page({ article: '<div class="cards"><a href="/x">خبر</a> <a href="/y">خبر آخر</a></div>' }),
    );
    expect(bare.body).toEqual([]);
    expect(bare.warnings.map((warning) => warning.code)).toContain('no_body');
    expect(readHtml('<html><body><script>var a = 1;</script></body></html>', {})).toMatchObject({
      ok: false,
      error: { code: 'no_title' },
    });
  });

  it('reads an article 50,000 unclosed elements deep, with its metadata, in well under the test timeout', () => {
    // Broken markup this deep took htmlparser2's own tree builder seconds: its stack work grew with the depth.
    const depth = 50_000;
    const head = `<meta property="article:published_time" content="2020-03-17T10:00:00+02:00">
<meta property="og:image" content="https://news.example/img/lead.jpg">`;
    const article = read(
      page({
        head,
        article: `${'<div class="story">'.repeat(depth)}<h1>وزارة الصحة تسجل حالات جديدة</h1>
<p class="byline">كتب: سامي المصري</p><p>${lead}</p><p>${second}</p>${'</span>'.repeat(depth)}`,
      }),
    );
    expect(article).toMatchObject({
      title: 'وزارة الصحة تسجل حالات جديدة',
      byline: 'سامي المصري',
      image: { url: 'https://news.example/img/lead.jpg' },
    });
    expect(article.publishedAt?.slice(0, 10)).toBe('2020-03-17');
    expect(article.body).toEqual([lead, second]);
  });

  it('keeps the metadata of a page whose article sits 20,000 elements deep', () => {
    const depth = 20_000;
    const article = read(
      page({
        head: '<meta property="og:image" content="/img/lead.jpg"><link rel="canonical" href="https://news.example/a">',
        article: `<article>${'<div>'.repeat(depth)}<h1>وزارة الصحة تسجل حالات جديدة</h1><p>${lead}</p>${'</div>'.repeat(depth)}</article>`,
      }),
    );
    expect(article).toMatchObject({
      title: 'وزارة الصحة تسجل حالات جديدة',
      body: [lead],
      url: 'https://news.example/a',
      image: { url: 'https://news.example/img/lead.jpg' },
    });
  });

  it('reports an unexpected exception as internal_error instead of throwing or dropping fields', () => {
    const options = {
      get url(): string {
        throw new Error('unreadable option');
      },
    };
    const result = readHtml(html, options);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal_error' } });
    expect(result.ok ? '' : result.error.message).toContain('unreadable option');
  });

  it('reads broken markup: unclosed tags, stray end tags, a comment never closed', () => {
    const broken = `<html><head><title>خبر عاجل</title><body><div><h1>خبر عاجل عن الطقس</h1><div><p>${lead}<p>${second}</div></div></span></td><!-- never closed`;
    const article = read(broken);
    expect(article.title).toBe('خبر عاجل عن الطقس');
    expect(article.body.join(' ')).toContain(lead.slice(0, 30));
  });
});

// Tag soup built from a small grammar of the elements pages use, with Arabic text and rule triggers.
const text = fc.constantFrom(
  lead,
  second,
  'اقرأ أيضاً',
  'المصدر: الوطن',
  'كلمات دلالية: الصحة',
  'شارك',
  '18 سبتمبر 2023',
  '&amp; &lt;',
  '\u0000',
  '',
);
const tag = fc.constantFrom(
  'p',
  'div',
  'article',
  'h1',
  'h2',
  'nav',
  'footer',
  'li',
  'ul',
  'span',
  'a',
  'script',
  'table',
  'td',
  'br',
);
const attributes = fc.constantFrom(
  '',
  ' class="content"',
  ' class="share"',
  ' hidden',
  ' id="article-body"',
  ' itemprop="articleBody"',
);
const element: fc.Memo<string> = fc.memo((depth) =>
  depth <= 1
    ? text
    : fc.oneof(
        text,
        fc
          .tuple(tag, attributes, fc.array(element(depth - 1), { maxLength: 4 }), fc.boolean())
          .map(
            ([name, attrs, children, closed]) =>
              `<${name}${attrs}>${children.join('')}${closed ? `</${name}>` : ''}`,
          ),
      ),
);
const head = fc.constantFrom(
  '',
  '<title>عنوان | موقع</title>',
  '<script type="application/ld+json">{"@type":"NewsArticle","headline":"عنوان","datePublished":"2023-09-18"}</script>',
  '<script type="application/ld+json">{broken</script>',
  '<meta property="og:title" content="عنوان"><meta property="article:published_time" content="not a date">',
);

// URLs as pages declare them: Arabic slugs that percent-encode past the schema's limit (or just under
// it), relative paths, schemes an article must never link to, and a user name hiding the real host.
const declaredUrl = fc.oneof(
  fc.integer({ min: 0, max: 200 }).map((words) => `https://news.example/${'خبر-'.repeat(words)}`),
  fc.integer({ min: 2000, max: 2100 }).map((length) => `https://news.example/${'a'.repeat(length - 21)}`),
  fc.constantFrom(
    '/2023/09/18/خبر-عاجل',
    '../img/صورة.jpg',
    '//cdn.example/img.jpg',
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'data:image/png;base64,AAAA',
    'https://trusted.example@evil.example/',
    'https://news.example/a b',
    'http://[::1]/x',
    'https://أخبار.مصر/خبر',
    '',
  ),
);
const urlHead = fc
  .tuple(declaredUrl, declaredUrl, declaredUrl)
  .map(
    ([canonical, image, jsonLd]) =>
      `<link rel="canonical" href="${canonical}"><meta property="og:image" content="${image}">` +
      `<script type="application/ld+json">{"@type":"NewsArticle","headline":"عنوان","url":"${jsonLd}","image":"${jsonLd}"}</script>`,
  );
const pageUrl = fc.option(declaredUrl, { nil: undefined });

function check(html: string, result: ParseResult): void {
  if (!result.ok) {
    expect(Object.keys(parseErrors)).toContain(result.error.code);
    expect(result.error.code).not.toBe('internal_error');
    return;
  }
  expect(Article.safeParse(result.article).error).toBeUndefined();
  for (const spans of Object.values(result.article.provenance.spans)) {
    for (const span of spans) {
      expect(span.start).toBeGreaterThanOrEqual(0);
      expect(span.end).toBeLessThanOrEqual(html.length);
    }
  }
  for (const warning of result.article.warnings) {
    if (warning.line !== null) expect(warning.line).toBeLessThanOrEqual(html.split('\n').length);
  }
}

describe('readHtml properties', () => {
  it('never throws on tag soup: a valid article or a catalogued error, spans inside the page', () => {
    fc.assert(
      fc.property(head, fc.array(element(5), { maxLength: 8 }), (headHtml, body) => {
        const html = `<html><head>${headHtml}</head><body>${body.join('\n')}</body></html>`;
        check(html, readHtml(html, {}));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps only URLs the schema takes: canonical, og:image, JSON-LD and the page URL', () => {
    fc.assert(
      fc.property(urlHead, pageUrl, fc.array(element(3), { maxLength: 4 }), (headHtml, url, body) => {
        const html = `<html><head>${headHtml}</head><body><article><h1>عنوان</h1><p>${lead}</p>${body.join('')}</article></body></html>`;
        const result = readHtml(html, url === undefined ? {} : { url });
        check(html, result);
        expect(result.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (input) => check(input, readHtml(input, {}))),
      { numRuns: 300 },
    );
  });
});
