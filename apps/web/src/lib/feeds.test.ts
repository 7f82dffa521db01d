import { childrenNamed, childText, parseXml, readAsHtml } from '@khabar/devkit';
import type { ArticleSummary } from '@khabar/schema';
import { describe, expect, it } from 'vitest';
import { renderRss } from './rss.ts';
import { renderSitemap } from './sitemap.ts';
import { escapeXml } from './xml.ts';

const summary: ArticleSummary = {
  id: '0123456789abcdef',
  slug: 'عنوان-0123ab',
  title: 'أرباح & خسائر <b>',
  publishedAt: '2023-09-18T14:05:00',
  source: { agency: null, publisher: null },
  tags: ['اقتصاد'],
  excerpt: 'نص "مقتبس"',
  wordCount: 3,
};

describe('escapeXml', () => {
  it('escapes markup and drops the control characters XML forbids', () => {
    expect(escapeXml(`a<b>&"'\u0001\u000b`)).toBe('a&lt;b&gt;&amp;&quot;&apos;');
    expect(escapeXml('سطر\nثان\tو')).toBe('سطر\nثان\tو');
  });
});

describe('renderRss', () => {
  const rss = renderRss(
    {
      title: 'خبر',
      description: 'أخبار',
      link: 'https://example.org/',
      self: 'https://example.org/feed.xml',
    },
    [summary, { ...summary, id: 'fedcba9876543210', publishedAt: null }],
    (item) => `https://example.org/articles/${encodeURIComponent(item.slug)}`,
  );

  it('escapes every text and links each item to the site', () => {
    expect(rss).toContain('<title>أرباح &amp;amp; خسائر &amp;lt;b&amp;gt;</title>');
    expect(rss).toContain('<description>نص &quot;مقتبس&quot;</description>');
    expect(rss).toContain(`<link>https://example.org/articles/${encodeURIComponent(summary.slug)}</link>`);
    expect(rss).toContain('<category>اقتصاد</category>');
  });

  it('gives readers a hostile article’s markup as text, in the title and the description they render as HTML', () => {
    const markup = '<script>alert(1)</script> <img src=x onerror=alert(1)> ]]> &amp; &lt;b&gt; نص';
    const hostile = renderRss(
      {
        title: markup,
        description: markup,
        link: 'https://example.org/',
        self: 'https://example.org/feed.xml',
      },
      [{ ...summary, title: markup, excerpt: markup, tags: [markup] }],
      () => 'https://example.org/articles/x',
    );
    const [channel] = childrenNamed(parseXml(hostile), 'channel');
    const [item] = channel ? childrenNamed(channel, 'item') : [];
    for (const [element, field] of [
      [item, 'title'],
      [item, 'description'],
      [channel, 'title'],
      [channel, 'description'],
    ] as const) {
      expect(readAsHtml((element && childText(element, field)) ?? ''), field).toEqual({
        nodes: [],
        text: markup,
      });
    }
    // A category is a label, not rendered: it stays the tag as written.
    expect(item && childText(item, 'category')).toBe(markup);
  });

  it('gives RFC 822 dates, reading a zoneless date as GMT, and none for an undated item', () => {
    expect(rss).toContain('<pubDate>Mon, 18 Sep 2023 14:05:00 GMT</pubDate>');
    expect(rss.match(/<pubDate>/g)).toHaveLength(1);
  });
});

describe('renderSitemap', () => {
  it('lists escaped locations with their dates', () => {
    const xml = renderSitemap([
      { loc: 'https://example.org/a?x=1&y=2', lastmod: '2023-09-18' },
      { loc: 'https://example.org/' },
    ]);
    expect(xml).toContain(
      '<url><loc>https://example.org/a?x=1&amp;y=2</loc><lastmod>2023-09-18</lastmod></url>',
    );
    expect(xml).toContain('<url><loc>https://example.org/</loc></url>');
  });
});
