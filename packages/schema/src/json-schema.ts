import { z } from 'zod';
import { ArticleSummary, Problem, SearchHit } from './api.ts';
import { Article } from './article.ts';
import { StoredArticle, Story, StorySummary } from './story.ts';

/** The public schemas by name, as JSON Schema (draft 2020-12) documents. */
export function jsonSchemas(): Record<string, Record<string, unknown>> {
  const named = { Article, StoredArticle, ArticleSummary, SearchHit, StorySummary, Story, Problem };
  return Object.fromEntries(
    Object.entries(named).map(([name, schema]) => [
      name,
      { $id: `https://khabar.dev/schema/${name}.json`, ...z.toJSONSchema(schema, { io: 'output' }) },
    ]),
  );
}
