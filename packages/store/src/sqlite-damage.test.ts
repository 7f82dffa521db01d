import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article } from '@khabar/schema';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticles } from '../test/generate-articles.ts';
import { type ArticleStore, createSqliteStore, openStore, StoreError } from './index.ts';

const articles = generateArticles(300, 5, 8);

/** A store of `articles` in a new folder, closed, so that its file is whole (the log checkpointed). */
async function storedFile(folder: string, name: string): Promise<string> {
  const location = join(folder, name);
  const store = await createSqliteStore(location);
  await store.upsertMany(articles);
  await store.close();
  return location;
}

/**
 * Overwrites most of a leaf page of the articles table from the middle of the file with other bytes,
 * as a torn write or a bad disk block would: the 100-byte header on page 1 stays intact.
 */
function damageArticlesPage(location: string): number {
  const db = new Database(location, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db
    .prepare("SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' ORDER BY pageno")
    .pluck()
    .all() as number[];
  db.close();
  const page = pages[Math.floor(pages.length / 2)] as number;
  expect(page).toBeGreaterThan(1);
  const file = openSync(location, 'r+');
  try {
    writeSync(file, Buffer.alloc(pageSize - 16, 0xa5), 0, pageSize - 16, (page - 1) * pageSize + 8);
  } finally {
    closeSync(file);
  }
  return page;
}

/** Every read that can touch the damaged page: each article by id, and every page of the listing. */
async function readEverything(store: ArticleStore): Promise<unknown[]> {
  const errors: unknown[] = [];
  for (const article of articles) {
    await store.get(article.id).catch((error: unknown) => errors.push(error));
  }
  let cursor: string | undefined;
  do {
    const page = await store.list({ limit: 50, ...(cursor ? { cursor } : {}) }).catch((error: unknown) => {
      errors.push(error);
      return null;
    });
    cursor = page?.nextCursor ?? undefined;
  } while (cursor);
  return errors;
}

describe('a SQLite file with a damaged page and an intact header', () => {
  let folder: string;
  let location: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'khabar-store-damage-'));
    location = await storedFile(folder, 'damaged.db');
    damageArticlesPage(location);
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is refused on open with StoreError corrupt naming khabar check', async () => {
    const error = await openStore(location).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('corrupt');
    expect((error as StoreError).message).toContain('quick_check found');
    expect((error as StoreError).message).toContain('khabar check --db');
  });

  it('opens for reads when told to record the damage: damage() says so and writes are refused', async () => {
    const store = await createSqliteStore(location, { openCheck: 'record' });
    try {
      expect(store.damage()).toMatch(/quick_check found/);
      const errors = await readEverything(store);
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) {
        expect(error).toBeInstanceOf(StoreError);
        expect((error as StoreError).code).toBe('corrupt');
      }
      const write = await store.upsert(articles[0] as Article).catch((caught: unknown) => caught);
      expect((write as StoreError).code).toBe('corrupt');
      expect((write as StoreError).message).toMatch(/writes are refused/);
    } finally {
      await store.close();
    }
  });

  it('maps the damage reads meet to StoreError corrupt and records the first for damage()', async () => {
    const store = await createSqliteStore(location, { openCheck: 'off', searchThreads: 1 });
    try {
      expect(store.damage()).toBeNull();
      const errors = await readEverything(store);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((error) => error instanceof StoreError && error.code === 'corrupt')).toBe(true);
      expect(store.damage()).toBe((errors[0] as StoreError).message);
      expect(store.damage()).toMatch(/malformed|corrupt/i);
      await expect(store.upsert(articles[1] as Article)).rejects.toThrow(/writes are refused/);
    } finally {
      await store.close();
    }
  });

  it('is reported line by line by check, quick and full, on a connection of its own', async () => {
    const store = await createSqliteStore(location, { openCheck: 'off' });
    try {
      for (const depth of ['quick', 'full'] as const) {
        const report = await store.check(depth);
        expect(report.depth).toBe(depth);
        expect(report.ok).toBe(false);
        expect(report.problems.length).toBeGreaterThan(0);
        for (const line of report.problems) expect(line).not.toContain('\n');
      }
      expect(store.damage()).toMatch(/quick check/);
    } finally {
      await store.close();
    }
  });
});

describe('SQLite check', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'khabar-store-check-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('finds nothing wrong with a sound store, in a file or in memory', async () => {
    const store = await createSqliteStore(await storedFile(folder, 'sound.db'));
    const memory = await createSqliteStore(':memory:');
    await memory.upsertMany(articles.slice(0, 20));
    try {
      for (const checked of [store, memory]) {
        for (const depth of ['quick', 'full'] as const) {
          expect(await checked.check(depth)).toEqual({ depth, ok: true, problems: [], skipped: [] });
        }
        expect(checked.damage()).toBeNull();
      }
    } finally {
      await store.close();
      await memory.close();
    }
  });

  it('finds a search index out of step with the articles only in a full check', async () => {
    const location = await storedFile(folder, 'index.db');
    const db = new Database(location);
    // Changed behind the triggers' back: the pages are sound, the index no longer matches the text.
    db.exec('DROP TRIGGER articles_fts_update');
    db.prepare("UPDATE articles SET search_body = 'نص اخر' WHERE seq = 7").run();
    db.close();
    const store = await createSqliteStore(location);
    try {
      expect((await store.check('quick')).ok).toBe(true);
      const full = await store.check('full');
      expect(full.ok).toBe(false);
      expect(full.problems).toEqual([expect.stringMatching(/^search index: /)]);
    } finally {
      await store.close();
    }
  });

  it('skips the search index when another writer keeps the lock', async () => {
    const store = await createSqliteStore(await storedFile(folder, 'busy.db'), { busyTimeoutMs: 200 });
    const blocker = new Database(join(folder, 'busy.db'));
    blocker.exec('BEGIN IMMEDIATE');
    try {
      const report = await store.check('full');
      expect(report.ok).toBe(true);
      expect(report.skipped).toEqual([expect.stringMatching(/^search index: not checked/)]);
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
      await store.close();
    }
  });
});
