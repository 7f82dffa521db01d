import { resolve } from 'node:path';
import type {
  Article,
  ArticleSummary,
  IngestOutcome,
  Page,
  SearchHit,
  SourceCount,
  StoreStats,
  TagCount,
} from '@khabar/schema';
import type Database from 'better-sqlite3';
import {
  type BatchLookups,
  batchKeys,
  batchLookups,
  planBatch,
  prepareRows,
  type StoredState,
  type UrlOwnerRow,
} from '../batch-plan.ts';
import { decodeListCursor, encodeListCursor } from '../cursor.ts';
import { checkLimit, DEFAULT_COUNTS, DEFAULT_LIST_SIZE, MAX_COUNTS } from '../limits.ts';
import { type LinkCandidate, linkKeys, withLinks } from '../links.ts';
import { lowerBound, upperBound } from '../sort-key.ts';
import {
  type ArticleRow,
  ROW_COLUMNS,
  readDoc,
  SET_FROM_EXCLUDED,
  SUMMARY_COLUMNS,
  type SummaryColumns,
  toSummary,
} from '../stored-row.ts';
import type { ArticleStore, BatchResult, ListQuery, SearchQuery } from '../types.ts';
import { guard, openDatabase, statements } from './connection.ts';
import { migrateSqlite } from './migrations.ts';
import { sqliteSearch } from './search.ts';
import { SearchThreads } from './search-threads.ts';

/** Options of the embedded store. */
export interface SqliteStoreOptions {
  /** How long a statement waits for another connection's write lock before failing (default 5000 ms). */
  busyTimeoutMs?: number | undefined;
  /**
   * Threads that run searches, each with its own read-only connection (default 0: searches run on
   * the calling thread). A server answering many readers at once sets about one per core. A database
   * in memory has no file to share and always searches on the calling thread.
   */
  searchThreads?: number | undefined;
}

const UPSERT_ROW = `
  INSERT INTO articles (${ROW_COLUMNS.join(', ')})
  VALUES (${ROW_COLUMNS.map((column) => `@${column}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${SET_FROM_EXCLUDED}
  RETURNING seq`;

/**
 * Opens (creating folders, file and schema as needed) an embedded store: one SQLite file in WAL mode,
 * so readers in other processes see committed batches while an ingest runs.
 */
export async function createSqliteStore(
  path: string,
  options: SqliteStoreOptions = {},
): Promise<ArticleStore> {
  const threads = options.searchThreads ?? 0;
  if (!Number.isInteger(threads) || threads < 0) {
    throw new RangeError(`searchThreads must be a whole number of 0 or more, got ${threads}`);
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const db = openDatabase(path, busyTimeoutMs);
  try {
    migrateSqlite(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const inMemory = path === ':memory:' || path === '' || path.includes('mode=memory');
  // Threads start on the first searches: the path is made absolute now, in case the directory changes.
  const searchThreads =
    threads > 0 && !inMemory
      ? new SearchThreads(path.startsWith('file:') ? path : resolve(path), busyTimeoutMs, threads)
      : null;
  return sqliteStore(db, searchThreads);
}

function sqliteStore(db: Database.Database, threads: SearchThreads | null): ArticleStore {
  const { all, one, prepare } = statements(db);
  const searcher = sqliteSearch(db);

  const lookups = (articles: readonly Article[]): BatchLookups => {
    const keys = batchKeys(articles);
    const existing = all<StoredState & { id: string }>(
      `SELECT id, slug, content_hash, parser_version, origin FROM articles
       WHERE id IN (SELECT value FROM json_each(?))`,
      JSON.stringify(keys.ids),
    );
    const slugs = all<{ slug: string; id: string }>(
      'SELECT slug, id FROM articles WHERE slug IN (SELECT value FROM json_each(?))',
      JSON.stringify(keys.slugs),
    );
    const titleKeys = all<{ title_key: string }>(
      'SELECT DISTINCT title_key FROM articles WHERE title_key IN (SELECT value FROM json_each(?))',
      JSON.stringify(keys.titleKeys),
    );
    // The URL is taken from the batch, not the row: the column comes after the large doc.
    const urlOwners =
      keys.urls.length === 0
        ? []
        : all<UrlOwnerRow>(
            `SELECT articles.id, slug, content_hash, parser_version, origin, batch.value AS url
             FROM json_each(?) AS batch JOIN articles ON articles.url = batch.value
             WHERE articles.origin = 'document' ORDER BY articles.seq`,
            JSON.stringify(keys.urls),
          );
    return batchLookups(existing, slugs, titleKeys, urlOwners);
  };

  const storeBatch = db.transaction(
    (articles: readonly Article[], prepared: ReadonlyMap<Article, ArticleRow>): IngestOutcome[] => {
      const plan = planBatch(articles, lookups(articles), prepared);
      for (const { titleKey, keep } of plan.superseded) {
        prepare("DELETE FROM articles WHERE origin = 'appended' AND title_key = ? AND id <> ?").run(
          titleKey,
          keep,
        );
      }
      for (const row of plan.rows) {
        const { seq } = prepare(UPSERT_ROW).get(row) as { seq: number };
        prepare('DELETE FROM article_tags WHERE article_seq = ?').run(seq);
        for (const tag of JSON.parse(row.tags) as string[]) {
          prepare('INSERT OR IGNORE INTO article_tags (tag, article_seq) VALUES (?, ?)').run(tag, seq);
        }
      }
      return plan.outcomes;
    },
  );

  const summaries = (rows: SummaryColumns[]): ArticleSummary[] => rows.map(toSummary);

  const store: ArticleStore = {
    kind: 'sqlite',

    async upsert(article) {
      const [outcome] = (await store.upsertMany([article])).outcomes;
      return outcome as IngestOutcome;
    },

    async upsertMany(articles): Promise<BatchResult> {
      if (articles.length === 0) return { outcomes: [] };
      return guard(() => {
        // Analysing the text before the write lock is taken keeps other writers waiting less.
        const prepared = prepareRows(articles, lookups(articles));
        try {
          return { outcomes: storeBatch.immediate(articles, prepared) };
        } finally {
          searcher.forget();
        }
      });
    },

    async get(idOrSlug) {
      return guard(() => {
        const row = one<{ doc: string }>(
          'SELECT doc FROM articles WHERE id = ? OR slug = ? LIMIT 1',
          idOrSlug,
          idOrSlug,
        );
        if (!row) return null;
        const article = readDoc(row.doc);
        const candidates = all<LinkCandidate>(
          `SELECT id, slug, title_key, origin, sort_at FROM articles
           WHERE title_key IN (SELECT value FROM json_each(?))`,
          JSON.stringify(linkKeys(article)),
        );
        return withLinks(article, candidates);
      });
    },

    async delete(id) {
      try {
        return guard(() => prepare('DELETE FROM articles WHERE id = ?').run(id).changes > 0);
      } finally {
        searcher.forget();
      }
    },

    async list(query: ListQuery = {}): Promise<Page<ArticleSummary>> {
      const limit = checkLimit(query.limit, DEFAULT_LIST_SIZE);
      const conditions: string[] = [];
      const params: unknown[] = [];
      if (query.tag !== undefined) {
        conditions.push('seq IN (SELECT article_seq FROM article_tags WHERE tag = ?)');
        params.push(query.tag);
      }
      if (query.agency !== undefined) {
        conditions.push('agency = ?');
        params.push(query.agency);
      }
      if (query.publisher !== undefined) {
        conditions.push('publisher = ?');
        params.push(query.publisher);
      }
      // Undated articles have the empty sort key, below every bound: a date range leaves them out.
      if (query.from !== undefined) {
        conditions.push('sort_at >= ?');
        params.push(lowerBound(query.from));
      }
      if (query.to !== undefined) {
        conditions.push("sort_at <> '' AND sort_at <= ?");
        params.push(upperBound(query.to));
      }
      if (query.cursor !== undefined) {
        const position = decodeListCursor(query.cursor);
        conditions.push('(sort_at, id) < (?, ?)');
        params.push(position.sortKey, position.id);
      }
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      const rows = guard(() =>
        all<SummaryColumns & { sort_at: string }>(
          `SELECT ${SUMMARY_COLUMNS}, sort_at FROM articles ${where}
           ORDER BY sort_at DESC, id DESC LIMIT ?`,
          ...params,
          limit + 1,
        ),
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: summaries(page),
        nextCursor:
          rows.length > limit && last ? encodeListCursor({ sortKey: last.sort_at, id: last.id }) : null,
      };
    },

    async search(query: SearchQuery): Promise<Page<SearchHit>> {
      return threads ? threads.search(query) : searcher.search(query);
    },

    async related(id, limit) {
      return threads ? threads.related(id, limit) : searcher.related(id, limit);
    },

    async tags(limit): Promise<TagCount[]> {
      const size = checkLimit(limit, DEFAULT_COUNTS, MAX_COUNTS);
      return guard(() =>
        all<TagCount>(
          'SELECT tag, count(*) AS count FROM article_tags GROUP BY tag ORDER BY count DESC, tag ASC LIMIT ?',
          size,
        ),
      );
    },

    async sources(limit): Promise<SourceCount[]> {
      const size = checkLimit(limit, DEFAULT_COUNTS, MAX_COUNTS);
      return guard(() =>
        all<SourceCount>(
          `SELECT name, kind, count FROM (
             SELECT agency AS name, 'agency' AS kind, count(*) AS count
             FROM articles WHERE agency IS NOT NULL GROUP BY agency
             UNION ALL
             SELECT publisher, 'publisher', count(*) FROM articles WHERE publisher IS NOT NULL GROUP BY publisher
           ) ORDER BY count DESC, name ASC, kind ASC LIMIT ?`,
          size,
        ),
      );
    },

    async stats(): Promise<StoreStats> {
      return guard(() => {
        const counts = one<Omit<StoreStats, 'earliest' | 'latest'>>(
          `SELECT
             (SELECT count(*) FROM articles) AS articles,
             (SELECT count(DISTINCT tag) FROM article_tags) AS tags,
             (SELECT count(DISTINCT agency) FROM articles) AS agencies,
             (SELECT count(DISTINCT publisher) FROM articles) AS publishers`,
        ) as Omit<StoreStats, 'earliest' | 'latest'>;
        const edge = (order: 'ASC' | 'DESC') =>
          one<{ published_at: string }>(
            `SELECT published_at FROM articles WHERE sort_at <> '' ORDER BY sort_at ${order}, id ${order} LIMIT 1`,
          )?.published_at ?? null;
        return { ...counts, earliest: edge('ASC'), latest: edge('DESC') };
      });
    },

    async ping() {
      guard(() => one('SELECT 1'));
    },

    async close() {
      await threads?.close();
      if (db.open) db.close();
    },
  };
  return store;
}
