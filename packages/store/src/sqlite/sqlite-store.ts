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
import { ChangeListeners, changedIds } from '../change-listeners.ts';
import { decodeListCursor, encodeListCursor } from '../cursor.ts';
import { StoreError } from '../errors.ts';
import { checkLimit, DEFAULT_COUNTS, DEFAULT_LIST_SIZE, MAX_COUNTS } from '../limits.ts';
import { type LinkCandidate, linkKeys, withLinks } from '../links.ts';
import { lowerBound, upperBound } from '../sort-key.ts';
import { readDoc, SUMMARY_COLUMNS, type SummaryColumns, toSummary } from '../stored-row.ts';
import type {
  ArticleStore,
  BatchResult,
  IntegrityReport,
  ListQuery,
  SearchQuery,
  WriteOptions,
} from '../types.ts';
import { checkOnThread } from './check-thread.ts';
import {
  DEFAULT_PAGE_CACHE_MIB,
  guard,
  openDatabase,
  READ_BUSY_TIMEOUT_MS,
  statements,
} from './connection.ts';
import { checkConnection, pageProblems } from './integrity.ts';
import { migrateSqlite } from './migrations.ts';
import { sqliteSearch } from './search.ts';
import { SearchThreads } from './search-threads.ts';
import { WriterThread } from './writer-thread.ts';
import { sqliteWrites } from './writes.ts';

// How often a watched store looks for commits made by other connections.
const DATA_VERSION_POLL_MS = 250;

/** Options of the embedded store. */
export interface SqliteStoreOptions {
  /**
   * How long a write waits for another connection's write lock before failing with
   * `StoreError('unavailable')` (default 5000 ms). Writes wait on a thread of their own: reads never do.
   */
  busyTimeoutMs?: number | undefined;
  /**
   * Threads that run searches, each with its own read-only connection (default 0: searches run on
   * the calling thread). A server answering many readers at once sets about one per core. A database
   * in memory has no file to share and always searches on the calling thread.
   */
  searchThreads?: number | undefined;
  /**
   * Most memory each connection's page cache may take, in MiB (default 16). The store opens one
   * connection for reads, one on its writer thread and one per search thread.
   */
  pageCacheMiB?: number | undefined;
  /**
   * What opening does about damage. `refuse` (the default): SQLite's `quick_check` runs first, and a
   * damaged file is refused with `StoreError('corrupt')`; `record`: the check runs, and a damaged file
   * opens for reads with the damage in `damage()` and writes refused; `off`: no check.
   */
  openCheck?: 'refuse' | 'record' | 'off' | undefined;
}

/** Where a store's writes are made: a thread of their own for a file, the calling thread in memory. */
interface Writer {
  upsertMany(articles: Article[], signal?: AbortSignal): Promise<IngestOutcome[]>;
  delete(id: string, signal?: AbortSignal): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Opens (creating folders, file and schema as needed) an embedded store: one SQLite file in WAL mode,
 * so readers in other processes see committed batches while an ingest runs. Writes go to a thread of
 * their own, so a write waiting for the lock or writing a large batch never holds up reads.
 */
export async function createSqliteStore(
  path: string,
  options: SqliteStoreOptions = {},
): Promise<ArticleStore> {
  const threads = wholeNumber('searchThreads', options.searchThreads, 0);
  const busyTimeoutMs = wholeNumber('busyTimeoutMs', options.busyTimeoutMs, 5000);
  const pageCacheMiB = options.pageCacheMiB ?? DEFAULT_PAGE_CACHE_MIB;
  if (!(pageCacheMiB > 0)) throw new RangeError(`pageCacheMiB must be more than 0, got ${pageCacheMiB}`);
  const inMemory = path === ':memory:' || path === '' || path.includes('mode=memory');
  // Threads start on the first searches and writes: the path is made absolute now, in case the
  // directory changes.
  const file = path.startsWith('file:') || inMemory ? path : resolve(path);
  const db = openDatabase(path, { busyTimeoutMs, pageCacheMiB });
  let damage: string | null = null;
  try {
    damage = openingCheck(db, file, options.openCheck ?? 'refuse');
    if (damage === null) migrateSqlite(db);
  } catch (error) {
    db.close();
    throw error;
  }
  if (inMemory) {
    return sqliteStore({
      db,
      file,
      damage,
      writer: inlineWriter(db, busyTimeoutMs),
      threads: null,
      pageCacheMiB,
      busyTimeoutMs,
    });
  }
  // This connection only reads from now on, and in WAL mode a reader waits for no writer.
  db.pragma(`busy_timeout = ${READ_BUSY_TIMEOUT_MS}`);
  db.pragma('query_only = 1');
  return sqliteStore({
    db,
    file,
    damage,
    writer: new WriterThread(file, busyTimeoutMs, pageCacheMiB),
    threads: threads > 0 ? new SearchThreads(file, pageCacheMiB, threads) : null,
    pageCacheMiB,
    busyTimeoutMs,
  });
}

function wholeNumber(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number of 0 or more, got ${value}`);
  }
  return value;
}

/** SQLite's quick check before anything is written: the damage it finds, or null. */
function openingCheck(db: Database.Database, file: string, mode: 'refuse' | 'record' | 'off'): string | null {
  if (mode === 'off') return null;
  const problems = pageProblems(db, 'quick');
  if (problems.length === 0) return null;
  const found = `quick_check found ${problems.length === 1 ? 'a problem' : `${problems.length} problems`} in ${file}: ${problems.slice(0, 3).join('; ')}`;
  if (mode === 'record') return found;
  throw new StoreError(
    'corrupt',
    `${found}. The file is damaged and was not opened: run \`khabar check --db ${file}\` for the full report, then restore it from a backup (or rebuild it with \`khabar ingest\`)`,
  );
}

/** Writes on the connection that reads, for a database in memory, which no other connection can open. */
function inlineWriter(db: Database.Database, busyTimeoutMs: number): Writer {
  const writes = sqliteWrites(db);
  const gate = (signal: AbortSignal | undefined) => ({
    lockWaitMs: busyTimeoutMs,
    cancelled: () => signal?.aborted === true,
    claimCommit: () => signal?.aborted !== true,
  });
  return {
    async upsertMany(articles, signal) {
      return guard(() => writes.upsertMany(articles, gate(signal)));
    },
    async delete(id, signal) {
      return guard(() => writes.delete(id, gate(signal)));
    },
    async close() {},
  };
}

interface Parts {
  db: Database.Database;
  /** The file (absolute), or the in-memory name. */
  file: string;
  /** Damage the opening check found and recorded. */
  damage: string | null;
  writer: Writer;
  threads: SearchThreads | null;
  pageCacheMiB: number;
  busyTimeoutMs: number;
}

function sqliteStore(parts: Parts): ArticleStore {
  const { db, file, writer, threads } = parts;
  const { all, one } = statements(db);
  const searcher = sqliteSearch(db);
  let damage = parts.damage;

  // The first damage met is kept for readiness checks; from then on, writes are refused.
  const noted = (error: unknown): never => {
    if (error instanceof StoreError && error.code === 'corrupt') damage ??= error.message;
    throw error;
  };
  const reading = <T>(work: () => T): T => {
    try {
      return guard(work);
    } catch (error) {
      return noted(error);
    }
  };
  const writable = (): void => {
    if (damage !== null) {
      throw new StoreError(
        'corrupt',
        `writes are refused: the SQLite database ${file} is damaged (${damage})`,
      );
    }
  };
  const written = (): void => {
    searcher.forget();
  };

  // Writes through this store are reported with their ids once committed; commits by any other
  // connection (another process, or this store's writer thread replacing appended articles) show in
  // SQLite's data_version, looked at every DATA_VERSION_POLL_MS while someone watches.
  const listeners = new ChangeListeners();
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let seenVersion: unknown = null;
  let poll: NodeJS.Timeout | null = null;
  const lookForCommits = () => {
    if (!db.open) return;
    let version: unknown;
    try {
      version = dataVersion.get();
    } catch {
      return;
    }
    if (version === seenVersion) return;
    seenVersion = version;
    listeners.emit({ ids: [] });
  };

  const summaries = (rows: SummaryColumns[]): ArticleSummary[] => rows.map(toSummary);

  const store: ArticleStore = {
    kind: 'sqlite',

    async upsert(article, options) {
      const [outcome] = (await store.upsertMany([article], options)).outcomes;
      return outcome as IngestOutcome;
    },

    async upsertMany(articles, options: WriteOptions = {}): Promise<BatchResult> {
      if (articles.length === 0) return { outcomes: [] };
      writable();
      try {
        const outcomes = await writer.upsertMany(articles, options.signal);
        const ids = changedIds(outcomes);
        if (ids.length > 0) listeners.emit({ ids });
        return { outcomes };
      } catch (error) {
        return noted(error);
      } finally {
        written();
      }
    },

    async get(idOrSlug) {
      return reading(() => {
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

    async delete(id, options: WriteOptions = {}) {
      writable();
      try {
        const deleted = await writer.delete(id, options.signal);
        if (deleted) listeners.emit({ ids: [id] });
        return deleted;
      } catch (error) {
        return noted(error);
      } finally {
        written();
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
      const rows = reading(() =>
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
      return threads ? threads.search(query).catch(noted) : reading(() => searcher.search(query));
    },

    async related(id, limit) {
      return threads ? threads.related(id, limit).catch(noted) : reading(() => searcher.related(id, limit));
    },

    async tags(limit): Promise<TagCount[]> {
      const size = checkLimit(limit, DEFAULT_COUNTS, MAX_COUNTS);
      return reading(() =>
        all<TagCount>(
          'SELECT tag, count(*) AS count FROM article_tags GROUP BY tag ORDER BY count DESC, tag ASC LIMIT ?',
          size,
        ),
      );
    },

    async sources(limit): Promise<SourceCount[]> {
      const size = checkLimit(limit, DEFAULT_COUNTS, MAX_COUNTS);
      return reading(() =>
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
      return reading(() => {
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
      reading(() => one('SELECT 1'));
    },

    async check(depth: IntegrityReport['depth'] = 'quick'): Promise<IntegrityReport> {
      const report = db.memory
        ? reading(() => checkConnection(db, depth))
        : await checkOnThread({
            path: file,
            depth,
            lockWaitMs: parts.busyTimeoutMs,
            pageCacheMiB: parts.pageCacheMiB,
          }).catch(noted);
      if (!report.ok) damage ??= `${depth} check: ${report.problems.slice(0, 3).join('; ')}`;
      return report;
    },

    damage() {
      return damage;
    },

    watch(listener) {
      const stop = listeners.add(listener);
      if (poll === null && !db.memory) {
        seenVersion = dataVersion.get();
        poll = setInterval(lookForCommits, DATA_VERSION_POLL_MS);
        poll.unref();
      }
      return () => {
        stop();
        if (listeners.size === 0 && poll !== null) {
          clearInterval(poll);
          poll = null;
        }
      };
    },

    async close() {
      if (poll !== null) clearInterval(poll);
      poll = null;
      await threads?.close();
      await writer.close();
      if (db.open) db.close();
    },
  };
  return store;
}
