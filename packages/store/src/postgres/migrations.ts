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

      CREATE TABLE article_tags (
        tag text NOT NULL,
        article_seq bigint NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
        PRIMARY KEY (tag, article_seq)
      );
      CREATE INDEX article_tags_article ON article_tags (article_seq);

      -- The title score of src/title-score.ts: 10 when every group has a term in the title, plus twice
      -- the share of the title's terms that some group names.
      CREATE FUNCTION title_score(search_title text, groups jsonb) RETURNS float8
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        WITH title AS (
          SELECT coalesce(string_to_array(nullif(search_title, ''), ' '), '{}') AS terms
        ), wanted AS (
          SELECT coalesce(array_agg(term), '{}') AS terms
          FROM jsonb_array_elements(groups) AS grp, jsonb_array_elements_text(grp) AS term
        )
        SELECT
          CASE WHEN NOT EXISTS (
            SELECT 1 FROM jsonb_array_elements(groups) AS grp
            WHERE NOT EXISTS (
              SELECT 1 FROM jsonb_array_elements_text(grp) AS term, title WHERE term = ANY (title.terms)
            )
          ) THEN 10 ELSE 0 END
          + 2 * (SELECT count(*) FROM title, wanted, unnest(title.terms) AS term WHERE term = ANY (wanted.terms))::float8
            / greatest(1, (SELECT cardinality(terms) FROM title))
      $$;
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
