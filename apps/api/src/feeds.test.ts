import { readAsHtml } from '@khabar/devkit';
import { parseArticle } from '@khabar/parser';
import { ArticleSummary, escapeXml, Page } from '@khabar/schema';
import { describe, expect, it } from 'vitest';
import { describeEachStore } from '../test/harness.ts';
import { childrenNamed, childText, parseXml } from '../test/xml.ts';
import { renderAtom } from './feeds/atom.ts';
import type { Feed } from './feeds/feed.ts';
import { JsonFeed } from './feeds/json-feed.ts';
import { renderRss } from './feeds/rss.ts';

describeEachStore('feeds', (harness) => {
  const request = (path: string, init?: RequestInit) => harness().app.request(path, init);

  /** The newest summaries as the listing gives them: what every feed must carry, in order. */
  async function newest(limit: number, tag?: string) {
    const query = `limit=${limit}${tag ? `&tag=${encodeURIComponent(tag)}` : ''}`;
    return Page(ArticleSummary).parse(await (await request(`/v1/articles?${query}`)).json()).items;
  }

  it('serves Atom: well-formed, Arabic, the newest articles in order with their escaped titles', async () => {
    const response = await request('/v1/feeds/atom');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=UTF-8');
    const feed = parseXml(await response.text());
    expect(feed.name).toBe('feed');
    expect(feed.attributes).toMatchObject({ xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': 'ar' });
    const entries = childrenNamed(feed, 'entry');
    const expected = await newest(20);
    expect(entries.map((entry) => childText(entry, 'title'))).toEqual(expected.map((item) => item.title));
    expect(entries.map((entry) => childText(entry, 'id'))).toEqual(
      expected.map((item) => `urn:khabar:article:${item.id}`),
    );
    expect(entries.map((entry) => childText(entry, 'title'))).toContain(
      harness().fixtures['oil-gold']?.title,
    );
    expect(childText(feed, 'updated')).toBe('2024-05-20T00:00:00Z');
  });

  it('serves RSS 2.0: well-formed, language ar, items with guid, date and link', async () => {
    const response = await request('/v1/feeds/rss?limit=5');
    expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=UTF-8');
    const rss = parseXml(await response.text());
    expect(rss.attributes).toMatchObject({ version: '2.0', 'xml:lang': 'ar' });
    const [channel] = childrenNamed(rss, 'channel');
    expect(channel && childText(channel, 'language')).toBe('ar');
    const items = channel ? childrenNamed(channel, 'item') : [];
    const expected = await newest(5);
    // RSS titles are HTML text: what a reader shows is the article's title.
    expect(items.map((item) => readAsHtml(childText(item, 'title') ?? '').text)).toEqual(
      expected.map((item) => item.title),
    );
    expect(childText(items[0] ?? channel ?? rss, 'pubDate')).toBe('Mon, 20 May 2024 00:00:00 GMT');
    expect(childText(items[0] ?? rss, 'link')).toMatch(/^http:\/\/localhost\/v1\/articles\//);
  });

  it('serves JSON Feed 1.1 that validates and matches the listing', async () => {
    const response = await request('/v1/feeds/json?limit=4');
    expect(response.headers.get('content-type')).toBe('application/feed+json; charset=UTF-8');
    const feed = JsonFeed.parse(await response.json());
    expect(feed.language).toBe('ar');
    const expected = await newest(4);
    expect(feed.items.map((item) => item.title)).toEqual(expected.map((item) => item.title));
    expect(feed.items[0]?.date_published).toBe('2024-05-20T00:00:00Z');
  });

  it('serves per-tag feeds holding only that tag', async () => {
    const tag = 'الذهب';
    for (const format of ['atom', 'rss', 'json'] as const) {
      const response = await request(`/v1/tags/${encodeURIComponent(tag)}/feeds/${format}`);
      expect(response.status).toBe(200);
      const text = await response.text();
      const titles =
        format === 'json'
          ? JsonFeed.parse(JSON.parse(text)).items.map((item) => item.title)
          : format === 'atom'
            ? childrenNamed(parseXml(text), 'entry').map((entry) => childText(entry, 'title'))
            : childrenNamed(childrenNamed(parseXml(text), 'channel')[0] ?? parseXml(text), 'item').map(
                (item) => readAsHtml(childText(item, 'title') ?? '').text,
              );
      expect(titles).toEqual([harness().fixtures['oil-gold']?.title]);
    }
    const reports = JsonFeed.parse(
      await (await request(`/v1/tags/${encodeURIComponent('تقارير')}/feeds/json`)).json(),
    );
    expect(reports.items).toHaveLength(20);
    expect(reports.items.every((item) => item.tags.includes('تقارير'))).toBe(true);
  });

  it('gives readers a hostile article’s markup as text in RSS, Atom and JSON Feed', async () => {
    const parsed = parseArticle(
      [
        '<script>alert(1)</script> عنوان <img src=x onerror=alert(1)> ]]> &amp; نهاية',
        'تاريخ النشر: 2024-03-12',
        'نص فيه <img src=x onerror=alert(1)> و<script>alert(1)</script> و]]> و&amp; و&lt;b&gt; كما كُتب.',
        'كلمات دلالية: عدائي',
      ].join('\n'),
    );
    if (!parsed.ok) throw new Error(parsed.error.message);
    const { article } = parsed;
    // A fresh app over the same store: the shared one's read cache stays as the other tests left it.
    await harness().store.upsert(article);
    try {
      const app = harness().appWith({});
      const [summary] = Page(ArticleSummary).parse(
        await (await app.request(`/v1/articles?tag=${encodeURIComponent('عدائي')}`)).json(),
      ).items;
      expect(summary?.title).toContain('<script>alert(1)</script>');
      expect(summary?.excerpt).toContain('<img src=x onerror=alert(1)>');
      const feedPath = (format: string) => `/v1/tags/${encodeURIComponent('عدائي')}/feeds/${format}`;
      const read = async (format: string) => (await app.request(feedPath(format))).text();

      const [channel] = childrenNamed(parseXml(await read('rss')), 'channel');
      const [item] = channel ? childrenNamed(channel, 'item') : [];
      for (const [field, expected] of [
        ['title', summary?.title],
        ['description', summary?.excerpt],
      ] as const) {
        // Readers render these as HTML: decoded from the XML, they must hold text and no element.
        expect(readAsHtml((item && childText(item, field)) ?? ''), field).toEqual({
          nodes: [],
          text: expected,
        });
      }

      // Atom says `type="text"` by default: the decoded text is the article's, and a reader shows it so.
      const [entry] = childrenNamed(parseXml(await read('atom')), 'entry');
      expect(entry?.children.find((child) => child.name === 'summary')?.attributes.type ?? 'text').toBe(
        'text',
      );
      expect(entry && childText(entry, 'summary')).toBe(summary?.excerpt);
      expect(entry && childText(entry, 'title')).toBe(summary?.title);

      const [jsonItem] = JsonFeed.parse(JSON.parse(await read('json'))).items;
      expect(jsonItem?.content_text).toBe(summary?.excerpt);
      expect(jsonItem?.title).toBe(summary?.title);
      expect(jsonItem).not.toHaveProperty('content_html');
    } finally {
      await harness().store.delete(article.id);
    }
  });

  it('answers 304 to the current ETag and 400 to an unknown format', async () => {
    const first = await request('/v1/feeds/atom');
    const again = await request('/v1/feeds/atom', {
      headers: { 'If-None-Match': first.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
    const unknown = await request('/v1/feeds/yaml');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('path.format');
  });

  it('links items to the reading site when KHABAR_SITE_URL is set', async () => {
    const app = harness().appWith({ KHABAR_SITE_URL: 'https://khabar.example/' });
    const feed = JsonFeed.parse(await (await app.request('/v1/feeds/json?limit=1')).json());
    expect(feed.home_page_url).toBe('https://khabar.example');
    expect(feed.items[0]?.url).toMatch(/^https:\/\/khabar\.example\/articles\/%D8/);
  });
});

describe('feed serializers', () => {
  const hostile = 'عنوان & <b>"مقتبس"</b> \'هنا\' \u0000\u0008\u000b\ufffe\ud800 نهاية]]>';
  const feed: Feed = {
    title: hostile,
    description: hostile,
    selfUrl: 'http://localhost/v1/feeds/atom?a=1&b=2',
    homeUrl: 'http://localhost/',
    updated: '2024-01-01T00:00:00Z',
    items: [
      {
        id: 'urn:khabar:article:0123456789abcdef',
        title: hostile,
        url: 'http://localhost/v1/articles/x?y=1&z="2"',
        summary: hostile,
        published: null,
        tags: [hostile],
        author: hostile,
      },
    ],
  };
  const readable = 'عنوان & <b>"مقتبس"</b> \'هنا\'  نهاية]]>';

  it('escapes markup and drops characters XML forbids', () => {
    expect(escapeXml('<a href="x">&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('ok\u0000\u001f\ud800\udc00\t\n')).toBe('ok\ud800\udc00\t\n');
  });

  it('keeps hostile text intact through Atom and RSS, as an XML parser reads it back', () => {
    const atom = parseXml(renderAtom(feed));
    const [entry] = childrenNamed(atom, 'entry');
    expect(childText(atom, 'title')).toBe(readable);
    expect(entry && childText(entry, 'title')).toBe(readable);
    expect(entry && childrenNamed(entry, 'category')[0]?.attributes.term).toBe(readable);
    expect(entry && childText(entry, 'updated')).toBe(feed.updated);

    const rss = parseXml(renderRss(feed));
    const [channel] = childrenNamed(rss, 'channel');
    const [item] = channel ? childrenNamed(channel, 'item') : [];
    // RSS readers render a description and a title as HTML: decoded from the XML, they hold only text.
    for (const field of ['title', 'description']) {
      expect(readAsHtml((item && childText(item, field)) ?? ''), field).toEqual({
        nodes: [],
        text: readable,
      });
      expect(readAsHtml((channel && childText(channel, field)) ?? ''), field).toEqual({
        nodes: [],
        text: readable,
      });
    }
    expect(item && childText(item, 'category')).toBe(readable);
    expect(item && childText(item, 'link')).toBe(feed.items[0]?.url);
    expect(item && childText(item, 'pubDate')).toBeUndefined();
  });
});
