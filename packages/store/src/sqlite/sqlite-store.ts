import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
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
import Database from 'better-sqlite3';
import { type BatchLookups, batchKeys, planBatch, prepareRows, type StoredState } from '../batch-plan.ts';
import { decodeListCursor, decodeSearchCursor, encodeListCursor, type SearchPosition } from '../cursor.ts';
import { StoreError } from '../errors.ts';
import {
  checkLimit,
  DEFAULT_COUNTS,
  DEFAULT_LIST_SIZE,
  DEFAULT_RELATED,
  DEFAULT_SEARCH_SIZE,
  MAX_COUNTS,
} from '../limits.ts';
import { type LinkCandidate, linkKeys, withLinks } from '../links.ts';
import { ftsAllGroups, ftsAnyTerm, queryGroups, requiredGroups } from '../query-terms.ts';
import { rankCandidates } from '../rank-candidates.ts';
import {
  BODY_WEIGHT,
  RANKED_WINDOW,
  SQLITE_TEXT_RANK_SCALE,
  TITLE_WEIGHT,
  TITLED_WINDOW,
} from '../ranking.ts';
import { type HitRow, searchPage } from '../search-page.ts';
import { similarityTerms } from '../similarity-terms.ts';
import { lowerBound, upperBound } from '../sort-key.ts';
import {
  type ArticleRow,
  ROW_COLUMNS,
  SET_FROM_EXCLUDED,
  SUMMARY_COLUMNS,
  type SummaryColumns,
  toSummary,
} from '../stored-row.ts';
import type { ArticleStore, BatchResult, ListQuery, SearchQuery } from '../types.ts';
import { migrateSqlite } from './migrations.ts';

/** Options of the embedded store. */
export interface SqliteStoreOptions {
  /** How long a statement waits for another connection's write lock before failing (default 5000 ms). */
  busyTimeoutMs?: number | undefined;
}

const UPSERT_ROW = `
  INSERT INTO articles (${ROW_COLUMNS.join(', ')})
  VALUES (${ROW_COLUMNS.map((column) => `@${column}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${SET_FROM_EXCLUDED}
  RETURNING seq`;

// Error codes that mean "the database cannot answer now", not "the request is wrong".
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY|CORRUPT|NOTADB)/;

/**
 * Opens (creating folders, file and schema as needed) an embedded store: one SQLite file in WAL mode,
 * so readers in other processes see committed batches while an ingest runs.
 */
export async function createSqliteStore(
  path: string,
  options: SqliteStoreOptions = {},
): Promise<ArticleStore> {
  const db = openDatabase(path, options.busyTimeoutMs ?? 5000);
  try {
    migrateSqlite(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return sqliteStore(db);
}

function openDatabase(path: string, busyTimeoutMs: number): Database.Database {
  try {
    if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path, { timeout: busyTimeoutMs });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // A larger page cache (64 MiB), and checkpoints every 64 MiB of log rather than 4: an ingest rewrites
    // the same index and FTS pages batch after batch, and each checkpoint copies them into the file again.
    db.pragma('cache_size = -65536');
    db.pragma('wal_autocheckpoint = 16384');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    throw new StoreError(
      'unavailable',
      `cannot open the SQLite database ${path}: ${(error as Error).message}`,
    );
  }
}

function sqliteStore(db: Database.Database): ArticleStore {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const all = <T>(sql: string, ...params: unknown[]) => prepare(sql).all(...params) as T[];
  const one = <T>(sql: string, ...params: unknown[]) => prepare(sql).get(...params) as T | undefined;

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
    return {
      existing: new Map(existing.map(({ id, ...state }) => [id, state])),
      slugOwners: new Map(slugs.map(({ slug, id }) => [slug, id])),
      titleKeys: new Set(titleKeys.map(({ title_key }) => title_key)),
    };
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
        return { outcomes: storeBatch.immediate(articles, prepared) };
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
        const article = JSON.parse(row.doc) as Article;
        const candidates = all<LinkCandidate>(
          `SELECT id, slug, title_key, origin, sort_at FROM articles
           WHERE title_key IN (SELECT value FROM json_each(?))`,
          JSON.stringify(linkKeys(article)),
        );
        return withLinks(article, candidates);
      });
    },

    async delete(id) {
      return guard(() => prepare('DELETE FROM articles WHERE id = ?').run(id).changes > 0);
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
      const limit = checkLimit(query.limit, DEFAULT_SEARCH_SIZE);
      const after: SearchPosition | null =
        query.cursor === undefined ? null : decodeSearchCursor(query.cursor);
      const groups = queryGroups(query.q);
      if (groups.length === 0) return { items: [], nextCursor: null };
      const required = requiredGroups(groups);
      const rank = required.rankText ? `bm25(articles_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT})` : '0';
      const match = ftsAllGroups(required.groups);
      // Rank first on the small columns, then read the documents of the page only. When more articles
      // match than the window holds, the newest ones are ranked, and with them the newest whose title
      // holds every word: a reader looking for a headline finds it however many articles match.
      const ranked = guard(() => {
        const newest = all<{ rowid: number; rank: number }>(
          `SELECT rowid, ${rank} AS rank FROM articles_fts WHERE articles_fts MATCH ?
           ORDER BY rowid DESC LIMIT ${RANKED_WINDOW}`,
          match,
        );
        const oldest = newest.at(-1);
        const titledIds =
          newest.length === RANKED_WINDOW && oldest && required.rankText
            ? all<{ rowid: number }>(
                `SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid < ?
                 ORDER BY rowid DESC LIMIT ${TITLED_WINDOW}`,
                `{search_title} : (${match})`,
                oldest.rowid,
              ).map((row) => row.rowid)
            : [];
        // Ranked with the whole query, as the window is; the rowid range keeps FTS5 to that stretch.
        const titled =
          titledIds.length > 0
            ? all<{ rowid: number; rank: number }>(
                `SELECT rowid, ${rank} AS rank FROM articles_fts
                 WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?))`,
                match,
                titledIds.at(-1),
                titledIds[0],
                JSON.stringify(titledIds),
              )
            : [];
        const hits = [...newest, ...titled];
        const rankOf = new Map(hits.map((hit) => [hit.rowid, hit.rank]));
        const titles = all<{ seq: number; id: string; search_title: string }>(
          'SELECT seq, id, search_title FROM articles WHERE seq IN (SELECT value FROM json_each(?))',
          JSON.stringify(hits.map((hit) => hit.rowid)),
        );
        // bm25 is lower for better matches.
        const candidates = titles.map((row) => ({
          seq: row.seq,
          id: row.id,
          searchTitle: row.search_title,
          textRank: -(rankOf.get(row.seq) ?? 0),
        }));
        return rankCandidates(candidates, groups, SQLITE_TEXT_RANK_SCALE, after, limit + 1);
      });
      const seqs = JSON.stringify(ranked.slice(0, limit).map((hit) => hit.seq));
      const rows = guard(() =>
        all<HitRow & { seq: number }>(
          `SELECT ${SUMMARY_COLUMNS}, seq, doc, search_body FROM articles WHERE seq IN (SELECT value FROM json_each(?))`,
          seqs,
        ),
      );
      return searchPage(ranked, limit, new Map(rows.map((row) => [row.seq, row])), groups);
    },

    async related(id, limit) {
      const size = checkLimit(limit, DEFAULT_RELATED);
      return guard(() => {
        const self = one<{ seq: number; title: string; tags: string }>(
          'SELECT seq, title, tags FROM articles WHERE id = ?',
          id,
        );
        if (!self) return [];
        const byTags = all<SummaryColumns & { seq: number }>(
          `SELECT ${SUMMARY_COLUMNS}, seq FROM articles JOIN (
             SELECT other.article_seq, count(*) AS shared
             FROM article_tags AS mine JOIN article_tags AS other
               ON other.tag = mine.tag AND other.article_seq <> mine.article_seq
             WHERE mine.article_seq = ? GROUP BY other.article_seq
           ) AS sharing ON sharing.article_seq = articles.seq
           ORDER BY shared DESC, sort_at DESC, id DESC LIMIT ?`,
          self.seq,
          size,
        );
        const terms = similarityTerms(self.title, JSON.parse(self.tags) as string[]);
        if (byTags.length >= size || terms.length === 0) return summaries(byTags);
        const taken = new Set([self.seq, ...byTags.map((row) => row.seq)]);
        const similar = all<SummaryColumns & { seq: number }>(
          `SELECT ${SUMMARY_COLUMNS}, seq FROM (
             SELECT rowid, bm25(articles_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) AS rank
             FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ${RANKED_WINDOW}
           ) AS hits JOIN articles ON articles.seq = hits.rowid ORDER BY rank, id LIMIT ?`,
          ftsAnyTerm(terms),
          size + taken.size,
        ).filter((row) => !taken.has(row.seq));
        return summaries([...byTags, ...similar].slice(0, size));
      });
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
      if (db.open) db.close();
    },
  };
  return store;
}

function guard<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE.test(code)) {
      throw new StoreError('unavailable', `the SQLite database cannot answer: ${(error as Error).message}`);
    }
    throw error;
  }
}
