import { randomUUID } from 'node:crypto';
import type {
  Article,
  ArticleSummary,
  IngestOutcome,
  Page,
  SourceCount,
  StoreStats,
  TagCount,
} from '@khabar/schema';
import pg from 'pg';
import {
  type BatchLookups,
  batchKeys,
  batchLookups,
  planBatch,
  prepareRows,
  type StoredState,
  type UrlOwnerRow,
} from '../batch-plan.ts';
import { ChangeListeners, changedIds } from '../change-listeners.ts';
import { decodeListCursor, encodeListCursor } from '../cursor.ts';
import { StoreError } from '../errors.ts';
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
import type { ArticleStore, BatchResult, ListQuery } from '../types.ts';
import { CHANGE_CHANNEL, CHANGE_FEED_NAME, changePayload, PostgresChangeFeed } from './change-feed.ts';
import { checkPostgres } from './check.ts';
import { toStoreError } from './errors.ts';
import { migratePostgres, WRITE_LOCK } from './migrations.ts';
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
}

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
  return postgresStore(pool, schema ?? '', connect);
}

function postgresStore(pool: pg.Pool, schema: string, connect: () => pg.Client): ArticleStore {
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
  ): Promise<T[]> => {
    try {
      return (await client.query<T>(sql, params)).rows;
    } catch (error) {
      throw storeError(error);
    }
  };

  const search = postgresSearch((sql, params) => query(sql, params));

  // Writes notify on commit; this store reports its own at once and the feed those of other processes.
  const origin = randomUUID();
  const listeners = new ChangeListeners();
  const feed = new PostgresChangeFeed(connect, schema, origin, (change) => listeners.emit(change));
  const notify = (ids: readonly string[]) => changePayload(origin, schema, ids);

  const lookups = async (
    client: pg.Pool | pg.PoolClient,
    articles: readonly Article[],
  ): Promise<BatchLookups> => {
    const keys = batchKeys(articles);
    const existing = await query<StoredState & { id: string }>(
      'SELECT id, slug, content_hash, parser_version, origin FROM articles WHERE id = ANY($1::text[])',
      [keys.ids],
      client,
    );
    const slugs = await query<{ slug: string; id: string }>(
      'SELECT slug, id FROM articles WHERE slug = ANY($1::text[])',
      [keys.slugs],
      client,
    );
    const titleKeys = await query<{ title_key: string }>(
      'SELECT DISTINCT title_key FROM articles WHERE title_key = ANY($1::text[])',
      [keys.titleKeys],
      client,
    );
    const urlOwners =
      keys.urls.length === 0
        ? []
        : await query<UrlOwnerRow>(
            `SELECT id, slug, content_hash, parser_version, origin, url FROM articles
             WHERE url = ANY($1::text[]) AND origin = 'document' ORDER BY seq`,
            [keys.urls],
            client,
          );
    return batchLookups(existing, slugs, titleKeys, urlOwners);
  };

  const storeBatch = async (
    client: pg.PoolClient,
    articles: readonly Article[],
    prepared: ReadonlyMap<Article, ArticleRow>,
  ): Promise<{ outcomes: IngestOutcome[]; changed: string[] }> => {
    // Writers take turns (readers never wait): a batch plans against what the store holds when it runs.
    await query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [WRITE_LOCK, schema], client);
    const plan = planBatch(articles, await lookups(client, articles), prepared);
    const changed = changedIds(plan.outcomes);
    if (plan.superseded.length > 0) {
      const removed = await query<{ id: string }>(
        `DELETE FROM articles USING unnest($1::text[], $2::text[]) AS superseded (title_key, keep)
         WHERE articles.origin = 'appended' AND articles.title_key = superseded.title_key
           AND articles.id <> superseded.keep
         RETURNING articles.id`,
        [plan.superseded.map((item) => item.titleKey), plan.superseded.map((item) => item.keep)],
        client,
      );
      changed.push(...removed.map((row) => row.id));
    }
    if (plan.rows.length > 0) {
      const written = await query<{ seq: string; id: string }>(
        UPSERT_ROWS,
        [JSON.stringify(plan.rows)],
        client,
      );
      const seqOf = new Map(written.map((row) => [row.id, row.seq]));
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
    // Delivered to the listeners of every process when the transaction commits, and never if it does not.
    if (changed.length > 0)
      await query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, notify(changed)], client);
    return { outcomes: plan.outcomes, changed };
  };

  const transaction = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw storeError(error);
    }
    try {
      await query('BEGIN', [], client);
      const result = await work(client);
      await query('COMMIT', [], client);
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

    async upsert(article) {
      const [outcome] = (await store.upsertMany([article])).outcomes;
      return outcome as IngestOutcome;
    },

    async upsertMany(articles): Promise<BatchResult> {
      if (articles.length === 0) return { outcomes: [] };
      // The text is analysed before the transaction: a batch waiting for the write lock has its rows
      // ready, and the caller's next batch can be prepared while this one is written.
      const prepared = prepareRows(articles, await lookups(pool, articles));
      const { outcomes, changed } = await transaction((client) => storeBatch(client, articles, prepared));
      if (changed.length > 0) listeners.emit({ ids: changed });
      return { outcomes };
    },

    async get(idOrSlug) {
      const [row] = await query<{ doc: string }>(
        'SELECT doc FROM articles WHERE id = $1 OR slug = $1 LIMIT 1',
        [idOrSlug],
      );
      if (!row) return null;
      const article = readDoc(row.doc);
      const candidates = await query<LinkCandidate>(
        'SELECT id, slug, title_key, origin, sort_at FROM articles WHERE title_key = ANY($1::text[])',
        [linkKeys(article)],
      );
      return withLinks(article, candidates);
    },

    async delete(id) {
      const rows = await query<{ id: string }>(
        `WITH gone AS (DELETE FROM articles WHERE id = $1 RETURNING id)
         SELECT gone.id, pg_notify($2, $3) FROM gone`,
        [id, CHANGE_CHANNEL, notify([id])],
      );
      if (rows.length === 0) return false;
      listeners.emit({ ids: [id] });
      return true;
    },

    async list(listQuery: ListQuery = {}): Promise<Page<ArticleSummary>> {
      const limit = checkLimit(listQuery.limit, DEFAULT_LIST_SIZE);
      const conditions: string[] = [];
      const params: unknown[] = [];
      const param = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      if (listQuery.tag !== undefined) {
        conditions.push(`seq IN (SELECT article_seq FROM article_tags WHERE tag = ${param(listQuery.tag)})`);
      }
      if (listQuery.agency !== undefined) conditions.push(`agency = ${param(listQuery.agency)}`);
      if (listQuery.publisher !== undefined) conditions.push(`publisher = ${param(listQuery.publisher)}`);
      // Undated articles have the empty sort key, below every bound: a date range leaves them out.
      if (listQuery.from !== undefined) conditions.push(`sort_at >= ${param(lowerBound(listQuery.from))}`);
      if (listQuery.to !== undefined) {
        conditions.push(`sort_at <> '' AND sort_at <= ${param(upperBound(listQuery.to))}`);
      }
      if (listQuery.cursor !== undefined) {
        const position = decodeListCursor(listQuery.cursor);
        conditions.push(`(sort_at, id) < (${param(position.sortKey)}, ${param(position.id)})`);
      }
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      const rows = await query<SummaryColumns & { sort_at: string }>(
        `SELECT ${SUMMARY_COLUMNS}, sort_at FROM articles ${where}
         ORDER BY sort_at DESC, id DESC LIMIT ${param(limit + 1)}`,
        params,
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toSummary),
        nextCursor:
          rows.length > limit && last ? encodeListCursor({ sortKey: last.sort_at, id: last.id }) : null,
      };
    },

    search: (searchQuery) => search.search(searchQuery),

    related: (id, limit) => search.related(id, limit),

    async tags(limit): Promise<TagCount[]> {
      const size = checkLimit(limit, DEFAULT_COUNTS, MAX_COUNTS);
      return query<TagCount>(
        `SELECT tag, count(*)::int AS count FROM article_tags GROUP BY tag
         ORDER BY count DESC, tag COLLATE "C" ASC LIMIT $1`,
        [size],
      );
    },

    async sources(limit): Promise<SourceCount[]> {
      const size = checkLimit(limit, DEFAULT_COUNTS, MAX_COUNTS);
      return query<SourceCount>(
        `SELECT name, kind, count FROM (
           SELECT agency AS name, 'agency' AS kind, count(*)::int AS count
           FROM articles WHERE agency IS NOT NULL GROUP BY agency
           UNION ALL
           SELECT publisher, 'publisher', count(*)::int FROM articles WHERE publisher IS NOT NULL GROUP BY publisher
         ) AS credited ORDER BY count DESC, name COLLATE "C" ASC, kind ASC LIMIT $1`,
        [size],
      );
    },

    async stats(): Promise<StoreStats> {
      const [counts] = await query<Omit<StoreStats, 'earliest' | 'latest'>>(
        `SELECT
           (SELECT count(*)::int FROM articles) AS articles,
           (SELECT count(DISTINCT tag)::int FROM article_tags) AS tags,
           (SELECT count(DISTINCT agency)::int FROM articles) AS agencies,
           (SELECT count(DISTINCT publisher)::int FROM articles) AS publishers`,
      );
      const edge = async (order: 'ASC' | 'DESC') =>
        (
          await query<{ published_at: string }>(
            `SELECT published_at FROM articles WHERE sort_at <> '' ORDER BY sort_at ${order}, id ${order} LIMIT 1`,
          )
        )[0]?.published_at ?? null;
      return {
        ...(counts as Omit<StoreStats, 'earliest' | 'latest'>),
        earliest: await edge('ASC'),
        latest: await edge('DESC'),
      };
    },

    async ping() {
      await query('SELECT 1');
    },

    async check(depth = 'quick') {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw storeError(error);
      }
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
      const stop = listeners.add(listener);
      feed.start();
      return () => {
        stop();
        if (listeners.size === 0) void feed.stop();
      };
    },

    async close() {
      await feed.stop();
      if (!pool.ended) await pool.end();
    },
  };
  return store;
}
