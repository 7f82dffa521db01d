import type { Article } from '@khabar/schema';
import { describe, expect, it } from 'vitest';
import { buildArticle } from '../../test/build-article.ts';
import { generateArticles } from '../../test/generate-articles.ts';
import { appendedArticle } from '../appended-article.ts';
import { batchLookups, prepareRows } from '../batch-plan.ts';
import { rowJson, toRow } from '../stored-row.ts';
import { ROWS_AHEAD_FROM, RowThread } from './row-thread.ts';

describe('RowThread', () => {
  // Every fifth article carries an appended article with a body, and one without.
  const articles = generateArticles(ROWS_AHEAD_FROM + 8, 21).map((article, index) =>
    index % 5 === 1
      ? buildArticle({
          title: article.title,
          publishedAt: article.publishedAt,
          body: article.body,
          publisher: article.source.publisher,
          related: [
            { title: `خبر ملحق ${index}`, publishedAt: null, body: [`نص الخبر الملحق ${index}.`] },
            { title: `عنوان بلا نص ${index}`, publishedAt: null, body: [] },
          ],
        })
      : article,
  );
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
  const row = (article: Article) => toRow(article, article.slug, 'document');

  it('makes on its thread the rows of the articles to be written and of their appended ones, in their places', async () => {
    const thread = new RowThread();
    try {
      const prepared = await thread.prepare(articles, hint);
      expect(prepared).toEqual(prepareRows(articles, hint));
      for (const [index, article] of articles.entries()) {
        const ready = prepared[index];
        if (index % 3 === 0) {
          expect(ready).toBeNull();
          continue;
        }
        expect(ready?.row).toEqual(row(article));
        const [appended] = article.related;
        expect(ready?.appended).toEqual(
          appended ? [toRow(appendedArticle(article, appended), appended.slug, 'appended'), null] : [],
        );
      }
    } finally {
      await thread.close();
    }
  });

  it('gives each row its JSON in UTF-8 when asked, the appended ones in their places', async () => {
    const thread = new RowThread(true, true);
    const text = (bytes: Uint8Array | null | undefined) =>
      bytes === null || bytes === undefined ? bytes : new TextDecoder().decode(bytes);
    try {
      const prepared = await thread.prepare(articles, hint);
      let withAppended = 0;
      for (const ready of prepared) {
        if (ready === null) continue;
        expect(text(ready.json?.row)).toBe(rowJson(ready.row));
        expect(ready.json?.appended.map(text)).toEqual(
          ready.appended.map((row) => (row === null ? null : rowJson(row))),
        );
        if (ready.appended.length > 0) withAppended++;
      }
      expect(withAppended).toBeGreaterThan(0);
    } finally {
      await thread.close();
    }
    // A thread not asked for it gives rows alone.
    const plain = new RowThread();
    try {
      expect((await plain.prepare(articles, hint)).every((ready) => ready?.json === undefined)).toBe(true);
    } finally {
      await plain.close();
    }
  });

  it('makes the rows on the calling thread once closed, and of a small batch', async () => {
    const thread = new RowThread();
    await thread.close();
    const [first, second] = articles as [Article, Article];
    const job = (index: number, article: Article) => ({ index, article, appended: [] });
    expect(await thread.rows([job(0, first), job(1, second)])).toEqual([
      { row: row(first), appended: [] },
      { row: row(second), appended: [null, null] },
    ]);
    // The first is stored as it is; the second is analysed, with its appended article.
    expect(await thread.prepare([first, second], hint)).toEqual(prepareRows([first, second], hint));
    expect((await thread.prepare([first, second], hint))[1]?.appended[0]?.origin).toBe('appended');
  });
});
