import type Database from 'better-sqlite3';
import { runSteps } from '../core/dialect.ts';
import { type Migration, type MigrationRecord, migrationError, migrationSteps } from '../core/migrate.ts';

/**
 * The trigger that indexes each inserted row. A large batch drops it inside its transaction, indexes
 * its new rows in one statement and creates it again before committing (see `writes.ts`).
 */
export const FTS_INSERT_TRIGGER = `CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, search_title, search_body)
        VALUES (new.seq, new.search_title, new.search_body);
      END`;

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'articles, tags and the full-text index',
    sql: `
      CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        slug TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        title_key TEXT NOT NULL,
        published_at TEXT,
        sort_at TEXT NOT NULL,
        agency TEXT,
        publisher TEXT,
        tags TEXT NOT NULL,
        excerpt TEXT NOT NULL,
        word_count INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        parser_version TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('document', 'appended')),
        -- Before the large doc: ranking reads search_title of many rows, and a column after doc
        -- would cost a walk through its overflow pages.
        search_title TEXT NOT NULL,
        doc TEXT NOT NULL,
        -- One line of terms per body paragraph: the index reads it, highlighting picks paragraphs by it.
        search_body TEXT NOT NULL
      );
      CREATE INDEX articles_newest ON articles (sort_at DESC, id DESC);
      CREATE INDEX articles_agency ON articles (agency, sort_at DESC, id DESC);
      CREATE INDEX articles_publisher ON articles (publisher, sort_at DESC, id DESC);
      CREATE INDEX articles_title_key ON articles (title_key);

      CREATE TABLE article_tags (
        tag TEXT NOT NULL,
        article_seq INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
        PRIMARY KEY (tag, article_seq)
      ) WITHOUT ROWID;
      CREATE INDEX article_tags_article ON article_tags (article_seq);

      -- The shadow text is already normalized, lower-cased and split into terms joined by blanks; the
      -- ascii tokenizer splits on those blanks and keeps every other character, so it indexes exactly
      -- those terms, and twice as fast as unicode61.
      CREATE VIRTUAL TABLE articles_fts USING fts5 (
        search_title, search_body,
        content = 'articles', content_rowid = 'seq',
        tokenize = 'ascii'
      );
      -- Ingest commits a segment per batch; merging four at a level (the default) rewrites the index
      -- twice as often as sixteen do. Each segment costs every search term a look-up: compact()
      -- merges them into one after a bulk load.
      INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16);
      ${FTS_INSERT_TRIGGER};
      CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, search_title, search_body)
        VALUES ('delete', old.seq, old.search_title, old.search_body);
      END;
      CREATE TRIGGER articles_fts_update AFTER UPDATE OF search_title, search_body ON articles
      WHEN old.search_title IS NOT new.search_title OR old.search_body IS NOT new.search_body BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, search_title, search_body)
        VALUES ('delete', old.seq, old.search_title, old.search_body);
        INSERT INTO articles_fts (rowid, search_title, search_body)
        VALUES (new.seq, new.search_title, new.search_body);
      END;
    `,
  },
  {
    version: 2,
    name: 'the page URL of each article',
    // Added last, after doc: reading it walks a large document's overflow pages, so lookups take the
    // URL from the index. The rows whose document names a URL get it; older documents name none.
    sql: `
      ALTER TABLE articles ADD COLUMN url TEXT;
      UPDATE articles SET url = json_extract(doc, '$.url') WHERE instr(doc, '"url":"') > 0;
      CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
    `,
  },
  {
    version: 3,
    name: 'stories: the story of each article, the stories, band keys and confirmed pairs',
    // Stored articles become stories of one with their sketches owed (version 0): the store computes
    // the sketches and the real stories when it opens (see `backfillStories`), in bounded batches.
    sql: `
      CREATE TABLE article_stories (
        article_seq INTEGER PRIMARY KEY REFERENCES articles (seq) ON DELETE CASCADE,
        story_id TEXT NOT NULL,
        -- STORY_FINGERPRINT_VERSION of the sketch and bands; 0 while they are owed.
        sketch_version INTEGER NOT NULL,
        -- The band keys, as float64 little-endian: what to remove from the band index when the body goes.
        bands BLOB,
        sketch BLOB
      );
      CREATE INDEX article_stories_story ON article_stories (story_id);
      CREATE INDEX article_stories_version ON article_stories (sketch_version);

      CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        first_published_at TEXT,
        last_published_at TEXT,
        sort_at TEXT NOT NULL
      );
      CREATE INDEX stories_newest ON stories (sort_at DESC, id DESC);

      -- The band index, as sorted runs of band keys and articles (see band-runs.ts).
      CREATE TABLE story_band_runs (
        run INTEGER PRIMARY KEY,
        token TEXT NOT NULL,
        entries BLOB NOT NULL
      );

      CREATE TABLE story_pairs (
        first_id TEXT NOT NULL,
        second_id TEXT NOT NULL,
        PRIMARY KEY (first_id, second_id)
      ) WITHOUT ROWID;
      CREATE INDEX story_pairs_second ON story_pairs (second_id);

      INSERT INTO article_stories (article_seq, story_id, sketch_version) SELECT seq, id, 0 FROM articles;
      INSERT INTO stories (id, size, first_published_at, last_published_at, sort_at)
      SELECT id, 1, published_at, published_at, sort_at FROM articles;
    `,
  },
  {
    version: 4,
    name: "stories: a hash in place of each sketch, 32-bit band keys, pairs kept in the articles' rows, no row for a story of one",
    // The sketch is made again from the document when needed (see SketchCache) rather than written
    // with every article, and a story of one has no row: both cut what each write adds. The stored
    // band keys change form, so every article's sketch is owed again and the stories start over from
    // stories of one, as in version 3.
    sql: `
      DELETE FROM story_band_runs;
      -- A confirmed pair is kept in the row of the article it was found for: the seqs of its partners,
      -- float64 little-endian each. The story's rows hold all its pairs, and a write adds no row of its own.
      DROP TABLE story_pairs;
      ALTER TABLE article_stories ADD COLUMN partners BLOB;
      ALTER TABLE article_stories DROP COLUMN sketch;
      -- The sketch's hash (see sketchHash): whether a body still has the sketch its pairs were made with.
      ALTER TABLE article_stories ADD COLUMN sketch_hash INTEGER;
      -- From now on bands holds each band's 32-bit hash, little-endian, in band order.
      UPDATE article_stories SET sketch_version = 0, bands = NULL,
        story_id = (SELECT id FROM articles WHERE articles.seq = article_stories.article_seq);
      -- A story of one has no row in stories from now on.
      DELETE FROM stories;
    `,
  },
  {
    version: 5,
    name: 'stories: the band index keeps the entries of the newest articles pending, after a watermark',
    // See band-runs.ts: the articles after the watermark have their band entries in no run. Every
    // entry stored so far is in a run, so the watermark starts after the last article.
    sql: `
      CREATE TABLE story_band_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        watermark INTEGER NOT NULL,
        token TEXT NOT NULL
      );
      INSERT INTO story_band_state (id, watermark, token)
      SELECT 1, coalesce(max(seq), 0), '' FROM articles;
    `,
  },
];

/** Applies the migrations the database lacks, all in one immediate transaction. */
export function migrateSqlite(
  db: Database.Database,
  migrations: readonly Migration[] = SQLITE_MIGRATIONS,
): void {
  try {
    runSteps(migrationSteps(SQLITE_RECORD, migrations), (query) => {
      if (query.script) {
        db.exec(query.sql);
        return [];
      }
      const statement = db.prepare(query.sql);
      if (statement.reader) return statement.all(...query.params);
      statement.run(...query.params);
      return [];
    });
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw migrationError(error);
  }
}

const SQLITE_RECORD: MigrationRecord = {
  begin: [{ sql: 'BEGIN IMMEDIATE', params: [] }],
  createTable: `CREATE TABLE IF NOT EXISTS migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`,
  record: (migration) => ({
    sql: 'INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)',
    params: [migration.version, migration.name, new Date().toISOString()],
  }),
};
