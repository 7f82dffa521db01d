import { randomBytes } from 'node:crypto';
import { testPostgresUrl } from '@khabar/devkit';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildArticle } from '../../test/build-article.ts';
import { generateArticles } from '../../test/generate-articles.ts';
import { createPostgresStore } from '../index.ts';
import { matchShare, postgresSearch } from './search.ts';

describe('matchShare', () => {
  const shares = new Map([
    ['حكوم', 0.5],
    ['الحكوم', 0.1],
    ['وزار', 0.4],
    ['مطار', 0.2],
  ]);

  it('adds a group’s terms, multiplies a subset’s groups and adds the subsets, at most 1', () => {
    expect(matchShare([[['حكوم', 'الحكوم']]], shares)).toBeCloseTo(0.6);
    expect(matchShare([[['حكوم', 'الحكوم'], ['وزار']]], shares)).toBeCloseTo(0.24);
    expect(matchShare([[['حكوم'], ['وزار']], [['مطار']]], shares)).toBeCloseTo(0.4);
    expect(matchShare([[['حكوم'], ['وزار'], ['مطار']], [['حكوم']], [['وزار']], [['مطار']]], shares)).toBe(1);
  });

  it('takes a lexeme the statistics do not list as held by none', () => {
    expect(matchShare([[['حكوم'], ['نادر']]], shares)).toBe(0);
    expect(matchShare([[['نادر', 'حكوم']]], shares)).toBeCloseTo(0.5);
  });
});

const url = testPostgresUrl();

describe.runIf(url)('PostgreSQL search windows', () => {
  const schema = `khabar_test_${randomBytes(6).toString('hex')}`;

  afterAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it('answers the same pages whether the newest matches come from the GIN index or from the rows', async () => {
    const store = await createPostgresStore(url as string, { schema });
    await store.upsertMany(generateArticles(400, 11));
    // Before ANALYZE the planner has no lexeme statistics and the rows are read newest first.
    const queries = ['الحكومة', 'الحكومة المطار', 'متحف رقمي', 'الملعب عاجل الجامعة', 'الميناء'];
    const pages = async (target: typeof store) =>
      Promise.all(
        queries.map(async (q) => (await target.search({ q, limit: 50 })).items.map((hit) => hit.article.id)),
      );
    const walked = await pages(store);
    await store.close();
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    await client.query('ANALYZE articles');
    const { rows } = await client.query<{ listed: number }>(
      `SELECT coalesce(array_length(most_common_elems::text::text[], 1), 0) AS listed FROM pg_stats
       WHERE schemaname = current_schema() AND tablename = 'articles' AND attname = 'search_vector'`,
    );
    await client.end();
    expect(rows[0]?.listed).toBeGreaterThan(0);
    const analysed = await createPostgresStore(url as string, { schema });
    try {
      expect(await pages(analysed)).toEqual(walked);
      expect(walked.every((ids) => ids.length > 0)).toBe(true);
    } finally {
      await analysed.close();
    }
  });

  it('answers a hit whose stored document cannot be read, without fragments of its body', async () => {
    const store = await createPostgresStore(url as string, { schema });
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      const article = buildArticle({
        title: 'فيضان يغمر الوادي',
        publishedAt: '2023-03-01T00:00:00',
        body: ['غمر الفيضان الوادي صباح اليوم'],
      });
      await store.upsert(article);
      const hitOf = async () =>
        (await store.search({ q: 'الفيضان' })).items.find((hit) => hit.article.id === article.id);
      expect((await hitOf())?.highlights.some((fragment) => fragment.field === 'body')).toBe(true);
      await client.query(`UPDATE articles SET doc = '{"body": ["cut off' WHERE id = $1`, [article.id]);
      const after = await hitOf();
      expect(after?.highlights.map((fragment) => fragment.field)).toEqual(['title']);
    } finally {
      await client.end();
      await store.close();
    }
  });

  it('reads the newest titles once when warmed, not window by window, and ranks as before', async () => {
    const store = await createPostgresStore(url as string, { schema });
    await store.upsertMany(generateArticles(300, 23));
    await store.close();
    const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 2 });
    try {
      // A search over the store's own statements, counting the windows' title reads.
      const searchCounting = () => {
        const reads = { titles: 0 };
        const search = postgresSearch(async (sql, params, name) => {
          if (name === 'khabar_ranking_titles') reads.titles++;
          return (await pool.query({ text: sql, values: params ?? [], ...(name ? { name } : {}) })).rows;
        });
        return { search, reads };
      };
      const queries = ['الحكومة', 'الحكومة المطار', 'متحف رقمي', 'الملعب عاجل الجامعة'];
      const answers = async (search: ReturnType<typeof postgresSearch>) =>
        Promise.all(queries.map(async (q) => (await search.search({ q, limit: 20 })).items));
      const cold = searchCounting();
      const coldAnswers = await answers(cold.search);
      expect(cold.reads.titles).toBeGreaterThan(0);
      const warmed = searchCounting();
      await warmed.search.warm();
      expect(await answers(warmed.search)).toEqual(coldAnswers);
      expect(coldAnswers.every((items) => items.length > 0)).toBe(true);
      expect(warmed.reads.titles).toBe(0);
      // A title changed after warming is read again: the row's version moved.
      const [first] = coldAnswers[0] ?? [];
      await pool.query(`UPDATE articles SET title = title || ' محدث' WHERE id = $1`, [first?.article.id]);
      await warmed.search.search({ q: 'الحكومة', limit: 20 });
      expect(warmed.reads.titles).toBe(1);
    } finally {
      await pool.end();
    }
  });
});
