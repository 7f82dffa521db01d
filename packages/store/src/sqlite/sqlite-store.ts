import { resolve } from 'node:path';
import type { Article, IngestOutcome, Page, SearchHit } from '@khabar/schema';
import type Database from 'better-sqlite3';
import type { PreparedRows } from '../batch-plan.ts';
import { ChangeListeners, changedIds } from '../change-listeners.ts';
import { sourceCounts, storeStats, tagCounts } from '../core/counts.ts';
import { type Query, sqliteDialect } from '../core/dialect.ts';
import { getArticle } from '../core/get-article.ts';
import { listArticles } from '../core/list-query.ts';
import type { Reader } from '../core/read.ts';
import { ROWS_AHEAD_FROM, RowThread } from '../core/row-thread.ts';
import { getStory, listStories, storyClusters } from '../core/story-reads.ts';
import { storiesOwedQuery } from '../core/story-writes.ts';
import { StoreError } from '../errors.ts';
import { pageJson } from '../search-page.ts';
import type { ArticleStore, BatchResult, IntegrityReport, SearchQuery, WriteOptions } from '../types.ts';
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
import { sqliteLookups, sqliteWrites } from './writes.ts';

// How often a watched store looks for commits made by other connections.
const DATA_VERSION_POLL_MS = 250;

// Articles whose titles a search connection reads when warmed (see `ArticleStore.warm`): the newest,
// where most queries' windows are (all of SaudiNewsNet's 30,000); about 15 MiB per connection.
const WARM_TITLES = 50_000;

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
  /**
   * Whether writes keep stories (default true). False only measures what story upkeep costs a write:
   * the stories such a store lists are wrong, and opening it again with true does not mend them.
   */
  stories?: boolean | undefined;
}

/** Where a store's writes are made: a thread of their own for a file, the calling thread in memory. */
interface Writer {
  upsertMany(
    articles: Article[],
    prepared: PreparedRows | undefined,
    signal?: AbortSignal,
    defer?: boolean,
  ): Promise<IngestOutcome[]>;
  delete(id: string, signal?: AbortSignal): Promise<boolean>;
  compactStep(): Promise<boolean>;
  settleStories(): Promise<boolean>;
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
  const stories = options.stories ?? true;
  const db = openDatabase(path, { busyTimeoutMs, pageCacheMiB });
  let damage: string | null = null;
  try {
    damage = openingCheck(db, file, options.openCheck ?? 'refuse');
    if (damage === null) {
      migrateSqlite(db);
      if (stories) backfillStories(db, busyTimeoutMs);
    }
  } catch (error) {
    db.close();
    throw error;
  }
  if (inMemory) {
    return sqliteStore({
      db,
      file,
      damage,
      writer: inlineWriter(db, busyTimeoutMs, stories),
      threads: null,
      rowThread: null,
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
    writer: new WriterThread(file, busyTimeoutMs, pageCacheMiB, stories),
    threads: threads > 0 ? new SearchThreads(file, pageCacheMiB, threads) : null,
    rowThread: new RowThread(stories),
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

/**
 * Gives the articles of an older store (or of older fingerprint settings) their sketches and stories
 * before the store is used, in batches of their own transactions, waiting for other writers as a
 * write does: once, when a store first opens after the upgrade.
 */
function backfillStories(db: Database.Database, busyTimeoutMs: number): void {
  const owed = storiesOwedQuery(sqliteDialect);
  // Looked at first without the write lock, so that opening does not wait for another process's write.
  if (db.prepare(owed.sql).get(...owed.params) === undefined) return;
  const writes = sqliteWrites(db);
  const gate = { lockWaitMs: busyTimeoutMs, cancelled: () => false, claimCommit: () => true };
  guard(() => {
    while (writes.backfillStories(gate) > 0);
  });
}

/** Writes on the connection that reads, for a database in memory, which no other connection can open. */
function inlineWriter(db: Database.Database, busyTimeoutMs: number, stories: boolean): Writer {
  const writes = sqliteWrites(db, stories);
  const gate = (signal: AbortSignal | undefined) => ({
    lockWaitMs: busyTimeoutMs,
    cancelled: () => signal?.aborted === true,
    claimCommit: () => signal?.aborted !== true,
  });
  return {
    async upsertMany(articles, prepared, signal, defer) {
      return guard(() => writes.upsertMany(articles, gate(signal), prepared, defer));
    },
    async compactStep() {
      return guard(() => writes.compactStep(gate(undefined)));
    },
    async settleStories() {
      return guard(() => writes.settleStories(gate(undefined)));
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
  /** Where the rows of large batches are made, while the writer thread writes the batch before. */
  rowThread: RowThread | null;
  pageCacheMiB: number;
  busyTimeoutMs: number;
}

function sqliteStore(parts: Parts): ArticleStore {
  const { db, file, writer, threads, rowThread } = parts;
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
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let seenVersion: unknown = null;
  let poll: NodeJS.Timeout | null = null;
  const stopPolling = () => {
    if (poll !== null) clearInterval(poll);
    poll = null;
  };
  const listeners: ChangeListeners = new ChangeListeners({
    onFirst: () => {
      if (db.memory) return;
      seenVersion = dataVersion.get();
      poll = setInterval(lookForCommits, DATA_VERSION_POLL_MS);
      poll.unref();
    },
    onLast: stopPolling,
  });
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

  // The rows of a large batch are made on the row thread, for the articles that this connection's
  // lookups say will be written; the writer thread plans the batch again under its lock.
  const prepareAhead = async (articles: readonly Article[]): Promise<PreparedRows | undefined> => {
    if (rowThread === null || articles.length < ROWS_AHEAD_FROM || !db.open) return undefined;
    return rowThread.prepare(
      articles,
      reading(() => sqliteLookups(all, articles)),
    );
  };

  // Writes reach the writer's queue in the order they were called, whatever their rows took to make:
  // each waits for the one before to be queued (not written), then for its own rows.
  let queued: Promise<unknown> = Promise.resolve();
  const inTurn = <Ready, T>(ready: Promise<Ready>, enqueue: (value: Ready) => Promise<T>): Promise<T> => {
    const turn = queued.then(() => ready);
    // Attached first, so the write is queued before the next one's turn comes.
    const result = turn.then(enqueue);
    queued = turn.catch(() => undefined);
    return result;
  };

  // A write in its turn: refused while the store is known damaged, its failure noted, what searches
  // keep of the database forgotten once it is done.
  const write = async <Ready, T>(
    ready: Promise<Ready>,
    enqueue: (value: Ready) => Promise<T>,
  ): Promise<T> => {
    writable();
    try {
      return await inTurn(ready, enqueue);
    } catch (error) {
      return noted(error);
    } finally {
      written();
    }
  };

  const reader: Reader = {
    dialect: sqliteDialect,
    read: async <Row>(query: Query) => reading(() => all<Row>(query.sql, ...query.params)),
  };

  // Whether a write deferred stories (see `WriteOptions.deferStories`): closing then settles them.
  let deferred = false;

  const store: ArticleStore = {
    kind: 'sqlite',

    async upsert(article, options) {
      const [outcome] = (await store.upsertMany([article], options)).outcomes;
      return outcome as IngestOutcome;
    },

    async upsertMany(articles, options: WriteOptions = {}): Promise<BatchResult> {
      if (articles.length === 0) return { outcomes: [] };
      const defer = options.deferStories === true;
      if (defer) deferred = true;
      const outcomes = await write(prepareAhead(articles), (prepared) =>
        writer.upsertMany(articles, prepared, options.signal, defer),
      );
      const ids = changedIds(outcomes);
      if (ids.length > 0) listeners.emit({ ids });
      return { outcomes };
    },

    get: (idOrSlug) => getArticle(reader, idOrSlug),

    async delete(id, options: WriteOptions = {}) {
      const deleted = await write(Promise.resolve(), () => writer.delete(id, options.signal));
      if (deleted) listeners.emit({ ids: [id] });
      return deleted;
    },

    async compact() {
      // Step by step, each its own write: writes called meanwhile, here or in another process, go
      // between two steps rather than after the whole.
      let more = true;
      while (more) more = await write(Promise.resolve(), () => writer.compactStep());
    },

    list: (query) => listArticles(reader, query),

    stories: (query) => listStories(reader, query),

    story: (id) => getStory(reader, id),

    storyClusters: (options) => storyClusters(reader, options),

    async search(query: SearchQuery): Promise<Page<SearchHit>> {
      return threads ? threads.search(query).catch(noted) : reading(() => searcher.search(query));
    },

    async searchJson(query: SearchQuery): Promise<Uint8Array> {
      return threads
        ? threads.searchJson(query).catch(noted)
        : reading(() => pageJson(searcher.search(query)));
    },

    async related(id, limit) {
      return threads ? threads.related(id, limit).catch(noted) : reading(() => searcher.related(id, limit));
    },

    async warm() {
      if (threads) await threads.warm(WARM_TITLES).catch(noted);
      else await reading(() => searcher.warm(WARM_TITLES));
    },

    tags: (limit) => tagCounts(reader, limit),

    sources: (limit) => sourceCounts(reader, limit),

    stats: () => storeStats(reader),

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
      return listeners.add(listener);
    },

    async close() {
      stopPolling();
      // Deferred stories are settled before the writer goes. Should that fail (the file locked by
      // another writer all along, say), nothing is lost: the next store to open the file gives the
      // articles their stories (see `backfillStories`).
      if (deferred) await write(Promise.resolve(), () => writer.settleStories()).catch(() => undefined);
      await threads?.close();
      await writer.close();
      await rowThread?.close();
      if (db.open) db.close();
    },
  };
  return store;
}
