import type { Article } from '@khabar/schema';
import { describe, expect, it } from 'vitest';
import { newsArticle, scriptJson, storyCollection } from './json-ld.ts';

const article: Article = {
  id: '0123456789abcdef',
  slug: 'عنوان-0123ab',
  title: 'عنوان </script><script>alert(1)</script>',
  publishedAt: '2023-09-18T00:00:00Z',
  byline: 'عين اليوم – جدة',
  dateline: null,
  body: ['فقرة'],
  readAlso: [],
  source: { agency: 'فرانس برس', publisher: 'الخليج الجديد' },
  tags: ['الصين', 'روسيا'],
  related: [],
  url: null,
  siteName: null,
  description: null,
  image: null,
  lang: 'ar',
  dir: 'rtl',
  wordCount: 1,
  warnings: [],
  provenance: { contentHash: '0'.repeat(64), parserVersion: '0.1.0', spans: {} },
};

describe('scriptJson', () => {
  it('cannot close its script element and still parses to the same value', () => {
    const json = scriptJson({ headline: article.title, note: 'a & b > c' });
    expect(json).not.toMatch(/[<>&]/);
    expect(JSON.parse(json)).toEqual({ headline: article.title, note: 'a & b > c' });
  });
});

describe('newsArticle', () => {
  it('describes the article with its date, publisher, agency and keywords', () => {
    const data = newsArticle(article, 'https://example.org/articles/x', 'وصف');
    expect(data).toMatchObject({
      '@type': 'NewsArticle',
      headline: article.title,
      datePublished: '2023-09-18T00:00:00Z',
      inLanguage: 'ar',
      publisher: { '@type': 'Organization', name: 'الخليج الجديد' },
      sourceOrganization: { name: 'فرانس برس' },
      keywords: 'الصين، روسيا',
      creditText: 'عين اليوم – جدة',
      mainEntityOfPage: { '@id': 'https://example.org/articles/x' },
    });
  });

  it('leaves out what the article does not have', () => {
    const bare = newsArticle(
      { ...article, publishedAt: null, byline: null, source: { agency: null, publisher: null }, tags: [] },
      'https://example.org/a',
      'وصف',
    );
    expect(Object.keys(bare)).not.toContain('datePublished');
    expect(Object.keys(bare)).not.toContain('publisher');
    expect(Object.keys(bare)).not.toContain('keywords');
    expect(Object.keys(bare)).not.toContain('isBasedOn');
    expect(Object.keys(bare)).not.toContain('image');
  });

  it('names the original page and the lead image when they are http(s), and only then', () => {
    const page = {
      ...article,
      url: 'https://news.example.com/a',
      image: { url: 'https://cdn.example.com/a.jpg', caption: null },
    };
    expect(newsArticle(page, 'https://example.org/a', 'وصف')).toMatchObject({
      isBasedOn: 'https://news.example.com/a',
      image: 'https://cdn.example.com/a.jpg',
    });
    const hostile = {
      ...article,
      url: 'javascript:alert(1)',
      image: { url: 'data:image/svg+xml,<svg onload=alert(1)>', caption: null },
    };
    const data = newsArticle(hostile, 'https://example.org/a', 'وصف');
    expect(Object.keys(data)).not.toContain('isBasedOn');
    expect(Object.keys(data)).not.toContain('image');
  });
});

describe('storyCollection', () => {
  const member = (id: string, publishedAt: string | null, source: Article['source']) => ({
    id: id.repeat(16),
    slug: `خبر-${id}`,
    title: `عنوان </script> ${id}`,
    publishedAt,
    source,
  });
  const earliest = member('a', '2024-03-11T10:30:00', { agency: 'رويترز', publisher: 'الأهرام' });
  const later = member('b', null, { agency: 'رويترز', publisher: null });

  it('lists every outlet’s article in the story’s order, with its date and publisher when known', () => {
    const data = storyCollection(
      { earliest, articles: [earliest, later], firstPublishedAt: earliest.publishedAt },
      'https://example.org/stories/x',
      'وصف',
      (slug) => `https://example.org/articles/${slug}`,
    );
    expect(data).toEqual({
      '@context': 'https://schema.org',
      '@type': 'CollectionPage',
      name: earliest.title,
      description: 'وصف',
      url: 'https://example.org/stories/x',
      datePublished: '2024-03-11T10:30:00',
      mainEntity: {
        '@type': 'ItemList',
        itemListOrder: 'https://schema.org/ItemListOrderAscending',
        numberOfItems: 2,
        itemListElement: [
          {
            '@type': 'ListItem',
            position: 1,
            item: {
              '@type': 'NewsArticle',
              headline: earliest.title,
              url: 'https://example.org/articles/خبر-a',
              datePublished: '2024-03-11T10:30:00',
              publisher: { '@type': 'Organization', name: 'الأهرام' },
            },
          },
          {
            '@type': 'ListItem',
            position: 2,
            item: {
              '@type': 'NewsArticle',
              headline: later.title,
              url: 'https://example.org/articles/خبر-b',
              publisher: { '@type': 'Organization', name: 'رويترز' },
            },
          },
        ],
      },
    });
    expect(scriptJson(data)).not.toContain('</script>');
  });
});
