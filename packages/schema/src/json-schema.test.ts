import { describe, expect, it } from 'vitest';
import { jsonSchemas } from './json-schema.ts';

describe('jsonSchemas', () => {
  const schemas = jsonSchemas();

  it('exports the public schemas as draft 2020-12 JSON Schema', () => {
    expect(Object.keys(schemas).sort()).toEqual(['Article', 'ArticleSummary', 'Problem', 'SearchHit']);
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
    ]) {
      expect(article.required).toContain(field);
      expect(article.properties[field]?.description, field).toBeTruthy();
    }
  });
});
