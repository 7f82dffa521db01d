import type { Article } from '@khabar/schema';
import { expect } from 'vitest';
import { BACKFILL_BATCH } from '../src/core/story-writes.ts';
import type { ArticleStore } from '../src/index.ts';
import { type ArticleRow, toRow } from '../src/stored-row.ts';
import { HOSPITAL, HOSPITAL_REWRITE } from '../src/stories/test-articles.ts';
import { buildArticle } from './build-article.ts';
import { generateArticles } from './generate-articles.ts';

/** What a store at schema version 1 held: two articles, and the rows it kept for them. */
export interface OlderRows {
  /** Written before the page fields: its document names none of them. */
  older: Article;
  /** Written with a page URL in its document, before the column held it. */
  paged: Article;
  /** The rows, in the columns of version 1. */
  rows: Omit<ArticleRow, 'url' | 'fingerprint'>[];
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
    const { url: _url, fingerprint: _fingerprint, ...row } = toRow(article, article.slug, 'document');
    if (article !== older) return row;
    const { url: _u, siteName: _s, description: _d, image: _i, ...document } = JSON.parse(row.doc) as Article;
    return { ...row, doc: JSON.stringify(document) };
  });
  return { older, paged, rows };
}

/**
 * Checks a store opened on those rows once migrated: each article reads as it was stored (a story of
 * its own: the bodies are one word), and a page at the paged article's URL with another title replaces
 * it, keeping its id and slug.
 */
export async function expectUpgradedReads(store: ArticleStore, { older, paged }: OlderRows): Promise<void> {
  const alone = (article: Article) => ({ id: article.id, size: 1, firstPublishedAt: article.publishedAt });
  expect(await store.get(older.id)).toEqual({ ...older, story: alone(older) });
  expect(await store.get(paged.id)).toEqual({ ...paged, story: alone(paged) });
  const again = buildArticle({ title: 'خبر بعنوان جديد', body: ['نص.'], url: paged.url });
  expect(await store.upsert(again)).toEqual({ status: 'updated', id: paged.id, slug: paged.slug });
}

/** What a store written before stories were kept held: one story told twice, and others. */
export interface RowsBeforeStories {
  /** Two outlets' copies of one story: the first stored first, the other last. */
  copies: [Article, Article];
  /** As many unrelated articles as one batch of backfill takes, stored between the copies. */
  others: Article[];
  /** The rows of all of them, in the order stored, in the columns of the articles table then. */
  rows: Omit<ArticleRow, 'fingerprint'>[];
}

export function rowsBeforeStories(): RowsBeforeStories {
  const copies: [Article, Article] = [
    buildArticle({
      title: 'وزارة الصحة تفتتح مستشفى جديدا في تبوك',
      publishedAt: '2022-05-01T08:00:00',
      body: HOSPITAL,
      publisher: 'الرياض',
    }),
    buildArticle({
      title: 'تبوك تستقبل مستشفى جديدا',
      publishedAt: '2022-05-02T08:00:00',
      body: HOSPITAL_REWRITE,
      agency: 'واس',
    }),
  ];
  const others = generateArticles(BACKFILL_BATCH, 21);
  const rows = [copies[0], ...others, copies[1]].map((article) => {
    const { fingerprint: _fingerprint, ...row } = toRow(article, article.slug, 'document');
    return row;
  });
  return { copies, others, rows };
}

/**
 * Checks a store opened on those rows: the copies, a batch of backfill apart, are one story, every
 * other article a story of its own, and a third copy written after joins them.
 */
export async function expectBackfilledStories(
  store: ArticleStore,
  { copies: [first, second] }: RowsBeforeStories,
): Promise<void> {
  const both = [first.id, second.id].sort();
  expect(await store.storyClusters()).toEqual([{ story: first.id, articles: both }]);
  expect((await store.get(second.id))?.story).toEqual({
    id: first.id,
    size: 2,
    firstPublishedAt: first.publishedAt,
  });
  expect((await store.stories({ minSize: 1, limit: 100 })).items).toHaveLength(100);
  const third = buildArticle({
    title: 'مستشفى تبوك يفتح أبوابه',
    publishedAt: '2022-05-03T08:00:00',
    body: HOSPITAL,
    publisher: 'عكاظ',
  });
  await store.upsert(third);
  expect(await store.storyClusters()).toEqual([{ story: first.id, articles: [...both, third.id].sort() }]);
}
