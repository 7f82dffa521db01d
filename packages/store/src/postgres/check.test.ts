import { randomBytes } from 'node:crypto';
import { scratchDatabase, testPostgresUrl } from '@khabar/devkit';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { buildArticle } from '../../test/build-article.ts';
import { StoreError } from '../errors.ts';
import { openStore } from '../open-store.ts';
import type { ArticleStore } from '../types.ts';
import { POSTGRES_MIGRATIONS } from './migrations.ts';
import { createPostgresStore } from './postgres-store.ts';

const url = testPostgresUrl();

const articles = [
  'أمطار غزيرة على المناطق الجنوبية',
  'افتتاح خط جديد للحافلات',
  'بدء التسجيل في المدارس',
].map((title, index) =>
  buildArticle({ title, publishedAt: `2024-02-1${index}T09:00:00`, body: [`${title}.`], tags: ['محليات'] }),
);

/** Runs SQL on its own connection, as the test server's superuser, with `schema` first on the path. */
async function sql(schema: string, text: string, params: unknown[] = []): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => new Error('resolved, but a rejection was expected'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe.runIf(url)('PostgreSQL store health', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A store on a schema of its own, holding `articles`, dropped after the test. */
  async function filledStore(): Promise<{ store: ArticleStore; schema: string }> {
    const schema = `khabar_check_${randomBytes(6).toString('hex')}`;
    cleanups.push(() => sql('public', `DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    const store = await createPostgresStore(url as string, { schema, poolSize: 2 });
    cleanups.push(() => store.close());
    await store.upsertMany(articles);
    return { store, schema };
  }

  it('answers unavailable, on every read and on open, while the database refuses connections', async () => {
    const scratch = await scratchDatabase(url as string, 'refuse');
    cleanups.push(() => scratch.drop());
    const store = await openStore(scratch.url, { poolSize: 2 });
    cleanups.push(() => store.close());
    await store.upsertMany(articles);
    expect((await store.list()).items).toHaveLength(3);

    await scratch.refuseConnections();
    const reads: [string, () => Promise<unknown>][] = [
      ['list', () => store.list()],
      ['search', () => store.search({ q: 'أمطار' })],
      ['tags', () => store.tags()],
      ['get', () => store.get(articles[0]?.id ?? '')],
      ['stats', () => store.stats()],
      ['ping', () => store.ping()],
      ['check', () => store.check()],
      ['upsert', () => store.upsert(articles[0] as never)],
    ];
    for (const [name, read] of reads) {
      const error = await rejection(read());
      expect([name, error.code]).toEqual([name, 'unavailable']);
    }
    expect((await rejection(store.list())).message).toContain('not currently accepting connections');
    expect((await rejection(openStore(scratch.url))).code).toBe('unavailable');
    expect(store.damage()).toBeNull();
  });

  it('finds nothing wrong with a sound store, quick or full, and leaves no extension behind', async () => {
    const { store } = await filledStore();
    const extensions = () =>
      sql('public', "SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'amcheck'");
    const before = await extensions();
    expect(await store.check()).toEqual({ depth: 'quick', ok: true, problems: [], skipped: [] });
    const full = await store.check('full');
    expect(full).toMatchObject({ depth: 'full', ok: true, problems: [] });
    expect(full.skipped).toEqual([
      'indexes amcheck cannot check here: articles_search (gin), articles_title_search (gin)',
    ]);
    expect(await extensions()).toEqual(before);
    expect(store.damage()).toBeNull();
  });

  it('reports a missing index, an old schema version and a schema with no tables', async () => {
    const { store, schema } = await filledStore();
    await sql(schema, 'DROP INDEX articles_url');
    await sql(schema, 'DELETE FROM migrations WHERE version >= 2');
    const report = await store.check();
    expect(report).toMatchObject({ depth: 'quick', ok: false, skipped: [] });
    expect(report.problems).toEqual([
      'index articles_url is missing',
      `the schema is at version 1 of ${POSTGRES_MIGRATIONS.length}: opening the store to write applies the rest`,
    ]);

    const empty = `khabar_check_${randomBytes(6).toString('hex')}`;
    const bare = await createPostgresStore(url as string, { schema: empty, migrate: false });
    cleanups.push(() => bare.close());
    expect((await bare.check('full')).problems).toEqual([
      'no Khabar tables in this schema (nothing was ever stored here, or the wrong schema)',
    ]);
    expect(await sql('public', 'SELECT nspname FROM pg_namespace WHERE nspname = $1', [empty])).toEqual([]);
  });

  it('finds a B-tree index out of order with amcheck, line by line, and records the damage', async () => {
    const { store, schema } = await filledStore();
    // An operator class whose comparison is reversed after the index is built: amcheck sees the
    // index's order contradict its own comparison, as it would after a corrupted page.
    await sql(
      schema,
      `CREATE FUNCTION order_of(a text, b text) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT bttextcmp(a, b)';
       CREATE OPERATOR CLASS flipping_ops FOR TYPE text USING btree AS
         OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >, FUNCTION 1 order_of(text, text);
       CREATE INDEX articles_flipping ON articles (title flipping_ops);
       CREATE OR REPLACE FUNCTION order_of(a text, b text) RETURNS int LANGUAGE sql IMMUTABLE
         AS 'SELECT -bttextcmp(a, b)';`,
    );
    expect((await store.check('quick')).ok).toBe(true);
    const report = await store.check('full');
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatch(/^index articles_flipping: .*\(SQLSTATE XX002\)$/);
    expect(store.damage()).toMatch(/articles_flipping|invariant/);
  });

  it('records the first damaged-data error a write meets, and answers corrupt', async () => {
    const { store, schema } = await filledStore();
    await sql(
      schema,
      `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'invalid page in block 7 of relation base/1/2' USING ERRCODE = 'XX001'; END $$;
       CREATE TRIGGER refuse BEFORE INSERT OR UPDATE ON articles FOR EACH ROW EXECUTE FUNCTION refuse();`,
    );
    const fresh = buildArticle({ title: 'خبر جديد', body: ['نص.'] });
    const error = await rejection(store.upsert(fresh));
    expect(error.code).toBe('corrupt');
    expect(store.damage()).toBe(error.message);
    expect(store.damage()).toContain('invalid page in block 7');
    await sql(
      schema,
      `CREATE OR REPLACE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'index "x" contains unexpected zero page' USING ERRCODE = 'XX002'; END $$`,
    );
    expect((await rejection(store.upsert(fresh))).code).toBe('corrupt');
    expect(store.damage()).toContain('invalid page in block 7');
    expect((await store.list()).items).toHaveLength(3);
  });

  it('skips the amcheck checks a role without the right to create the extension cannot run', async () => {
    const { store, schema } = await filledStore();
    const role = `khabar_reader_${randomBytes(5).toString('hex')}`;
    await sql(
      schema,
      `CREATE ROLE ${role} LOGIN; GRANT USAGE ON SCHEMA ${schema} TO ${role};
       GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${role}`,
    );
    cleanups.push(() => sql('public', `DROP OWNED BY ${role}; DROP ROLE ${role}`));
    await store.close();
    const asRole = new URL(url as string);
    asRole.username = role;
    const limited = await createPostgresStore(asRole.toString(), { schema, migrate: false, poolSize: 1 });
    cleanups.push(() => limited.close());
    const report = await limited.check('full');
    expect(report).toMatchObject({ depth: 'full', ok: true, problems: [] });
    expect(report.skipped).toHaveLength(1);
    expect(report.skipped[0]).toMatch(
      /^index and page checks: the amcheck extension is not available here \(permission denied/,
    );
  });
});
