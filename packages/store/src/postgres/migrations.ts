import type pg from 'pg';
import { runStepsAsync } from '../core/dialect.ts';
import { type Migration, type MigrationRecord, migrationError, migrationSteps } from '../core/migrate.ts';

// Keys of the advisory locks: the first half says "Khabar", the second which schema it guards.
export const MIGRATION_LOCK = 0x6b68_6d01;
export const WRITE_LOCK = 0x6b68_6d02;

/**
 * The full-text indexes. The first bulk load of an empty store drops them and builds them again after
 * its last batch, which takes a fraction of the time their upkeep row by row does (see `postgres-store.ts`).
 */
export const SEARCH_INDEXES = [
  { name: 'articles_search', on: 'articles USING gin (search_vector)' },
  // The titles alone: the newest articles whose title holds every word join the ranked candidates.
  {
    name: 'articles_title_search',
    on: "articles USING gin (to_tsvector('simple'::regconfig, search_title))",
  },
] as const;

/**
 * The statements that create the full-text indexes; `IF NOT EXISTS ` leaves those present alone. They
 * keep no pending list (`fastupdate = off`): with one, every search reads all entries not yet merged, and
 * on a server where autovacuum is slow or off that list grows to thousands and a title lookup from
 * 0.05 ms to 20 ms. Each write pays for merging its own entries instead.
 */
export function createSearchIndexes(ifNotExists: '' | 'IF NOT EXISTS '): string {
  return SEARCH_INDEXES.map(
    ({ name, on }) => `CREATE INDEX ${ifNotExists}${name} ON ${on} WITH (fastupdate = off);`,
  ).join('\n');
}

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
      ${createSearchIndexes('')}
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
  {
    version: 3,
    name: 'large texts compressed with lz4',
    // pglz took a third of the server's time to store a row; lz4 compresses the document and the shadow
    // text several times faster, and reads them back faster too. Values already stored keep pglz and
    // read as before. A server built without lz4 (or older than PostgreSQL 14) keeps pglz.
    sql: `
      DO $$
      BEGIN
        EXECUTE 'ALTER TABLE articles ALTER COLUMN doc SET COMPRESSION lz4,
                 ALTER COLUMN search_body SET COMPRESSION lz4';
      EXCEPTION WHEN feature_not_supported OR syntax_error OR invalid_parameter_value THEN
        NULL;
      END
      $$;
    `,
  },
  {
    version: 4,
    name: 'full-text indexes without a pending list',
    // Stores made before this version kept one (see `createSearchIndexes`): it is turned off and the
    // entries waiting in it merged. An index dropped for a bulk load in progress is built without one.
    sql: `
      DO $$
      DECLARE index_name text;
      BEGIN
        FOREACH index_name IN ARRAY ARRAY['articles_search', 'articles_title_search'] LOOP
          IF to_regclass(index_name) IS NOT NULL THEN
            EXECUTE format('ALTER INDEX %I SET (fastupdate = off)', index_name);
            PERFORM gin_clean_pending_list(to_regclass(index_name));
          END IF;
        END LOOP;
      END
      $$;
    `,
  },
  {
    version: 5,
    name: 'stories: the story of each article, the stories, band keys and confirmed pairs',
    // Stored articles become stories of one with their sketches owed (version 0): the store computes
    // the sketches and the real stories when it opens (see `backfillStories`), in bounded batches.
    sql: `
      CREATE TABLE article_stories (
        article_seq bigint PRIMARY KEY REFERENCES articles (seq) ON DELETE CASCADE,
        story_id text COLLATE "C" NOT NULL,
        -- STORY_FINGERPRINT_VERSION of the sketch and bands; 0 while they are owed.
        sketch_version integer NOT NULL,
        -- The band keys, as float64 little-endian: what to remove from the band index when the body goes.
        bands bytea,
        sketch bytea
      );
      CREATE INDEX article_stories_story ON article_stories (story_id);
      CREATE INDEX article_stories_version ON article_stories (sketch_version);

      CREATE TABLE stories (
        id text COLLATE "C" PRIMARY KEY,
        size integer NOT NULL,
        first_published_at text,
        last_published_at text,
        sort_at text COLLATE "C" NOT NULL
      );
      CREATE INDEX stories_newest ON stories (sort_at DESC, id DESC);

      -- The band index, as sorted runs of band keys and articles (see band-runs.ts).
      CREATE TABLE story_band_runs (
        run bigint PRIMARY KEY,
        token text NOT NULL,
        entries bytea NOT NULL
      );
      -- Sketches, band keys and runs are hashes: compressing them only costs time.
      ALTER TABLE story_band_runs ALTER COLUMN entries SET STORAGE EXTERNAL;
      ALTER TABLE article_stories ALTER COLUMN sketch SET STORAGE EXTERNAL,
        ALTER COLUMN bands SET STORAGE EXTERNAL;

      CREATE TABLE story_pairs (
        first_id text COLLATE "C" NOT NULL,
        second_id text COLLATE "C" NOT NULL,
        PRIMARY KEY (first_id, second_id)
      );
      CREATE INDEX story_pairs_second ON story_pairs (second_id);

      INSERT INTO article_stories (article_seq, story_id, sketch_version) SELECT seq, id, 0 FROM articles;
      INSERT INTO stories (id, size, first_published_at, last_published_at, sort_at)
      SELECT id, 1, published_at, published_at, sort_at FROM articles;
    `,
  },
  {
    version: 6,
    name: "stories: a hash in place of each sketch, 32-bit band keys, pairs kept in the articles' rows, no row for a story of one",
    // The sketch is made again from the document when needed (see SketchCache) rather than written
    // with every article, and a story of one has no row: both cut what each write adds. The stored
    // band keys change form, so every article's sketch is owed again and the stories start over from
    // stories of one, as in version 5.
    sql: `
      DELETE FROM story_band_runs;
      -- A confirmed pair is kept in the row of the article it was found for: the seqs of its partners,
      -- float64 little-endian each. The story's rows hold all its pairs, and a write adds no row of its own.
      DROP TABLE story_pairs;
      ALTER TABLE article_stories ADD COLUMN partners bytea;
      -- sketch_hash is the sketch's hash (see sketchHash): whether a body still has the sketch its
      -- pairs were made with. From now on bands holds each band's 32-bit hash, little-endian, in band order.
      ALTER TABLE article_stories DROP COLUMN sketch, ADD COLUMN sketch_hash bigint;
      UPDATE article_stories SET sketch_version = 0, bands = NULL, story_id = articles.id
      FROM articles WHERE articles.seq = article_stories.article_seq;
      -- A story of one has no row in stories from now on.
      DELETE FROM stories;
    `,
  },
  {
    version: 7,
    name: 'stories: the band index keeps the entries of the newest articles pending, after a watermark',
    // See band-runs.ts: the articles after the watermark have their band entries in no run. Every
    // entry stored so far is in a run, so the watermark starts after the last article.
    sql: `
      CREATE TABLE story_band_state (
        id integer PRIMARY KEY CHECK (id = 1),
        watermark bigint NOT NULL,
        token text NOT NULL
      );
      INSERT INTO story_band_state (id, watermark, token)
      SELECT 1, coalesce(max(seq), 0), '' FROM articles;
    `,
  },
  {
    version: 8,
    name: 'no planner statistics for the texts no query filters on',
    // ANALYZE read every document and shadow text in full (out of their compressed storage) for
    // statistics no plan uses: no query compares these columns to a value. Without them ANALYZE of
    // 19,570 SaudiNewsNet articles takes about 40% less time (180 to 200 ms against 290 to 320, run
    // alternately); most of what is left is the search vectors' lexeme statistics, which the search
    // windows are planned from.
    sql: `
      ALTER TABLE articles
        ALTER COLUMN doc SET STATISTICS 0,
        ALTER COLUMN search_body SET STATISTICS 0,
        ALTER COLUMN search_title SET STATISTICS 0,
        ALTER COLUMN title SET STATISTICS 0,
        ALTER COLUMN excerpt SET STATISTICS 0,
        ALTER COLUMN tags SET STATISTICS 0;
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
  const record: MigrationRecord = {
    begin: [
      { sql: 'BEGIN', params: [] },
      { sql: 'SELECT pg_advisory_xact_lock($1, hashtext($2))', params: [MIGRATION_LOCK, schema ?? ''] },
      ...(schema === undefined
        ? []
        : [{ sql: `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`, params: [] }]),
    ],
    createTable: `CREATE TABLE IF NOT EXISTS migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`,
    record: (migration) => ({
      sql: 'INSERT INTO migrations (version, name) VALUES ($1, $2)',
      params: [migration.version, migration.name],
    }),
  };
  try {
    await runStepsAsync(migrationSteps(record, migrations), async (query) => {
      // A script runs as several statements only without parameters (the simple query protocol).
      const result = query.script
        ? await client.query(query.sql)
        : await client.query(query.sql, query.params);
      return result.rows ?? [];
    });
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw migrationError(error);
  }
  try {
    if ((await missingSearchIndexes(client)).length > 0) {
      // A bulk load that stopped before its end left them unbuilt. Built under the write lock, as the
      // loader builds them: several processes opening at once build them once, and none while a load
      // that is still running holds the lock between its batches' transactions.
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [WRITE_LOCK]);
        await buildMissingSearchIndexes(client);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    }
  } catch (error) {
    throw migrationError(error);
  }
}

/** The full-text indexes that are not there, looked up without taking any lock on the table. */
async function missingSearchIndexes(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    'SELECT name FROM unnest($1::text[]) AS name WHERE to_regclass(name) IS NULL',
    [SEARCH_INDEXES.map(({ name }) => name)],
  );
  return rows.map((row) => row.name);
}

/**
 * Builds the full-text indexes that are missing: a bulk load builds them after its last batch, and one
 * that stopped before left them unbuilt. The caller holds the write lock, in a transaction.
 */
export async function buildMissingSearchIndexes(client: pg.PoolClient): Promise<void> {
  if ((await missingSearchIndexes(client)).length > 0)
    await client.query(createSearchIndexes('IF NOT EXISTS '));
}

/** A schema name as an SQL identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
