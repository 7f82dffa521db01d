import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  Article,
  type LeadImage,
  PublishedAt,
  ReadAlso,
  RelatedArticle,
  Slug,
  Source,
  Span,
  Warning,
  WebUrl,
} from './article.ts';

const seed: unknown = JSON.parse(
  readFileSync(new URL('../test/fixtures/seed.article.json', import.meta.url), 'utf8'),
);
const seedText = readFileSync(new URL('../../../seeds/000_eaf3ae8403d3c001.txt', import.meta.url), 'utf8');

function issuePaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) {
  return result.error?.issues.map((issue) => issue.path.join('.')) ?? [];
}

describe('Article', () => {
  it('accepts the seed article', () => {
    const result = Article.safeParse(seed);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  it('the seed fixture spans point at the seed text they came from', () => {
    const article = Article.parse(seed);
    const titleSpan = article.provenance.spans.title?.[0];
    expect(titleSpan && seedText.slice(titleSpan.start, titleSpan.end)).toBe(article.title);
    article.body.forEach((paragraph, index) => {
      const span = article.provenance.spans.body?.[index];
      expect(span && seedText.slice(span.start, span.end)).toBe(paragraph);
    });
  });

  it.each([
    ['id', 'not-hex'],
    ['slug', 'has spaces in it'],
    ['title', ''],
    ['publishedAt', '18/09/2023'],
    ['dir', 'up'],
    ['lang', 'Arabic'],
    ['wordCount', -1],
    ['wordCount', 1.5],
    ['body', 'one paragraph'],
    ['tags', [''] as unknown],
  ])('rejects a bad %s (%j)', (field, value) => {
    const result = Article.safeParse({ ...(seed as object), [field]: value });
    expect(result.success).toBe(false);
    expect(issuePaths(result)[0]?.split('.')[0]).toBe(field);
  });

  it.each(['title', 'publishedAt', 'source', 'provenance', 'warnings'])('requires %s', (field) => {
    const { [field]: _removed, ...rest } = seed as Record<string, unknown>;
    expect(Article.safeParse(rest).success).toBe(false);
  });

  it('accepts null where a field is nullable', () => {
    const nulls = { ...(seed as object), publishedAt: null, byline: null, dateline: null };
    expect(Article.safeParse(nulls).success).toBe(true);
  });

  it('reads an article written before the page fields existed, with each of them null', () => {
    const {
      url: _url,
      siteName: _siteName,
      description: _description,
      image: _image,
      ...older
    } = seed as Record<string, unknown>;
    const article = Article.parse(older);
    expect([article.url, article.siteName, article.description, article.image]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('takes the page fields of a page read from the web', () => {
    const page = {
      url: 'https://www.example.com/news/2023/09/18/china-russia?ref=home#top',
      siteName: 'الخليج الجديد',
      description: 'وزير الخارجية الصيني يزور روسيا بعد مغادرة كيم أون.',
      image: { url: 'https://cdn.example.com/images/wang-yi.jpg', caption: 'وانغ يي في موسكو' },
    };
    expect(Article.parse({ ...(seed as object), ...page })).toMatchObject(page);
    const uncaptioned = { ...page, image: { url: page.image.url, caption: null } };
    expect(Article.safeParse({ ...(seed as object), ...uncaptioned }).success).toBe(true);
  });

  it.each([
    ['url', 'javascript:alert(1)'],
    ['url', 'data:text/html,<script>alert(1)</script>'],
    ['url', 'ftp://example.com/file'],
    ['url', '/news/relative'],
    ['url', ''],
    ['siteName', ''],
    ['description', ''],
    ['image', { url: 'javascript:alert(1)', caption: null }],
    ['image', { url: 'https://cdn.example.com/a.jpg' }],
    ['image', 'https://cdn.example.com/a.jpg'],
  ])('rejects a bad page field %s (%j)', (field, value) => {
    const result = Article.safeParse({ ...(seed as object), [field]: value });
    expect(result.success).toBe(false);
    expect(issuePaths(result)[0]?.split('.')[0]).toBe(field);
  });

  it('rejects a content hash that is not SHA-256 hex', () => {
    const article = Article.parse(seed);
    const bad = { ...article, provenance: { ...article.provenance, contentHash: 'abc' } };
    expect(issuePaths(Article.safeParse(bad))).toEqual(['provenance.contentHash']);
  });

  it('describes every field, for JSON Schema and OpenAPI', () => {
    for (const [name, field] of Object.entries(Article.shape)) {
      expect(field.description, name).toBeTruthy();
    }
  });

  it('infers the types the rest of the code relies on', () => {
    expectTypeOf<Article['publishedAt']>().toEqualTypeOf<string | null>();
    expectTypeOf<Article['body']>().toEqualTypeOf<string[]>();
    expectTypeOf<Article['dir']>().toEqualTypeOf<'rtl' | 'ltr'>();
    expectTypeOf<Article['source']>().toEqualTypeOf<{ agency: string | null; publisher: string | null }>();
    expectTypeOf<Article['readAlso'][number]['afterParagraph']>().toEqualTypeOf<number>();
    expectTypeOf<Warning['line']>().toEqualTypeOf<number | null>();
    expectTypeOf<Article['related'][number]['wordCount']>().toEqualTypeOf<number>();
  });

  it('always has the page fields once read, and lets older input leave them out', () => {
    expectTypeOf<Article['url']>().toEqualTypeOf<string | null>();
    expectTypeOf<Article['siteName']>().toEqualTypeOf<string | null>();
    expectTypeOf<Article['description']>().toEqualTypeOf<string | null>();
    expectTypeOf<Article['image']>().toEqualTypeOf<{ url: string; caption: string | null } | null>();
    type Input = z.input<typeof Article>;
    expectTypeOf<Input['url']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Input['image']>().toEqualTypeOf<LeadImage | null | undefined>();
    expectTypeOf<Pick<Input, 'title'>>().toEqualTypeOf<{ title: string }>();
  });
});

describe('WebUrl', () => {
  it.each([
    'https://example.com',
    'http://news.example.com/a/b?c=d&e=%D8%AE#f',
    'https://xn--mgbh0fb.xn--kgbechtv/خبر',
    'https://مثال.إختبار/أخبار',
    'http://127.0.0.1:8080/a',
  ])('accepts %s', (value) => {
    expect(WebUrl.safeParse(value).success).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:image/png;base64,AAAA',
    'file:///etc/passwd',
    'mailto:editor@example.com',
    '//example.com/protocol-relative',
    'example.com',
    'https:example.com',
    'HTTPS://EXAMPLE.COM/',
    'https://example.com/with space',
    `https://example.com/${'a'.repeat(2048)}`,
  ])('rejects %j', (value) => {
    expect(WebUrl.safeParse(value).success).toBe(false);
  });
});

describe('PublishedAt', () => {
  it.each(['2023-09-18T00:00:00Z', '2018-06-13T16:13:00', '2023-09-18T10:30:00+03:00'])(
    'accepts %s',
    (value) => {
      expect(PublishedAt.safeParse(value).success).toBe(true);
    },
  );

  it.each([
    '2023-09-18',
    '2023-13-01T00:00:00',
    '2023-09-18T25:00:00',
    '18th, September 2023 GMT',
    '2023-09-18T00:00',
  ])('rejects %s', (value) => {
    expect(PublishedAt.safeParse(value).success).toBe(false);
  });
});

describe('Slug', () => {
  it('accepts Arabic words joined by hyphens with an id suffix', () => {
    expect(Slug.safeParse('وزير-الخارجية-الصيني-يزور-روسيا-a7af29').success).toBe(true);
  });

  it.each(['-leading', 'trailing-', 'double--hyphen', 'with space', 'with/slash', ''])(
    'rejects %j',
    (value) => {
      expect(Slug.safeParse(value).success).toBe(false);
    },
  );
});

describe('Span', () => {
  it('accepts an empty or forward range and rejects a backward one', () => {
    expect(Span.safeParse({ start: 3, end: 3 }).success).toBe(true);
    expect(Span.safeParse({ start: 3, end: 9 }).success).toBe(true);
    expect(issuePaths(Span.safeParse({ start: 9, end: 3 }))).toEqual(['end']);
    expect(Span.safeParse({ start: -1, end: 3 }).success).toBe(false);
  });
});

describe('parts of an article', () => {
  it('RelatedArticle needs its id, slug, word count and content hash', () => {
    const related = Article.parse(seed).related[0] as RelatedArticle;
    expect(RelatedArticle.safeParse(related).success).toBe(true);
    for (const field of ['id', 'slug', 'wordCount', 'contentHash'] as const) {
      const { [field]: _removed, ...rest } = related;
      expect(issuePaths(RelatedArticle.safeParse(rest)), field).toEqual([field]);
    }
    expect(issuePaths(RelatedArticle.safeParse({ ...related, wordCount: -1 }))).toEqual(['wordCount']);
    expect(issuePaths(RelatedArticle.safeParse({ ...related, contentHash: 'A'.repeat(64) }))).toEqual([
      'contentHash',
    ]);
  });

  it('ReadAlso needs a non-negative whole afterParagraph and takes an optional link', () => {
    expect(ReadAlso.safeParse({ title: 'عنوان', afterParagraph: 0 }).success).toBe(true);
    expect(ReadAlso.safeParse({ title: 'عنوان', afterParagraph: -1 }).success).toBe(false);
    expect(
      ReadAlso.safeParse({
        title: 'عنوان',
        afterParagraph: 2,
        link: { id: '0123456789abcdef', slug: 'عنوان-012345' },
      }).success,
    ).toBe(true);
    expect(
      ReadAlso.safeParse({ title: 'عنوان', afterParagraph: 2, link: { id: 'x', slug: 'y' } }).success,
    ).toBe(false);
  });

  it('Source takes null for an absent credit but not an empty string', () => {
    expect(Source.safeParse({ agency: null, publisher: null }).success).toBe(true);
    expect(Source.safeParse({ agency: '', publisher: null }).success).toBe(false);
  });

  it('Warning codes are snake_case and lines 1-based', () => {
    expect(Warning.safeParse({ code: 'chrome_dropped', message: 'شارك', line: 9 }).success).toBe(true);
    expect(Warning.safeParse({ code: 'Chrome Dropped', message: 'x', line: 9 }).success).toBe(false);
    expect(Warning.safeParse({ code: 'chrome_dropped', message: 'x', line: 0 }).success).toBe(false);
  });
});
