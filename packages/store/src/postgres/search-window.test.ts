import { randomBytes } from 'node:crypto';
import { testPostgresUrl } from '@khabar/devkit';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { generateArticles } from '../../test/generate-articles.ts';
import { createPostgresStore } from '../index.ts';
import { RANKED_WINDOW } from '../ranking.ts';
import { postgresSearch } from './search.ts';
import { RECENT_MARGIN, WALK_SHARE, windowPlan } from './search-window.ts';

describe('windowPlan', () => {
  const spread = { newestSeq: 40_000, density: 0.75 };

  it('walks the newest rows when nothing is known or most rows match, never for titles', () => {
    expect(windowPlan(null, null, 300)).toEqual({ kind: 'walk' });
    expect(windowPlan(0.3, null, 300)).toEqual({ kind: 'walk' });
    expect(windowPlan(WALK_SHARE, spread, 300)).toEqual({ kind: 'walk' });
    expect(windowPlan(null, null, 100, false)).toEqual({ kind: 'gather' });
    expect(windowPlan(0.95, spread, 100, false).kind).toBe('recent');
  });

  it('reads a range of recent rows holding the window twice over, counting the gaps in seq', () => {
    const plan = windowPlan(0.2, spread, 300);
    const rows = (RECENT_MARGIN * 300) / 0.2;
    expect(plan).toEqual({ kind: 'recent', floor: Math.floor(40_000 - rows / 0.75) });
  });

  it('gathers every match when the range would be the whole table or the word is not listed', () => {
    expect(windowPlan(0, spread, 300)).toEqual({ kind: 'gather' });
    expect(windowPlan(0.01, spread, 300)).toEqual({ kind: 'gather' });
    expect(windowPlan(0.2, { newestSeq: 3000, density: 1 }, 300)).toEqual({ kind: 'gather' });
  });
});

const url = testPostgresUrl();

describe.runIf(url)('PostgreSQL search windows from the recent range', () => {
  const schema = `khabar_test_${randomBytes(6).toString('hex')}`;
  const client = () => new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 2 });

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('answers the same pages whether the window is walked, gathered or read from the recent range', async () => {
    // Half the articles, every other one, hold زيتون; the older half hold رمان, so that the recent
    // range holds too few of its matches and the older rows are read as well.
    const count = 2000;
    const articles = generateArticles(count, 5).map((article, index) => ({
      ...article,
      body: [
        ...article.body,
        [index % 2 === 0 ? 'زيتون' : '', index < count / 2 ? 'رمان' : ''].join(' ').trim() || 'خبر',
      ],
    }));
    const store = await createPostgresStore(url as string, { schema });
    await store.upsertMany(articles);
    await store.close();
    const queries = ['زيتون', 'رمان', 'زيتون رمان', 'الحكومة زيتون', 'الحكومة'];
    const pool = client();
    try {
      const statements: string[] = [];
      const pagesOf = async () => {
        const search = postgresSearch(async (sql, params) => {
          statements.push(sql);
          return (await pool.query(sql, params)).rows;
        });
        const pages: string[][] = [];
        for (const q of queries) {
          const ids: string[] = [];
          let cursor: string | undefined;
          do {
            const page = await search.search({ q, limit: 100, cursor, collapse: 'none' });
            ids.push(...page.items.map((hit) => hit.article.id));
            cursor = page.nextCursor ?? undefined;
          } while (cursor !== undefined);
          pages.push(ids);
        }
        return pages;
      };
      // Before ANALYZE nothing is known of the lexemes and every window is walked.
      const walked = await pagesOf();
      expect(statements.some((sql) => sql.includes('newest_recent'))).toBe(false);
      await pool.query('ANALYZE articles');
      statements.length = 0;
      const planned = await pagesOf();
      expect(statements.some((sql) => sql.includes('newest_recent'))).toBe(true);
      expect(planned).toEqual(walked);
      // The window is the newest RANKED_WINDOW matches, however found.
      const newest = (holds: (index: number) => boolean) =>
        new Set(
          articles
            .filter((_, index) => holds(index))
            .slice(-RANKED_WINDOW)
            .map((article) => article.id),
        );
      expect(new Set(planned[0])).toEqual(newest((index) => index % 2 === 0));
      expect(new Set(planned[1])).toEqual(newest((index) => index < count / 2));
    } finally {
      await pool.end();
    }
  }, 120_000);
});
