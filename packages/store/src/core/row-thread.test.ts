import type { Article } from '@khabar/schema';
import { describe, expect, it } from 'vitest';
import { generateArticles } from '../../test/generate-articles.ts';
import { batchLookups } from '../batch-plan.ts';
import { toRow } from '../stored-row.ts';
import { ROWS_AHEAD_FROM, RowThread } from './row-thread.ts';

describe('RowThread', () => {
  const articles = generateArticles(ROWS_AHEAD_FROM + 8, 21);
  // The store says it holds every third article as it is: those are not analysed again.
  const stored = articles.filter((_, index) => index % 3 === 0);
  const hint = batchLookups(
    stored.map((article) => ({
      id: article.id,
      slug: article.slug,
      content_hash: article.provenance.contentHash,
      parser_version: article.provenance.parserVersion,
      origin: 'document' as const,
    })),
    [],
    [],
    [],
  );

  it('makes on its thread the rows of the articles to be written, in their places', async () => {
    const thread = new RowThread();
    try {
      const prepared = await thread.prepare(articles, hint);
      expect(prepared).toHaveLength(articles.length);
      articles.forEach((article, index) => {
        expect(prepared[index]).toEqual(index % 3 === 0 ? null : toRow(article, article.slug, 'document'));
      });
    } finally {
      await thread.close();
    }
  });

  it('makes the rows on the calling thread once closed, and of a small batch', async () => {
    const thread = new RowThread();
    await thread.close();
    const [first, second] = articles as [Article, Article];
    const row = (article: Article) => toRow(article, article.slug, 'document');
    expect(await thread.rows([first, second])).toEqual([row(first), row(second)]);
    // The first is stored as it is; the second is analysed.
    expect(await thread.prepare([first, second], hint)).toEqual([null, row(second)]);
  });
});
