import { randomBytes } from 'node:crypto';
import { testPostgresUrl } from '@khabar/devkit';
import type { Article } from '@khabar/schema';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { buildArticle } from '../test/build-article.ts';
import { describeStore } from '../test/describe-store.ts';
import { describeStories } from '../test/describe-stories.ts';
import { describeWatch } from '../test/describe-watch.ts';
import { generateArticles } from '../test/generate-articles.ts';
import {
  expectBackfilledStories,
  expectUpgradedReads,
  olderRows,
  rowsBeforeStories,
} from '../test/older-rows.ts';
import type { StoreHarness } from '../test/store-harness.ts';
import { postgresDialect, runStepsAsync } from './core/dialect.ts';
import { bandIndexSteps } from './core/story-writes.ts';
import { type ArticleStore, createPostgresStore, openStore, StoreError } from './index.ts';
import { migratePostgres, POSTGRES_MIGRATIONS, WRITE_LOCK } from './postgres/migrations.ts';

const url = testPostgresUrl();

/** Runs SQL on its own connection with the schema first on the search path. */
async function withClient<T>(schema: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// Every store under test gets a schema of its own, dropped after: parallel runs never meet.
const freshSchema = () => `khabar_test_${randomBytes(6).toString('hex')}`;

async function postgresHarness(): Promise<StoreHarness> {
  const location = url as string;
  const schema = freshSchema();
  const store = await openStore(location, { schema, poolSize: 4 });
  return {
    store,
    location,
    schema,
    reopen: () => createPostgresStore(location, { schema, poolSize: 4 }),
    digest: () =>
      withClient(schema, async (client) => {
        const { rows } = await client.query(`SELECT
          (SELECT md5(coalesce(string_agg(a::text, '|' ORDER BY id), '')) FROM articles AS a) AS articles,
          (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY tag, article_seq), '')) FROM article_tags AS t) AS tags,
          (SELECT md5(coalesce(string_agg(m::text, '|' ORDER BY version), '')) FROM migrations AS m) AS migrations`);
        return JSON.stringify(rows[0]);
      }),
    damageDocument: async (id) => {
      await withClient(schema, (client) =>
        client.query('UPDATE articles SET doc = left(doc, 40) WHERE id = $1', [id]),
      );
    },
    // PostgreSQL has no integrity pragma: check that the indexes answer as the table does.
    integrity: () =>
      withClient(schema, async (client) => {
        await client.query('BEGIN');
        await client.query('SET LOCAL enable_seqscan = off');
        const { rows } = await client.query(`SELECT
          (SELECT count(*) FROM articles WHERE id IS NOT NULL) AS by_index,
          (SELECT count(*) FROM articles WHERE search_vector @@ plainto_tsquery('simple', '')) AS empty_query,
          (SELECT count(*) FROM article_tags AS t LEFT JOIN articles AS a ON a.seq = t.article_seq
            WHERE a.seq IS NULL) AS orphan_tags`);
        await client.query('SET LOCAL enable_seqscan = on');
        await client.query('SET LOCAL enable_indexscan = off');
        await client.query('SET LOCAL enable_bitmapscan = off');
        await client.query('SET LOCAL enable_indexonlyscan = off');
        const { rows: scanned } = await client.query('SELECT count(*) AS by_scan FROM articles');
        await client.query('COMMIT');
        const [counts] = rows;
        if (counts.by_index !== scanned[0].by_scan)
          return `index sees ${counts.by_index}, table ${scanned[0].by_scan}`;
        if (counts.orphan_tags !== '0') return `${counts.orphan_tags} tags of missing articles`;
        return 'ok';
      }),
    migrations: POSTGRES_MIGRATIONS.length,
    migrationCount: () =>
      withClient(schema, async (client) =>
        Number((await client.query('SELECT count(*) FROM migrations')).rows[0].count),
      ),
    storyState: () =>
      withClient(schema, async (client) => ({
        articles: (await client.query('SELECT seq, id, published_at, sort_at FROM articles')).rows.map(
          (row) => ({ ...row, seq: Number(row.seq) }),
        ),
        memberships: (
          await client.query(
            'SELECT article_seq, story_id, sketch_version, partners, bands FROM article_stories',
          )
        ).rows.map((row) => ({ ...row, article_seq: Number(row.article_seq) })),
        bandIndex: await runStepsAsync(
          bandIndexSteps(postgresDialect),
          async (query) => (await client.query(query.sql, query.params)).rows,
        ),
        stories: (
          await client.query('SELECT id, size, first_published_at, last_published_at, sort_at FROM stories')
        ).rows,
      })),
    dispose: async () => {
      await store.close();
      await withClient('public', (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    },
  };
}

describe.runIf(url)('PostgreSQL', () => {
  describeStore('PostgreSQL store', postgresHarness);
  describeWatch('PostgreSQL store', postgresHarness);
  describeStories('PostgreSQL store', postgresHarness);

  describe('PostgreSQL store setup', () => {
    it('migrates a new schema once when many processes open it at the same moment', async () => {
      const schema = freshSchema();
      try {
        const stores = await Promise.all(
          Array.from({ length: 6 }, () => createPostgresStore(url as string, { schema, poolSize: 1 })),
        );
        await Promise.all(stores.map((store) => store.ping()));
        await Promise.all(stores.map((store) => store.close()));
        const versions = await withClient(
          schema,
          async (client) => (await client.query('SELECT version FROM migrations')).rows,
        );
        expect(versions).toEqual(POSTGRES_MIGRATIONS.map(({ version }) => ({ version })));
      } finally {
        await withClient('public', (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    });

    it('upgrades a schema of version 1: URLs taken from the documents, page fields read as null', async () => {
      const schema = freshSchema();
      const { older, paged, rows } = olderRows();
      const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
      try {
        const client = await pool.connect();
        try {
          await migratePostgres(client, schema, POSTGRES_MIGRATIONS.slice(0, 1));
          await client.query(
            `INSERT INTO articles (${Object.keys(rows[0] as object).join(', ')})
             SELECT ${Object.keys(rows[0] as object).join(', ')} FROM json_populate_recordset(NULL::articles, $1::json)`,
            [JSON.stringify(rows)],
          );
        } finally {
          client.release();
        }
        const store = await createPostgresStore(url as string, { schema });
        try {
          const stored = await withClient(
            schema,
            async (client) => (await client.query('SELECT id, url FROM articles ORDER BY seq')).rows,
          );
          expect(stored).toEqual([
            { id: older.id, url: null },
            { id: paged.id, url: paged.url },
          ]);
          await expectUpgradedReads(store, { older, paged, rows });
        } finally {
          await store.close();
        }
      } finally {
        await pool.end();
        await withClient('public', (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    });

    it('compacts a store after its first bulk load: its full-text indexes built, then their statistics', async () => {
      const schema = freshSchema();
      const store = await createPostgresStore(url as string, { schema });
      try {
        await store.upsertMany(generateArticles(520, 13));
        await store.compact();
        const analysed = await withClient(schema, async (client) =>
          (
            await client.query<{ name: string }>(
              `SELECT DISTINCT tablename AS name FROM pg_stats WHERE schemaname = $1
               AND tablename IN ('articles', 'articles_title_search') ORDER BY tablename`,
              [schema],
            )
          ).rows.map((row) => row.name),
        );
        // The title index's expression has statistics only when the index existed as ANALYZE ran.
        expect(analysed).toEqual(['articles', 'articles_title_search']);
      } finally {
        await store.close();
        await withClient('public', (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    });

    it('analyses the columns writes look rows up by after the first batch of a bulk load, and only those', async () => {
      const analysed = (schema: string) =>
        withClient(schema, async (client) =>
          (
            await client.query<{ column: string }>(
              `SELECT tablename || '.' || attname AS column FROM pg_stats
                 WHERE schemaname = current_schema() ORDER BY 1`,
            )
          ).rows.map((row) => row.column),
        );
      // A server's autovacuum may analyse the tables too: it is kept off them here.
      const withoutAutovacuum = (schema: string) =>
        withClient(schema, async (client) => {
          for (const table of ['articles', 'article_stories', 'article_tags', 'stories'])
            await client.query(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`);
        });
      const writeColumns = new Set([
        'articles.seq',
        'articles.id',
        'articles.slug',
        'articles.title_key',
        'articles.url',
        'articles.origin',
        'article_stories.article_seq',
        'article_stories.story_id',
        'article_stories.sketch_version',
        'article_tags.tag',
        'article_tags.article_seq',
        'stories.id',
      ]);
      const bulk = freshSchema();
      const small = freshSchema();
      const bulkStore = await createPostgresStore(url as string, { schema: bulk });
      const smallStore = await createPostgresStore(url as string, { schema: small });
      try {
        await withoutAutovacuum(bulk);
        await withoutAutovacuum(small);
        await bulkStore.upsertMany(generateArticles(240, 19));
        const afterLoad = await analysed(bulk);
        expect(afterLoad).toEqual(
          expect.arrayContaining(['article_stories.story_id', 'articles.title_key', 'articles.origin']),
        );
        // Nothing else: the search vectors' statistics, as every other column's, wait for compaction.
        expect(afterLoad.filter((column) => !writeColumns.has(column))).toEqual([]);
        await bulkStore.compact();
        expect(await analysed(bulk)).toEqual(
          expect.arrayContaining(['articles.search_vector', 'articles.sort_at']),
        );
        // A first batch too small to be a bulk load analyses nothing.
        await smallStore.upsertMany(generateArticles(20, 19));
        expect(await analysed(small)).toEqual([]);
      } finally {
        await bulkStore.close();
        await smallStore.close();
        for (const schema of [bulk, small]) {
          await withClient('public', (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
        }
      }
    });

    it('does not hold up a bulk load for the statistics when another process holds a table they need', async () => {
      const schema = freshSchema();
      const store = await createPostgresStore(url as string, { schema });
      const holder = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
      try {
        await holder.connect();
        // What another ANALYZE or an index build would hold: writes go on, ANALYZE waits.
        await holder.query('BEGIN');
        await holder.query('LOCK TABLE stories IN SHARE UPDATE EXCLUSIVE MODE');
        const written = store.upsertMany(generateArticles(240, 29)).then(() => 'written');
        const waited = new Promise((resolve) => setTimeout(() => resolve('waited'), 5000).unref());
        expect(await Promise.race([written, waited])).toBe('written');
        await holder.query('COMMIT');
        const analysed = await withClient(
          schema,
          async (client) =>
            (await client.query('SELECT 1 FROM pg_stats WHERE schemaname = current_schema()')).rows.length,
        );
        // The analysis gave up as a whole; the batch is all there.
        expect(analysed).toBe(0);
        expect((await store.stats()).articles).toBe(240);
      } finally {
        await holder.end();
        await store.close();
        await withClient('public', (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    });

    it('compacts without waiting for the write lock when no band entry is pending, and writes them when some are', async () => {
      const schema = freshSchema();
      const store = await createPostgresStore(url as string, { schema });
      const watermark = () =>
        withClient(schema, async (client) =>
          Number((await client.query('SELECT watermark FROM story_band_state')).rows[0].watermark),
        );
      const lastSeq = () =>
        withClient(schema, async (client) =>
          Number((await client.query('SELECT max(seq) AS seq FROM articles')).rows[0].seq),
        );
      const holder = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
      try {
        await store.upsertMany(generateArticles(30, 17));
        expect(await watermark()).toBeLessThan(await lastSeq());
        await store.compact();
        expect(await watermark()).toBe(await lastSeq());
        // Another process holds the write lock: with nothing pending, compaction goes ahead.
        await holder.connect();
        await holder.query('SELECT pg_advisory_lock($1, hashtext(current_schema()))', [WRITE_LOCK]);
        const compacted = store.compact().then(() => 'compacted');
        const waited = new Promise((resolve) => setTimeout(() => resolve('waited'), 5000).unref());
        expect(await Promise.race([compacted, waited])).toBe('compacted');
        // New articles are pending again: compaction waits for the lock, then writes them.
        await holder.query('SELECT pg_advisory_unlock($1, hashtext(current_schema()))', [WRITE_LOCK]);
        await store.upsertMany(generateArticles(5, 18));
        await holder.query('SELECT pg_advisory_lock($1, hashtext(current_schema()))', [WRITE_LOCK]);
        let done = false;
        const flushing = store.compact().then(() => {
          done = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(done).toBe(false);
        await holder.query('SELECT pg_advisory_unlock($1, hashtext(current_schema()))', [WRITE_LOCK]);
        await flushing;
        expect(await watermark()).toBe(await lastSeq());
      } finally {
        await holder.end().catch(() => undefined);
        await store.close();
        await withClient('public', (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    });

    it('loads a large first batch without the full-text indexes, then builds them; searches agree', async () => {
      const schema = freshSchema();
      const indexes = () =>
        withClient(schema, async (client) =>
          (
            await client.query<{ name: string }>(
              `SELECT indexname AS name FROM pg_indexes WHERE schemaname = $1 AND indexdef LIKE '%USING gin%'
               ORDER BY indexname`,
              [schema],
            )
          ).rows.map((row) => row.name),
        );
      const articles = generateArticles(520, 11);
      const store = await createPostgresStore(url as string, { schema });
      try {
        await store.upsertMany(articles);
        expect(await indexes()).toEqual([]);
        const query = { q: articles[7]?.title.split(' ').slice(0, 2).join(' ') ?? '' };
        const scanned = await store.search(query);
        await store.close();
        expect(await indexes()).toEqual(['articles_search', 'articles_title_search']);
        const reopened = await createPostgresStore(url as string, { schema });
        const indexed = await reopened.search(query);
        await reopened.close();
        expect(scanned.items.length).toBeGreaterThan(0);
        expect(scanned).toEqual(indexed);
      } finally {
        await store.close();
        await withClient('public', (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    });

    it('builds indexes a stopped bulk load left unbuilt once, when several processes open together', async () => {
      const schema = freshSchema();
      const first = await createPostgresStore(url as string, { schema });
      await first.close();
      try {
        await withClient(schema, (client) =>
          client.query('DROP INDEX articles_search, articles_title_search'),
        );
        const opened = await Promise.allSettled(
          [1, 2, 3].map(() => createPostgresStore(url as string, { schema, poolSize: 1 })),
        );
        for (const result of opened) if (result.status === 'fulfilled') await result.value.close();
        expect(opened.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
        const names = await withClient(schema, async (client) =>
          (
            await client.query<{ name: string }>(
              `SELECT indexname AS name FROM pg_indexes WHERE schemaname = $1 AND indexdef LIKE '%USING gin%'
                 ORDER BY indexname`,
              [schema],
            )
          ).rows.map((row) => row.name),
        );
        expect(names).toEqual(['articles_search', 'articles_title_search']);
      } finally {
        await withClient('public', (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    });

    it('keeps the full-text indexes for a batch into a store that holds articles', async () => {
      const schema = freshSchema();
      const store = await createPostgresStore(url as string, { schema });
      try {
        await store.upsert(buildArticle({ title: 'خبر أول', body: ['نص.'] }));
        await store.upsertMany(generateArticles(520, 12));
        const names = await withClient(
          schema,
          async (client) =>
            (
              await client.query<{ present: boolean }>(
                "SELECT to_regclass('articles_search') IS NOT NULL AND to_regclass('articles_title_search') IS NOT NULL AS present",
              )
            ).rows,
        );
        expect(names).toEqual([{ present: true }]);
      } finally {
        await store.close();
        await withClient('public', (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    });

    it('builds on opening the full-text indexes a bulk load that stopped left unbuilt', async () => {
      const schema = freshSchema();
      try {
        await (await createPostgresStore(url as string, { schema })).close();
        await withClient(schema, (client) =>
          client.query('DROP INDEX articles_search, articles_title_search'),
        );
        const store = await createPostgresStore(url as string, { schema });
        await store.close();
        const present = await withClient(
          schema,
          async (client) =>
            (
              await client.query(
                "SELECT to_regclass('articles_search')::text AS body, to_regclass('articles_title_search')::text AS title",
              )
            ).rows,
        );
        expect(present).toEqual([{ body: 'articles_search', title: 'articles_title_search' }]);
      } finally {
        await withClient('public', (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    });

    it('upgrades a schema of version 2: documents and shadow text written from then on use lz4', async () => {
      const schema = freshSchema();
      const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
      const compression = () =>
        withClient(
          schema,
          async (client) =>
            (
              await client.query<{ column: string; method: string }>(
                `SELECT attname AS column, attcompression::text AS method FROM pg_attribute
                 WHERE attrelid = 'articles'::regclass AND attname IN ('doc', 'search_body', 'title')
                 ORDER BY attname`,
              )
            ).rows,
        );
      try {
        const client = await pool.connect();
        try {
          await migratePostgres(client, schema, POSTGRES_MIGRATIONS.slice(0, 2));
        } finally {
          client.release();
        }
        const older = await compression();
        const store = await createPostgresStore(url as string, { schema });
        const article = generateArticles(1, 13, 40)[0] as Article;
        try {
          await store.upsert(article);
          expect(await store.get(article.id)).toEqual({
            ...article,
            readAlso: [],
            related: [],
            story: { id: article.id, size: 1, firstPublishedAt: article.publishedAt },
          });
        } finally {
          await store.close();
        }
        expect(older).toEqual([
          { column: 'doc', method: '' },
          { column: 'search_body', method: '' },
          { column: 'title', method: '' },
        ]);
        expect(await compression()).toEqual([
          { column: 'doc', method: 'l' },
          { column: 'search_body', method: 'l' },
          { column: 'title', method: '' },
        ]);
        const stored = await withClient(
          schema,
          async (client) =>
            (await client.query('SELECT pg_column_compression(doc) AS method FROM articles')).rows,
        );
        expect(stored).toEqual([{ method: 'lz4' }]);
      } finally {
        await pool.end();
        await withClient('public', (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    });

    it('gathers planner statistics only for the columns queries filter on', async () => {
      const schema = freshSchema();
      const store = await createPostgresStore(url as string, { schema });
      try {
        await store.upsertMany(generateArticles(60, 17, 5));
        await store.compact();
        const analysed = await withClient(schema, async (client) =>
          (
            await client.query<{ column: string }>(
              `SELECT attname AS column FROM pg_stats
                 WHERE schemaname = current_schema() AND tablename = 'articles' ORDER BY attname`,
            )
          ).rows.map((row) => row.column),
        );
        // What lists and search windows are planned from is there; the texts read whole are not.
        expect(analysed).toEqual(
          expect.arrayContaining(['publisher', 'search_vector', 'sort_at', 'title_key']),
        );
        for (const column of ['doc', 'search_body', 'search_title', 'title', 'excerpt', 'tags']) {
          expect(analysed).not.toContain(column);
        }
      } finally {
        await store.close();
        await withClient('public', (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    });

    it('keeps no pending list in the full-text indexes, and upgrades a version-3 schema to none', async () => {
      const schema = freshSchema();
      const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
      const options = () =>
        withClient(
          schema,
          async (client) =>
            (
              await client.query<{ name: string; options: string[] | null }>(
                `SELECT relname AS name, reloptions AS options FROM pg_class
                 WHERE relname IN ('articles_search', 'articles_title_search')
                   AND relnamespace = $1::regnamespace
                 ORDER BY relname`,
                [schema],
              )
            ).rows,
        );
      try {
        const client = await pool.connect();
        try {
          await migratePostgres(client, schema, POSTGRES_MIGRATIONS.slice(0, 3));
          // A version-3 store as it was made: its indexes had the default pending list.
          await client.query('ALTER INDEX articles_search RESET (fastupdate)');
          await client.query('ALTER INDEX articles_title_search RESET (fastupdate)');
        } finally {
          client.release();
        }
        expect((await options()).map((row) => row.options)).toEqual([null, null]);
        const store = await createPostgresStore(url as string, { schema });
        await store.close();
        expect(await options()).toEqual([
          { name: 'articles_search', options: ['fastupdate=off'] },
          { name: 'articles_title_search', options: ['fastupdate=off'] },
        ]);
      } finally {
        await pool.end();
        await withClient('public', (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    });

    it('upgrades a schema of version 4: its articles get their stories when it opens', async () => {
      const schema = freshSchema();
      const older = rowsBeforeStories();
      const columns = Object.keys(older.rows[0] as object).join(', ');
      const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
      try {
        const client = await pool.connect();
        try {
          await migratePostgres(client, schema, POSTGRES_MIGRATIONS.slice(0, 4));
          // In the order given: the copies a batch of backfill apart.
          await client.query(
            `INSERT INTO articles (${columns})
             SELECT ${columns} FROM json_populate_recordset(NULL::articles, $1::json) WITH ORDINALITY AS r
             ORDER BY ordinality`,
            [JSON.stringify(older.rows)],
          );
        } finally {
          client.release();
        }
        // Two processes open it at once: they share the work, and each article is done once.
        const stores = await Promise.all([1, 2].map(() => createPostgresStore(url as string, { schema })));
        try {
          const owed = await withClient(
            schema,
            async (client) =>
              (
                await client.query(
                  'SELECT count(*)::int AS owed FROM article_stories WHERE sketch_version = 0',
                )
              ).rows,
          );
          expect(owed).toEqual([{ owed: 0 }]);
          await expectBackfilledStories(stores[0] as ArticleStore, older);
        } finally {
          await Promise.all(stores.map((store) => store.close()));
        }
      } finally {
        await pool.end();
        await withClient('public', (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    });

    it('upgrades a schema of version 5: its stories are made again, whatever it held', async () => {
      const schema = freshSchema();
      const older = rowsBeforeStories();
      const [unrelated, another] = older.others;
      const columns = Object.keys(older.rows[0] as object).join(', ');
      const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
      try {
        const client = await pool.connect();
        try {
          await migratePostgres(client, schema, POSTGRES_MIGRATIONS.slice(0, 5));
        } finally {
          client.release();
        }
      } finally {
        await pool.end();
      }
      await withClient(schema, async (client) => {
        await client.query(
          `INSERT INTO articles (${columns})
           SELECT ${columns} FROM json_populate_recordset(NULL::articles, $1::json) WITH ORDINALITY AS r
           ORDER BY ordinality`,
          [JSON.stringify(older.rows)],
        );
        // Stories as version 5 kept them: a sketch and float64 band keys per article. Two articles that
        // are not one story are paired, and all are filed under one band key: none of it may outlive
        // the upgrade.
        await client.query('DELETE FROM article_stories');
        await client.query('DELETE FROM stories');
        await client.query(
          `INSERT INTO article_stories (article_seq, story_id, sketch_version, bands, sketch)
           SELECT seq, $1, 2, decode(repeat('00', 384), 'hex'), decode(repeat('00', 2000), 'hex') FROM articles`,
          [unrelated?.id],
        );
        await client.query('INSERT INTO story_pairs (first_id, second_id) VALUES ($1, $2)', [
          ...[unrelated?.id, another?.id].sort(),
        ]);
        await client.query(
          `INSERT INTO stories (id, size, first_published_at, last_published_at, sort_at)
           SELECT $1, count(*), min(published_at), max(published_at), max(sort_at) FROM articles`,
          [unrelated?.id],
        );
        await client.query(
          "INSERT INTO story_band_runs (run, token, entries) VALUES (1, 'old', decode(repeat('00', 24), 'hex'))",
        );
      });
      const store = await createPostgresStore(url as string, { schema });
      try {
        const found = await withClient(schema, async (client) => ({
          columns: (
            await client.query(
              `SELECT column_name FROM information_schema.columns
               WHERE table_schema = $1 AND table_name = 'article_stories' ORDER BY ordinal_position`,
              [schema],
            )
          ).rows.map((row: { column_name: string }) => row.column_name),
          oldRuns: (await client.query("SELECT count(*)::int AS n FROM story_band_runs WHERE token = 'old'"))
            .rows,
        }));
        expect(found.columns).toEqual([
          'article_seq',
          'story_id',
          'sketch_version',
          'bands',
          'partners',
          'sketch_hash',
        ]);
        expect(found.oldRuns).toEqual([{ n: 0 }]);
        await expectBackfilledStories(store, older);
      } finally {
        await store.close();
        await withClient('public', (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    });

    it('gives stories to articles written with none, and opens despite a document it cannot read', async () => {
      const schema = freshSchema();
      const older = rowsBeforeStories();
      const damaged = older.others[3] as (typeof older.others)[number];
      const rows = older.rows.map((row) => (row.id === damaged.id ? { ...row, doc: '{"body": [' } : row));
      const columns = Object.keys(older.rows[0] as object).join(', ');
      const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
      try {
        const client = await pool.connect();
        try {
          await migratePostgres(client, schema);
          // Articles written by a version that kept no stories: no story row at all.
          await client.query(
            `INSERT INTO articles (${columns})
             SELECT ${columns} FROM json_populate_recordset(NULL::articles, $1::json) WITH ORDINALITY AS r
             ORDER BY ordinality`,
            [JSON.stringify(rows)],
          );
        } finally {
          client.release();
        }
      } finally {
        await pool.end();
      }
      const store = await createPostgresStore(url as string, { schema });
      try {
        const counted = await withClient(
          schema,
          async (client) => (await client.query('SELECT count(*)::int AS n FROM article_stories')).rows,
        );
        expect(counted).toEqual([{ n: older.rows.length }]);
        await expectBackfilledStories(store, older);
      } finally {
        await store.close();
        await withClient('public', (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    });

    it('stores an article again after a write that kept no stories removed it and left its story row', async () => {
      const schema = freshSchema();
      const store = await createPostgresStore(url as string, { schema });
      try {
        const [article] = generateArticles(1, 11) as [Article];
        await store.upsert(article);
        // As an older version's delete would: the article and its story membership go, the story row stays.
        await withClient(schema, (client) =>
          client.query('DELETE FROM articles WHERE id = $1', [article.id]),
        );
        expect((await store.upsert(article)).status).toBe('added');
        expect((await store.get(article.id))?.story).toEqual({
          id: article.id,
          size: 1,
          firstPublishedAt: article.publishedAt,
        });
        expect(await store.story(article.id)).toMatchObject({ id: article.id, size: 1 });
      } finally {
        await store.close();
        await withClient('public', (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    });

    it('refuses a schema name that is not a plain identifier', async () => {
      await expect(createPostgresStore(url as string, { schema: 'x; DROP TABLE y' })).rejects.toBeInstanceOf(
        StoreError,
      );
    });

    it('reports an unreachable server as unavailable', async () => {
      const error = await openStore('postgres://postgres@127.0.0.1:1/none').catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('unavailable');
    });
  });
});
