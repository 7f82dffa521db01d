import type pg from 'pg';
import { StoreError } from '../errors.ts';

/** One schema change, applied once, in order, under the migration lock. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// Keys of the advisory locks: the first half says "Khabar", the second which schema it guards.
export const MIGRATION_LOCK = 0x6b68_6d01;
export const WRITE_LOCK = 0x6b68_6d02;

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'articles, tags and the full-text index',
    sql: `
      CREATE TABLE articles (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text COLLATE "C" NOT NULL UNIQUE,
        slug text NOT NULL UNIQUE,
        title text NOT NULL,
        title_key text NOT NULL,
        published_at text,
        sort_at text COLLATE "C" NOT NULL,
        agency text,
        publisher text,
        tags text NOT NULL,
        excerpt text NOT NULL,
        word_count integer NOT NULL,
        content_hash text NOT NULL,
        parser_version text NOT NULL,
        origin text NOT NULL CHECK (origin IN ('document', 'appended')),
        search_title text NOT NULL,
        doc text NOT NULL,
        search_body text NOT NULL,
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple'::regconfig, search_title), 'A') ||
          setweight(to_tsvector('simple'::regconfig, search_body), 'B')
        ) STORED
      );
      CREATE INDEX articles_newest ON articles (sort_at DESC, id DESC);
      CREATE INDEX articles_agency ON articles (agency, sort_at DESC, id DESC);
      CREATE INDEX articles_publisher ON articles (publisher, sort_at DESC, id DESC);
      CREATE INDEX articles_title_key ON articles (title_key);
      CREATE INDEX articles_search ON articles USING gin (search_vector);
      -- The titles alone: the newest articles whose title holds every word join the ranked candidates.
      CREATE INDEX articles_title_search ON articles USING gin (to_tsvector('simple'::regconfig, search_title));
      -- Ranking reads the vector of every candidate: kept uncompressed, it is read, not decompressed.
      ALTER TABLE articles ALTER COLUMN search_vector SET STORAGE EXTERNAL;

      CREATE TABLE article_tags (
        tag text NOT NULL,
        article_seq bigint NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
        PRIMARY KEY (tag, article_seq)
      );
      CREATE INDEX article_tags_article ON article_tags (article_seq);
    `,
  },
  {
    version: 2,
    name: 'the page URL of each article',
    // Only rows whose document names a URL are rewritten: an UPDATE of every row would copy the table.
    sql: `
      ALTER TABLE articles ADD COLUMN url text;
      UPDATE articles SET url = doc::json ->> 'url'
      WHERE strpos(doc, '"url":"') > 0 AND doc::json ->> 'url' IS NOT NULL;
      CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
    `,
  },
];

/**
 * Creates the schema (when one is named) if missing and applies the migrations it lacks, in one transaction under an
 * advisory lock, so API processes starting together migrate once.
 */
export async function migratePostgres(
  client: pg.PoolClient,
  schema: string | undefined,
  migrations: readonly Migration[] = POSTGRES_MIGRATIONS,
): Promise<void> {
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK, schema ?? '']);
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    await client.query(`CREATE TABLE IF NOT EXISTS migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM migrations');
    const applied = new Set(rows.map((row) => row.version));
    const known = Math.max(0, ...migrations.map((migration) => migration.version));
    const newest = Math.max(0, ...applied);
    if (newest > known) {
      throw new StoreError(
        'migration_failed',
        `the database is at schema version ${newest}, newer than this Khabar knows (${known})`,
      );
    }
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (error instanceof StoreError) throw error;
    throw new StoreError('migration_failed', `could not migrate the database: ${(error as Error).message}`);
  }
}

/** A schema name as an SQL identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
