import { randomUUID } from 'node:crypto';
import type { Article, IngestOutcome } from '@khabar/schema';
import pg from 'pg';
import { type BatchLookups, type PreparedRows, planBatch } from '../batch-plan.ts';
import { ChangeListeners, changedIds } from '../change-listeners.ts';
import { sourceCounts, storeStats, tagCounts } from '../core/counts.ts';
import { postgresDialect, type Query, runStepsAsync } from '../core/dialect.ts';
import { getArticle } from '../core/get-article.ts';
import { listArticles } from '../core/list-query.ts';
import { lookupSteps } from '../core/lookups.ts';
import type { Reader } from '../core/read.ts';
import { RowThread } from '../core/row-thread.ts';
import { getStory, listStories, storyClusters } from '../core/story-reads.ts';
import {
  backfillSteps,
  deferStories,
  finishStorySteps,
  flushStorySteps,
  pendingFlushQuery,
  removeStorySteps,
  type StoryInput,
  StoryMemory,
  type StoryWork,
  settleDeferredSteps,
  storiesOwedQuery,
  storyInput,
  storyWork,
  writeStorySteps,
} from '../core/story-writes.ts';
import { StoreError } from '../errors.ts';
import { pageJson } from '../search-page.ts';
import { ROW_COLUMNS, SET_FROM_EXCLUDED } from '../stored-row.ts';
import type { ArticleStore, BatchResult, WriteOptions } from '../types.ts';
import { CHANGE_CHANNEL, CHANGE_FEED_NAME, changePayload, PostgresChangeFeed } from './change-feed.ts';
import { checkPostgres } from './check.ts';
import { toStoreError } from './errors.ts';
import { buildMissingSearchIndexes, migratePostgres, SEARCH_INDEXES, WRITE_LOCK } from './migrations.ts';
import { rowsPayload } from './rows-payload.ts';
import { postgresSearch } from './search.ts';

/** Options of the PostgreSQL store. */
export interface PostgresStoreOptions {
  /** Schema for Khabar's tables, created when missing (default: the connection's search_path). */
  schema?: string | undefined;
  /** Most connections the pool opens (default 10). */
  poolSize?: number | undefined;
  /**
   * Whether opening applies the migrations the schema lacks, creating it if need be (default true).
   * False only connects, creating nothing, for a check of the store as it is.
   */
  migrate?: boolean | undefined;
  /**
   * Whether writes keep stories (default true). False only measures what story upkeep costs a write:
   * the stories such a store lists are wrong, and opening it again with true does not mend them.
   */
  stories?: boolean | undefined;
}

// A batch of this many rows into an empty store starts a bulk load (see `indexes` below).
const BULK_LOAD_FROM = 200;
// How long after its last batch a bulk load builds its full-text indexes.
const SETTLE_MS = 1000;
/**
 * The columns writes find rows by, analysed once the first batch of a bulk load is in. A table never
 * analysed has no statistics, and the planner took each `= ANY` of a batch's 500 keys to match most
 * of it: it scanned the whole table for the title keys, the appended articles a batch supersedes and
 * the members of the stories it touched, 10 to 17 ms each by the 15,000th article where the indexes
 * take 1 to 5 ms. Statistics from the first batch hold as the table grows (these columns are close to
 * unique, and the planner scales what it read by the table's size); without `search_vector`'s, the
 * search windows are planned as before any `ANALYZE`, until `compact` gathers them all.
 */
const WRITE_COLUMNS_ANALYZE = `ANALYZE articles (seq, id, slug, title_key, url, origin),
  article_stories (article_seq, story_id, sketch_version), article_tags (tag, article_seq), stories (id)`;
// How long that ANALYZE waits for a table's lock before it gives up.
const ANALYZE_LOCK_WAIT_MS = 200;
const DROP_SEARCH_INDEXES = `DROP INDEX IF EXISTS ${SEARCH_INDEXES.map(({ name }) => name).join(', ')}`;

const UPSERT_ROWS = `
  INSERT INTO articles (${ROW_COLUMNS.join(', ')})
  SELECT ${ROW_COLUMNS.join(', ')} FROM json_populate_recordset(NULL::articles, $1::json)
  ON CONFLICT (id) DO UPDATE SET ${SET_FROM_EXCLUDED}
  RETURNING seq, id`;

/**
 * Connects to a PostgreSQL database and migrates it. Every process that opens the same database shares
 * its data: the store keeps no state of its own beyond the connection pool.
 */
export async function createPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<ArticleStore> {
  const { schema } = options;
  const stories = options.stories ?? true;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new StoreError('invalid_query', `a schema name is lower-case letters, digits and _: ${schema}`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle connection that drops is reported by the next query; the pool must not crash the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      if (options.migrate === false) await client.query('SELECT 1');
      else await migratePostgres(client, schema);
    } finally {
      client.release();
    }
    if (options.migrate !== false && stories) await backfillStories(pool);
  } catch (error) {
    await pool.end();
    throw toStoreError(error);
  }
  const connect = () =>
    new pg.Client({
      connectionString: url,
      application_name: `${CHANGE_FEED_NAME} ${schema ?? ''}`.trim(),
      ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    });
  return postgresStore(pool, schema ?? '', connect, stories);
}

/**
 * Gives the articles of an older store (or of older fingerprint settings) their sketches and stories,
 * in batches of their own transactions under the write lock: once, when a store first opens after the
 * upgrade. Processes opening together share the work.
 */
async function backfillStories(pool: pg.Pool): Promise<void> {
  const owed = storiesOwedQuery(postgresDialect);
  // Looked at first without the write lock, so that opening does not wait for another process's write.
  if ((await pool.query(owed.sql, owed.params)).rows.length === 0) return;
  const memory = new StoryMemory();
  for (;;) {
    const client = await pool.connect();
    let taken: number;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [WRITE_LOCK]);
      taken = await runStepsAsync(
        backfillSteps(postgresDialect, memory),
        async (statement) => (await client.query(statement.sql, statement.params)).rows,
      );
      const mark = memory.runs.mark();
      await client.query('COMMIT');
      memory.runs.committed(mark);
      client.release();
    } catch (error) {
      const rollback = await client.query('ROLLBACK').then(
        () => undefined,
        (rollbackError: Error) => rollbackError,
      );
      client.release(rollback);
      throw error;
    }
    if (taken === 0) return;
  }
}

function postgresStore(
  pool: pg.Pool,
  schema: string,
  connect: () => pg.Client,
  stories: boolean,
): ArticleStore {
  let damage: string | null = null;
  // Every failure passes here: the first sign of damaged data is kept for readiness checks.
  const storeError = (error: unknown): Error => {
    const failure = toStoreError(error);
    if (damage === null && failure instanceof StoreError && failure.code === 'corrupt') {
      damage = failure.message;
    }
    return failure;
  };

  const query = async <T extends pg.QueryResultRow>(
    sql: string,
    params: unknown[] = [],
    client: pg.Pool | pg.PoolClient = pool,
    name?: string,
  ): Promise<T[]> => {
    try {
      return (await client.query<T>({ text: sql, values: params, ...(name === undefined ? {} : { name }) }))
        .rows;
    } catch (error) {
      throw storeError(error);
    }
  };

  // Rows come with their JSON made on the row thread: the upsert's payload is then put together, not
  // written out, while the write lock is held.
  const rowThread = new RowThread(stories, true);
  const pendingFlush = pendingFlushQuery(postgresDialect);
  // The band index as this store last read it and the sketches it has met (see `StoryMemory`): used
  // under the write lock only.
  const memory = new StoryMemory();
  const runOn =
    (client: pg.PoolClient) =>
    (statement: Query): Promise<unknown[]> =>
      query(statement.sql, statement.params, client);
  const search = postgresSearch((sql, params, name) => query(sql, params, pool, name));
  const reader: Reader = {
    dialect: postgresDialect,
    read: <Row>(statement: Query) => query<Row & pg.QueryResultRow>(statement.sql, statement.params),
  };

  // Writes notify on commit; this store reports its own at once and the feed those of other processes.
  const origin = randomUUID();
  const listeners: ChangeListeners = new ChangeListeners({
    onFirst: () => feed.start(),
    onLast: () => void feed.stop(),
  });
  const feed = new PostgresChangeFeed(connect, schema, origin, (change) => listeners.emit(change));
  const notify = (ids: readonly string[]) => changePayload(origin, schema, ids);

  const lookups = (client: pg.Pool | pg.PoolClient, articles: readonly Article[]): Promise<BatchLookups> =>
    runStepsAsync(lookupSteps(postgresDialect, articles), (statement) =>
      query(statement.sql, statement.params, client),
    );

  // Settles the deferred stories (see `WriteOptions.deferStories`) under the write lock, if any wait.
  const settleStories = async (): Promise<void> => {
    if (memory.deferred.size === 0) return;
    const work = storyWork();
    await transaction(
      async (client) => {
        await query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [WRITE_LOCK], client);
        await runStepsAsync(settleDeferredSteps(postgresDialect, memory, work), runOn(client));
        await runStepsAsync(finishStorySteps(postgresDialect, memory, work), runOn(client));
      },
      true,
      work,
    );
  };

  const storeBatch = async (
    client: pg.PoolClient,
    articles: readonly Article[],
    prepared: PreparedRows,
    work: StoryWork,
    defer: boolean,
  ): Promise<{ outcomes: IngestOutcome[]; changed: string[]; startsBulkLoad: boolean }> => {
    // Writers take turns (readers never wait): a batch plans against what the store holds when it runs.
    await query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [WRITE_LOCK], client);
    const plan = planBatch(articles, await lookups(client, articles), prepared, stories);
    const changed = changedIds(plan.outcomes);
    const written: StoryInput[] = [];
    const startsBulkLoad = plan.rows.length >= BULK_LOAD_FROM && !indexes.owed && (await isEmpty(client));
    if (startsBulkLoad) await query(DROP_SEARCH_INDEXES, [], client);
    if (plan.superseded.length > 0) {
      const removed = await query<{ seq: string; id: string }>(
        `SELECT articles.seq, articles.id FROM unnest($1::text[], $2::text[]) AS superseded (title_key, keep)
         JOIN articles ON articles.title_key = superseded.title_key AND articles.id <> superseded.keep
         WHERE articles.origin = 'appended'`,
        [plan.superseded.map((item) => item.titleKey), plan.superseded.map((item) => item.keep)],
        client,
      );
      if (removed.length > 0) {
        const seqs = removed.map((row) => Number(row.seq));
        if (stories)
          await runStepsAsync(removeStorySteps(postgresDialect, memory, work, seqs), runOn(client));
        await query('DELETE FROM articles WHERE seq = ANY($1::bigint[])', [seqs], client);
        changed.push(...removed.map((row) => row.id));
      }
    }
    // Rows after the last before the upsert are new (one writer at a time): they have no story yet.
    let lastSeq = Number.POSITIVE_INFINITY;
    if (plan.rows.length > 0) {
      if (stories) {
        const [last] = await query<{ seq: string }>(
          'SELECT coalesce(max(seq), 0) AS seq FROM articles',
          [],
          client,
        );
        lastSeq = Number(last?.seq ?? Number.POSITIVE_INFINITY);
      }
      const stored = await query<{ seq: string; id: string }>(
        UPSERT_ROWS,
        [rowsPayload(plan.rows, prepared)],
        client,
      );
      const seqOf = new Map(stored.map((row) => [row.id, row.seq]));
      for (const row of plan.rows) {
        const input = storyInput(Number(seqOf.get(row.id)), row);
        if (input !== null) written.push(input);
      }
      const tagSeqs: string[] = [];
      const tagNames: string[] = [];
      for (const row of plan.rows) {
        for (const tag of JSON.parse(row.tags) as string[]) {
          tagSeqs.push(seqOf.get(row.id) as string);
          tagNames.push(tag);
        }
      }
      await query(
        'DELETE FROM article_tags WHERE article_seq = ANY($1::bigint[])',
        [[...seqOf.values()]],
        client,
      );
      await query(
        `INSERT INTO article_tags (tag, article_seq) SELECT * FROM unnest($1::text[], $2::bigint[])
         ON CONFLICT DO NOTHING`,
        [tagNames, tagSeqs],
        client,
      );
    }
    if (stories) {
      const now = defer ? deferStories(memory, work, written, lastSeq) : written;
      if (work.settling.length > 0)
        await runStepsAsync(settleDeferredSteps(postgresDialect, memory, work, now, lastSeq), runOn(client));
      else await runStepsAsync(writeStorySteps(postgresDialect, memory, work, now, lastSeq), runOn(client));
      await runStepsAsync(finishStorySteps(postgresDialect, memory, work), runOn(client));
    }
    // Delivered to the listeners of every process when the transaction commits, and never if it does not.
    if (changed.length > 0)
      await query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, notify(changed)], client);
    return { outcomes: plan.outcomes, changed, startsBulkLoad };
  };

  // The first batch of a bulk load gives the planner the statistics of the columns writes look rows
  // up by (see `WRITE_COLUMNS_ANALYZE`), after its commit and without the write lock. Statistics only
  // make writes faster: waiting long for a table another process is indexing or analysing is not
  // worth it, and a failure is not the batch's (a sign of damage is kept, as any read's).
  const analyzeWriteColumns = () =>
    transaction(async (client) => {
      await query(`SET LOCAL lock_timeout = '${ANALYZE_LOCK_WAIT_MS}ms'`, [], client);
      await query(WRITE_COLUMNS_ANALYZE, [], client);
    }, false).catch(() => undefined);

  const isEmpty = async (client: pg.PoolClient): Promise<boolean> =>
    (await query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM articles) AS empty', [], client))[0]
      ?.empty === true;

  // The first bulk load of an empty store writes without the full-text indexes, and builds them once
  // no batch has followed for SETTLE_MS (or on close). Searches meanwhile scan the table: slower, the
  // same answers. The build holds the write lock, so other writers wait for it rather than miss it.
  const indexes = {
    owed: false,
    /** Batches of this store on their way: the indexes wait for the last of them. */
    writing: 0,
    timer: null as NodeJS.Timeout | null,
    building: null as Promise<void> | null,
  };
  const postponeIndexes = () => {
    if (indexes.timer !== null) clearTimeout(indexes.timer);
    indexes.timer = null;
  };
  const buildIndexes = (): Promise<void> => {
    postponeIndexes();
    if (!indexes.owed) return indexes.building ?? Promise.resolve();
    indexes.owed = false;
    const build = transaction(async (client) => {
      await query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [WRITE_LOCK], client);
      await buildMissingSearchIndexes(client).catch((error: unknown) => {
        throw storeError(error);
      });
    })
      .catch((error: unknown) => {
        // Left owed: the next batch's end, `close()` or the next store to open the schema builds them.
        indexes.owed = true;
        throw error;
      })
      .finally(() => {
        if (indexes.building === build) indexes.building = null;
      });
    indexes.building = build;
    return build;
  };

  const connectClient = (): Promise<pg.PoolClient> =>
    pool.connect().catch((error: unknown) => {
      throw storeError(error);
    });

  // `writes` false for a transaction that writes no article: its commit does not vouch for the story
  // memory (see `BandRuns.committed`), which a batch in flight on another connection may have changed.
  // `work`: the story upkeep of the transaction, taken into `memory` once it commits.
  const transaction = async <T>(
    body: (client: pg.PoolClient) => Promise<T>,
    writes = true,
    work?: StoryWork,
  ): Promise<T> => {
    const client = await connectClient();
    try {
      await query('BEGIN', [], client);
      const result = await body(client);
      const mark = memory.runs.mark();
      await query('COMMIT', [], client);
      if (writes) memory.runs.committed(mark);
      if (work !== undefined) memory.committed(work);
      client.release();
      return result;
    } catch (error) {
      const rollback = await client.query('ROLLBACK').then(
        () => undefined,
        (rollbackError: Error) => rollbackError,
      );
      client.release(rollback);
      throw error;
    }
  };

  const store: ArticleStore = {
    kind: 'postgres',

    async upsert(article, options) {
      const [outcome] = (await store.upsertMany([article], options)).outcomes;
      return outcome as IngestOutcome;
    },

    async upsertMany(articles, options: WriteOptions = {}): Promise<BatchResult> {
      if (articles.length === 0) return { outcomes: [] };
      // The text is analysed before the transaction: a batch waiting for the write lock has its rows
      // ready, and the caller's next batch can be prepared while this one is written.
      postponeIndexes();
      indexes.writing++;
      try {
        const prepared = await rowThread.prepare(articles, await lookups(pool, articles));
        const defer = options.deferStories === true && stories;
        const work = storyWork();
        const { outcomes, changed, startsBulkLoad } = await transaction(
          (client) => storeBatch(client, articles, prepared, work, defer),
          true,
          work,
        );
        if (startsBulkLoad) {
          indexes.owed = true;
          await analyzeWriteColumns();
        }
        if (changed.length > 0) listeners.emit({ ids: changed });
        return { outcomes };
      } finally {
        indexes.writing--;
        if (indexes.owed && indexes.writing === 0) {
          indexes.timer = setTimeout(() => void buildIndexes().catch(() => undefined), SETTLE_MS);
          indexes.timer.unref();
        }
      }
    },

    get: (idOrSlug) => getArticle(reader, idOrSlug),

    warm: () => search.warm(),

    async compact() {
      // The deferred stories settled, the band index's pending entries written as a run (see
      // `BandRuns`; under the write lock, taken only when some are pending), the search indexes a first
      // bulk load left owed, then the planner's statistics of what it changed, theirs included: search
      // windows are planned from them.
      await settleStories();
      const [owed] = stories ? await query<{ pending: boolean }>(pendingFlush.sql, pendingFlush.params) : [];
      if (owed?.pending) {
        await transaction(async (client) => {
          await query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [WRITE_LOCK], client);
          await runStepsAsync(flushStorySteps(postgresDialect, memory), runOn(client));
        });
      }
      await buildIndexes();
      await query('ANALYZE articles, article_tags, article_stories, stories');
    },

    async delete(id) {
      // Under the write lock, as a batch: the stories it splits are worked out from what is committed.
      const deleted = await transaction(async (client) => {
        await query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [WRITE_LOCK], client);
        const [row] = await query<{ seq: string }>('SELECT seq FROM articles WHERE id = $1', [id], client);
        if (row === undefined) return false;
        const work = storyWork();
        const seq = Number(row.seq);
        if (stories)
          await runStepsAsync(removeStorySteps(postgresDialect, memory, work, [seq]), runOn(client));
        await query('DELETE FROM articles WHERE seq = $1', [seq], client);
        if (stories) await runStepsAsync(finishStorySteps(postgresDialect, memory, work), runOn(client));
        await query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, notify([id])], client);
        return true;
      });
      if (deleted) listeners.emit({ ids: [id] });
      return deleted;
    },

    list: (listQuery) => listArticles(reader, listQuery),

    stories: (storyQuery) => listStories(reader, storyQuery),

    story: (id) => getStory(reader, id),

    storyClusters: (options) => storyClusters(reader, options),

    search: (searchQuery) => search.search(searchQuery),

    searchJson: async (searchQuery) => pageJson(await search.search(searchQuery)),

    related: (id, limit) => search.related(id, limit),

    tags: (limit) => tagCounts(reader, limit),

    sources: (limit) => sourceCounts(reader, limit),

    stats: () => storeStats(reader),

    async ping() {
      await query('SELECT 1');
    },

    async check(depth = 'quick') {
      const client = await connectClient();
      try {
        const report = await checkPostgres(client, depth, storeError);
        client.release();
        return report;
      } catch (error) {
        client.release(true);
        throw storeError(error);
      }
    },

    damage() {
      return damage;
    },

    watch(listener) {
      return listeners.add(listener);
    },

    async close() {
      // Should settling fail, nothing is lost: the next store to open gives the deferred articles
      // their stories (see `backfillStories`).
      await settleStories().catch(() => undefined);
      await buildIndexes().catch(() => undefined);
      await feed.stop();
      await rowThread.close();
      if (!pool.ended) await pool.end();
    },
  };
  return store;
}
