import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
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
import type { StoryState } from '../test/story-invariants.ts';
import { runSteps, sqliteDialect } from './core/dialect.ts';
import { storiesStatement } from './core/story-reads.ts';
import { bandIndexSteps } from './core/story-writes.ts';
import { createSqliteStore, openStore, type SqliteStoreOptions, StoreError } from './index.ts';
import { migrateSqlite, SQLITE_MIGRATIONS } from './sqlite/migrations.ts';
import { sqliteSearch } from './sqlite/search.ts';
import { workerExecArgv } from './sqlite/search-threads.ts';
import { HOSPITAL, HOSPITAL_REWRITE } from './stories/test-articles.ts';

const execFileAsync = promisify(execFile);

async function sqliteHarness(options: SqliteStoreOptions = {}): Promise<StoreHarness> {
  const folder = mkdtempSync(join(tmpdir(), 'khabar-store-'));
  const location = join(folder, 'nested', 'khabar.db');
  const store = await openStore(location, options);
  const inspect = <T>(work: (db: Database.Database) => T): T => {
    const db = new Database(location);
    try {
      return work(db);
    } finally {
      db.close();
    }
  };
  return {
    store,
    location,
    schema: undefined,
    reopen: () => createSqliteStore(location, options),
    digest: async () =>
      inspect((db) => {
        const hash = createHash('sha256');
        for (const table of ['articles', 'article_tags', 'migrations']) {
          for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).iterate()) {
            hash.update(JSON.stringify(row));
          }
        }
        return hash.digest('hex');
      }),
    damageDocument: async (id) => {
      inspect((db) => db.prepare('UPDATE articles SET doc = substr(doc, 1, 40) WHERE id = ?').run(id));
    },
    integrity: async () =>
      inspect((db) => {
        const result = db.pragma('integrity_check', { simple: true });
        if (result !== 'ok') return String(result);
        // The FTS5 index must hold exactly the shadow text of every row.
        db.prepare("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)").run();
        return 'ok';
      }),
    migrations: SQLITE_MIGRATIONS.length,
    migrationCount: async () =>
      inspect((db) => db.prepare('SELECT count(*) FROM migrations').pluck().get() as number),
    storyState: async () =>
      inspect((db) => ({
        articles: db
          .prepare('SELECT seq, id, published_at, sort_at FROM articles')
          .all() as StoryState['articles'],
        memberships: db
          .prepare('SELECT article_seq, story_id, sketch_version, partners, bands FROM article_stories')
          .all() as StoryState['memberships'],
        bandIndex: runSteps(bandIndexSteps(sqliteDialect), (query) => {
          const statement = db.prepare(query.sql);
          return statement.all(...query.params);
        }),
        stories: db
          .prepare('SELECT id, size, first_published_at, last_published_at, sort_at FROM stories')
          .all() as StoryState['stories'],
      })),
    dispose: async () => {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

describeStore('SQLite store', () => sqliteHarness());
describeWatch('SQLite store', () => sqliteHarness());
describeStories('SQLite store', () => sqliteHarness());
// The same behaviour when searches run on threads with connections of their own.
describeStore('SQLite store searching on two threads', () => sqliteHarness({ searchThreads: 2 }));

describe('SQLite store: listing stories of one', () => {
  it('merges the two newest-first indexes rather than sorting every article', async () => {
    const harness = await sqliteHarness();
    try {
      const db = new Database(harness.location, { readonly: true });
      try {
        for (const query of [{ minSize: 1 }, { minSize: 1, tag: 'الصحة' }]) {
          const statement = storiesStatement(sqliteDialect, query, 20);
          const plan = (
            db.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...statement.params) as { detail: string }[]
          )
            .map((row) => row.detail)
            .join('\n');
          expect(plan).toContain('MERGE (UNION ALL)');
          expect(plan).toContain('SCAN stories USING INDEX stories_newest');
          expect(plan).toContain('SCAN a USING INDEX articles_newest');
          expect(plan).not.toContain('TEMP B-TREE');
        }
      } finally {
        db.close();
      }
    } finally {
      await harness.dispose();
    }
  });
});

describe('SQLite store: the pairs of a story', () => {
  it('leaves no pair naming a deleted article, in whichever row the pair was kept', async () => {
    const harness = await sqliteHarness();
    try {
      const { store } = harness;
      const first = buildArticle({
        title: 'مستشفى جديد في تبوك',
        publishedAt: '2024-03-01T08:00:00',
        body: HOSPITAL,
      });
      const second = buildArticle({
        title: 'تبوك تستقبل مستشفى جديدا',
        publishedAt: '2024-03-02T08:00:00',
        body: HOSPITAL_REWRITE,
      });
      await store.upsert(first);
      await store.upsert(second);
      // The first article's body changes (a sentence dropped): its pair is found again, and kept in its row.
      await store.upsert({
        ...first,
        body: HOSPITAL.slice(0, -1),
        provenance: { ...first.provenance, contentHash: 'c'.repeat(64) },
      });
      const db = new Database(harness.location, { readonly: true });
      const partners = (id: string) =>
        db
          .prepare(
            `SELECT s.partners FROM article_stories AS s JOIN articles AS a ON a.seq = s.article_seq WHERE a.id = ?`,
          )
          .pluck()
          .get(id) as Buffer | null;
      try {
        expect(partners(first.id)?.length).toBe(8);
        expect(partners(second.id)).toBeNull();
        expect(await store.storyClusters()).toEqual([
          { story: first.id, articles: [first.id, second.id].sort() },
        ]);
        await store.delete(second.id);
        expect(partners(first.id)).toBeNull();
        // The deleted article's seq (the highest) is taken by the next article: it joins nothing.
        const next = buildArticle({
          title: 'الهلال يفوز',
          publishedAt: '2024-03-03T08:00:00',
          body: ['فاز الهلال.'],
        });
        await store.upsert(next);
        expect(await store.storyClusters()).toEqual([]);
        expect((await store.get(first.id))?.story).toEqual({
          id: first.id,
          size: 1,
          firstPublishedAt: first.publishedAt,
        });
      } finally {
        db.close();
      }
    } finally {
      await harness.dispose();
    }
  });
});

describe('SQLite search', () => {
  const first = buildArticle({ title: 'افتتاح محطة تحلية في الإسكندرية', body: ['نص الخبر الأول.'] });
  const second = buildArticle({ title: 'معرض الكتاب في الإسكندرية', body: ['نص الخبر الثاني.'] });

  it.each([
    [0, 'another connection'],
    [0, 'the store itself'],
    [1, 'another connection'],
    [1, 'the store itself'],
  ] as const)(
    'with %i search threads, sees the changes %s makes at once, even to a row it ranked before',
    async (searchThreads, writer) => {
      const harness = await sqliteHarness({ searchThreads });
      const secondConnection = await createSqliteStore(harness.location);
      const other = writer === 'the store itself' ? harness.store : secondConnection;
      try {
        await harness.store.upsert(first);
        const before = await harness.store.search({ q: 'الإسكندرية' });
        expect(before.items.map((hit) => hit.article.id)).toEqual([first.id]);
        // The last row deleted, the next insert takes its rowid: what was known about the row is stale.
        await other.delete(first.id);
        await other.upsert(second);
        // Ranked as a connection that never saw the old row ranks it: the title now holds both words.
        const after = await harness.store.search({ q: 'معرض الإسكندرية' });
        const fresh = await createSqliteStore(harness.location);
        const expected = await fresh.search({ q: 'معرض الإسكندرية' });
        await fresh.close();
        expect(after.items.map((hit) => [hit.article.id, hit.score])).toEqual(
          expected.items.map((hit) => [hit.article.id, hit.score]),
        );
        expect(after.items.map((hit) => hit.article.id)).toEqual([second.id]);
      } finally {
        await secondConnection.close();
        await harness.dispose();
      }
    },
  );

  it('lets a process whose store has idle search threads exit without closing it', async () => {
    const harness = await sqliteHarness();
    try {
      await harness.store.upsert(first);
      const script = [
        `import { createSqliteStore } from ${JSON.stringify(new URL('./index.ts', import.meta.url).href)};`,
        `const store = await createSqliteStore(${JSON.stringify(harness.location)}, { searchThreads: 2 });`,
        "const page = await store.search({ q: 'محطة' });",
        'console.log(page.items.length);',
      ].join('\n');
      const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', script], {
        timeout: 4000,
      });
      expect(stdout.trim()).toBe('1');
    } finally {
      await harness.dispose();
    }
  });

  it('starts search threads with the flags of this process that a worker can take', () => {
    expect(
      workerExecArgv([
        '--input-type=module',
        '-e',
        'code',
        '--enable-source-maps',
        '--print',
        'code',
        '--eval=code',
        '--max-old-space-size=512',
      ]),
    ).toEqual(['--enable-source-maps', '--max-old-space-size=512']);
  });

  it('compacts the full-text index of many batches into one segment, answering as before', async () => {
    const harness = await sqliteHarness({ searchThreads: 1 });
    try {
      const towns = ['تبوك', 'جدة', 'الطائف', 'أبها', 'حائل', 'نجران'];
      for (const [batch, town] of towns.entries()) {
        await harness.store.upsertMany(
          Array.from({ length: 40 }, (_, index) =>
            buildArticle({
              title: `افتتاح مدرسة رقم ${batch * 40 + index} في ${town}`,
              publishedAt: `2024-0${(index % 9) + 1}-1${batch}T08:00:00`,
              body: [`استقبلت المدرسة الجديدة في ${town} طلابها في يومها الأول رقم ${index}.`],
            }),
          ),
        );
      }
      const segments = () => {
        const db = new Database(harness.location, { readonly: true });
        try {
          return db.prepare('SELECT count(DISTINCT segid) FROM articles_fts_idx').pluck().get() as number;
        } finally {
          db.close();
        }
      };
      const queries = ['مدرسة', 'جدة', 'افتتاح الطائف', 'طلاب يوم'];
      const before = await Promise.all(queries.map((q) => harness.store.search({ q, limit: 50 })));
      expect(segments()).toBeGreaterThan(1);
      await harness.store.compact();
      expect(segments()).toBe(1);
      expect(await Promise.all(queries.map((q) => harness.store.search({ q, limit: 50 })))).toEqual(before);
      expect(await harness.integrity()).toBe('ok');
    } finally {
      await harness.dispose();
    }
  });

  it('highlights the body in a file kept in UTF-16, made before the store opened it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'khabar-utf16-'));
    try {
      const location = join(folder, 'khabar.db');
      const made = new Database(location);
      made.pragma("encoding = 'UTF-16le'");
      made.exec('CREATE TABLE made_elsewhere (x)');
      made.close();
      for (const searchThreads of [0, 1]) {
        const store = await createSqliteStore(location, { searchThreads });
        try {
          await store.upsert(first);
          const [hit] = (await store.search({ q: 'نص الخبر' })).items;
          expect(hit?.highlights.map((part) => part.field)).toContain('body');
        } finally {
          await store.close();
        }
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reads what ranking needs of the newest articles once when warmed, not query by query', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'khabar-store-warm-'));
    try {
      const location = join(folder, 'khabar.db');
      const store = await createSqliteStore(location);
      await store.upsertMany(generateArticles(40, 3));
      await store.close();
      // Searches on a connection of their own, counting the statements that read ranking's titles;
      // `between` runs after the first search.
      const titleReads = (warm: boolean, between: () => void = () => {}) => {
        const db = new Database(location, { readonly: true });
        try {
          // Every run of a statement, by its SQL.
          const statements: string[] = [];
          const prepare = db.prepare.bind(db);
          db.prepare = ((sql: string) => {
            const statement = prepare(sql);
            const all = statement.all.bind(statement);
            statement.all = ((...params: unknown[]) => {
              statements.push(sql);
              return all(...params);
            }) as typeof statement.all;
            return statement;
          }) as typeof db.prepare;
          const search = sqliteSearch(db);
          if (warm) search.warm(1000);
          // Titles read for a query's hits (warming reads them by another statement).
          const reads = () =>
            statements.filter((sql) => sql.includes('search_title, title,') && sql.includes('json_each'))
              .length;
          statements.length = 0;
          const hits = search.search({ q: 'الحكومة' }).items.length;
          const first = reads();
          between();
          statements.length = 0;
          search.search({ q: 'الحكومة' });
          return { hits, reads: first, again: reads() };
        } finally {
          db.close();
        }
      };
      const cold = titleReads(false);
      const warmed = titleReads(true);
      expect(cold.hits).toBeGreaterThan(0);
      expect(warmed.hits).toBe(cold.hits);
      expect(cold.reads).toBeGreaterThan(0);
      expect(warmed.reads).toBe(0);
      // Another connection commits after warming: what was kept is read again.
      const written = titleReads(true, () => {
        const writer = new Database(location);
        writer.prepare("UPDATE articles SET excerpt = excerpt || ' ' WHERE seq = 1").run();
        writer.close();
      });
      expect([written.reads, written.again > 0]).toEqual([0, true]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reports a bad cursor from a search thread as the store error it is', async () => {
    const harness = await sqliteHarness({ searchThreads: 1 });
    try {
      const error = await harness.store
        .search({ q: 'الإسكندرية', cursor: 'not-a-cursor' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('invalid_cursor');
    } finally {
      await harness.dispose();
    }
  });

  it('refuses to search once closed, and refuses a negative number of threads', async () => {
    const harness = await sqliteHarness({ searchThreads: 1 });
    await harness.store.upsert(first);
    expect((await harness.store.search({ q: 'محطة' })).items).toHaveLength(1);
    await harness.store.close();
    const error = await harness.store.search({ q: 'محطة' }).catch((caught: unknown) => caught);
    expect((error as StoreError).code).toBe('unavailable');
    await expect(createSqliteStore(harness.location, { searchThreads: -1 })).rejects.toThrow(RangeError);
    await harness.dispose();
  });
});

describe('SQLite store files', () => {
  it('creates the folders, uses WAL and records its migrations', async () => {
    const harness = await sqliteHarness();
    try {
      const db = new Database(harness.location, { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT version, name FROM migrations').all()).toEqual([
        { version: 1, name: 'articles, tags and the full-text index' },
        { version: 2, name: 'the page URL of each article' },
        {
          version: 3,
          name: 'stories: the story of each article, the stories, band keys and confirmed pairs',
        },
        {
          version: 4,
          name: "stories: a hash in place of each sketch, 32-bit band keys, pairs kept in the articles' rows, no row for a story of one",
        },
        {
          version: 5,
          name: 'stories: the band index keeps the entries of the newest articles pending, after a watermark',
        },
      ]);
      db.close();
    } finally {
      await harness.dispose();
    }
  });

  it('upgrades a database of version 1: URLs taken from the documents, page fields read as null', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'khabar-store-'));
    const location = join(folder, 'older.db');
    const { older, paged, rows } = olderRows();
    const db = new Database(location);
    migrateSqlite(db, SQLITE_MIGRATIONS.slice(0, 1));
    const columns = Object.keys(rows[0] as object);
    const insert = db.prepare(
      `INSERT INTO articles (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`,
    );
    for (const row of rows) insert.run(row);
    db.close();
    const store = await createSqliteStore(location);
    try {
      const upgraded = new Database(location, { readonly: true });
      expect(upgraded.prepare('SELECT id, url FROM articles ORDER BY seq').all()).toEqual([
        { id: older.id, url: null },
        { id: paged.id, url: paged.url },
      ]);
      const plan = upgraded.prepare('EXPLAIN QUERY PLAN SELECT id FROM articles WHERE url = ?').all('x');
      expect(JSON.stringify(plan)).toContain('articles_url');
      upgraded.close();
      await expectUpgradedReads(store, { older, paged, rows });
    } finally {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('upgrades a database of version 2: its articles get their stories when it opens', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'khabar-store-'));
    const location = join(folder, 'older.db');
    const older = rowsBeforeStories();
    const db = new Database(location);
    migrateSqlite(db, SQLITE_MIGRATIONS.slice(0, 2));
    const columns = Object.keys(older.rows[0] as object);
    const insert = db.prepare(
      `INSERT INTO articles (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`,
    );
    db.transaction(() => {
      for (const row of older.rows) insert.run(row);
    })();
    db.close();
    const store = await createSqliteStore(location);
    try {
      const upgraded = new Database(location, { readonly: true });
      expect(
        upgraded.prepare('SELECT count(*) FROM article_stories WHERE sketch_version = 0').pluck().get(),
      ).toBe(0);
      upgraded.close();
      await expectBackfilledStories(store, older);
    } finally {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('upgrades a database of version 3: its stories are made again, whatever it held', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'khabar-store-'));
    const location = join(folder, 'older.db');
    const older = rowsBeforeStories();
    const db = new Database(location);
    migrateSqlite(db, SQLITE_MIGRATIONS.slice(0, 3));
    const columns = Object.keys(older.rows[0] as object);
    const insert = db.prepare(
      `INSERT INTO articles (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`,
    );
    // Stories as version 3 kept them: a sketch and float64 band keys per article. Two articles that are
    // not one story are paired, and all are filed under one band key: none of it may outlive the upgrade.
    const [unrelated, another] = older.others;
    db.transaction(() => {
      for (const row of older.rows) insert.run(row);
      db.prepare(
        `INSERT INTO article_stories (article_seq, story_id, sketch_version, bands, sketch)
         SELECT seq, ?, 2, zeroblob(384), zeroblob(2000) FROM articles`,
      ).run(unrelated?.id);
      db.prepare('INSERT INTO story_pairs (first_id, second_id) VALUES (?, ?)').run(
        ...[unrelated?.id, another?.id].sort(),
      );
      db.prepare(
        `INSERT INTO stories (id, size, first_published_at, last_published_at, sort_at)
         SELECT ?, count(*), min(published_at), max(published_at), max(sort_at) FROM articles`,
      ).run(unrelated?.id);
      db.prepare("INSERT INTO story_band_runs (run, token, entries) VALUES (1, 'old', zeroblob(24))").run();
    })();
    db.close();
    const store = await createSqliteStore(location);
    try {
      const upgraded = new Database(location, { readonly: true });
      const columnsNow = upgraded
        .prepare('SELECT name FROM pragma_table_info(?)')
        .pluck()
        .all('article_stories');
      expect(columnsNow).toEqual([
        'article_seq',
        'story_id',
        'sketch_version',
        'bands',
        'partners',
        'sketch_hash',
      ]);
      expect(upgraded.prepare("SELECT count(*) FROM story_band_runs WHERE token = 'old'").pluck().get()).toBe(
        0,
      );
      upgraded.close();
      await expectBackfilledStories(store, older);
    } finally {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('gives stories to articles written with none, and opens despite a document it cannot read', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'khabar-store-'));
    const location = join(folder, 'older.db');
    const older = rowsBeforeStories();
    const db = new Database(location);
    migrateSqlite(db);
    const columns = Object.keys(older.rows[0] as object);
    const insert = db.prepare(
      `INSERT INTO articles (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`,
    );
    // Articles written by a version that kept no stories: no story row at all. One document is damaged.
    const damaged = older.others[3] as (typeof older.others)[number];
    db.transaction(() => {
      for (const row of older.rows) insert.run(row.id === damaged.id ? { ...row, doc: '{"body": [' } : row);
    })();
    db.close();
    const store = await createSqliteStore(location);
    try {
      const upgraded = new Database(location, { readonly: true });
      expect(upgraded.prepare('SELECT count(*) FROM article_stories').pluck().get()).toBe(older.rows.length);
      upgraded.close();
      await expectBackfilledStories(store, older);
    } finally {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a database from a newer Khabar', async () => {
    const harness = await sqliteHarness();
    await harness.store.close();
    const db = new Database(harness.location);
    db.prepare("INSERT INTO migrations VALUES (99, 'from the future', '2030-01-01')").run();
    db.close();
    const error = await createSqliteStore(harness.location).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('migration_failed');
    await harness.dispose();
  });

  it('reports a file that is not a database as corrupt', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'khabar-store-'));
    const location = join(folder, 'not-a.db');
    writeFileSync(location, 'this is a text file, not SQLite '.repeat(200));
    try {
      const error = await openStore(location).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('corrupt');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
