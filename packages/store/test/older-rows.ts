import type { Article } from '@khabar/schema';
import { expect } from 'vitest';
import type { ArticleStore } from '../src/index.ts';
import { type ArticleRow, toRow } from '../src/stored-row.ts';
import { buildArticle } from './build-article.ts';

/** What a store at schema version 1 held: two articles, and the rows it kept for them. */
export interface OlderRows {
  /** Written before the page fields: its document names none of them. */
  older: Article;
  /** Written with a page URL in its document, before the column held it. */
  paged: Article;
  /** The rows, in the columns of version 1. */
  rows: Omit<ArticleRow, 'url'>[];
}

export function olderRows(): OlderRows {
  const older = buildArticle({
    title: 'خبر من نسخة سابقة',
    publishedAt: '2022-01-01T00:00:00',
    body: ['نص.'],
  });
  const paged = buildArticle({
    title: 'خبر له صفحة',
    publishedAt: '2022-01-02T00:00:00',
    body: ['نص آخر.'],
    url: 'https://news.example.com/paged',
  });
  const rows = [older, paged].map((article) => {
    const { url: _url, ...row } = toRow(article, article.slug, 'document');
    if (article !== older) return row;
    const { url: _u, siteName: _s, description: _d, image: _i, ...document } = JSON.parse(row.doc) as Article;
    return { ...row, doc: JSON.stringify(document) };
  });
  return { older, paged, rows };
}

/**
 * Checks a store opened on those rows once migrated: each article reads as it was stored, and a page at
 * the paged article's URL with another title replaces it, keeping its id and slug.
 */
export async function expectUpgradedReads(store: ArticleStore, { older, paged }: OlderRows): Promise<void> {
  expect(await store.get(older.id)).toEqual(older);
  expect(await store.get(paged.id)).toEqual(paged);
  const again = buildArticle({ title: 'خبر بعنوان جديد', body: ['نص.'], url: paged.url });
  expect(await store.upsert(again)).toEqual({ status: 'updated', id: paged.id, slug: paged.slug });
}
