import { describe, expect, it } from 'vitest';
import { jsonSchemas } from './json-schema.ts';

describe('jsonSchemas', () => {
  const schemas = jsonSchemas();

  it('exports the public schemas as draft 2020-12 JSON Schema', () => {
    expect(Object.keys(schemas).sort()).toEqual([
      'Article',
      'ArticleSummary',
      'Problem',
      'SearchHit',
      'StoredArticle',
      'Story',
      'StorySummary',
    ]);
    for (const schema of Object.values(schemas)) {
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    }
  });

  it('keeps the fixed field names, required, with their descriptions', () => {
    const article = schemas.Article as {
      required: string[];
      properties: Record<string, { description?: string }>;
    };
    for (const field of [
      'title',
      'publishedAt',
      'byline',
      'dateline',
      'body',
      'readAlso',
      'source',
      'tags',
      'related',
      'url',
      'siteName',
      'description',
      'image',
    ]) {
      expect(article.required).toContain(field);
      expect(article.properties[field]?.description, field).toBeTruthy();
    }
  });

  it('says that an article without the page fields reads them as null, and what a page URL is', () => {
    const article = schemas.Article as {
      properties: Record<string, { default?: unknown; anyOf?: { type?: unknown; pattern?: string }[] }>;
    };
    for (const field of ['url', 'siteName', 'description', 'image']) {
      expect(article.properties[field]?.default, field).toBeNull();
    }
    const [url] = article.properties.url?.anyOf ?? [];
    expect(url).toMatchObject({ type: 'string', pattern: expect.stringContaining('https?') });
    expect(new RegExp((url as { pattern: string }).pattern).test('javascript:alert(1)')).toBe(false);
  });

  it('requires the identity and counts of every appended article', () => {
    const related = (schemas.Article as { properties: { related: { items: { required: string[] } } } })
      .properties.related.items;
    expect(related.required).toEqual(
      expect.arrayContaining(['id', 'slug', 'title', 'publishedAt', 'body', 'wordCount', 'contentHash']),
    );
  });
});
