import type { Article } from '@khabar/schema';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { BODY_WEIGHT, TITLE_WEIGHT } from '../src/ranking.ts';
import { wordsOf } from './reader-queries.ts';

/**
 * Something that answers a query with article ids, best first; a result that stands for several
 * articles (one hit per story) gives them all, its own id first.
 */
export interface SearchSystem {
  name: string;
  search(query: string, limit: number): Promise<(string | string[])[]>;
  close(): Promise<void>;
}

/** Plain FTS5: the unicode61 tokenizer over the raw title and body, the reader's words ANDed, bm25. */
export function rawFts5(articles: readonly Article[]): SearchSystem {
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE raw USING fts5 (title, body, tokenize = 'unicode61')");
  const insert = db.prepare('INSERT INTO raw (rowid, title, body) VALUES (?, ?, ?)');
  db.transaction(() => {
    articles.forEach((article, index) => {
      insert.run(index + 1, article.title, article.body.join('\n'));
    });
  })();
  const search = db.prepare(
    `SELECT rowid FROM raw WHERE raw MATCH ? ORDER BY bm25(raw, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) LIMIT ?`,
  );
  return {
    name: 'FTS5 unicode61, raw text',
    async search(query, limit) {
      const words = wordsOf(query);
      if (words.length === 0) return [];
      const match = words.map((word) => `"${word.replaceAll('"', '""')}"`).join(' ');
      return (search.pluck().all(match, limit) as number[]).map(
        (rowid) => (articles[rowid - 1] as Article).id,
      );
    },
    async close() {
      db.close();
    },
  };
}

/** PostgreSQL's own `arabic` text search configuration (Snowball stemmer) over the raw title and body. */
export async function postgresArabic(pool: pg.Pool, articles: readonly Article[]): Promise<SearchSystem> {
  await pool.query(`CREATE TABLE raw_articles (
    id text PRIMARY KEY,
    title text NOT NULL,
    body text NOT NULL,
    vector tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('arabic'::regconfig, title), 'A') || setweight(to_tsvector('arabic'::regconfig, body), 'B')
    ) STORED
  )`);
  for (let start = 0; start < articles.length; start += 1000) {
    const rows = articles
      .slice(start, start + 1000)
      .map((article) => ({ id: article.id, title: article.title, body: article.body.join('\n') }));
    await pool.query(
      'INSERT INTO raw_articles (id, title, body) SELECT id, title, body FROM json_populate_recordset(NULL::raw_articles, $1::json)',
      [JSON.stringify(rows)],
    );
  }
  await pool.query('CREATE INDEX raw_articles_vector ON raw_articles USING gin (vector)');
  await pool.query('ANALYZE raw_articles');
  const weights = `'{0, 0, ${BODY_WEIGHT / TITLE_WEIGHT}, 1}'`;
  return {
    name: "PostgreSQL 'arabic' config, raw text",
    async search(query, limit) {
      const { rows } = await pool.query<{ id: string }>(
        `SELECT id FROM raw_articles, plainto_tsquery('arabic', $1) AS terms WHERE vector @@ terms
         ORDER BY ts_rank_cd(${weights}, vector, terms) DESC, id LIMIT $2`,
        [query, limit],
      );
      return rows.map((row) => row.id);
    },
    async close() {},
  };
}
