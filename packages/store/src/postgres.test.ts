import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { buildArticle } from '../test/build-article.ts';
import { describeStore } from '../test/describe-store.ts';
import { describeWatch } from '../test/describe-watch.ts';
import { olderRows } from '../test/older-rows.ts';
import type { StoreHarness } from '../test/store-harness.ts';
import { createPostgresStore, openStore, StoreError } from './index.ts';
import { migratePostgres, POSTGRES_MIGRATIONS } from './postgres/migrations.ts';

const url = process.env.KHABAR_TEST_PG_URL;

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
    dispose: async () => {
      await store.close();
      await withClient('public', (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    },
  };
}

describe.runIf(url)('PostgreSQL', () => {
  describeStore('PostgreSQL store', postgresHarness);
  describeWatch('PostgreSQL store', postgresHarness);

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
          expect(await store.get(older.id)).toEqual(older);
          expect(await store.get(paged.id)).toEqual(paged);
          const again = buildArticle({ title: 'خبر بعنوان جديد', body: ['نص.'], url: paged.url });
          expect(await store.upsert(again)).toEqual({ status: 'updated', id: paged.id, slug: paged.slug });
        } finally {
          await store.close();
        }
      } finally {
        await pool.end();
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
