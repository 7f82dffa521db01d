import { createHash } from 'node:crypto';
import { childrenNamed, childText, parseXml, readAsHtml } from '@khabar/devkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLd, mainLinks, mainText, meta, scriptTags } from './html.ts';
import { fixture, type Stack, startStack } from './stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ KHABAR_WEB_PAGE_SIZE: '3' });
});
afterAll(async () => {
  await stack?.stop();
});

const path = (...segments: string[]) => segments.map((segment) => encodeURIComponent(segment)).join('/');
const unescapeHtml = (text: string) =>
  text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&');
async function page(target: string, init?: RequestInit) {
  const response = await fetch(`${stack.site.url}${target}`, { redirect: 'manual', ...init });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

describe('pages without client-side JavaScript', () => {
  it('serves home, article, tag and source pages whose only scripts are JSON-LD', async () => {
    const desalination = fixture(stack, 'تحلية');
    const targets = [
      '/',
      `/articles/${path(desalination.slug)}`,
      `/tags/${path('مصر')}`,
      `/sources/${path('رويترز')}`,
      '/tags',
      '/sources',
      `/search?q=${encodeURIComponent('النيل')}`,
    ];
    for (const target of targets) {
      const { status, html } = await page(target);
      expect(status, target).toBe(200);
      expect(html, target).toMatch(/^<!DOCTYPE html><html lang="ar" dir="rtl">/i);
      for (const tag of scriptTags(html)) expect(tag, target).toBe('<script type="application/ld+json">');
    }
  });
});

describe('security headers', () => {
  it('come with every page kind, error, redirect, feed and sitemap', async () => {
    const desalination = fixture(stack, 'تحلية');
    const pages = [
      '/',
      `/articles/${path(desalination.slug)}`,
      `/tags/${path('مصر')}`,
      `/sources/${path('رويترز')}`,
      '/tags',
      '/sources',
      `/search?q=${encodeURIComponent('النيل')}`,
      '/search',
      '/articles/no-such-article',
      '/no/such/page',
      `/tags/${path('لا يوجد')}`,
      '/?cursor=forged',
    ];
    const documents = ['/feed.xml', '/sitemap.xml', '/robots.txt', `/articles/${desalination.id}`];
    for (const target of [...pages, ...documents]) {
      const { status, headers, html } = await page(target);
      expect([200, 301, 400, 404], target).toContain(status);
      expect(headers.get('x-content-type-options'), target).toBe('nosniff');
      expect(headers.get('x-frame-options'), target).toBe('DENY');
      expect(headers.get('referrer-policy'), target).toBe('strict-origin-when-cross-origin');
      expect(headers.get('cross-origin-opener-policy'), target).toBe('same-origin');
      const policy = (headers.get('content-security-policy') ?? '').split(/;\s*/);
      for (const directive of ["default-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"])
        expect(policy, target).toContain(directive);
      if (pages.includes(target)) {
        expect(html, target).toMatch(/^<!DOCTYPE html>/i);
        expect(policy, target).toEqual(
          expect.arrayContaining([
            "script-src 'none'",
            "font-src 'self'",
            "img-src 'self' https: http:",
            "form-action 'self'",
          ]),
        );
        // Every stylesheet of the page is allowed by its hash, and nothing else.
        const styleSrc = policy.find((directive) => directive.startsWith('style-src ')) ?? '';
        expect(styleSrc, target).not.toContain('unsafe-inline');
        const styles = Array.from(html.matchAll(/<style>([\s\S]*?)<\/style>/g), (match) => match[1] ?? '');
        expect(styles.length, target).toBeGreaterThan(0);
        for (const style of styles)
          expect(styleSrc, target).toContain(
            `'sha256-${createHash('sha256').update(style).digest('base64')}'`,
          );
      } else {
        expect(policy, target).toContain("form-action 'none'");
      }
    }
  });
});

describe('compression', () => {
  it('gzips pages and feeds for clients that accept it, and only for them', async () => {
    for (const target of ['/', '/feed.xml']) {
      const gzipped = await fetch(`${stack.site.url}${target}`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(gzipped.headers.get('content-encoding'), target).toBe('gzip');
      expect(gzipped.headers.get('vary'), target).toMatch(/Accept-Encoding/i);
      expect(await gzipped.text(), target).toContain('خبر');
      const plain = await fetch(`${stack.site.url}${target}`, { headers: { 'Accept-Encoding': 'identity' } });
      expect(plain.headers.get('content-encoding'), target).toBeNull();
    }
  });
});

describe('caching', () => {
  it('lets readers and shared caches keep a page a minute, and revalidate it with its ETag', async () => {
    const desalination = fixture(stack, 'تحلية');
    for (const target of ['/', `/articles/${path(desalination.slug)}`, `/tags/${path('مصر')}`]) {
      const first = await fetch(`${stack.site.url}${target}`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(first.status, target).toBe(200);
      expect(first.headers.get('cache-control'), target).toBe(
        'public, max-age=60, stale-while-revalidate=600',
      );
      const etag = first.headers.get('etag') ?? '';
      expect(etag, target).toMatch(/^W\/"[\w-]{27}"$/);
      await first.arrayBuffer();
      // The plain and gzipped forms are the same page, with the same validator.
      const plain = await fetch(`${stack.site.url}${target}`, { headers: { 'Accept-Encoding': 'identity' } });
      expect(plain.headers.get('etag'), target).toBe(etag);
      expect(Number(plain.headers.get('content-length')), target).toBe(Buffer.byteLength(await plain.text()));
      const again = await fetch(`${stack.site.url}${target}`, { headers: { 'If-None-Match': etag } });
      expect(again.status, target).toBe(304);
      expect(again.headers.get('etag'), target).toBe(etag);
      expect(await again.text(), target).toBe('');
      const other = await fetch(`${stack.site.url}${target}`, {
        headers: { 'If-None-Match': 'W/"something-else"' },
      });
      expect(other.status, target).toBe(200);
    }
  });

  it('keeps the feed on the API’s policy and lets no error page be stored', async () => {
    const feedPolicy = (await fetch(`${stack.api.url}/v1/feeds/rss`)).headers.get('cache-control');
    expect(feedPolicy).toMatch(/^public, max-age=\d+/);
    expect((await fetch(`${stack.site.url}/feed.xml`)).headers.get('cache-control')).toBe(feedPolicy);
    const missing = await fetch(`${stack.site.url}/articles/no-such-article`);
    expect(missing.status).toBe(404);
    expect(missing.statusText).toBe('Not Found');
    expect(missing.headers.get('cache-control')).toBe('no-store');
    expect(missing.headers.get('etag')).toBeNull();
  });
});

describe('home', () => {
  it('lists the newest articles first with date, credit and tags, and pages back through older ones', async () => {
    const listed = (await (await fetch(`${stack.api.url}/v1/articles?limit=100`)).json()) as {
      items: { title: string }[];
    };
    const expected = listed.items.map((item) => item.title);
    expect(expected[0]).toBe(fixture(stack, 'ثغرة').title);
    const seen: string[] = [];
    let target: string | undefined = '/';
    for (let pages = 0; target && pages < 10; pages += 1) {
      const { status, html } = await page(target);
      expect(status, target).toBe(200);
      if (pages > 0) expect(html, target).toContain('rel="first"');
      seen.push(
        ...Array.from(html.matchAll(/<h2[^>]*><a [^>]*>([^<]*)<\/a>/g), (match) =>
          unescapeHtml(match[1] ?? ''),
        ),
      );
      target = html.match(/<a href="([^"]+)" rel="next"/)?.[1]?.replaceAll('&amp;', '&');
    }
    expect(seen).toEqual(expected);
    const first = await page('/');
    expect(mainText(first.html)).toContain('12 مارس 2024');
    expect(mainText(first.html)).toContain('الوكالة: وكالة الأنباء الألمانية');
    expect(mainLinks(first.html)).toContain('/tags/أمن المعلومات');
  });

  it('answers a forged cursor with an Arabic 400 page', async () => {
    const { status, html } = await page('/?cursor=not-a-real-cursor');
    expect(status).toBe(400);
    expect(html).toContain('الرابط غير صالح');
  });
});

describe('article page', () => {
  it('shows the Gregorian and Hijri dates, credits, tags and the read-also box at its place', async () => {
    const desalination = fixture(stack, 'تحلية');
    const nile = fixture(stack, 'النيل');
    const { status, html } = await page(`/articles/${path(desalination.slug)}`);
    expect(status).toBe(200);
    const text = mainText(html);
    expect(text).toContain('الاثنين، 11 مارس 2024 - 10:30 ص');
    expect(text).toContain('1 رمضان 1445 هـ');
    expect(text).toContain('سارة المنصوري – القاهرة');
    expect(text).toMatch(/الوكالة: رويترز .* الناشر: الأهرام/);
    expect(html).toContain('<time datetime="2024-03-11T10:30:00"');
    expect(mainLinks(html)).toEqual(
      expect.arrayContaining(['/tags/تحلية المياه', '/sources/الأهرام?as=publisher']),
    );
    // The read-also item stood after the second paragraph and resolves to the Nile article.
    const body = html.slice(html.indexOf('class="body"'));
    const box = body.indexOf('class="read-also"');
    expect(body.slice(0, box).match(/<p[ >]/g)).toHaveLength(2);
    expect(body.slice(box, box + 600)).toContain(`href="/articles/${nile.slug}"`);
  });

  it('gives unresolved read-also items as plain text and links the appended related articles', async () => {
    const seed = fixture(stack, 'كيم أون');
    const { html } = await page(`/articles/${path(seed.slug)}`);
    const boxes = html.match(/<aside class="read-also"[\s\S]*?<\/aside>/g) ?? [];
    expect(boxes).toHaveLength(2);
    for (const box of boxes) expect(box).not.toContain('<a ');
    expect(boxes[0]).toContain('قمة العشرين.. توافق صيني روسي على المواجهة');
    const related = html.slice(html.indexOf('id="related-heading"'));
    expect(related).toContain('مقالات ذات صلة');
    const appended = seed.related[0];
    expect(appended?.title).toBe('ترامب يزور موسكو للاحتفال بيوم النصر.. 9 مايو');
    // The store keeps appended articles as articles of their own, so the item links to one.
    const link = related.match(/<h3[^>]*><a href="([^"]+)"[^>]*>([^<]+)<\/a><\/h3>/);
    expect(link?.[2]).toBe(appended?.title);
    expect((await page(link?.[1] ?? '/')).status).toBe(200);
  });

  it('has canonical, Open Graph and NewsArticle data', async () => {
    const desalination = fixture(stack, 'تحلية');
    const { html } = await page(`/articles/${path(desalination.slug)}`);
    const canonical = `${stack.site.url}/articles/${desalination.slug}`;
    expect(html).toContain(`<link rel="canonical" href="${canonical}">`);
    expect(meta(html, 'og:type')).toBe('article');
    expect(meta(html, 'og:title')).toBe(`${desalination.title} | خبر`);
    expect(meta(html, 'og:url')).toBe(canonical);
    expect(meta(html, 'article:published_time')).toBe('2024-03-11T10:30:00');
    expect(jsonLd(html)).toEqual([
      expect.objectContaining({
        '@type': 'NewsArticle',
        headline: desalination.title,
        datePublished: '2024-03-11T10:30:00',
        publisher: { '@type': 'Organization', name: 'الأهرام' },
        url: canonical,
      }),
    ]);
  });

  it('shows markup in an article as text, in the page and in its JSON-LD', async () => {
    const markup = fixture(stack, 'ثغرة');
    const { html } = await page(`/articles/${path(markup.slug)}`);
    expect(scriptTags(html)).toEqual(['<script type="application/ld+json">']);
    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toMatch(/<b>/);
    expect(html).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('&amp;amp;');
    const [data] = jsonLd(html) as [{ headline: string }];
    expect(data.headline).toBe(markup.title);
  });

  it('links to the original page by its site name and shows the lead image with its caption', async () => {
    const festival = fixture(stack, 'مهرجان التمور');
    const { status, html } = await page(`/articles/${path(festival.slug)}`);
    expect(status).toBe(200);
    expect(html).toMatch(
      /<a href="https:\/\/news\.example\.com\/2024\/02\/20\/dates-festival" rel="noopener noreferrer"[^>]*>المقال الأصلي على صحيفة القصيم<\/a>/,
    );
    const figure = html.match(/<figure class="lead"[^>]*>([\s\S]*?)<\/figure>/)?.[1] ?? '';
    const img = figure.match(/<img [^>]*>/)?.[0] ?? '';
    expect(img).toContain('src="https://images.example.invalid/dates-festival.jpg"');
    expect(img).toContain('alt="سلال التمور في ساحة المهرجان"');
    for (const attribute of ['loading="lazy"', 'decoding="async"', 'width="1280"', 'height="720"']) {
      expect(img).toContain(attribute);
    }
    expect(figure).toMatch(/<figcaption[^>]*>سلال التمور في ساحة المهرجان<\/figcaption>/);
    // The figure comes before the body, after the title.
    expect(html.indexOf('<figure')).toBeGreaterThan(html.indexOf('<h1'));
    expect(html.indexOf('<figure')).toBeLessThan(html.indexOf('class="body"'));
    expect(meta(html, 'description')).toBe(festival.description);
    expect(jsonLd(html)).toEqual([
      expect.objectContaining({
        isBasedOn: 'https://news.example.com/2024/02/20/dates-festival',
        image: 'https://images.example.invalid/dates-festival.jpg',
      }),
    ]);
  });

  it('writes no link and no image that is not http(s), whatever the article holds', async () => {
    const hostile = fixture(stack, 'روابط خبيثة');
    expect(hostile.url).toMatch(/^javascript:/);
    const { status, html } = await page(`/articles/${path(hostile.slug)}`);
    expect(status).toBe(200);
    expect(html).not.toMatch(/javascript|alert\(/i);
    expect(html).not.toMatch(/<(img|figure)\b/i);
    expect(scriptTags(html)).toEqual(['<script type="application/ld+json">']);
    for (const link of mainLinks(html)) expect(link).toMatch(/^\//);
  });

  it('sends an article reached by its id to its slug address', async () => {
    const nile = fixture(stack, 'النيل');
    const { status, headers } = await page(`/articles/${nile.id}`);
    expect(status).toBe(301);
    expect(decodeURI(headers.get('location') ?? '')).toBe(`/articles/${nile.slug}`);
  });

  it('answers an unknown article with the Arabic 404 page', async () => {
    const { status, html } = await page(`/articles/${path('لا-يوجد-مقال-بهذا-الاسم')}`);
    expect(status).toBe(404);
    expect(html).toContain('الصفحة غير موجودة');
    expect(html).toContain('lang="ar" dir="rtl"');
  });
});

describe('tag and source pages', () => {
  it('list the articles of a multi-word tag and 404 for a tag nobody uses', async () => {
    const found = await page(`/tags/${path('تحلية المياه')}`);
    expect(found.status).toBe(200);
    expect(mainText(found.html)).toContain(fixture(stack, 'تحلية').title);
    expect((await page(`/tags/${path('وسم غير مستعمل')}`)).status).toBe(404);
  });

  it('list an agency’s and a publisher’s articles', async () => {
    const agency = mainText((await page(`/sources/${path('رويترز')}`)).html);
    expect(agency).toContain('وكالة');
    expect(agency).toContain(fixture(stack, 'القمح').title);
    expect(agency).not.toContain(fixture(stack, 'النيل').title);
    for (const target of [`/sources/${path('الأهرام')}?as=publisher`, `/sources/${path('الأهرام')}`]) {
      const publisher = mainText((await page(target)).html);
      expect(publisher, target).toContain('ناشر');
      expect(publisher, target).toContain(fixture(stack, 'النيل').title);
    }
  });

  it('index every tag and source with its count', async () => {
    const tags = await page('/tags');
    expect(mainLinks(tags.html)).toContain('/tags/الإسكندرية');
    expect(mainText(tags.html)).toMatch(/مصر \(3\)/);
    const sources = await page('/sources');
    expect(mainLinks(sources.html)).toEqual(
      expect.arrayContaining(['/sources/رويترز', '/sources/الأهرام?as=publisher']),
    );
  });
});

describe('search', () => {
  it('finds a word written with another alef and a vowel mark and marks it as written', async () => {
    const { status, html } = await page(`/search?q=${encodeURIComponent('الاسكَندرية')}`);
    expect(status).toBe(200);
    expect(html).toContain('value="الاسكَندرية"');
    const marks = html.match(/<mark>[^<]*<\/mark>/g) ?? [];
    expect(marks.length).toBeGreaterThanOrEqual(2);
    for (const mark of marks) expect(mark).toBe('<mark>الإسكندرية</mark>');
    expect(mainText(html)).toContain(fixture(stack, 'معرض').title);
    expect(mainText(html)).toContain(fixture(stack, 'تحلية').title);
  });

  it('escapes the query and the fragments around the marks', async () => {
    const { status, html } = await page(`/search?q=${encodeURIComponent('<script> ثغرة')}`);
    expect(status).toBe(200);
    expect(scriptTags(html)).toEqual([]);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<mark>ثغرة</mark>');
  });

  it('shows the form alone for an empty query and says so when nothing matches', async () => {
    const empty = await page('/search?q=');
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('<form class="search"');
    expect(empty.html).not.toContain('results-heading');
    const none = await page(`/search?q=${encodeURIComponent('كلمةلاتوجد')}`);
    expect(mainText(none.html)).toContain('لا توجد نتائج');
  });
});

describe('feed, sitemap and robots', () => {
  it('serves the API’s RSS, with the site’s article links', async () => {
    const response = await fetch(`${stack.site.url}/feed.xml`);
    expect(response.headers.get('content-type')).toMatch(/^application\/rss\+xml/);
    const xml = await response.text();
    expect(xml).toBe(await (await fetch(`${stack.api.url}/v1/feeds/rss?limit=50`)).text());
    expect(xml).toContain(
      `<link>${stack.site.url}/articles/${encodeURIComponent(fixture(stack, 'القمح').slug)}</link>`,
    );
    const listed = (await (await fetch(`${stack.api.url}/v1/articles?limit=100`)).json()) as {
      items: { title: string; excerpt: string }[];
    };
    expect(xml.match(/<item>/g)).toHaveLength(listed.items.length);
    // Readers render an item's title and description as HTML: the article's markup must reach them as
    // text, whatever they make of it.
    const markup = listed.items.find((item) => item.title.includes('<script>'));
    const [channel] = childrenNamed(parseXml(xml), 'channel');
    const item = childrenNamed(channel ?? parseXml(xml), 'item').find((candidate) =>
      decodeURIComponent(childText(candidate, 'link') ?? '').endsWith(fixture(stack, 'ثغرة').slug),
    );
    expect(readAsHtml((item && childText(item, 'title')) ?? '')).toEqual({ nodes: [], text: markup?.title });
    expect(readAsHtml((item && childText(item, 'description')) ?? '')).toEqual({
      nodes: [],
      text: markup?.excerpt,
    });
  });

  it('lists every page kind in the sitemap and names it in robots.txt', async () => {
    const xml = await (await fetch(`${stack.site.url}/sitemap.xml`)).text();
    for (const article of stack.articles) expect(xml).toContain(`/articles/${article.slug}</loc>`);
    expect(xml).toContain(`<loc>${stack.site.url}/tags/تحلية%20المياه</loc>`);
    expect(xml).toContain(`<loc>${stack.site.url}/sources/الأهرام?as=publisher</loc>`);
    const robots = await (await fetch(`${stack.site.url}/robots.txt`)).text();
    expect(robots).toContain(`Sitemap: ${stack.site.url}/sitemap.xml`);
  });
});
